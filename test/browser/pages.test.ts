/**
 * The public pages in Chromium against `next start` on the sample corpus: timeline, filters,
 * story, claim thread, search ("chung cat" finds the seed article), language switch, 400 and 404,
 * CSP (header, no console errors, hydration scripts run), axe on every page in light and dark,
 * and screenshots of every page at 375 and 1280 px.
 */
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshotAtWidths } from "./chromium";

const SEED_TITLE = 'Deepseek đã "chưng cất" dữ liệu từ chính OpenAI để phát triển model';

let browser: Browser;
const baseUrl = inject("baseUrl");

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

interface Session {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A fresh context (own cookies) whose console errors, page errors and CSP reports are collected. */
async function open(
  options: { colorScheme?: "light" | "dark"; locale?: string } = {},
): Promise<Session> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? "light",
    locale: options.locale ?? "en-US",
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  return { context, page, errors };
}

/** Serious and critical axe violations, as short strings a failure message can show. */
async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

async function hydrated(page: Page): Promise<boolean> {
  // Next's client runtime sets window.next once its (nonce-tagged) scripts have run.
  return page.evaluate(
    () => typeof (window as unknown as { next?: { version?: string } }).next?.version === "string",
  );
}

describe("public pages", () => {
  it("shows the timeline with cards, sample badges, a strict CSP and running scripts", async () => {
    const { context, page, errors } = await open();
    const response = await page.goto(`${baseUrl}/`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    const csp = response?.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/unsafe-(inline|eval)[^;]*;.*style-src/);
    expect(response?.headers()["x-content-type-options"]).toBe("nosniff");
    expect(await page.locator("h1").textContent()).toBe("Timeline");
    expect(await page.locator("article.card").count()).toBeGreaterThan(3);
    expect(await page.locator("article.card .badge.sample").count()).toBeGreaterThan(0);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await hydrated(page)).toBe(true);
    expect(await axeProblems(page)).toEqual([]);
    await screenshotAtWidths(page, "timeline");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("filters the timeline by an entity with the GET form, and the URL reproduces the view", async () => {
    const { context, page, errors } = await open();
    await page.goto(`${baseUrl}/`, { waitUntil: "networkidle" });
    const all = await page.locator("article.card").count();
    await page.click(".filters-box > summary");
    await page.selectOption("#f-entity", "david-sacks");
    await Promise.all([
      page.waitForURL(/entity=david-sacks/),
      page.click(".filters button[type=submit]"),
    ]);
    const filtered = await page.locator("article.card").count();
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(all);
    expect(await page.locator(".active-filters").textContent()).toContain("David Sacks");
    // The same URL in a new page gives the same cards.
    const again = await context.newPage();
    await again.goto(page.url());
    expect(await again.locator("article.card").count()).toBe(filtered);
    // A claim chip adds that claim type as a filter.
    await page.goto(`${baseUrl}/`);
    await Promise.all([
      page.waitForURL(/claim=/),
      page.locator("article.card .chip.claim a").first().click(),
    ]);
    expect(await page.locator("article.card").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("opens a story from its card: articles on a timeline, claims, sources", async () => {
    const { context, page, errors } = await open();
    await page.goto(`${baseUrl}/search?q=${encodeURIComponent("chưng cất")}`);
    const storyHref = await page
      .locator(".hit", { hasText: SEED_TITLE })
      .locator("a", { hasText: "Story" })
      .getAttribute("href");
    await page.goto(`${baseUrl}/`);
    const card = page.locator(`article.card:has(a[href="${storyHref}"])`);
    await Promise.all([page.waitForURL(/\/stories\/\d+$/), card.locator(".card-title a").click()]);
    expect(await page.locator("ol.timeline > li").count()).toBeGreaterThan(1);
    expect(await page.locator("ol.timeline").textContent()).toContain(SEED_TITLE);
    expect(await page.locator(".claim-list").textContent()).toContain("OpenAI");
    expect(await page.locator("#sources").count()).toBe(1);
    expect(await axeProblems(page)).toEqual([]);
    await screenshotAtWidths(page, "story");
    // And the seed article itself, with its marks.
    await Promise.all([
      page.waitForURL(/\/articles\/\d+$/),
      page.locator("ol.timeline a.title", { hasText: SEED_TITLE }).click(),
    ]);
    expect(await page.locator("h1").textContent()).toBe(SEED_TITLE);
    expect(await page.locator(".article-text mark.claim").count()).toBeGreaterThan(0);
    expect(
      await page.locator('.article-text a.mention[href="/entities/openai"]').count(),
    ).toBeGreaterThan(1);
    expect(await axeProblems(page)).toEqual([]);
    await screenshotAtWidths(page, "article");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows an entity with its coverage chart and claims", async () => {
    const { context, page, errors } = await open();
    const response = await page.goto(`${baseUrl}/entities/deepseek`);
    expect(response?.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe("DeepSeek");
    expect(await page.locator("svg.chart[role=img]").getAttribute("aria-label")).toMatch(
      /DeepSeek/,
    );
    expect(await page.locator("svg.chart rect.bar").count()).toBeGreaterThan(0);
    expect(await page.locator("#against + ul").textContent()).toContain("OpenAI");
    // Feed autodiscovery and the subscribe disclosure point at this entity's feed.
    expect(
      await page
        .locator('head link[rel=alternate][type="application/rss+xml"]')
        .getAttribute("href"),
    ).toMatch(/\/feeds\/entities\/deepseek\.rss$/);
    await page.click(".subscribe > summary");
    expect(await page.locator(".subscribe input").first().inputValue()).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/feeds\/entities\/deepseek\.rss$/,
    );
    expect(await axeProblems(page)).toEqual([]);
    await screenshotAtWidths(page, "entity");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("opens a claim thread from the claims table", async () => {
    const { context, page, errors } = await open();
    await page.goto(`${baseUrl}/claims`);
    expect(await page.locator("table.claim-table").count()).toBe(1);
    expect(await axeProblems(page)).toEqual([]);
    await screenshotAtWidths(page, "claims");
    await Promise.all([
      page.waitForURL(/\/claims\/openai\/deepseek\/distillation$/),
      page.locator('table.claim-table a[href="/claims/openai/deepseek/distillation"]').click(),
    ]);
    expect(await page.locator("h1").textContent()).toContain("distillation");
    expect(await page.locator(".stance-run li").count()).toBeGreaterThan(0);
    expect(await page.locator("ol.timeline blockquote").count()).toBeGreaterThan(1);
    expect(await axeProblems(page)).toEqual([]);
    await screenshotAtWidths(page, "claim-thread");
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds the seed article for "chung cat" with highlighted snippets, facets and a sort switch', async () => {
    const { context, page, errors } = await open();
    await page.goto(`${baseUrl}/search`);
    await page.fill("#q", "chung cat");
    await Promise.all([page.waitForURL(/q=chung\+cat/), page.click(".search-form button")]);
    const titles = await page.locator(".hit h2").allTextContents();
    expect(titles).toContain(SEED_TITLE);
    expect(await page.locator(".hit .snippet mark").count()).toBeGreaterThan(0);
    expect(await page.locator(".facets a").count()).toBeGreaterThan(0);
    // The seed's syllables are marked together, "chưng cất", not one by one.
    expect(
      await page.locator(".hit .snippet mark", { hasText: /^chưng cất$/i }).count(),
    ).toBeGreaterThan(0);
    expect(await axeProblems(page)).toEqual([]);
    // On a phone the results come first and a link leads down to the facets; wide, the facets stand beside them.
    await page.setViewportSize({ width: 375, height: 800 });
    const top = async (selector: string) => (await page.locator(selector).first().boundingBox())!.y;
    expect(await top(".hit")).toBeLessThan(await top(".facets"));
    expect(await page.locator(".jump-to-facets").isVisible()).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.locator(".jump-to-facets").isVisible()).toBe(false);
    expect(Math.abs((await top(".hit")) - (await top(".facets")))).toBeLessThan(120);
    await screenshotAtWidths(page, "search");
    await Promise.all([
      page.waitForURL(/sort=date/),
      page.locator(".sort-switch a", { hasText: "Date" }).click(),
    ]);
    expect(await page.locator('.sort-switch [aria-current="page"]').textContent()).toBe("Date");
    // A facet link adds its filter to the query.
    await Promise.all([
      page.waitForURL(/lang%3A|lang:/),
      page.locator(".facets a", { hasText: "Vietnamese" }).click(),
    ]);
    expect(await page.locator("#q").inputValue()).toContain("lang:vi");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("switches the interface to Vietnamese and back with a plain link", async () => {
    const { context, page, errors } = await open();
    await page.goto(`${baseUrl}/entities/openai`);
    await Promise.all([
      page.waitForURL(`${baseUrl}/entities/openai`),
      page.click("[data-testid=lang-switch]"),
    ]);
    await page.waitForLoadState("networkidle");
    expect(await page.locator("html").getAttribute("lang")).toBe("vi");
    expect(await page.locator("nav .nav").textContent()).toContain("Dòng thời gian");
    await page.goto(`${baseUrl}/`);
    expect(await page.locator("h1").textContent()).toBe("Dòng thời gian");
    expect(await page.locator(".day time").first().textContent()).toMatch(/tháng/);
    expect(await axeProblems(page)).toEqual([]);
    await screenshotAtWidths(page, "timeline-vi");
    await page.click("[data-testid=lang-switch]");
    await page.waitForLoadState("networkidle");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toBe("Timeline");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("follows Accept-Language when there is no cookie", async () => {
    const { context, page } = await open({ locale: "vi-VN" });
    await page.goto(`${baseUrl}/claims`);
    expect(await page.locator("html").getAttribute("lang")).toBe("vi");
    expect(await page.locator("h1").textContent()).toBe("Cáo buộc");
    await context.close();
  });

  it("answers 400 with the message for bad filters and 404 for unknown things, never 500", async () => {
    const { context, page } = await open();
    for (const path of [
      "/?claim=stealing",
      "/?from=2025-13-01",
      "/?cursor=bm90LWEtY3Vyc29y",
      "/search?q=after:2025-99-99",
      "/search?q=x&sort=best",
      "/claims/openai/deepseek/distillation?page=0",
    ]) {
      const response = await page.goto(`${baseUrl}${path}`);
      expect(response?.status(), path).toBe(400);
      expect(await page.locator("[role=alert]").textContent(), path).toMatch(
        /invalid|expects|expected|not a real/,
      );
    }
    for (const path of [
      "/entities/no-such-entity",
      "/stories/999999",
      "/stories/abc",
      "/articles/0",
      "/claims/openai/deepseek/not-a-type",
      "/claims/openai/nobody/distillation",
    ]) {
      const response = await page.goto(`${baseUrl}${path}`);
      expect(response?.status(), path).toBe(404);
      expect(await page.locator("h1").textContent(), path).toContain("404");
    }
    await screenshotAtWidths(page, "not-found");
    await context.close();
  });

  it("passes axe in the dark theme too", async () => {
    const { context, page, errors } = await open({ colorScheme: "dark" });
    for (const path of ["/", "/search?q=chung+cat", "/entities/openai", "/claims"]) {
      await page.goto(`${baseUrl}${path}`);
      expect(await axeProblems(page), path).toEqual([]);
    }
    await screenshotAtWidths(page, "claims-dark");
    await page.goto(`${baseUrl}/`);
    await screenshotAtWidths(page, "timeline-dark");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("is keyboard reachable: the skip link comes first and moves focus to the content", async () => {
    const { context, page } = await open();
    await page.goto(`${baseUrl}/`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => location.hash)).toBe("#main");
    await context.close();
  });
});
