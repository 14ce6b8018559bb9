/**
 * The public pages in Chromium on PostgreSQL: the same built app and production server as the
 * other browser tests, on a fresh PostgreSQL database loaded with the sample corpus through the
 * real bootstrap. The walk a reader takes (timeline, an entity filter, a story, an entity, a claim
 * thread from the matrix, "chung cat" in search), with no console error and axe clean, so what
 * differs between the databases (raw SQL of the detail pages, search) is seen rendered.
 */
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "../../lib/bootstrap";
import { parseConfig } from "../../lib/config";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createScratchDatabase, type ScratchDatabase } from "../../scripts/support/scratch-db";
import { CHROMIUM, screenshotAtWidths } from "./chromium";

const SEED_TITLE = 'Deepseek đã "chưng cất" dữ liệu từ chính OpenAI để phát triển model';

let database: ScratchDatabase;
let server: AppServer;
let browser: Browser;

beforeAll(async () => {
  database = await createScratchDatabase("postgresql");
  const env = { DATABASE_URL: database.url, DEFAULT_SOURCES: "false", LOAD_SAMPLE_DATA: "true", PAGE_CACHE_SECONDS: "0", WEB_CONCURRENCY: "1" };
  await bootstrap(database.db, parseConfig(env));
  server = await startAppServer(env);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  server?.stop();
  await database?.drop();
});

async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact})`);
}

describe("the pages on PostgreSQL", () => {
  it("walks timeline, filter, story, entity, claim thread and search with no error", async () => {
    const context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 900 } });
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
    await expect(page.locator("#against").locator("xpath=..").getByRole("link", { name: "OpenAI" }).count()).resolves.toBeGreaterThan(0);
    expect(await axeProblems(page)).toEqual([]);

    expect((await page.goto(`${base}/claims`))?.status()).toBe(200);
    await page.locator('.matrix a[href="/claims/openai/deepseek/distillation"]').click();
    await page.waitForURL(/\/claims\/openai\/deepseek\/distillation$/);
    expect(await page.locator("ol.timeline > li").count()).toBeGreaterThan(0);
    expect(await page.locator("blockquote").first().textContent()).toMatch(/\S/);
    expect(await axeProblems(page)).toEqual([]);
    await screenshotAtWidths(page, "postgresql-claim-thread");

    expect((await page.goto(`${base}/search?q=${encodeURIComponent("chung cat")}`))?.status()).toBe(200);
    await expect(page.getByRole("link", { name: SEED_TITLE }).count()).resolves.toBeGreaterThan(0);
    expect(await page.locator("mark").count()).toBeGreaterThan(0);

    expect(errors).toEqual([]);
    await context.close();
  });
});
