/**
 * The thin slice, for real: `cli ingest --once` fetches feeds over HTTP from a local server,
 * parses, fetches and extracts each page, tags entities and claims, stores everything, and the
 * timeline lists it. Once on SQLite and once on PostgreSQL.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTimeline } from "@/lib/store/timeline";
import { addSource } from "@/lib/store/sources";
import { syncKnowledgeBaseToDb } from "@/lib/enrich/index";
import {
  createScratchDatabase,
  DATABASE_KINDS,
  type ScratchDatabase,
} from "@/scripts/support/scratch-db";
import { startSampleSite, type SampleSite } from "@/test/helpers/sample-site";

const run = promisify(execFile);

async function cli(url: string, ...args: string[]) {
  const { stdout } = await run("node_modules/.bin/tsx", ["scripts/cli.ts", ...args], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      ALLOW_PRIVATE_NETWORKS: "true",
      FETCH_HOST_DELAY_MS: "0",
      FETCH_HOST_CONCURRENCY: "4",
      LOG_LEVEL: "warn",
    },
    maxBuffer: 20 * 1024 * 1024,
  });
  return stdout;
}

for (const kind of DATABASE_KINDS) {
  describe(`ingest --once on ${kind}`, () => {
    let database: ScratchDatabase;
    let site: SampleSite;

    beforeAll(async () => {
      [database, site] = await Promise.all([createScratchDatabase(kind), startSampleSite()]);
      await syncKnowledgeBaseToDb(database.db);
      for (const url of site.feedUrls) await addSource(database.db, { url });
    }, 120_000);

    afterAll(async () => {
      await site?.close();
      await database?.drop();
    });

    it("stores every article of every feed with entities, claims and stories", async () => {
      const output = await cli(database.url, "ingest", "--once", "--quiet");
      const report = JSON.parse(output.trim().split("\n").pop()!);
      expect(report.failedSources).toBe(0);
      expect(report.sources).toHaveLength(site.feedUrls.length);

      const db = database.db;
      const articles = await db.article.count();
      expect(articles).toBeGreaterThanOrEqual(20);
      // Every page was fetched over HTTP (not read from disk).
      const feedPaths = new Set(site.feedUrls.map((url) => new URL(url).pathname));
      const pageRequests = site.server.requests.filter(
        (r) => !feedPaths.has(r.path) && !r.path.endsWith("/robots.txt"),
      );
      expect(pageRequests.length).toBeGreaterThanOrEqual(articles);

      const seed = await db.article.findFirstOrThrow({
        where: { canonicalUrl: { contains: "deepseek-chung-cat" } },
        include: {
          mentions: { include: { entity: true } },
          claims: { include: { claimant: true, target: true } },
        },
      });
      expect(seed.language).toBe("vi");
      expect(seed.text).toContain("chưng cất");
      expect(seed.text).not.toMatch(/Nhấn vào đây|Khoá học|Visual Foxpro/);
      const slugs = seed.mentions.map((m) => m.entity.slug);
      expect(slugs).toEqual(expect.arrayContaining(["openai", "deepseek", "microsoft"]));
      expect(seed.claims.map((c) => `${c.claimant.slug}>${c.target.slug}:${c.type}`)).toContain(
        "openai>deepseek:distillation",
      );

      const stories = await db.story.count();
      expect(stories).toBeGreaterThan(3);
      const timeline = await listTimeline(db, { take: 100 });
      expect(timeline.length).toBe(await db.story.count({ where: { articleCount: { gt: 0 } } }));
      const seedCard = timeline.find((card) => card.articles.some((a) => a.id === seed.id));
      expect(seedCard).toBeDefined();
      expect(seedCard!.entities.map((e) => e.slug)).toContain("deepseek");

      // Off-topic articles are stored (so they are not fetched again) but stay out of the timeline.
      const offTopic = await db.article.findMany({ where: { story: null, duplicateOfId: null } });
      for (const article of offTopic) expect(article.relevance).toBeLessThan(0.5);

      const sources = await db.source.findMany();
      for (const source of sources) {
        expect(source.errorCount).toBe(0);
        expect(source.lastSuccessAt).not.toBeNull();
      }
    }, 240_000);

    it("running it again changes nothing", async () => {
      const db = database.db;
      const before = {
        articles: await db.article.count(),
        mentions: await db.mention.count(),
        claims: await db.claim.count(),
        stories: await db.story.count(),
        links: await db.storyArticle.count(),
      };
      const output = await cli(database.url, "ingest", "--once", "--quiet");
      const report = JSON.parse(output.trim().split("\n").pop()!);
      expect(report.stored).toBe(0);
      expect({
        articles: await db.article.count(),
        mentions: await db.mention.count(),
        claims: await db.claim.count(),
        stories: await db.story.count(),
        links: await db.storyArticle.count(),
      }).toEqual(before);
    }, 240_000);
  });
}
