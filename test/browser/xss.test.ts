/**
 * The sanitisation vectors of ../shared/bench/feeds (XSS payloads in titles, authors, summaries,
 * content and links), ingested through the real pipeline — each feed parsed, each item's page served
 * by a hostile local site that echoes the payloads raw — and then shown: no script runs in Chromium.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { decodeBody } from "@/lib/ingest/charset";
import { parseFeed } from "@/lib/ingest/feeds";
import { ingestItem } from "@/lib/ingest/index";
import { networkTransport } from "@/lib/ingest/transport";
import { createDb, type Db } from "@/lib/store/db";
import { addSource } from "@/lib/store/sources";
import { startTestServer, type TestServer } from "@/test/helpers/http-server";
import { sharedPath } from "@/scripts/support/shared";
import { launchBrowser } from "./chromium";

const DIR = sharedPath("bench", "feeds", "wellformed", "sanitize");
// Everything but the "acceptable_*" files: those carry harmless markup; these carry the attacks.
const FILES = readdirSync(DIR)
  .filter((file) => file.endsWith(".xml") && !file.startsWith("acceptable_"))
  .sort();

const FILLER =
  "OpenAI said DeepSeek distilled its models through the API, in breach of its terms of use, the company alleged in a statement. " +
  "DeepSeek denied the allegations. The dispute over artificial intelligence training data and copyright continues in court.";

describe("XSS vectors from the feed test suite, ingested and shown", () => {
  let db: Db;
  let server: TestServer;
  let browser: Browser;
  const articleIds: number[] = [];

  beforeAll(async () => {
    db = createDb(inject("databaseUrl"));
    server = await startTestServer({});
    const config = parseConfig({
      ALLOW_PRIVATE_NETWORKS: "true",
      FETCH_HOST_DELAY_MS: "0",
      FETCH_RETRIES: "0",
      RELEVANCE_THRESHOLD: "0",
    });
    const transport = networkTransport(config, null);
    const { source } = await addSource(db, {
      url: `${server.url}/xss-feeds`,
      title: "Hostile feeds <script>alert('source')</script>",
    });
    let n = 0;
    for (const file of FILES) {
      let feed;
      try {
        feed = await parseFeed(
          decodeBody(readFileSync(join(DIR, file)), "application/xml", "xml").text,
          `${server.url}/feeds/${file}`,
        );
      } catch {
        continue; // a typed parse error is an acceptable outcome for a hostile feed
      }
      for (const item of feed.items.slice(0, 1)) {
        n++;
        const path = `/page/${n}`;
        const title = item.title ?? feed.title ?? "untitled";
        // A hostile site: the item's fields echoed raw into the page, next to enough text to be an article.
        server.route(path, {
          status: 200,
          headers: { "content-type": "text/html; charset=utf-8" },
          body: `<!doctype html><html><head><title>${title}</title><meta name="author" content="${item.author ?? ""}"></head><body><article><h1>${title}</h1><p class="byline">By ${item.author ?? "someone"}</p>${item.contentHtml ?? ""}<p>${item.summary ?? ""}</p><p>${FILLER} (${file})</p><p>${FILLER}</p><p><a href="${item.url ?? "javascript:alert(1)"}">link</a></p></article></body></html>`,
        });
        const problems: string[] = [];
        const outcome = await ingestItem(
          { db, config, transport, log: (event) => problems.push(event.message) },
          source,
          { ...item, url: `${server.url}${path}`, title },
        );
        // A page so broken that no text survives is refused with a clear, staged error; that is fine.
        if (outcome === "failed")
          expect(problems.join("; "), file).toMatch(/^ingest\/extract: no article text/);
      }
    }
    const rows = await db.article.findMany({
      where: { url: { startsWith: `${server.url}/page/` } },
      select: { id: true },
    });
    articleIds.push(...rows.map((r) => r.id));
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.$disconnect();
  });

  it("stores the hostile items", () => {
    expect(FILES.length).toBeGreaterThan(300);
    // Files without items or with unparseable XML give typed errors, and a few pages lose all their text.
    expect(articleIds.length).toBeGreaterThan(250);
  });

  it("runs no script on the timeline, search, story and article pages", async () => {
    const base = inject("baseUrl");
    const context = await browser.newContext();
    await context.addInitScript(() => {
      const w = window as unknown as { __xss: string[] };
      w.__xss = [];
      for (const name of ["alert", "confirm", "prompt"] as const) {
        (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
          w.__xss.push(`${name}(${args.join(",")})`);
      }
    });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const stories = await db.storyArticle.findMany({
      where: { articleId: { in: articleIds } },
      select: { storyId: true },
      distinct: ["storyId"],
    });
    const urls = [
      `${base}/`,
      `${base}/search?q=${encodeURIComponent("distilled")}`,
      `${base}/search?q=${encodeURIComponent("script alert")}`,
      ...stories.slice(0, 15).map((s) => `${base}/stories/${s.storyId}`),
      ...articleIds.map((id) => `${base}/articles/${id}`),
      `${base}/feeds/latest.rss`,
    ];
    for (const url of urls) {
      const response = await page.goto(url, { waitUntil: "load" });
      expect(response?.status(), url).toBeLessThan(400);
      const state = await page.evaluate(() => ({
        xss: (window as unknown as { __xss: string[] }).__xss,
        // Every script element is Next's own, carrying the request's nonce.
        strayScripts: [...document.querySelectorAll("script")].filter(
          (s) => !s.nonce && s.type !== "application/json",
        ).length,
        handlers: [...document.querySelectorAll("*")].filter((el) =>
          [...el.attributes].some((a) => a.name.startsWith("on")),
        ).length,
        jsLinks: [...document.querySelectorAll("a[href], iframe, object, embed")].filter(
          (el) => /^\s*javascript:/i.test(el.getAttribute("href") ?? "") || el.tagName !== "A",
        ).length,
      }));
      expect(state.xss, url).toEqual([]);
      expect(state.handlers, url).toBe(0);
      expect(state.jsLinks, url).toBe(0);
      if (!url.endsWith(".rss")) expect(state.strayScripts, url).toBe(0);
    }
    expect(dialogs).toEqual([]);
    await context.close();
  }, 600_000);
});
