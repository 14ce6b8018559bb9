/**
 * A source's fetch state never loses an item: the feed's ETag is saved with its items as pending,
 * and an item is done only once its article is stored. A page that answered 500, or that a stopped
 * pass never reached, is fetched on the next pass although the feed then answers 304. Against a
 * real local news site, on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { refreshSource } from "@/lib/ingest/index";
import { networkTransport } from "@/lib/ingest/transport";
import { MAX_ITEM_ATTEMPTS, listFailedItems, retryFailedItems } from "@/lib/store/source-items";
import { addSource, findSource, PAUSE_AFTER_FAILURES } from "@/lib/store/sources";
import { startNewsSite, type NewsSite } from "@/scripts/support/news-site";
import {
  createScratchDatabase,
  DATABASE_KINDS,
  type ScratchDatabase,
} from "@/scripts/support/scratch-db";
import { startTestServer, type TestServer } from "@/test/helpers/http-server";

/** A feed with a few mistyped closing tags: a loose reading folds it all into the channel's title. */
const MALFORMED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken news</titel><link>http://news.example/</link><item><title>One</titl><link>http://news.example/1</link></item></channel></rss>`;

const config = parseConfig({
  ALLOW_PRIVATE_NETWORKS: "true",
  FETCH_HOST_DELAY_MS: "0",
  FETCH_HOST_CONCURRENCY: "4",
  FETCH_RETRIES: "0",
  FETCH_RESPECT_ROBOTS: "false",
});

for (const kind of DATABASE_KINDS) {
  describe(`fetch state on ${kind}`, () => {
    let database: ScratchDatabase;
    let site: NewsSite;
    let server: TestServer;
    const ctx = () => ({
      db: database.db,
      config,
      transport: networkTransport(config, null),
      log: (e: { message: string }) => process.env.DEBUG_INGEST && console.log(e.message),
    });

    beforeAll(async () => {
      [database, site, server] = await Promise.all([
        createScratchDatabase(kind),
        startNewsSite({ feeds: 3, itemsPerFeed: 6 }),
        startTestServer({}),
      ]);
      server.route("/malformed.xml", {
        status: 200,
        headers: { "content-type": "application/rss+xml" },
        body: MALFORMED,
      });
    }, 60_000);

    afterAll(async () => {
      await site?.close();
      await server?.close();
      await database?.drop();
    });

    it("a page that answered 500 is fetched on the next pass, though the feed answers 304", async () => {
      const { source } = await addSource(database.db, { url: site.feedUrls[0] });
      site.setFault((path) => (path === "/f0/a2.html" || path === "/f0/a4.html" ? "500" : "ok"));
      const first = await refreshSource(ctx(), source);
      expect(first.ok).toBe(true);
      expect(first.failed).toBe(2);
      expect(await database.db.article.count({ where: { sourceId: source.id } })).toBe(4);
      const afterFirst = (await findSource(database.db, source.id))!;
      expect(afterFirst.etag).toBe('"feed-0-v1"');

      site.setFault(null);
      const second = await refreshSource(ctx(), afterFirst);
      expect(second.notModified).toBe(true);
      expect(second.failed).toBe(0);
      expect(second.items).toBe(2);
      const articles = await database.db.article.findMany({
        where: { sourceId: source.id },
        select: { url: true },
      });
      expect(articles.map((a) => a.url).sort()).toEqual(site.articleUrls.slice(0, 6).sort());
      // The stored pages were not fetched again; the two failed ones once more each.
      expect(site.hits("/f0/a0.html")).toBe(1);
      expect(site.hits("/f0/a2.html")).toBe(2);
      const pending = await database.db.sourceItem.count({
        where: { sourceId: source.id, status: { not: "done" } },
      });
      expect(pending).toBe(0);
    }, 60_000);

    it("items a stopped pass never reached are taken on the next pass, after a 304", async () => {
      const { source } = await addSource(database.db, { url: site.feedUrls[1] });
      const controller = new AbortController();
      const first = await refreshSource(
        {
          ...ctx(),
          config: { ...config, INGEST_CONCURRENCY: 1 },
          signal: controller.signal,
          onItem: (done) => done === 2 && controller.abort(),
        },
        source,
      );
      expect(first.ok).toBe(true);
      expect(await database.db.article.count({ where: { sourceId: source.id } })).toBe(2);
      expect(site.hits("/f1/a5.html")).toBe(0);

      const second = await refreshSource(ctx(), (await findSource(database.db, source.id))!);
      expect(second.notModified).toBe(true);
      expect(await database.db.article.count({ where: { sourceId: source.id } })).toBe(6);
    }, 60_000);

    it("an item failing every time is failed for good after its tries, kept with its error, and can be retried", async () => {
      const { source } = await addSource(database.db, { url: site.feedUrls[2] });
      site.setFault((path) => (path === "/f2/a1.html" ? "500" : "ok"));
      for (let pass = 0; pass < MAX_ITEM_ATTEMPTS; pass++)
        await refreshSource(ctx(), (await findSource(database.db, source.id))!);
      expect(site.hits("/f2/a1.html")).toBe(MAX_ITEM_ATTEMPTS);
      const failed = (await listFailedItems(database.db)).filter(
        (row) => row.sourceId === source.id,
      );
      expect(failed.map((row) => row.url)).toEqual([`${site.url}/f2/a1.html`]);
      expect(failed[0].lastError).toContain("500");
      // Failed for good: another pass leaves it alone...
      await refreshSource(ctx(), (await findSource(database.db, source.id))!);
      expect(site.hits("/f2/a1.html")).toBe(MAX_ITEM_ATTEMPTS);
      // ...until someone retries it.
      site.setFault(null);
      expect(await retryFailedItems(database.db, failed[0].id)).toBe(1);
      await refreshSource(ctx(), (await findSource(database.db, source.id))!);
      expect(await database.db.article.count({ where: { sourceId: source.id } })).toBe(6);
    }, 60_000);

    it("a feed that parses only loosely, with no items, is an error: counted, backed off, paused after 3, no title stored", async () => {
      const { source } = await addSource(database.db, { url: `${server.url}/malformed.xml` });
      let state = source;
      for (let i = 1; i <= PAUSE_AFTER_FAILURES; i++) {
        const report = await refreshSource(ctx(), state);
        expect(report.ok).toBe(false);
        expect(report.error).toMatch(/ingest\/feeds: xml:/);
        state = (await findSource(database.db, source.id))!;
        expect(state.errorCount).toBe(i);
        expect(state.nextFetchAt!.getTime()).toBeGreaterThan(Date.now());
      }
      expect(state.paused).toBe(true);
      expect(state.title).toBeNull();
      expect(state.etag).toBeNull();
      expect(await database.db.sourceItem.count({ where: { sourceId: source.id } })).toBe(0);
      const fetches = await database.db.fetchRecord.findMany({ where: { sourceId: source.id } });
      expect(fetches.map((f) => f.outcome)).toEqual(["error", "error", "error"]);
    }, 60_000);
  });
}
