/**
 * With RELEVANCE_THRESHOLD set away from its default, the search page and its own feed list the
 * same articles: both take the configured threshold (before, the page passed none and searched
 * with the default 0.3 while its feed used the setting).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "@/lib/bootstrap";
import { parseConfig } from "@/lib/config";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";
import { startAppServer, type AppServer } from "@/test/helpers/app-server";

/** Titles after the searched word, so that its <mark> does not split them; and their relevance. */
const ARTICLES = [
  { title: "Zebrafinch lab sued over model weights", relevance: 0.9 },
  { title: "Zebrafinch lab quietly settles a scraping claim", relevance: 0.1 },
  { title: "Zebrafinch recipe blog on training sourdough", relevance: 0.01 },
];

describe("the search page and its feed with RELEVANCE_THRESHOLD=0.05", () => {
  let database: ScratchDatabase;
  let server: AppServer;

  beforeAll(async () => {
    database = await createScratchDatabase("sqlite");
    const env = {
      DATABASE_URL: database.url,
      DEFAULT_SOURCES: "false",
      LOAD_SAMPLE_DATA: "false",
      PAGE_CACHE_SECONDS: "0",
      WEB_CONCURRENCY: "1",
      RELEVANCE_THRESHOLD: "0.05",
    };
    await bootstrap(database.db, parseConfig(env));
    for (const [i, article] of ARTICLES.entries()) {
      await database.db.article.create({
        data: {
          ...article,
          text: `${article.title}. The zebrafinch report names the parties.`,
          sourceName: "Threshold Wire",
          url: `https://threshold.example/${i}`,
          canonicalUrl: `https://threshold.example/${i}`,
          contentHash: `threshold-${i}`,
          language: "en",
          publishedAt: new Date(Date.UTC(2025, 2, 1 + i)),
        },
      });
    }
    server = await startAppServer(env, 180_000);
  }, 300_000);

  afterAll(async () => {
    server?.stop();
    await database?.drop();
  });

  it("lists the articles at or above the setting on the page and in its feed alike", async () => {
    const page = await fetch(`${server.baseUrl}/search?q=zebrafinch`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const feed = await fetch(`${server.baseUrl}/feeds/search.json?q=zebrafinch`);
    expect(feed.status).toBe(200);
    const items = ((await feed.json()) as { items: { title?: string }[] }).items;
    const inFeed = (piece: string) => items.some((item) => item.title?.includes(piece) ?? false);
    for (const [piece, shown] of [
      ["sued over model weights", true],
      ["quietly settles a scraping claim", true],
      ["recipe blog on training sourdough", false],
    ] as const) {
      expect(html.includes(piece), `page: ${piece}`).toBe(shown);
      expect(inFeed(piece), `feed: ${piece}`).toBe(shown);
    }
  });
});
