/**
 * Keyboard shortcuts on the timeline and search in Chromium: j / k move between stories or
 * results, / goes to the search box (or the search page), ? shows and hides the list; a key typed
 * into the search box stays text.
 */
import { type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./chromium";

let browser: Browser;
const baseUrl = inject("baseUrl");

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe("keyboard shortcuts", () => {
  it("moves with j and k, searches with /, lists the keys with ?", async () => {
    const context = await browser.newContext({
      locale: "en-US",
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`, { waitUntil: "networkidle" });
    const cards = page.locator("article.card h3 a");
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute("href") ?? null);
    await page.keyboard.press("j");
    expect(await focused()).toBe(await cards.nth(0).getAttribute("href"));
    await page.keyboard.press("j");
    expect(await focused()).toBe(await cards.nth(1).getAttribute("href"));
    await page.keyboard.press("k");
    expect(await focused()).toBe(await cards.nth(0).getAttribute("href"));

    await page.keyboard.press("?");
    const panel = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    expect(await panel.isVisible()).toBe(true);
    expect(await panel.textContent()).toContain("next story or result");
    await page.keyboard.press("?");
    expect(await panel.count()).toBe(0);

    // No search box on the timeline: / opens the search page.
    await Promise.all([page.waitForURL(/\/search$/), page.keyboard.press("/")]);
    await page.waitForLoadState("networkidle");
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("/");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("q");
    await page.keyboard.type("openai j");
    expect(await page.locator("#q").inputValue()).toBe("openai j");
    await page.fill("#q", "openai");
    await Promise.all([page.waitForURL(/q=openai/), page.keyboard.press("Enter")]);
    await page.waitForLoadState("networkidle");
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("j");
    expect(await focused()).toBe(await page.locator(".hit h2 a").first().getAttribute("href"));
    await context.close();
  });
});
