/**
 * `npm run worker` on SIGTERM finishes the article in hand, commits it, and exits cleanly.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSource } from "@/lib/store/sources";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";
import { startTestServer, type TestServer } from "@/test/helpers/http-server";
import { startWorker } from "@/test/helpers/worker-process";

const PAGE = readFileSync("sample/pages/seed-deepseek-chung-cat.html");

function feed(base: string): string {
  const items = [1, 2, 3]
    .map(
      (n) =>
        `<item><title>Item ${n}</title><link>${base}/article-${n}.html</link><guid>${base}/article-${n}.html</guid><pubDate>Wed, 29 Jan 2025 16:0${n}:00 GMT</pubDate></item>`,
    )
    .join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow site</title><link>${base}/</link>${items}</channel></rss>`;
}

describe("worker", () => {
  let database: ScratchDatabase;
  let server: TestServer;
  let pageStarted: () => void;
  const firstPageRequested = new Promise<void>((resolve) => (pageStarted = resolve));

  beforeAll(async () => {
    database = await createScratchDatabase("sqlite");
    server = await startTestServer({});
    server.route("/feed.xml", {
      status: 200,
      headers: { "content-type": "application/rss+xml" },
      body: feed(server.url),
    });
    for (const n of [1, 2, 3]) {
      // Each page is slow, with a distinct canonical URL, so the worker is mid-article when the signal comes.
      server.route(`/article-${n}.html`, async (_req, res) => {
        pageStarted();
        await new Promise((r) => setTimeout(r, 1500));
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(
          PAGE.toString("utf8")
            .replace(
              /https:\/\/example-tech\.vn\/deepseek-chung-cat-du-lieu-openai/g,
              `${server.url}/article-${n}.html`,
            )
            .replace("</h1>", ` (${n})</h1>`)
            .replace("OpenAI tuyên bố", `Bản tin ${n}. OpenAI tuyên bố`),
        );
      });
    }
    await addSource(database.db, { url: `${server.url}/feed.xml` });
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it("finishes the article in hand on SIGTERM, commits it, and exits 0", async () => {
    const worker = startWorker(database.url, {
      LOG_LEVEL: "info",
      WORKER_POLL_SECONDS: "5",
      INGEST_CONCURRENCY: "1",
    });

    await firstPageRequested;
    worker.child.kill("SIGTERM");
    const started = Date.now();
    const code = await worker.exited;
    expect(code, worker.output()).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(worker.output()).toContain("SIGTERM");
    // The article being fetched when the signal came was stored; the rest were left for the next run.
    const stored = await database.db.article.count();
    expect(stored).toBe(1);
    expect(server.hits("/article-3.html")).toBe(0);
  }, 60_000);
});
