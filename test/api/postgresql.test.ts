/** The same feeds and API answers on PostgreSQL: the article condition, keyset pages and the search feed. */
import Parser from "rss-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as articlesRoute } from "@/app/api/v1/articles/route";
import { GET as latestOrSearch } from "@/app/feeds/[file]/route";
import { GET as digestFeed } from "@/app/feeds/digest/[file]/route";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";
import { PUBLIC_URL, useTestEnvironment } from "@/test/digest/env";
import { FIXTURE_ARTICLES, seedFeedsDatabase } from "@/test/digest/fixture";

let database: ScratchDatabase;
let ids: Map<string, number>;

beforeAll(async () => {
  database = await createScratchDatabase("postgresql");
  ids = await seedFeedsDatabase(database.db, new Date());
  await useTestEnvironment(database.url);
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

const request = (path: string) => new Request(new URL(path, PUBLIC_URL));
const params = (file: string) => ({ params: Promise.resolve({ file }) });

describe("feeds and API on postgresql", () => {
  it("lists the on-topic articles newest first in the latest feed", async () => {
    const feed = await new Parser().parseString(
      await (await latestOrSearch(request("/feeds/latest.rss"), params("latest.rss"))).text(),
    );
    const expected = FIXTURE_ARTICLES.filter((a) => !a.offTopic)
      .sort((a, b) => a.ageHours - b.ageHours)
      .map((a) => `${PUBLIC_URL}/articles/${ids.get(a.slug)}`);
    expect(feed.items.map((item) => item.guid)).toEqual(expected);
  });

  it("serves a search feed and a digest", async () => {
    const search = await new Parser().parseString(
      await (
        await latestOrSearch(request("/feeds/search.atom?q=scraping"), params("search.atom"))
      ).text(),
    );
    expect(search.items.map((item) => item.id)).toEqual([
      `${PUBLIC_URL}/articles/${ids.get("reddit-sues-anthropic")}`,
    ]);
    const digest = await digestFeed(
      request("/feeds/digest/weekly.json?entity=openai&tz=Asia/Ho_Chi_Minh"),
      params("weekly.json"),
    );
    expect(digest.status).toBe(200);
    expect((await digest.json()).items.length).toBeGreaterThan(0);
  });

  it("pages articles without gaps or duplicates", async () => {
    const all = (
      await (await articlesRoute(request("/api/v1/articles?limit=100"))).json()
    ).data.map((a: { id: number }) => a.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const body: { data: { id: number }[]; nextCursor: string | null } = await (
        await articlesRoute(request(`/api/v1/articles?limit=2${cursor ? `&cursor=${cursor}` : ""}`))
      ).json();
      seen.push(...body.data.map((a) => a.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(6);
    expect(seen).toEqual(all);
  });
});
