/**
 * The admin removes the sample data with one button, on a server of its own (the other browser
 * tests read the sample corpus): the panel says how many sample articles there are, the button
 * removes its stories, articles and sources in one go, the page says how much went, the panel is
 * gone and the timeline shows no sample card any more.
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
import { launchBrowser, logInAsAdmin } from "./chromium";

const ADMIN_TOKEN = "sample-removal-admin-token";
let dir: string;
let server: AppServer;
let browser: Browser;
let databaseUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dw-sample-"));
  databaseUrl = `file:${join(dir, "app.db")}`;
  const env = {
    DATABASE_URL: databaseUrl,
    DEFAULT_SOURCES: "false",
    LOAD_SAMPLE_DATA: "true",
    PAGE_CACHE_SECONDS: "0",
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
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("removing the sample data", () => {
  it("removes every sample story, article and source with the admin's button", async () => {
    const context = await browser.newContext({
      locale: "en-GB",
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const base = server.baseUrl;
    await page.goto(`${base}/`);
    expect(await page.locator("article.card .badge.sample").count()).toBeGreaterThan(0);

    await logInAsAdmin(page, base, ADMIN_TOKEN);
    const panel = page.locator("#sample-data");
    expect(await panel.textContent()).toMatch(/\d+ articles/);
    await Promise.all([
      page.waitForURL(/notice=sampleRemoved/),
      panel.getByRole("button", { name: "Remove the sample data" }).click(),
    ]);
    expect(await page.getByRole("status").textContent()).toMatch(
      /^Sample data removed: [1-9]\d* articles, [1-9]\d* stories, [1-9]\d* sources\.$/,
    );
    expect(await page.locator("#sample-data").count()).toBe(0);

    const db = createDb(databaseUrl);
    try {
      expect(await db.article.count({ where: { isSample: true } })).toBe(0);
      expect(await db.story.count({ where: { isSample: true } })).toBe(0);
      expect(await db.source.count({ where: { isSample: true } })).toBe(0);
    } finally {
      await db.$disconnect();
    }
    await page.goto(`${base}/`);
    expect(await page.locator("article.card .badge.sample").count()).toBe(0);
    await context.close();
  });
});
