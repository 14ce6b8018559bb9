/**
 * Sources and their fetch state against a real local server: conditional GET, failures that back
 * off and pause, a manual refresh, one bad source not holding up another, autodiscovery, and the
 * CLI's sources / opml commands.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { syncKnowledgeBaseToDb } from "@/lib/enrich/index";
import { addSourceByUrl, ingestSources, refreshSource } from "@/lib/ingest/index";
import { parseOpml } from "@/lib/ingest/opml";
import { networkTransport } from "@/lib/ingest/transport";
import { addSource, findSource, PAUSE_AFTER_FAILURES, resetSource } from "@/lib/store/sources";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";
import { startTestServer, type TestServer } from "@/test/helpers/http-server";

const run = promisify(execFile);
const SEED = readFileSync("sample/pages/seed-deepseek-chung-cat.html", "utf8");
const config = parseConfig({
  ALLOW_PRIVATE_NETWORKS: "true",
  FETCH_HOST_DELAY_MS: "0",
  FETCH_RETRIES: "0",
});

function rss(base: string, n = 1): string {
  const items = Array.from(
    { length: n },
    (_, i) =>
      `<item><title>A ${i}</title><link>${base}/a-${i}.html</link><pubDate>Wed, 29 Jan 2025 16:04:00 GMT</pubDate></item>`,
  ).join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Local feed</title><link>${base}/</link>${items}</channel></rss>`;
}

describe("sources", () => {
  let database: ScratchDatabase;
  let server: TestServer;
  const transport = () => networkTransport(config, null);

  beforeAll(async () => {
    database = await createScratchDatabase("sqlite");
    await syncKnowledgeBaseToDb(database.db);
    server = await startTestServer({});
    server.route("/feed.xml", (req, res) => {
      if (req.headers["if-none-match"] === '"v1"') {
        res.writeHead(304);
        res.end();
        return;
      }
      res.writeHead(200, { "content-type": "application/rss+xml", etag: '"v1"' });
      res.end(rss(server.url));
    });
    server.route("/a-0.html", {
      status: 200,
      headers: { "content-type": "text/html; charset=utf-8" },
      body: SEED.replace(
        /https:\/\/example-tech\.vn\/deepseek-chung-cat-du-lieu-openai/g,
        `${server.url}/a-0.html`,
      ),
    });
    server.route("/broken.xml", { status: 500, body: "boom" });
    server.route("/home", {
      status: 200,
      headers: { "content-type": "text/html" },
      body: `<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>Home</body></html>`,
    });
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it("stores the ETag, and a 304 re-parses nothing", async () => {
    const { source } = await addSource(database.db, { url: `${server.url}/feed.xml` });
    const first = await refreshSource({ db: database.db, config, transport: transport() }, source);
    expect(first.ok).toBe(true);
    expect(first.stored).toBe(1);
    const stored = (await findSource(database.db, source.id))!;
    expect(stored.etag).toBe('"v1"');
    const second = await refreshSource({ db: database.db, config, transport: transport() }, stored);
    expect(second.notModified).toBe(true);
    expect(second.items).toBe(0);
    expect(server.hits("/a-0.html")).toBe(1);
    const fetches = await database.db.fetchRecord.findMany({
      where: { sourceId: source.id },
      orderBy: { id: "asc" },
    });
    expect(fetches.map((f) => f.outcome)).toEqual(["ok", "not_modified"]);
  });

  it("backs off, pauses after repeated failures, and a manual refresh resets it; a failing source holds up no other", async () => {
    const { source: broken } = await addSource(database.db, { url: `${server.url}/broken.xml` });
    const ctx = { db: database.db, config, transport: transport() };
    let state = broken;
    for (let i = 1; i <= PAUSE_AFTER_FAILURES; i++) {
      const report = await refreshSource(ctx, state);
      expect(report.ok).toBe(false);
      state = (await findSource(database.db, broken.id))!;
      expect(state.errorCount).toBe(i);
      expect(state.lastError).toContain("500");
      expect(state.nextFetchAt!.getTime()).toBeGreaterThan(Date.now());
    }
    expect(state.paused).toBe(true);
    expect(state.pausedReason).toContain("failures in a row");

    const reset = await resetSource(database.db, broken.id);
    expect(reset.paused).toBe(false);
    expect(reset.errorCount).toBe(0);

    // Both sources run; the broken one fails, the other is fetched all the same.
    const report = await ingestSources(ctx, {
      sourceIds: [broken.id, (await findSource(database.db, `${server.url}/feed.xml`))!.id],
    });
    expect(report.sources.map((s) => s.ok)).toEqual([false, true]);
  });

  it("adding a home page finds its feed through <link rel=alternate>", async () => {
    const result = await addSourceByUrl(
      { db: database.db, transport: transport() },
      `${server.url}/home`,
    );
    expect(result.discoveredFrom).toBe(`${server.url}/home`);
    expect(result.source.url).toBe(`${server.url}/feed.xml`);
    expect(result.created).toBe(false);
  });

  it("refuses a private address when private networks are not allowed", async () => {
    const strict = networkTransport(parseConfig({ FETCH_RETRIES: "0" }), null);
    await expect(
      addSourceByUrl({ db: database.db, transport: strict }, `${server.url}/home`),
    ).rejects.toMatchObject({ code: "FETCH_PRIVATE_ADDRESS" });
  });

  it("the CLI adds, lists, pauses, removes, and round-trips OPML", async () => {
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      ALLOW_PRIVATE_NETWORKS: "true",
      FETCH_HOST_DELAY_MS: "0",
    };
    const cli = async (...args: string[]) =>
      (await run("node_modules/.bin/tsx", ["scripts/cli.ts", ...args], { env })).stdout;

    const imported = JSON.parse(
      await cli("opml", "import", "test/fixtures/opml/netnewswire-nested.opml"),
    );
    const outlines = parseOpml(readFileSync("test/fixtures/opml/netnewswire-nested.opml", "utf8"));
    expect(imported.outlines).toBe(outlines.length);
    expect(imported.added).toBe(outlines.length);

    const listed = (await cli("sources", "list", "--jsonl"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    for (const outline of outlines) expect(listed.map((s) => s.url)).toContain(outline.xmlUrl);

    const exported = parseOpml(await cli("opml", "export"));
    for (const outline of outlines) {
      const match = exported.find((o) => o.xmlUrl === outline.xmlUrl);
      expect(match).toBeDefined();
      expect(match!.title).toBe(outline.title);
      expect(match!.category).toBe(outline.category);
    }

    const target = listed.find((s) => s.url === outlines[0].xmlUrl);
    expect(JSON.parse(await cli("sources", "pause", String(target.id))).paused).toBe(true);
    expect(JSON.parse(await cli("sources", "remove", outlines[0].xmlUrl)).removed).toBe(true);
    const after = (await cli("sources", "list", "--jsonl"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(after.map((s) => s.url)).not.toContain(outlines[0].xmlUrl);
  }, 60_000);
});
