/**
 * The search page in Chromium as a reader uses it: its own "next page" link, sorted by relevance
 * and by date (the proxy checks a cursor with the one codec the search hands out, lib/cursor.ts,
 * so the link answers 200 with the next hits, never a 400), and queries typed as a reader means
 * them ("X vs Y", a claim word with a year, claim:tos, entity:nyt, a misspelt name), and the claim
 * threads a query names, quoted in the interface language.
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

describe("search paging", () => {
  for (const sort of ["relevance", "date"] as const) {
    it(`follows the next-page link of a query sorted by ${sort}`, async () => {
      const context = await browser.newContext({
        locale: "en-US",
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      const url = `${baseUrl}/search?q=openai${sort === "date" ? "&sort=date" : ""}`;
      expect((await page.goto(url))?.status()).toBe(200);
      const first = await page
        .locator(".hit")
        .evaluateAll((hits) => hits.map((hit) => (hit as HTMLElement).dataset.article));
      expect(first).toHaveLength(20);
      const next = page.locator('a[rel="next"]');
      expect(await next.count()).toBe(1);
      const [response] = await Promise.all([
        page.waitForResponse(
          (r) => r.url().includes("cursor=") && r.request().resourceType() === "document",
        ),
        next.click(),
      ]);
      expect(response.status()).toBe(200);
      const second = await page
        .locator(".hit")
        .evaluateAll((hits) => hits.map((hit) => (hit as HTMLElement).dataset.article));
      expect(second.length).toBeGreaterThan(0);
      expect(second.filter((id) => first.includes(id))).toEqual([]);
      await context.close();
    });
  }
});

describe("search that understands the reader", () => {
  const hitsOf = async (q: string) => {
    const context = await browser.newContext({
      locale: "en-US",
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const response = await page.goto(`${baseUrl}/search?q=${encodeURIComponent(q)}`);
    return { context, page, status: response?.status(), hits: await page.locator(".hit").count() };
  };

  it("finds parties typed as 'X vs Y' and 'X v Y', claim:tos, claim:terms-of-service and entity:nyt", async () => {
    for (const q of [
      "OpenAI vs DeepSeek",
      "openai v deepseek",
      "claim:tos",
      "claim:terms-of-service",
      "entity:nyt",
      "ToS violation",
    ]) {
      const { context, status, hits } = await hitsOf(q);
      expect(status, q).toBe(200);
      expect(hits, q).toBeGreaterThan(0);
      await context.close();
    }
  });

  // Nine page loads: a loaded machine needs more than the default minute.
  it(
    "finds the same articles for a word's forms, and reads 'who accused deepseek' as an accusation against DeepSeek",
    { timeout: 240_000 },
    async () => {
      const idsOf = async (q: string) => {
        const { context, page, status } = await hitsOf(q);
        expect(status, q).toBe(200);
        const ids = await page
          .locator(".hit")
          .evaluateAll((hits) => hits.map((hit) => (hit as HTMLElement).dataset.article));
        await context.close();
        return ids;
      };
      for (const forms of [
        ["lawsuit", "lawsuits"],
        ["accuse", "accused"],
        ["distill", "distilled", "distillation"],
      ]) {
        const [first, ...others] = await Promise.all(forms.map(idsOf));
        expect(first!.length, forms[0]).toBeGreaterThan(0);
        for (const [i, ids] of others.entries())
          expect(new Set(ids), forms[i + 1]).toEqual(new Set(first));
      }
      const { context, page, hits } = await hitsOf("who accused deepseek");
      expect(hits).toBeGreaterThan(1);
      // The first hits are about DeepSeek (its name in the title or the snippet), not an unrelated article.
      const texts = (await page.locator(".hit").allTextContents()).slice(0, 3);
      expect(texts.filter((text) => !/deep\s?seek/i.test(text))).toEqual([]);
      await context.close();
    },
  );

  it("reads a claim word with a year as the claim type in that year, and says so", async () => {
    const { context, page, hits } = await hitsOf("copyright lawsuits 2025");
    expect(hits).toBeGreaterThan(0);
    const readAs = await page.locator(".read-as").textContent();
    expect(readAs).toMatch(/claim: copyright/);
    expect(readAs).toMatch(/2025/);
    const years = await page
      .locator(".hit time")
      .evaluateAll((times) => times.map((t) => t.getAttribute("datetime")!.slice(0, 4)));
    expect(years.length).toBeGreaterThan(0);
    expect(years.every((year) => year === "2025")).toBe(true);
    await context.close();
  });

  it("suggests the entity a misspelt name meant, and the suggestion finds it", async () => {
    const { context, page, hits } = await hitsOf("DeepSek");
    expect(hits).toBe(0);
    const suggestion = page.locator(".did-you-mean a");
    expect(await suggestion.textContent()).toBe("DeepSeek");
    await Promise.all([page.waitForURL(/q=DeepSeek/), suggestion.click()]);
    expect(await page.locator(".hit").count()).toBeGreaterThan(0);
    await context.close();
  });

  it("shows the claim threads and the parties a query names above its articles", async () => {
    const { context, page, hits } = await hitsOf("OpenAI vs DeepSeek");
    expect(hits).toBeGreaterThan(0);
    const named = page.locator("section.named");
    await expect(named.locator(".chip a").allTextContents()).resolves.toEqual(
      expect.arrayContaining(["OpenAI", "DeepSeek"]),
    );
    const thread = named.locator('.named-threads a[href="/claims/openai/deepseek/distillation"]');
    expect(await thread.textContent()).toBe("OpenAI → DeepSeek · distillation");
    expect(await named.locator(".named-threads blockquote").first().textContent()).toMatch(/\S/);
    // Above the articles.
    const [namedTop, firstHit] = await Promise.all([
      named.boundingBox(),
      page.locator(".hit").first().boundingBox(),
    ]);
    expect(namedTop!.y).toBeLessThan(firstHit!.y);
    await context.close();
  });

  it("quotes a thread's sentence in the interface language when the thread has one in it", async () => {
    // OpenAI → DeepSeek · distillation is carried by English and Vietnamese sentences, and its
    // newest one is Vietnamese: the English interface quotes the newest English sentence instead.
    const vietnamese = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
    for (const [locale, inVietnamese] of [
      ["en-US", false],
      ["vi-VN", true],
    ] as const) {
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      expect(
        (
          await page.goto(`${baseUrl}/search?q=${encodeURIComponent("OpenAI vs DeepSeek")}`)
        )?.status(),
      ).toBe(200);
      const quote = await page
        .locator('.named-threads li:has(a[href="/claims/openai/deepseek/distillation"]) blockquote')
        .textContent();
      expect(quote, locale).toMatch(/\S/);
      expect(vietnamese.test(quote!), `${locale}: ${quote}`).toBe(inVietnamese);
      await context.close();
    }
  });
});
