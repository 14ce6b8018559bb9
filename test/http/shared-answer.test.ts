/**
 * API lists and feeds shared per URL (lib/http/shared-answer.ts) on a real SQLite database: one
 * computation for every concurrent request of a URL, the expired answer served while it is computed
 * again, errors never kept, nothing shared with PAGE_CACHE_SECONDS=0; and through the real route
 * handlers, an article stored meanwhile shows once the shared answer is recomputed, with validators
 * and 304s as before.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as articlesRoute } from "@/app/api/v1/articles/route";
import { GET as latestFeedRoute } from "@/app/feeds/[file]/route";
import { sharedAnswer } from "@/lib/http/shared-answer";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";
import { PUBLIC_URL, useTestEnvironment } from "@/test/digest/env";
import { seedFeedsDatabase } from "@/test/digest/fixture";

let database: ScratchDatabase;

beforeAll(async () => {
  database = await createScratchDatabase("sqlite");
  await seedFeedsDatabase(database.db, new Date());
  await useTestEnvironment(database.url, {
    PAGE_CACHE_SECONDS: "1",
    PAGE_CACHE_STALE_SECONDS: "30",
  });
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

const request = (path: string, headers: Record<string, string> = {}) =>
  new Request(new URL(path, PUBLIC_URL), { headers });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("sharedAnswer", () => {
  it("computes once for every concurrent request of a URL, and apart for another URL", async () => {
    let computed = 0;
    const compute = async () => {
      computed += 1;
      await sleep(100);
      return `answer ${computed}`;
    };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => sharedAnswer(request("/api/v1/claims?x=1"), compute)),
    );
    expect(computed).toBe(1);
    expect(new Set(answers)).toEqual(new Set(["answer 1"]));
    expect(await sharedAnswer(request("/api/v1/claims?x=2"), compute)).toBe("answer 2");
    expect(await sharedAnswer(request("/api/v1/claims?x=2"), compute, "other variant")).toBe(
      "answer 3",
    );
  });

  it("answers the expired value at once while one computation replaces it", async () => {
    let computed = 0;
    const compute = async () => {
      computed += 1;
      await sleep(computed === 1 ? 0 : 500);
      return computed;
    };
    expect(await sharedAnswer(request("/api/v1/entities?stale"), compute)).toBe(1);
    await sleep(1_100);
    const started = Date.now();
    const stale = await Promise.all(
      Array.from({ length: 5 }, () => sharedAnswer(request("/api/v1/entities?stale"), compute)),
    );
    expect(Date.now() - started).toBeLessThan(400);
    expect(stale).toEqual([1, 1, 1, 1, 1]);
    await sleep(700);
    expect(await sharedAnswer(request("/api/v1/entities?stale"), compute)).toBe(2);
    expect(computed).toBe(2);
  });

  it("keeps no error: the next request computes again", async () => {
    let calls = 0;
    const failing = async () => {
      calls += 1;
      if (calls === 1) throw new Error("database went away");
      return "fine";
    };
    await expect(sharedAnswer(request("/api/v1/claims?fails"), failing)).rejects.toThrow(
      "database went away",
    );
    expect(await sharedAnswer(request("/api/v1/claims?fails"), failing)).toBe("fine");
  });

  it("computes every time with PAGE_CACHE_SECONDS=0", async () => {
    await useTestEnvironment(database.url, { PAGE_CACHE_SECONDS: "0" });
    try {
      let computed = 0;
      await Promise.all(
        Array.from({ length: 3 }, () =>
          sharedAnswer(request("/api/v1/claims?off"), async () => ++computed),
        ),
      );
      expect(computed).toBe(3);
    } finally {
      await useTestEnvironment(database.url, {
        PAGE_CACHE_SECONDS: "1",
        PAGE_CACHE_STALE_SECONDS: "30",
      });
    }
  });
});

describe("the API and feeds behind it", () => {
  it("share one answer per URL, keep ETag and 304, and show new data once recomputed", async () => {
    const [a, b] = await Promise.all([
      articlesRoute(request("/api/v1/articles?limit=5")),
      articlesRoute(request("/api/v1/articles?limit=5")),
    ]);
    const etag = a.headers.get("etag")!;
    expect(b.headers.get("etag")).toBe(etag);
    expect(
      (await articlesRoute(request("/api/v1/articles?limit=5", { "If-None-Match": etag }))).status,
    ).toBe(304);
    const feed = await latestFeedRoute(request("/feeds/latest.rss"), {
      params: Promise.resolve({ file: "latest.rss" }),
    });
    const feedEtag = feed.headers.get("etag")!;
    expect(
      (
        await latestFeedRoute(request("/feeds/latest.rss", { "If-None-Match": feedEtag }), {
          params: Promise.resolve({ file: "latest.rss" }),
        })
      ).status,
    ).toBe(304);

    // A new article changes nothing until the shared answer has expired and been recomputed.
    await database.db.article.create({
      data: {
        sourceName: "TechWire",
        url: "https://news.example/new-one",
        canonicalUrl: "https://news.example/new-one",
        title: "A brand new dispute",
        text: "OpenAI accuses DeepSeek of distillation.",
        contentHash: "new-one-hash",
        language: "en",
        publishedAt: new Date(Date.now() + 60_000),
        relevance: 1,
      },
    });
    expect((await articlesRoute(request("/api/v1/articles?limit=5"))).headers.get("etag")).toBe(
      etag,
    );
    await sleep(1_100);
    await articlesRoute(request("/api/v1/articles?limit=5")); // expired: answered stale, recomputed behind
    let latest = "";
    for (let i = 0; i < 50 && !latest.includes("A brand new dispute"); i++) {
      await sleep(100);
      latest = await (await articlesRoute(request("/api/v1/articles?limit=5"))).text();
    }
    expect(latest).toContain("A brand new dispute");
  });
});
