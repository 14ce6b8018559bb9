/**
 * The worker on SQLite says what each pass did with its items, and warns when not one of them gave
 * a new article, with the reason: here a feed whose new addresses are all pages naming, as their
 * canonical address, an article already stored (the load benchmark's feed did this with the sample
 * pages, and its worker stored nothing while its log, at LOG_LEVEL=warn, stayed empty).
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import {
  emptyReport,
  refreshSource,
  type IngestReport,
  type SourceReport,
} from "@/lib/ingest/index";
import { describePass } from "@/lib/ingest/pass-summary";
import { networkTransport } from "@/lib/ingest/transport";
import { addSource, type SourceRow } from "@/lib/store/sources";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";
import { startTestServer, type TestServer } from "@/test/helpers/http-server";
import { startWorker } from "@/test/helpers/worker-process";

const PAGE = readFileSync("sample/pages/seed-deepseek-chung-cat.html", "utf8");

const config = parseConfig({
  ALLOW_PRIVATE_NETWORKS: "true",
  FETCH_HOST_DELAY_MS: "0",
  FETCH_RETRIES: "0",
  FETCH_RESPECT_ROBOTS: "false",
});

function feed(base: string, paths: string[]): string {
  const items = paths
    .map(
      (path, n) =>
        `<item><title>Copy ${n}</title><link>${base}${path}</link><guid>${base}${path}</guid><pubDate>Wed, 29 Jan 2025 16:0${n}:00 GMT</pubDate></item>`,
    )
    .join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Mirror</title><link>${base}/</link>${items}</channel></rss>`;
}

describe("worker pass on SQLite", () => {
  let database: ScratchDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createScratchDatabase("sqlite");
    server = await startTestServer({});
    // Every copy is the same story under an address of its own, naming one canonical address.
    for (const n of [1, 2, 3])
      server.route(`/copy-${n}.html`, {
        status: 200,
        headers: { "content-type": "text/html; charset=utf-8" },
        body: PAGE.replace(
          /https:\/\/example-tech\.vn\/deepseek-chung-cat-du-lieu-openai/g,
          `${server.url}/the-story.html`,
        ).replace("OpenAI tuyên bố", `Bản sao ${n}. OpenAI tuyên bố`),
      });
    for (const [name, paths] of [
      ["first", ["/copy-1.html"]],
      ["second", ["/copy-2.html", "/copy-3.html"]],
    ] as const)
      server.route(`/${name}.xml`, {
        status: 200,
        headers: { "content-type": "application/rss+xml" },
        body: feed(server.url, [...paths]),
      });
    // The first feed's copy is stored now; that source is then not due for SOURCE_REFRESH_MINUTES.
    const { source } = await addSource(database.db, { url: `${server.url}/first.xml` });
    const first = await refreshSource(
      { db: database.db, config, transport: networkTransport(config, null) },
      source,
    );
    expect(first.stored).toBe(1);
    await addSource(database.db, { url: `${server.url}/second.xml` });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it("warns, with the reason, when a pass's items give no new article", async () => {
    const worker = startWorker(database.url, {
      FETCH_RESPECT_ROBOTS: "false",
      LOG_LEVEL: "warn",
      LOG_FORMAT: "json",
      WORKER_POLL_SECONDS: "1",
    });
    await Promise.race([
      worker.says("no new article"),
      worker.exited,
      new Promise((r) => setTimeout(r, 90_000)),
    ]);
    worker.child.kill("SIGTERM");
    const code = await worker.exited;
    const output = worker.output();
    expect(code, output).toBe(0);

    const line = output
      .split("\n")
      .filter((text) => text.startsWith("{"))
      .map((text) => JSON.parse(text) as { level: string; stage?: string; msg: string })
      .find((event) => event.msg.includes("no new article"));
    expect(line, output).toBeDefined();
    expect(line!.level).toBe("warn");
    expect(line!.stage).toBe("worker");
    expect(line!.msg).toContain("fetched 1 sources (0 failed): 2 items, stored 0 articles");
    expect(line!.msg).toContain("2 already stored");
    expect(line!.msg).toContain("2 of them are pages already stored");
    // Both copies were fetched; each was the stored article under its canonical address.
    expect(server.hits("/copy-2.html")).toBe(1);
    expect(server.hits("/copy-3.html")).toBe(1);
    expect(await database.db.article.count()).toBe(1);
  }, 120_000);
});

describe("describePass", () => {
  const source = (counts: Partial<SourceReport>): SourceReport => ({
    ...emptyReport({ id: 1, url: "http://news.example/feed.xml" } as SourceRow),
    ok: true,
    ...counts,
  });
  const pass = (sources: SourceReport[], stopped = false): IngestReport => ({
    sources,
    stored: sources.reduce((sum, s) => sum + s.stored, 0),
    failedSources: sources.filter((s) => !s.ok).length,
    stopped,
  });

  it("says nothing for a pass that fetched no source", () => {
    expect(describePass(pass([]))).toBeNull();
  });

  it("reports at info when an item became a new article, or when there was nothing new to take", () => {
    const some = describePass(pass([source({ items: 3, stored: 1, unchanged: 2 })]));
    expect(some?.level).toBe("info");
    expect(some?.message).toBe(
      "fetched 1 sources (0 failed): 3 items, stored 1 articles, 0 duplicates, 0 off topic, 2 already stored, 0 failed",
    );
    expect(describePass(pass([source({ notModified: true })]))?.level).toBe("info");
    expect(describePass(pass([source({ items: 2, offTopic: 1, failed: 1 })]))?.level).toBe("info");
  });

  it("warns with the reasons when no item became a new article", () => {
    const failed = describePass(
      pass([source({ items: 2, failed: 2 }), source({ ok: false, error: "HTTP 500" })]),
    );
    expect(failed?.level).toBe("warn");
    expect(failed?.message).toContain("fetched 2 sources (1 failed): 2 items");
    expect(failed?.message).toContain("no new article from 2 items: 2 failed");
    const both = describePass(pass([source({ items: 3, unchanged: 1, failed: 2 })]));
    expect(both?.message).toContain("1 of them are pages already stored");
    expect(both?.message).toContain("2 failed");
  });

  it("does not warn for a pass a stop signal cut short", () => {
    expect(describePass(pass([source({ items: 5 })], true))?.level).toBe("info");
  });
});
