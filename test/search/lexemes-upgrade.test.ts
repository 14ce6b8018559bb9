/**
 * A database from before the word forms table: when `npm start` (bootstrap) adds the table, it
 * works out the word forms of the articles already stored, so a word form finds them at once,
 * with no `cli search reindex` by hand. Both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "@/lib/bootstrap";
import { parseConfig } from "@/lib/config";
import {
  createScratchDatabase,
  DATABASE_KINDS,
  type ScratchDatabase,
} from "@/scripts/support/scratch-db";
import { search } from "@/test/helpers/search";

describe.each(DATABASE_KINDS)("word forms after an upgrade on %s", (kind) => {
  let database: ScratchDatabase;

  beforeAll(async () => {
    database = await createScratchDatabase(kind);
    // The database as an older version left it: no word forms table, an article stored.
    await database.db.$executeRawUnsafe(`DROP TABLE "SearchLexeme"`);
    await database.db.$executeRawUnsafe(
      `DELETE FROM "_dw_migrations" WHERE "id" LIKE '%_search_lexemes'`,
    );
    await database.db.article.create({
      data: {
        title: "Newspaper widens its lawsuit against the chatbot maker",
        text: "The paper says the chatbot maker copied thousands of its stories.",
        sourceName: "Wire",
        url: "https://wire.example/upgrade",
        canonicalUrl: "https://wire.example/upgrade",
        contentHash: "lexemes-upgrade",
        language: "en",
        publishedAt: new Date(Date.UTC(2025, 0, 10)),
        relevance: 1,
      },
    });
  }, 120_000);

  afterAll(async () => {
    await database?.drop();
  });

  it("fills the table from the stored articles when the migration adds it", async () => {
    const report = await bootstrap(
      database.db,
      parseConfig({
        DATABASE_URL: database.url,
        DEFAULT_SOURCES: "false",
        LOAD_SAMPLE_DATA: "false",
      }),
    );
    expect(report.migrationsApplied.some((name) => name.endsWith("_search_lexemes"))).toBe(true);
    expect(await database.db.searchLexeme.count()).toBeGreaterThan(0);
    const hits = (await search(database.db, "lawsuits")).hits;
    expect(hits.map((hit) => hit.title)).toEqual([
      "Newspaper widens its lawsuit against the chatbot maker",
    ]);
  });
});
