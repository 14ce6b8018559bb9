/**
 * Page queries (lib/store/pages) over the real sample corpus loaded by the bootstrap, plus the pure
 * helpers the pages lean on: locale choice, date formatting, coverage buckets and the proxy's 400s.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "@/lib/bootstrap";
import { parseConfig } from "@/lib/config";
import { makeUi, pickLocale, pickTimeZone } from "@/lib/i18n";
import { en } from "@/lib/i18n/messages/en";
import { vi } from "@/lib/i18n/messages/vi";
import { getArticle } from "@/lib/store/pages/get-article";
import { tagEntities } from "@/lib/enrich/entities";
import { loadKnowledgeBase } from "@/lib/enrich/knowledge-base";
import { stripBoilerplate } from "@/lib/enrich/summarise";
import { getClaimThread } from "@/lib/store/pages/get-claim-thread";
import { coverageBuckets, getEntity } from "@/lib/store/pages/get-entity";
import { getStory } from "@/lib/store/pages/get-story";
import {
  CLAIM_TABLE_PAGE,
  claimTableView,
  listClaimTable,
} from "@/lib/store/pages/list-claim-table";
import { listFilterOptions } from "@/lib/store/pages/list-filter-options";
import { listCardSummariesIn } from "@/lib/store/pages/list-card-summaries-in";
import { timelinePage, titledIn } from "@/lib/store/timeline";
import { badRequestMessage, contentSecurityPolicy } from "@/proxy";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";

const SEED_TITLE = 'Deepseek đã "chưng cất" dữ liệu từ chính OpenAI để phát triển model';

let test: ScratchDatabase;

beforeAll(async () => {
  test = await createScratchDatabase("sqlite");
  const config = parseConfig({
    DATABASE_URL: test.url,
    DEFAULT_SOURCES: "false",
    LOAD_SAMPLE_DATA: "true",
  });
  await bootstrap(test.db, config);
}, 120_000);

afterAll(async () => {
  await test?.drop();
});

describe("page queries on the sample corpus", () => {
  it("loads the seed article's story with its articles oldest first, claims and sources", async () => {
    const seed = await test.db.article.findFirstOrThrow({
      where: { title: SEED_TITLE },
      include: { story: true },
    });
    const story = await getStory(test.db, seed.story!.storyId);
    expect(story).not.toBeNull();
    expect(story!.articles.map((a) => a.id)).toContain(seed.id);
    const times = story!.articles.map((a) => a.publishedAt?.getTime() ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const thread = story!.threads.find(
      (c) =>
        c.claimant.slug === "openai" && c.target.slug === "deepseek" && c.type === "distillation",
    );
    expect(thread?.claims.length).toBeGreaterThan(0);
    expect(thread!.claims.every((c) => c.sentence.length > 0 && c.source.length > 0)).toBe(true);
    expect(story!.pages).toBe(1);
    expect(story!.articleCount).toBe(story!.articles.length);
    expect(story!.sources.reduce((n, s) => n + s.count, 0)).toBe(story!.articles.length);
    expect(story!.languages).toEqual(expect.arrayContaining(["vi"]));
  });

  it("answers null for stories and articles that do not exist or ids that are not ids", async () => {
    expect(await getStory(test.db, 987654)).toBeNull();
    expect(await getStory(test.db, Number.NaN)).toBeNull();
    expect(await getArticle(test.db, -1)).toBeNull();
    expect(await getEntity(test.db, "no-such-entity")).toBeNull();
    expect(await getClaimThread(test.db, "openai", "no-such-entity", "distillation")).toBeNull();
  });

  it("gives an entity its coverage, claims against it, company it keeps and stories", async () => {
    const entity = await getEntity(test.db, "deepseek");
    expect(entity).not.toBeNull();
    expect(entity!.articleCount).toBeGreaterThan(3);
    const bucketed = entity!.coverage.buckets.reduce((n, b) => n + b.count, 0);
    expect(bucketed).toBeLessThanOrEqual(entity!.articleCount);
    expect(bucketed).toBeGreaterThan(0);
    const accused = entity!.claimsAgainst.find(
      (c) => c.other.slug === "openai" && c.type === "distillation",
    );
    expect(accused!.count).toBeGreaterThan(0);
    // Its own denials are counted under the accusation against it, not as claims it makes.
    expect(accused!.denials).toBe(
      await test.db.claim.count({
        where: {
          type: "distillation",
          stance: "denies",
          claimant: { slug: "deepseek" },
          target: { slug: "openai" },
        },
      }),
    );
    for (const made of entity!.claimsMade) {
      expect(made.count).toBe(
        await test.db.claim.count({
          where: {
            type: made.type,
            stance: { in: ["alleges", "confirms"] },
            claimant: { slug: "deepseek" },
            target: { slug: made.other.slug },
          },
        }),
      );
    }
    expect(entity!.together.map((t) => t.slug)).toContain("openai");
    expect(entity!.together.map((t) => t.slug)).not.toContain("deepseek");
    expect(entity!.stories.length).toBeGreaterThan(0);
  });

  it("builds the claims table with accusations apart from the accused's denials and reports", async () => {
    const rows = await listClaimTable(test.db);
    const row = (accuser: string, accused: string, type: string) =>
      rows.find((r) => r.accuser.slug === accuser && r.accused.slug === accused && r.type === type);
    const count = (claimant: string, target: string, type: string, stance: string[]) =>
      test.db.claim.count({
        where: {
          type,
          stance: { in: stance },
          claimant: { slug: claimant },
          target: { slug: target },
        },
      });
    const distillation = row("openai", "deepseek", "distillation");
    expect(distillation!.accusations).toBe(
      await count("openai", "deepseek", "distillation", ["alleges", "confirms"]),
    );
    expect(distillation!.accusations).toBeGreaterThan(0);
    // DeepSeek's denials stand in OpenAI's row, never as DeepSeek accusing OpenAI.
    expect(distillation!.denials).toBe(
      await count("deepseek", "openai", "distillation", ["denies"]),
    );
    expect(distillation!.denials).toBeGreaterThan(0);
    const reverse = row("deepseek", "openai", "copyright");
    expect(reverse?.accusations ?? 0).toBe(
      await count("deepseek", "openai", "copyright", ["alleges", "confirms"]),
    );
    expect(row("openai", "new-york-times", "copyright")?.accusations ?? 0).toBe(
      await count("openai", "new-york-times", "copyright", ["alleges", "confirms"]),
    );
    expect(row("new-york-times", "openai", "copyright")!.denials).toBe(
      await count("openai", "new-york-times", "copyright", ["denies"]),
    );
    // Every stored claim is counted once, in one row.
    expect(
      rows.reduce((n, r) => n + r.accusations + r.denials + r.reports + r.settlements, 0),
    ).toBe(await test.db.claim.count());

    const copyright = claimTableView(rows, { type: "copyright", sort: "denials" });
    expect(copyright.rows.length).toBeGreaterThan(1);
    expect(copyright.rows.every((r) => r.type === "copyright")).toBe(true);
    const denials = copyright.rows.map((r) => r.denials);
    expect(denials).toEqual([...denials].sort((a, b) => b - a));
    const byAccuser = claimTableView(rows, { sort: "accuser" }).rows.map((r) =>
      r.accuser.name.toLowerCase(),
    );
    expect(byAccuser).toEqual([...byAccuser].sort((a, b) => a.localeCompare(b, "en")));
    expect(claimTableView(rows).types).toContain("distillation");
    // A view is worked out once per rows list and options; other options or a new list get their own.
    expect(claimTableView(rows, { type: "copyright", sort: "denials" })).toBe(copyright);
    expect(claimTableView(rows, { type: "copyright" })).not.toBe(copyright);
    expect(claimTableView(rows, { type: "copyright" }).rows[0]!.accusations).toBeGreaterThanOrEqual(
      claimTableView(rows, { type: "copyright" }).rows.at(-1)!.accusations,
    );
    const fresh = claimTableView([...rows], { type: "copyright", sort: "denials" });
    expect(fresh).not.toBe(copyright);
    expect(fresh).toEqual(copyright);
  });

  it("pages the claims table, CLAIM_TABLE_PAGE rows a page, keeping the filter and the order", () => {
    // Made-up disputes: more than two pages of them, counts falling with the index.
    const party = (n: number) => ({ slug: `party-${n}`, name: `Party ${n}` });
    const rows = Array.from({ length: 2 * CLAIM_TABLE_PAGE + 7 }, (_, i) => ({
      accuser: party(i),
      accused: party(i + 1000),
      type: i % 2 ? "copyright" : "distillation",
      accusations: 1000 - i,
      denials: i % 3,
      reports: 0,
      settlements: 0,
      latest: null,
    }));
    const first = claimTableView(rows);
    expect([first.page, first.pages, first.offset, first.matching]).toEqual([1, 3, 0, rows.length]);
    expect(first.rows).toHaveLength(CLAIM_TABLE_PAGE);
    const second = claimTableView(rows, { page: 2 });
    expect(second.offset).toBe(CLAIM_TABLE_PAGE);
    expect(second.rows[0]!.accusations).toBe(first.rows.at(-1)!.accusations - 1);
    // The last page holds the rest; a page past it shows the last one.
    expect(claimTableView(rows, { page: 3 }).rows).toHaveLength(7);
    expect(claimTableView(rows, { page: 40 }).page).toBe(3);
    // Every row is on exactly one page.
    const all = [1, 2, 3].flatMap((page) => claimTableView(rows, { page }).rows);
    expect(new Set(all).size).toBe(rows.length);
    // The filter counts its own pages.
    const copyright = claimTableView(rows, { type: "copyright", page: 2 });
    expect([copyright.matching, copyright.pages, copyright.rows.length]).toEqual([
      53,
      2,
      53 - CLAIM_TABLE_PAGE,
    ]);
    expect(copyright.rows.every((row) => row.type === "copyright")).toBe(true);
  });

  it("titles timeline cards in the reader's language when the story has an article in it", async () => {
    const { cards } = await timelinePage(test.db, { take: 100, articles: false });
    const mixed: {
      card: (typeof cards)[number];
      languages: { language: string; title: string; summary: string; publishedAt: Date | null }[];
    }[] = [];
    for (const card of cards) {
      const languages = await test.db.article.findMany({
        where: { story: { storyId: card.id } },
        select: { language: true, title: true, summary: true, publishedAt: true },
        orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
      });
      if (
        new Set(languages.map((a) => a.language)).has("vi") &&
        new Set(languages.map((a) => a.language)).has("en")
      )
        mixed.push({ card, languages });
    }
    expect(mixed.length).toBeGreaterThan(0);
    for (const language of ["vi", "en"]) {
      const titled = await titledIn(
        test.db,
        mixed.map((m) => m.card),
        language,
      );
      titled.forEach((card, index) => {
        expect(card.title).toBe(
          mixed[index]!.languages.find((a) => a.language === language)!.title,
        );
      });
    }
    // And their summaries from the earliest article in that language that has one.
    for (const language of ["vi", "en"]) {
      const summaries = await listCardSummariesIn(
        test.db,
        mixed.map((m) => m.card),
        language,
      );
      mixed.forEach((m) => {
        expect(summaries.get(m.card.id)).toBe(
          m.languages.find((a) => a.language === language && a.summary.trim())?.summary,
        );
      });
    }
    // A language none of its articles is in leaves the story's own title.
    expect((await titledIn(test.db, [mixed[0]!.card], "fr"))[0]!.title).toBe(mixed[0]!.card.title);
  });

  it("follows a claim thread oldest first with its stance run", async () => {
    const thread = await getClaimThread(test.db, "openai", "deepseek", "distillation");
    expect(thread).not.toBeNull();
    // OpenAI's own sentences but its denials, and DeepSeek's denials of the accusation.
    const own = await test.db.claim.count({
      where: {
        type: "distillation",
        stance: { not: "denies" },
        claimant: { slug: "openai" },
        target: { slug: "deepseek" },
      },
    });
    const answered = await test.db.claim.count({
      where: {
        type: "distillation",
        stance: "denies",
        claimant: { slug: "deepseek" },
        target: { slug: "openai" },
      },
    });
    expect(answered).toBeGreaterThan(0);
    expect(thread!.sentences).toHaveLength(own + answered);
    expect(thread!.sentences.filter((s) => s.stance === "denies")).toHaveLength(answered);
    expect(thread!.thread.stances[0]?.stance).toBeDefined();
    for (let i = 1; i < thread!.thread.stances.length; i++)
      expect(thread!.thread.stances[i]!.stance).not.toBe(thread!.thread.stances[i - 1]!.stance);
    const times = thread!.sentences.map((s) => s.article.publishedAt?.getTime() ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("loads an article whose claim offsets point at their sentences", async () => {
    const seed = await test.db.article.findFirstOrThrow({ where: { title: SEED_TITLE } });
    const article = await getArticle(test.db, seed.id);
    expect(article!.claims.length).toBeGreaterThan(0);
    for (const claim of article!.claims)
      expect(article!.text.slice(claim.start, claim.end)).toBe(claim.sentence);
    expect(article!.story?.story.id).toBeGreaterThan(0);
    // The stored mention spans are what tagging the analysed text again gives (the page used to
    // do that at every render): every occurrence of every verified entity, in text order.
    const tagged = tagEntities(stripBoilerplate(article!.text), {
      language: article!.language,
      title: article!.title,
      kb: loadKnowledgeBase(),
    })
      .filter((m) => m.verified)
      .map((m) => ({ start: m.start, end: m.end, slug: m.slug }));
    expect(tagged.length).toBeGreaterThan(3);
    expect(article!.mentionSpans.map(({ start, end, slug }) => ({ start, end, slug }))).toEqual(
      tagged,
    );
  });

  it("offers filter options that exist in the data", async () => {
    const options = await listFilterOptions(test.db);
    expect(options.entities.map((e) => e.slug)).toEqual(
      expect.arrayContaining(["openai", "deepseek"]),
    );
    expect(options.languages.map((l) => l.code)).toEqual(expect.arrayContaining(["en", "vi"]));
    expect(options.sources.length).toBeGreaterThan(0);
  });
});

describe("pure helpers of the pages", () => {
  it("picks the locale from the cookie first, then Accept-Language by q-value", () => {
    expect(pickLocale("vi", "en-US,en;q=0.9")).toBe("vi");
    expect(pickLocale(undefined, "fr-FR,vi;q=0.8,en;q=0.5")).toBe("vi");
    expect(pickLocale(undefined, "en;q=0.3,vi-VN;q=0.9")).toBe("vi");
    expect(pickLocale("xx", "de")).toBe("en");
    expect(pickLocale(null, null)).toBe("en");
  });

  it("keeps only real time zones and formats dates in the interface language", () => {
    expect(pickTimeZone("Asia/Ho_Chi_Minh")).toBe("Asia/Ho_Chi_Minh");
    expect(pickTimeZone("Mars/Olympus")).toBe("UTC");
    const date = new Date("2025-01-29T20:00:00Z");
    expect(makeUi("vi").dates.day(date)).toMatch(/29 tháng 1,? 2025/);
    expect(makeUi("en").dates.day(date)).toBe("29 January 2025");
    // 20:00 UTC is already the next day in Hanoi.
    expect(makeUi("vi", "Asia/Ho_Chi_Minh").dates.isoDay(date)).toBe("2025-01-30");
    expect(makeUi("vi").claimType("distillation")).toBe("chưng cất mô hình");
    // A claim sentence in quotation marks, unless it quotes somebody itself.
    expect(makeUi("en").quote("DeepSeek denied the allegations.")).toBe(
      "“DeepSeek denied the allegations.”",
    );
    expect(makeUi("en").quote('"We know PRC based companies are trying," OpenAI said.')).toBe(
      '"We know PRC based companies are trying," OpenAI said.',
    );
    expect(makeUi("vi").quote("Ông nói “có thể” đã có việc đánh cắp.")).toBe(
      "Ông nói “có thể” đã có việc đánh cắp.",
    );
    // Languages our messages do not name still get their name; codes Intl does not know stay codes.
    expect(makeUi("en").language("vi")).toBe("Vietnamese");
    expect(makeUi("en").language("fr")).toBe("French");
    expect(makeUi("vi").language("fr")).toBe("tiếng Pháp");
    expect(makeUi("en").language("und")).toBe("und");
    expect(makeUi("en").language("qq")).toBe("qq");
    expect(makeUi("en").language("not a code")).toBe("not a code");
  });

  it("has a Vietnamese string for every English one", () => {
    const keys = (o: object, prefix = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    expect(keys(vi).sort()).toEqual(keys(en).sort());
  });

  it("buckets coverage by week with empty weeks filled, or by month over a long span", () => {
    const weekly = coverageBuckets([
      new Date("2025-01-06T10:00:00Z"),
      new Date("2025-01-08T10:00:00Z"),
      new Date("2025-01-22T00:00:00Z"),
    ]);
    expect(weekly.unit).toBe("week");
    expect(weekly.buckets.map((b) => b.count)).toEqual([2, 0, 1]);
    expect(weekly.buckets[0]!.start.toISOString()).toBe("2025-01-06T00:00:00.000Z");
    const monthly = coverageBuckets([
      new Date("2024-01-15T00:00:00Z"),
      new Date("2025-03-02T00:00:00Z"),
    ]);
    expect(monthly.unit).toBe("month");
    expect(monthly.buckets).toHaveLength(15);
    expect(coverageBuckets([]).buckets).toEqual([]);
  });

  it("answers 400 messages for bad timeline and search parameters, none for good ones", () => {
    expect(
      badRequestMessage(
        "/",
        new URLSearchParams("entity=openai&claim=distillation&from=2025-01-01"),
      ),
    ).toBeNull();
    expect(badRequestMessage("/", new URLSearchParams("claim=stealing"))).toMatch(/claim/);
    expect(badRequestMessage("/", new URLSearchParams("from=2025-13-01"))).toMatch(/from/);
    expect(badRequestMessage("/", new URLSearchParams("cursor=bm90LWEtY3Vyc29y"))).toMatch(
      /cursor/,
    );
    expect(badRequestMessage("/search", new URLSearchParams("q=chung+cat&sort=date"))).toBeNull();
    expect(badRequestMessage("/search", new URLSearchParams("q=x&sort=best"))).toMatch(/sort/);
    expect(badRequestMessage("/search", new URLSearchParams("q=after:2025-99-01"))).toMatch(
      /after/,
    );
    expect(badRequestMessage("/stories/1", new URLSearchParams("claim=stealing"))).toBeNull();
  });

  it("writes a script policy with the nonce and without unsafe-inline or unsafe-eval", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
