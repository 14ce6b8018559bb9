/**
 * The public pages in Chromium on PostgreSQL: the same built app and production server as the
 * other browser tests, on a fresh PostgreSQL database loaded with the sample corpus through the
 * real bootstrap. The walk a reader takes (timeline, an entity filter, a story, an entity, a claim
 * thread from the claims table, "chung cat" in search), with no console error and axe clean, so what
 * differs between the databases (raw SQL of the detail pages, search) is seen rendered; and the
 * admin's login, a source added through the form and refreshed, written to PostgreSQL.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "@/lib/bootstrap";
import { parseConfig } from "@/lib/config";
import { startAppServer, type AppServer } from "@/test/helpers/app-server";
import { startTestServer, type TestServer } from "@/test/helpers/http-server";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";
import { launchBrowser, screenshotAtWidths, logInAsAdmin } from "./chromium";

const SEED_TITLE = 'Deepseek đã "chưng cất" dữ liệu từ chính OpenAI để phát triển model';

const ADMIN_TOKEN = "postgresql-browser-admin-token";

let database: ScratchDatabase;
let server: AppServer;
let browser: Browser;
let feeds: TestServer;

beforeAll(async () => {
  database = await createScratchDatabase("postgresql");
  feeds = await startTestServer({
    routes: {
      "/feed.xml": {
        headers: { "content-type": "application/rss+xml" },
        body: readFileSync(resolve(__dirname, "../fixtures/admin/feed.xml"), "utf8"),
      },
    },
  });
  const env = {
    DATABASE_URL: database.url,
    DEFAULT_SOURCES: "false",
    LOAD_SAMPLE_DATA: "true",
    PAGE_CACHE_SECONDS: "0",
    WEB_CONCURRENCY: "1",
    ADMIN_TOKEN,
    ALLOW_PRIVATE_NETWORKS: "true",
  };
  await bootstrap(database.db, parseConfig(env));
  server = await startAppServer(env);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await feeds?.close();
  server?.stop();
  await database?.drop();
});

async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact})`);
}

describe("the pages on PostgreSQL", () => {
  it("walks timeline, filter, story, entity, claim thread and search with no error", async () => {
    const context = await browser.newContext({
      locale: "en-US",
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    const base = server.baseUrl;

    expect((await page.goto(`${base}/`))?.status()).toBe(200);
    expect(await page.locator("article.card").count()).toBeGreaterThan(0);

    expect((await page.goto(`${base}/?entity=deepseek`))?.status()).toBe(200);
    const cards = page.locator("article.card");
    expect(await cards.count()).toBeGreaterThan(0);
    await cards.first().locator("h3 a").click();
    await page.waitForURL(/\/stories\/\d+$/);
    expect(await page.locator("h1").textContent()).toBeTruthy();

    expect((await page.goto(`${base}/entities/deepseek`))?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe("DeepSeek");
    expect(await page.locator("svg").count()).toBeGreaterThan(0);
    await expect(
      page.locator("#against").locator("xpath=..").getByRole("link", { name: "OpenAI" }).count(),
    ).resolves.toBeGreaterThan(0);
    expect(await axeProblems(page)).toEqual([]);

    expect((await page.goto(`${base}/claims`))?.status()).toBe(200);
    await page.locator('.claim-table a[href="/claims/openai/deepseek/distillation"]').click();
    await page.waitForURL(/\/claims\/openai\/deepseek\/distillation$/);
    expect(await page.locator("ol.timeline > li").count()).toBeGreaterThan(0);
    expect(await page.locator("blockquote").first().textContent()).toMatch(/\S/);
    expect(await axeProblems(page)).toEqual([]);
    await screenshotAtWidths(page, "postgresql-claim-thread");

    expect((await page.goto(`${base}/search?q=${encodeURIComponent("chung cat")}`))?.status()).toBe(
      200,
    );
    await expect(page.getByRole("link", { name: SEED_TITLE }).count()).resolves.toBeGreaterThan(0);
    expect(await page.locator("mark").count()).toBeGreaterThan(0);

    expect(errors).toEqual([]);
    await context.close();
  });

  it("logs in to the admin area, adds a local feed and refreshes it, kept in PostgreSQL", async () => {
    const context = await browser.newContext({
      locale: "en-GB",
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const base = server.baseUrl;
    await page.goto(`${base}/admin`);
    expect(new URL(page.url()).pathname).toBe("/admin/login");
    await logInAsAdmin(page, base, ADMIN_TOKEN);
    await page.getByLabel("URL", { exact: true }).fill(`${feeds.url}/feed.xml`);
    await Promise.all([
      page.waitForURL(/notice=added/),
      page.getByRole("button", { name: "Add source" }).click(),
    ]);
    const card = () =>
      page.locator("li.admin-source", {
        has: page.getByRole("heading", { name: "Admin Test Wire" }),
      });
    await expect(card().count()).resolves.toBe(1);
    await Promise.all([
      page.waitForURL(/notice=refreshed/),
      card().getByRole("button", { name: "Refresh now" }).click(),
    ]);
    await expect(page.getByRole("status").textContent()).resolves.toMatch(
      /Refreshed: Admin Test Wire\. Items in the feed: 1;/,
    );
    expect(await axeProblems(page)).toEqual([]);
    const stored = await database.db.source.findFirstOrThrow({
      where: { url: `${feeds.url}/feed.xml` },
    });
    expect(stored.title).toBe("Admin Test Wire");
    expect(stored.lastFetchedAt).not.toBeNull();
    await context.close();
  });
});
