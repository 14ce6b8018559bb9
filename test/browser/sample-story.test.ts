/**
 * A real article never joins a sample story: the admin adds a local feed whose one article is about
 * the same two companies and the same kind of dispute as a sample story, days after it; after
 * "Refresh now" the article has a story of its own, whose page carries the article's headline and
 * no "Sample data" badge, and the sample story's page does not list it. On a server of its own,
 * as the other browser tests read the sample corpus as it is.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "@/lib/bootstrap";
import { parseConfig } from "@/lib/config";
import { createDb } from "@/lib/store/db";
import { startAppServer, type AppServer } from "@/test/helpers/app-server";
import { startTestServer, type TestServer } from "@/test/helpers/http-server";
import { launchBrowser, logInAsAdmin } from "./chromium";

const ADMIN_TOKEN = "sample-story-admin-token";
const HEADLINE = "Judge tells OpenAI to keep ChatGPT logs for the New York Times copyright case";

/** Written for this test: the same parties and claim as the sample corpus's NYT story, a week later. */
const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${HEADLINE}</title>
<meta property="article:published_time" content="2025-04-11T09:00:00Z"></head><body>
<header><nav><a href="/">Home</a></nav></header>
<article><h1>${HEADLINE}</h1>
<p>A federal magistrate judge in Manhattan ordered OpenAI on Friday to preserve the conversation
logs of ChatGPT users, siding with The New York Times in its copyright lawsuit against the company
and Microsoft.</p>
<p>The New York Times accuses OpenAI of copying millions of its articles without permission to
train the models behind ChatGPT, and argued that deleted logs could show readers using the chatbot
to get around its paywall.</p>
<p>OpenAI said the order went too far and that it would appeal, calling the request a threat to the
privacy of its users. Lawyers for the newspaper said the logs were evidence of infringement.</p>
<p>The dispute is one of several copyright cases that publishers and authors have brought against
AI developers in the United States over the data used to train large language models.</p>
<p>Microsoft, which is also a defendant, did not comment on the order.</p>
</article><footer>Test Wire</footer></body></html>`;

let dir: string;
let server: AppServer;
let site: TestServer;
let browser: Browser;
let databaseUrl: string;

beforeAll(async () => {
  site = await startTestServer({
    routes: {
      "/nyt-openai-logs": {
        headers: { "content-type": "text/html; charset=utf-8" },
        body: ARTICLE,
      },
    },
  });
  site.route("/feed.xml", {
    headers: { "content-type": "application/rss+xml" },
    body: `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Court Test Wire</title><link>${site.url}/</link>
<description>Court reporting for a test.</description><language>en</language>
<item><title>${HEADLINE}</title><link>${site.url}/nyt-openai-logs</link><guid>court-test-1</guid>
<pubDate>Fri, 11 Apr 2025 09:00:00 GMT</pubDate>
<description>A judge ordered OpenAI to keep ChatGPT logs in the New York Times copyright lawsuit.</description>
</item></channel></rss>`,
  });
  dir = mkdtempSync(join(tmpdir(), "dw-sample-story-"));
  databaseUrl = `file:${join(dir, "app.db")}`;
  const env = {
    DATABASE_URL: databaseUrl,
    DEFAULT_SOURCES: "false",
    LOAD_SAMPLE_DATA: "true",
    ALLOW_PRIVATE_NETWORKS: "true",
    PAGE_CACHE_SECONDS: "0",
    AGGREGATE_CACHE_SECONDS: "0",
    WEB_CONCURRENCY: "1",
    ADMIN_TOKEN,
  };
  const db = createDb(databaseUrl);
  await bootstrap(db, parseConfig(env));
  await db.$disconnect();
  server = await startAppServer(env, 180_000);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  server?.stop();
  await site?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("a real article beside the sample corpus", () => {
  it("gets a story of its own, with its headline and no sample badge, never a sample story", async () => {
    const context = await browser.newContext({
      locale: "en-GB",
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const base = server.baseUrl;
    await logInAsAdmin(page, base, ADMIN_TOKEN);
    await page.getByLabel("URL", { exact: true }).fill(`${site.url}/feed.xml`);
    await Promise.all([
      page.waitForURL(/notice=added/),
      page.getByRole("button", { name: "Add source" }).click(),
    ]);
    const card = page.locator("li.admin-source", {
      has: page.getByRole("heading", { name: "Court Test Wire" }),
    });
    await Promise.all([
      page.waitForURL(/notice=refreshed/),
      card.getByRole("button", { name: "Refresh now" }).click(),
    ]);
    expect(site.hits("/nyt-openai-logs")).toBeGreaterThan(0);

    const db = createDb(databaseUrl);
    let storyId: number;
    let sampleStoryIds: number[];
    try {
      const article = await db.article.findFirstOrThrow({
        where: { url: { contains: "/nyt-openai-logs" } },
        select: { isSample: true, story: { select: { storyId: true } } },
      });
      expect(article.isSample).toBe(false);
      expect(article.story).not.toBe(null);
      storyId = article.story!.storyId;
      const story = await db.story.findUniqueOrThrow({ where: { id: storyId } });
      expect(story.isSample).toBe(false);
      // No sample story holds an article that is not sample data.
      expect(
        await db.storyArticle.count({
          where: { story: { isSample: true }, article: { isSample: false } },
        }),
      ).toBe(0);
      // The sample stories about the same parties, which a real article must not join.
      sampleStoryIds = (
        await db.storyArticle.findMany({
          where: { story: { isSample: true }, article: { url: { contains: "new-york-times" } } },
          select: { storyId: true },
        })
      ).map((row) => row.storyId);
      expect(sampleStoryIds.length).toBeGreaterThan(0);
    } finally {
      await db.$disconnect();
    }

    await page.goto(`${base}/stories/${storyId}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(HEADLINE);
    expect(await page.locator(".badge.sample").count()).toBe(0);
    for (const id of new Set(sampleStoryIds)) {
      await page.goto(`${base}/stories/${id}`);
      expect(await page.locator(".badge.sample").count()).toBeGreaterThan(0);
      expect(await page.getByText(HEADLINE).count()).toBe(0);
    }
    await context.close();
  });
});
