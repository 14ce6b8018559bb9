/**
 * What a daily reader sees, in Chromium, on SQLite (the shared server of global-setup.ts, no
 * PUBLIC_URL) and on PostgreSQL (a server of its own with PUBLIC_URL set), both loaded with the
 * sample corpus: story pages titled and summarised in the interface language, summaries without
 * relative dates from articles weeks apart, claim chips and the article's topic in words, the
 * Vietnamese interface without English where Vietnamese can be given, and feeds with readable
 * titles, claim sentences, links on the right address and a digest that says why it is empty.
 */
import { type Browser, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bootstrap } from "@/lib/bootstrap";
import { parseConfig } from "@/lib/config";
import { en } from "@/lib/i18n/messages/en";
import { vi } from "@/lib/i18n/messages/vi";
import { createDb, type Db } from "@/lib/store/db";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";
import { startAppServer, type AppServer } from "@/test/helpers/app-server";
import { launchBrowser, screenshotAtWidths } from "./chromium";

const PUBLIC_URL = "http://disputes.example.test";

interface Target {
  name: string;
  base: string;
  db: Db;
  /** Where feed links must point. */
  linkBase: string;
}

let postgres: ScratchDatabase;
let server: AppServer;
let sqliteDb: Db;
let browser: Browser;
const targets: Target[] = [];

beforeAll(async () => {
  sqliteDb = createDb(inject("databaseUrl"));
  targets.push({
    name: "sqlite",
    base: inject("baseUrl"),
    db: sqliteDb,
    // No PUBLIC_URL: links go to the address the feed was asked at, not http://localhost:PORT.
    linkBase: inject("baseUrl"),
  });
  postgres = await createScratchDatabase("postgresql");
  const env = {
    DATABASE_URL: postgres.url,
    DEFAULT_SOURCES: "false",
    LOAD_SAMPLE_DATA: "true",
    PAGE_CACHE_SECONDS: "0",
    AGGREGATE_CACHE_SECONDS: "0",
    WEB_CONCURRENCY: "1",
    PUBLIC_URL,
  };
  await bootstrap(postgres.db, parseConfig(env));
  server = await startAppServer(env, 180_000);
  targets.push({ name: "postgresql", base: server.baseUrl, db: postgres.db, linkBase: PUBLIC_URL });
  browser = await launchBrowser();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  server?.stop();
  await sqliteDb?.$disconnect();
  await postgres?.drop();
});

async function readerContext(base: string, locale: "en" | "vi"): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: locale === "vi" ? "vi-VN" : "en-GB",
    viewport: { width: 1280, height: 900 },
  });
  // A shared two-core machine under load renders a page in seconds, not milliseconds.
  context.setDefaultTimeout(90_000);
  context.setDefaultNavigationTimeout(90_000);
  await context.addCookies([{ name: "dw_locale", value: locale, url: base }]);
  return context;
}

/** Letters only Vietnamese writes (with its tone marks), and a count of them in a text. */
const VIETNAMESE_LETTERS =
  /[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/giu;
const vietnameseLetters = (text: string) => text.match(VIETNAMESE_LETTERS)?.length ?? 0;

/** Relative dates a summary must not carry when its articles are days apart (English and Vietnamese). */
const RELATIVE_DATE =
  /\b(?:this|last|next|past) (?:week|month|year)\b|\byesterday\b|\btoday\b|\bon (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|tuần (?:này|trước|qua)|hôm qua|hôm nay|năm ngoái/giu;

interface StoryFacts {
  id: number;
  articles: { id: number; title: string; language: string; at: number }[];
}

async function storyFacts(db: Db): Promise<StoryFacts[]> {
  const stories = await db.story.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  const facts: StoryFacts[] = [];
  for (const story of stories) {
    const rows = await db.article.findMany({
      where: { story: { storyId: story.id }, duplicateOfId: null },
      select: { id: true, title: true, language: true, publishedAt: true, fetchedAt: true },
    });
    facts.push({
      id: story.id,
      articles: rows
        .map((row) => ({
          id: row.id,
          title: row.title,
          language: row.language,
          at: (row.publishedAt ?? row.fetchedAt).getTime(),
        }))
        .sort((a, b) => a.at - b.at || a.id - b.id),
    });
  }
  return facts;
}

describe("story pages", () => {
  it(
    "are titled and summarised in the interface language when an article in it exists",
    { timeout: 600_000 },
    async () => {
      for (const target of targets) {
        const mixed = (await storyFacts(target.db)).filter((story) => {
          const languages = new Set(story.articles.map((a) => a.language));
          return languages.has("en") && languages.has("vi");
        });
        expect(mixed.length, target.name).toBeGreaterThan(3);
        // Four of them keep the walk short on a loaded machine; every one is checked on the timeline.
        for (const locale of ["en", "vi"] as const) {
          const context = await readerContext(target.base, locale);
          const page = await context.newPage();
          // The timeline's cards of these stories: title and summary in the same language.
          await page.goto(`${target.base}/`);
          for (const story of mixed) {
            const card = page.locator(`article.card[data-story="${story.id}"]`);
            if ((await card.count()) === 0) continue;
            const label = `${target.name} ${locale} card ${story.id}`;
            const summary = (await card.locator(".summary").textContent()) ?? "";
            if (locale === "vi") expect(vietnameseLetters(summary), label).toBeGreaterThan(10);
            else expect(vietnameseLetters(summary), `${label}: ${summary}`).toBe(0);
          }
          for (const story of mixed.slice(0, 4)) {
            const expected = story.articles.find((a) => a.language === locale)!.title;
            expect((await page.goto(`${target.base}/stories/${story.id}`))?.status()).toBe(200);
            const label = `${target.name} ${locale} story ${story.id}`;
            await expect(page.locator("h1").textContent(), label).resolves.toBe(expected);
            expect(await page.title(), label).toContain(expected);
            const summary = (await page.locator("p.summary").textContent()) ?? "";
            expect(summary.length, label).toBeGreaterThan(40);
            if (locale === "vi") expect(vietnameseLetters(summary), label).toBeGreaterThan(10);
            else expect(vietnameseLetters(summary), `${label}: ${summary}`).toBe(0);
          }
          await context.close();
        }
      }
    },
  );

  it(
    "never carry relative dates from articles days apart in their summaries",
    { timeout: 600_000 },
    async () => {
      for (const target of targets) {
        const spread = (await storyFacts(target.db)).filter(
          (story) =>
            story.articles.length > 1 &&
            story.articles[story.articles.length - 1]!.at - story.articles[0]!.at > 3 * 86_400_000,
        );
        expect(spread.length, target.name).toBeGreaterThan(0);
        for (const locale of ["en", "vi"] as const) {
          const context = await readerContext(target.base, locale);
          const page = await context.newPage();
          for (const story of spread) {
            await page.goto(`${target.base}/stories/${story.id}`);
            const summary = (await page.locator("p.summary").textContent()) ?? "";
            expect(
              summary.match(RELATIVE_DATE) ?? [],
              `${target.name} ${locale} story ${story.id}: ${summary}`,
            ).toEqual([]);
          }
          await context.close();
        }
      }
    },
  );
});

describe("labels a reader understands", () => {
  it(
    "claim chips say what they count, and an article says whether it is on topic",
    { timeout: 600_000 },
    async () => {
      for (const target of targets) {
        for (const locale of ["en", "vi"] as const) {
          const context = await readerContext(target.base, locale);
          const page = await context.newPage();
          await page.goto(`${target.base}/`);
          const counts = await page.locator(".chip.claim .chip-count").allTextContents();
          expect(counts.length, `${target.name} ${locale}`).toBeGreaterThan(0);
          const word = locale === "en" ? /^ · \d+ claims$/ : /^ · \d+ cáo buộc$/;
          for (const text of counts) expect(text, `${target.name} ${locale}`).toMatch(word);
          const article = await target.db.article.findFirstOrThrow({
            where: { relevance: { gte: 0.7 } },
            select: { id: true },
          });
          await page.goto(`${target.base}/articles/${article.id}`);
          const facts = (await page.locator("dl.dl").textContent()) ?? "";
          expect(facts, `${target.name} ${locale}`).not.toMatch(/\d+\s*%/);
          expect(facts).toContain(
            locale === "en" ? en.article.topic("clear") : vi.article.topic("clear"),
          );
          await context.close();
        }
      }
    },
  );

  it(
    "leaves no English in the Vietnamese interface where Vietnamese can be given",
    { timeout: 600_000 },
    async () => {
      // Every English interface string that Vietnamese says differently.
      const english = new Set<string>();
      const walk = (a: unknown, b: unknown) => {
        if (typeof a === "string" && typeof b === "string") {
          if (a !== b && a.length >= 4) english.add(a);
        } else if (a && typeof a === "object" && b && typeof b === "object")
          for (const key of Object.keys(a)) walk((a as never)[key], (b as never)[key]);
      };
      walk(en, vi);
      // What Vietnamese writes the same way somewhere ("English" is the language switch's label).
      const written = new Set<string>();
      const collect = (value: unknown) => {
        if (typeof value === "string") written.add(value);
        else if (value && typeof value === "object") Object.values(value).forEach(collect);
      };
      collect(vi);
      for (const text of written) english.delete(text);
      expect(english.size).toBeGreaterThan(50);
      for (const target of targets) {
        const context = await readerContext(target.base, "vi");
        const page = await context.newPage();
        const story = await target.db.story.findFirstOrThrow({
          where: { languages: "en,vi" },
          select: { id: true },
        });
        for (const path of [
          "/",
          `/stories/${story.id}`,
          "/entities/openai",
          "/entities/deepseek",
          "/claims",
          "/search?q=openai",
        ]) {
          await page.goto(`${target.base}${path}`);
          const shown: string[] = await page.evaluate(() => {
            const out: string[] = [document.title];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              const text = node.textContent?.trim();
              if (text) out.push(text);
            }
            for (const element of document.querySelectorAll("[aria-label],[title],[placeholder]"))
              for (const name of ["aria-label", "title", "placeholder"]) {
                const value = element.getAttribute(name);
                if (value) out.push(value.trim());
              }
            return out;
          });
          const leaks = shown.filter((text) => english.has(text));
          expect(leaks, `${target.name} ${path}`).toEqual([]);
        }
        // Entity descriptions come in Vietnamese where the knowledge base gives one.
        for (const slug of ["openai", "deepseek", "microsoft", "new-york-times"]) {
          await page.goto(`${target.base}/entities/${slug}`);
          const description = await page.locator("p.entity-description").textContent();
          expect(vietnameseLetters(description ?? ""), `${target.name} ${slug}`).toBeGreaterThan(3);
          const entity = await target.db.entity.findUniqueOrThrow({ where: { slug } });
          expect(description).not.toBe(entity.description);
        }
        await context.close();
      }
    },
  );
});

describe("feeds", () => {
  const getJson = async (url: string) => {
    const response = await fetch(url);
    expect(response.status, url).toBe(200);
    return (await response.json()) as {
      title: string;
      items: { id: string; url: string; title: string; content_html: string }[];
    };
  };

  it(
    "are titled in words, quote claim sentences and link on the reader's address",
    { timeout: 600_000 },
    async () => {
      for (const target of targets) {
        const filtered = await getJson(
          `${target.base}/feeds/latest.json?entity=deepseek&claim=distillation`,
        );
        expect(filtered.title).toBe(
          "DisputeWatch — Latest articles (DeepSeek, claims of distillation)",
        );
        const entity = await getJson(
          `${target.base}/feeds/entities/openai.json?claim=tos_violation&lang=vi`,
        );
        expect(entity.title).toBe(
          "DisputeWatch — Entity: OpenAI (claims of terms-of-service violation, in Vietnamese)",
        );

        const latest = await getJson(`${target.base}/feeds/latest.json?limit=100`);
        expect(latest.items.length, target.name).toBeGreaterThan(10);
        for (const item of latest.items)
          expect(item.id.startsWith(`${target.linkBase}/articles/`), item.id).toBe(true);
        const claim = await target.db.claim.findFirstOrThrow({
          where: { article: { relevance: { gte: 0.5 }, duplicateOfId: null } },
          select: { articleId: true, sentence: true, claimant: { select: { name: true } } },
        });
        const item = latest.items.find(
          (entry) => entry.id === `${target.linkBase}/articles/${claim.articleId}`,
        );
        expect(item, target.name).toBeDefined();
        const escaped = claim.sentence
          .slice(0, 40)
          .replace(/&/g, "&amp;")
          .replace(/</g, "&lt;")
          .replace(/>/g, "&gt;")
          .replace(/"/g, "&quot;")
          .replace(/'/g, "&#39;");
        expect(item!.content_html).toContain("<blockquote>");
        expect(item!.content_html).toContain(escaped);
        expect(item!.content_html).toContain(`${claim.claimant.name} → `);
      }
    },
  );

  it("say why a digest is empty", { timeout: 600_000 }, async () => {
    for (const target of targets) {
      // The sample corpus is dated 2023-2025: nothing in the last 14 days.
      const digest = await getJson(`${target.base}/feeds/digest/daily.json?lang=vi`);
      expect(digest.items, target.name).toHaveLength(1);
      expect(digest.items[0]!.title).toMatch(
        /^No articles in the last 14 days \(the newest is from \d{4}-\d\d-\d\d\)$/,
      );
      expect(digest.items[0]!.content_html).toContain("sample data");
      expect(digest.items[0]!.content_html).toContain(`${target.linkBase}/admin`);
      const none = await getJson(
        `${target.base}/feeds/digest/weekly.json?entity=vietnam&claim=defamation`,
      );
      expect(none.items).toHaveLength(1);
      expect(none.items[0]!.title).toBe("Nothing to digest: no article matches this feed yet");
    }
  });
});

describe("screenshots", () => {
  it(
    "takes the timeline, search, claims table and a story at 375 and 1280 px",
    { timeout: 600_000 },
    async () => {
      const target = targets[0]!;
      const story = await target.db.story.findFirstOrThrow({
        where: { languages: "en,vi" },
        orderBy: { articleCount: "desc" },
        select: { id: true },
      });
      for (const locale of ["en", "vi"] as const) {
        const context = await readerContext(target.base, locale);
        const page = await context.newPage();
        for (const [name, path] of [
          ["timeline", "/"],
          ["search", "/search?q=OpenAI%20vs%20DeepSeek"],
          ["claims", "/claims"],
          ["story", `/stories/${story.id}`],
        ] as const) {
          expect((await page.goto(`${target.base}${path}`))?.status()).toBe(200);
          const paths = await screenshotAtWidths(page, `reader-${name}-${locale}`);
          expect(paths).toHaveLength(2);
        }
        await context.close();
      }
    },
  );
});
