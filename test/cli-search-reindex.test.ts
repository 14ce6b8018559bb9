/**
 * `cli search reindex` rebuilds a search index that lost its rows (a backup restored without the
 * index, a migration that rebuilt "Article"), on both databases: before it the articles are not
 * found, after it they are, with the same hits as an index kept by its triggers.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createScratchDatabase,
  DATABASE_KINDS,
  type ScratchDatabase,
} from "@/scripts/support/scratch-db";
import { search } from "@/test/helpers/search";

const run = promisify(execFile);

const ARTICLES = [
  {
    title: "Publisher sues model maker over scraped archive",
    text: "The publisher says the crawler copied its archive to train a chatbot.",
  },
  {
    title: "Lab denies distillation claim",
    text: "The lab denies that it distilled a rival's model through its API.",
  },
];

describe.each(DATABASE_KINDS)("cli search reindex on %s", (kind) => {
  let database: ScratchDatabase;

  beforeAll(async () => {
    database = await createScratchDatabase(kind);
    for (const [i, article] of ARTICLES.entries()) {
      await database.db.article.create({
        data: {
          ...article,
          sourceName: "Wire",
          url: `https://wire.example/${i}`,
          canonicalUrl: `https://wire.example/${i}`,
          contentHash: `reindex-${i}`,
          language: "en",
          publishedAt: new Date(Date.UTC(2025, 0, 10 + i)),
          relevance: 1,
        },
      });
    }
  }, 120_000);

  afterAll(async () => {
    await database?.drop();
  });

  it("finds the articles again after the index lost its rows", async () => {
    const ids = async (q: string) => (await search(database.db, q)).hits.map((h) => h.articleId);
    const before = { scraped: await ids("scraped"), distilled: await ids("distilled") };
    expect(before.scraped).toHaveLength(1);
    expect(before.distilled).toHaveLength(1);

    await database.db.$executeRawUnsafe(`DELETE FROM "ArticleSearch"`);
    await database.db.$executeRawUnsafe(`DELETE FROM "ArticleSearchMeta"`);
    expect(await ids("scraped")).toEqual([]);

    const { stdout } = await run("node_modules/.bin/tsx", ["scripts/cli.ts", "search", "reindex"], {
      env: { ...process.env, DATABASE_URL: database.url },
    });
    const report = JSON.parse(stdout.trim()) as { articles: number; seconds: number };
    expect(report.articles).toBe(ARTICLES.length);
    expect({ scraped: await ids("scraped"), distilled: await ids("distilled") }).toEqual(before);
  }, 120_000);
});
