import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { writeArticle, type ArticleInput } from "@/lib/store/articles";
import { syncKnowledgeBase } from "@/lib/store/entities";
import type { SearchResult } from "@/lib/store/search";
import { search as searchArticles, type TestSearchOptions } from "@/test/helpers/search";
import type { Claim, ClaimType, EntityKind, EntityMention } from "@/lib/types";
import type { Db } from "@/lib/store/db";
import {
  createScratchDatabase,
  DATABASE_KINDS,
  type ScratchDatabase,
  type ScratchDatabaseKind,
} from "@/scripts/support/scratch-db";

const KNOWLEDGE_BASE = [
  { slug: "openai", name: "OpenAI", kind: "company" as const, aliases: ["Open AI"] },
  {
    slug: "deepseek",
    name: "DeepSeek",
    kind: "company" as const,
    aliases: ["Deep Seek", "深度求索"],
  },
  { slug: "microsoft", name: "Microsoft", kind: "company" as const, aliases: [] },
  {
    slug: "new-york-times",
    name: "The New York Times",
    kind: "media" as const,
    aliases: ["NYT", "New York Times"],
  },
  {
    slug: "united-states",
    name: "United States",
    kind: "government" as const,
    aliases: ["Mỹ", "Hoa Kỳ", "US"],
  },
  { slug: "anthropic", name: "Anthropic", kind: "company" as const, aliases: [] },
];

const ENTITY = new Map(KNOWLEDGE_BASE.map((e) => [e.slug, e]));

interface Fixture {
  key: string;
  title: string;
  text: string;
  language: string;
  host: string;
  sourceName?: string;
  publishedAt: string | null;
  relevance?: number;
  duplicateOf?: string;
  /** Entity slugs with the surface form the text uses. */
  mentions?: [string, string][];
  claims?: { claimant: string; target: string; type: ClaimType }[];
  story?: boolean;
}

const FIXTURES: Fixture[] = [
  {
    key: "reuters-distill",
    title: "OpenAI says DeepSeek distilled its models through the API",
    text:
      "OpenAI said on Wednesday it had found evidence that Chinese startup DeepSeek used distillation, a technique in which " +
      "outputs of a larger model train a smaller one, in breach of its terms of service. Microsoft security researchers " +
      "observed large volumes of data leaving through developer accounts. Distillation is common in the industry.",
    language: "en",
    host: "www.reuters.com",
    sourceName: "Reuters",
    publishedAt: "2025-01-29T08:00:00Z",
    mentions: [
      ["openai", "OpenAI"],
      ["deepseek", "DeepSeek"],
      ["microsoft", "Microsoft"],
    ],
    claims: [
      { claimant: "openai", target: "deepseek", type: "distillation" },
      { claimant: "openai", target: "deepseek", type: "tos_violation" },
    ],
    story: true,
  },
  {
    key: "reuters-distill-copy",
    title: "OpenAI says DeepSeek distilled its models through the API",
    text:
      "OpenAI said on Wednesday it had found evidence that Chinese startup DeepSeek used distillation, a technique in which " +
      "outputs of a larger model train a smaller one, in breach of its terms of service. (Syndicated copy.)",
    language: "en",
    host: "news.yahoo.com",
    sourceName: "Yahoo News",
    publishedAt: "2025-01-29T09:00:00Z",
    duplicateOf: "reuters-distill",
    mentions: [
      ["openai", "OpenAI"],
      ["deepseek", "DeepSeek"],
    ],
    claims: [{ claimant: "openai", target: "deepseek", type: "distillation" }],
  },
  {
    key: "vnexpress-chung-cat",
    title: "OpenAI cáo buộc DeepSeek chưng cất mô hình của mình",
    text:
      "OpenAI cho biết có bằng chứng DeepSeek đã chưng cất các mô hình của công ty thông qua tài khoản API dành cho nhà phát triển. " +
      "Cố vấn Nhà Trắng David Sacks nói Mỹ có thể đã bị đánh cắp công nghệ. Đây là kỹ thuật chưng cất mô hình phổ biến.",
    language: "vi",
    host: "vnexpress.net",
    sourceName: "VnExpress",
    publishedAt: "2025-01-30T03:00:00Z",
    mentions: [
      ["openai", "OpenAI"],
      ["deepseek", "DeepSeek"],
      ["united-states", "Mỹ"],
    ],
    claims: [{ claimant: "openai", target: "deepseek", type: "distillation" }],
    story: true,
  },
  {
    key: "forum-no-diacritics",
    title: "DeepSeek bi to chung cat mo hinh cua OpenAI",
    text: "Tin nhanh tu Da Nang: nhieu nguoi ban ve viec DeepSeek bi to chung cat mo hinh, OpenAI chua dua ra bang chung cong khai.",
    language: "vi",
    host: "forum.example.vn",
    publishedAt: "2025-01-31T10:00:00Z",
    mentions: [
      ["deepseek", "DeepSeek"],
      ["openai", "OpenAI"],
    ],
  },
  {
    key: "tuoitre-da-nang",
    title: "Hội thảo AI tại Đà Nẵng bàn chuyện bản quyền dữ liệu huấn luyện",
    text:
      "Tại Đà Nẵng, các chuyên gia bàn về tranh chấp bản quyền giữa các nhà phát triển AI. Nhiều ý kiến cho rằng " +
      "việc thu thập dữ liệu huấn luyện cần được quy định rõ. Đại diện doanh nghiệp đề nghị minh bạch nguồn dữ liệu.",
    language: "vi",
    host: "tuoitre.vn",
    sourceName: "Tuổi Trẻ",
    publishedAt: "2025-02-10T02:00:00Z",
    mentions: [],
    claims: [],
  },
  {
    key: "deep-seek-spaced",
    title: "Chinese lab denies wrongdoing",
    text:
      "The Hangzhou company Deep Seek denied on Friday that it trained its chatbot on outputs of American models, " +
      "calling the accusations unfounded. Analysts expect the row to reach regulators.",
    language: "en",
    host: "www.ft.com",
    sourceName: "Financial Times",
    publishedAt: "2025-02-01T12:00:00Z",
    mentions: [["deepseek", "Deep Seek"]],
    claims: [],
  },
  {
    key: "nyt-copyright",
    title: "The Times sues OpenAI and Microsoft over copyright infringement",
    text:
      "The New York Times filed a copyright lawsuit against OpenAI and Microsoft, saying millions of its articles were used " +
      "to train chatbots that now compete with it. The copyright lawsuit seeks billions of dollars in damages.",
    language: "en",
    host: "www.nytimes.com",
    sourceName: "The New York Times",
    publishedAt: "2023-12-27T15:00:00Z",
    mentions: [
      ["new-york-times", "The New York Times"],
      ["openai", "OpenAI"],
      ["microsoft", "Microsoft"],
    ],
    claims: [
      { claimant: "new-york-times", target: "openai", type: "copyright" },
      { claimant: "new-york-times", target: "microsoft", type: "copyright" },
    ],
  },
  {
    key: "script-injection",
    title: 'Blog <b>quotes</b> & "escapes": OpenAI lawsuit explained',
    text:
      "A lawsuit over training data keeps growing. The page embedded <script>alert(1)</script> next to a quote about " +
      "OpenAI, and separately discussed copyright in general terms.",
    language: "en",
    host: "blog.example.com",
    sourceName: "Example Blog",
    publishedAt: "2024-06-01T00:00:00Z",
    mentions: [["openai", "OpenAI"]],
  },
  {
    key: "off-topic-recipe",
    title: "A pancake recipe my kids love",
    text: "Mix flour, eggs and milk. My nephew who works at OpenAI swears by this pancake recipe every weekend.",
    language: "en",
    host: "recipes.example.com",
    publishedAt: "2025-01-29T07:00:00Z",
    relevance: 0.05,
    mentions: [["openai", "OpenAI"]],
  },
  {
    key: "anthropic-authors",
    title: "Authors settle with Anthropic",
    text: "Anthropic agreed to settle a class action by authors over pirated books used to train its Claude models.",
    language: "en",
    host: "www.reuters.com",
    sourceName: "Reuters",
    publishedAt: "2025-09-05T10:00:00Z",
    mentions: [["anthropic", "Anthropic"]],
    claims: [{ claimant: "anthropic", target: "anthropic", type: "copyright" }],
  },
];

// A run of similar articles for pagination, with equal dates in pairs to exercise tie-breaking.
for (let i = 0; i < 23; i++) {
  const day = String(1 + Math.floor(i / 2)).padStart(2, "0");
  FIXTURES.push({
    key: `update-${i}`,
    title: `Court update ${i}: OpenAI lawsuit hearing`,
    text: `Update number ${i} on the lawsuit. Lawyers for OpenAI told the court ${i % 3 === 0 ? "that the lawsuit lacks merit" : "they need more time"}.`,
    language: i % 4 === 0 ? "vi" : "en",
    host: i % 2 ? "www.courtwatch.example" : "law.example.org",
    sourceName: i % 2 ? "Court Watch" : undefined,
    publishedAt: `2024-03-${day}T09:00:00Z`,
    mentions: [["openai", "OpenAI"]],
  });
}

function input(fixture: Fixture, ids: Map<string, number>): ArticleInput {
  const mentions: EntityMention[] = (fixture.mentions ?? []).map(([slug, surface]) => {
    const entity = ENTITY.get(slug)!;
    const start = Math.max(0, fixture.text.indexOf(surface));
    return {
      slug,
      name: entity.name,
      kind: entity.kind as EntityKind,
      start,
      end: start + surface.length,
      surface,
      verified: true,
    };
  });
  const claims: Claim[] = (fixture.claims ?? []).map((claim, index) => ({
    claimant: ENTITY.get(claim.claimant)!.name,
    target: ENTITY.get(claim.target)!.name,
    claimantSlug: claim.claimant,
    targetSlug: claim.target,
    type: claim.type,
    stance: "alleges",
    sentence: fixture.text.split(". ")[0]!,
    start: index,
    end: 40,
    confidence: 0.8,
  }));
  const canonicalUrl = `https://${fixture.host}/${fixture.key}`;
  return {
    canonicalUrl,
    url: canonicalUrl,
    guid: null,
    sourceId: null,
    sourceName: fixture.sourceName ?? null,
    contentHash: `hash-${fixture.key}`,
    simhash: null,
    duplicateOfId: fixture.duplicateOf ? ids.get(fixture.duplicateOf)! : null,
    language: fixture.language,
    title: fixture.title,
    byline: null,
    text: fixture.text,
    summary: fixture.text.split(". ")[0]! + ".",
    leadImage: null,
    relevance: fixture.relevance ?? 0.9,
    publishedAt: fixture.publishedAt ? new Date(fixture.publishedAt) : null,
    isSample: false,
    mentions,
    claims,
  };
}

async function loadFixtures(db: Db): Promise<Map<string, number>> {
  await syncKnowledgeBase(db, KNOWLEDGE_BASE);
  const ids = new Map<string, number>();
  for (const fixture of FIXTURES) {
    const id = await db.$transaction((tx) => writeArticle(tx, input(fixture, ids)));
    ids.set(fixture.key, id);
  }
  const story = await db.story.create({
    data: { title: "OpenAI accuses DeepSeek of distillation" },
  });
  for (const fixture of FIXTURES.filter((f) => f.story)) {
    await db.storyArticle.create({ data: { storyId: story.id, articleId: ids.get(fixture.key)! } });
  }
  return ids;
}

interface Loaded {
  database: ScratchDatabase;
  ids: Map<string, number>;
  keyOf: Map<number, string>;
  storyId: number;
}

const loaded = new Map<ScratchDatabaseKind, Loaded>();

afterAll(async () => {
  for (const { database } of loaded.values()) await database.drop();
});

async function keysOf(
  kind: ScratchDatabaseKind,
  q: string,
  options: TestSearchOptions = {},
): Promise<string[]> {
  const { database, keyOf } = loaded.get(kind)!;
  const result = await searchArticles(database.db, q, { limit: 100, ...options });
  return result.hits.map((hit) => keyOf.get(hit.articleId)!);
}

/** The fixtures a query should find, computed from the fixture data itself (on-topic originals only). */
function expected(predicate: (f: Fixture) => boolean): string[] {
  return FIXTURES.filter((f) => !f.duplicateOf && (f.relevance ?? 0.9) >= 0.3 && predicate(f))
    .map((f) => f.key)
    .sort();
}

for (const kind of DATABASE_KINDS) {
  describe(`search on ${kind}`, () => {
    let db: Db;
    const keys = (q: string, options?: TestSearchOptions) => keysOf(kind, q, options);
    const sorted = async (q: string, options?: TestSearchOptions) =>
      (await keys(q, options)).sort();

    beforeAll(async () => {
      const database = await createScratchDatabase(kind);
      const ids = await loadFixtures(database.db);
      const story = await database.db.story.findFirstOrThrow();
      loaded.set(kind, {
        database,
        ids,
        keyOf: new Map([...ids].map(([k, v]) => [v, k])),
        storyId: story.id,
      });
      db = database.db;
    });

    it("keeps its triggers after every migration", async () => {
      const names =
        kind === "sqlite"
          ? (
              await db.$queryRawUnsafe<{ name: string }[]>(
                `SELECT name FROM sqlite_master WHERE type = 'trigger'`,
              )
            ).map((r) => r.name)
          : (
              await db.$queryRawUnsafe<{ name: string }[]>(
                `SELECT tgname::text AS name FROM pg_trigger WHERE NOT tgisinternal`,
              )
            ).map((r) => r.name);
      for (const name of [
        "ArticleSearch_article_insert",
        "ArticleSearch_article_update",
        "ArticleSearch_mention_insert",
        "ArticleSearch_mention_delete",
        "ArticleSearch_alias_insert",
      ]) {
        expect(names).toContain(name);
      }
    });

    it("ignores diacritics both ways, and case", async () => {
      const both = ["forum-no-diacritics", "vnexpress-chung-cat"];
      expect(await sorted("chung cat")).toEqual(both);
      expect(await sorted("chưng cất")).toEqual(both);
      expect(await sorted("CHƯNG CẤT")).toEqual(both);
      expect(await sorted("Chung Cất")).toEqual(both);
    });

    it("folds Vietnamese đ, which Unicode does not decompose", async () => {
      const both = ["forum-no-diacritics", "tuoitre-da-nang"];
      expect(await sorted("Da Nang")).toEqual(both);
      expect(await sorted("Đà Nẵng")).toEqual(both);
      expect(await sorted("đà nẵng")).toEqual(both);
      expect(await sorted("dai dien")).toEqual(["tuoitre-da-nang"]);
    });

    it("matches quoted phrases only in that order", async () => {
      expect(await sorted('"copyright lawsuit"')).toEqual(["nyt-copyright"]);
      // As typed (a reader's "copyright lawsuit" is read as the claim type: test/search/quality.test.ts).
      expect(await sorted("copyright lawsuit", { literal: true })).toEqual([
        "nyt-copyright",
        "script-injection",
      ]);
      expect(await sorted('"lawsuit copyright"')).toEqual([]);
      expect(await sorted('"chung cat mo hinh"')).toEqual([
        "forum-no-diacritics",
        "vnexpress-chung-cat",
      ]);
    });

    it("supports OR between words", async () => {
      expect(await sorted("pancake OR anthropic", { includeOffTopic: true })).toEqual([
        "anthropic-authors",
        "off-topic-recipe",
      ]);
      expect(await sorted("authors OR hangzhou claude")).toEqual(["anthropic-authors"]);
    });

    it('finds an article that only says "Deep Seek" when asked for deepseek, and highlights it', async () => {
      const result = await searchArticles(db, "deepseek");
      const keyOf = loaded.get(kind)!.keyOf;
      const keys = result.hits.map((h) => keyOf.get(h.articleId));
      expect(keys).toContain("deep-seek-spaced");
      const hit = result.hits.find((h) => keyOf.get(h.articleId) === "deep-seek-spaced")!;
      expect(hit.snippet).toContain("<mark>Deep Seek</mark>");
      // And the other way round: the two words find articles that write DeepSeek.
      expect(await sorted('"deep seek"')).toEqual(
        expected((f) => (f.mentions ?? []).some(([slug]) => slug === "deepseek")),
      );
      // An alias in another script works the same way.
      expect((await sorted("深度求索")).length).toBe(
        expected((f) => (f.mentions ?? []).some(([slug]) => slug === "deepseek")).length,
      );
    });

    it("filters by entity (slug, name or alias; repeated = all of them)", async () => {
      const mentions = (slug: string) => (f: Fixture) =>
        (f.mentions ?? []).some(([s]) => s === slug);
      expect(await sorted("entity:openai")).toEqual(expected(mentions("openai")));
      expect(await sorted("entity:OpenAI")).toEqual(expected(mentions("openai")));
      expect(await sorted('entity:"Deep Seek"')).toEqual(expected(mentions("deepseek")));
      expect(await sorted('entity:"The New York Times"')).toEqual(["nyt-copyright"]);
      expect(await sorted("entity:openai entity:microsoft")).toEqual(
        expected((f) => mentions("openai")(f) && mentions("microsoft")(f)),
      );
      expect(await sorted("entity:openai distillation")).toEqual(["reuters-distill"]);
      const none = await searchArticles(db, "entity:no-such-company");
      expect(none.total).toBe(0);
      expect(none.hits).toEqual([]);
    });

    it("filters by claim type, language, date range, source and story", async () => {
      const claims = (type: string) => (f: Fixture) =>
        (f.claims ?? []).some((c) => c.type === type);
      expect(await sorted("claim:distillation")).toEqual(expected(claims("distillation")));
      expect(await sorted("claim:copyright")).toEqual(expected(claims("copyright")));
      expect(await sorted("claim:distillation claim:tos_violation")).toEqual(["reuters-distill"]);
      expect(await sorted("lang:vi")).toEqual(expected((f) => f.language === "vi"));
      expect(await sorted("openai lang:vi")).toEqual(
        expected((f) => f.language === "vi" && /openai/i.test(f.title + f.text)),
      );
      const inRange = (f: Fixture) =>
        f.publishedAt !== null && f.publishedAt >= "2025-01-01" && f.publishedAt < "2025-02-01";
      expect(await sorted("after:2025-01-01 before:2025-02-01")).toEqual(expected(inRange));
      expect(await sorted("after:2025-02-01")).toEqual(
        expected((f) => f.publishedAt !== null && f.publishedAt >= "2025-02-01"),
      );
      const reuters = expected((f) => f.host === "www.reuters.com");
      expect(reuters.length).toBe(2);
      expect(await sorted("source:reuters.com")).toEqual(reuters);
      expect(await sorted("source:https://www.reuters.com/world")).toEqual(reuters);
      expect(await sorted("source:Reuters")).toEqual(reuters);
      expect(await sorted("source:example.org")).toEqual(
        expected((f) => f.host.endsWith(".example.org")),
      );
      expect(await sorted('source:"Financial Times"')).toEqual(["deep-seek-spaced"]);
      expect(await sorted(`story:${loaded.get(kind)!.storyId}`)).toEqual([
        "reuters-distill",
        "vnexpress-chung-cat",
      ]);
    });

    it("rejects a bad date with BAD_REQUEST", async () => {
      const error = await searchArticles(db, "openai after:2025-13-01").catch((e: unknown) => e);
      expect(isAppError(error, "BAD_REQUEST")).toBe(true);
      expect((error as Error).message).toMatch(/after/);
      await expect(searchArticles(db, "openai", { cursor: "not-a-cursor" })).rejects.toThrow(
        /cursor/,
      );
    });

    it("leaves out duplicates and off-topic articles unless asked", async () => {
      expect(await keys("pancake")).toEqual([]);
      expect(await keys("pancake", { includeOffTopic: true })).toEqual(["off-topic-recipe"]);
      expect(await keys("pancake", { minRelevance: 0.01 })).toEqual(["off-topic-recipe"]);
      expect(await keys("syndicated")).toEqual([]);
      expect(await keys("syndicated", { includeDuplicates: true })).toEqual([
        "reuters-distill-copy",
      ]);
    });

    it("counts facets over the matches", async () => {
      const result = await searchArticles(db, "openai", { limit: 100 });
      const found = new Set(result.hits.map((h) => loaded.get(kind)!.keyOf.get(h.articleId)!));
      const matching = FIXTURES.filter((f) => found.has(f.key));
      expect(result.total).toBe(matching.length);
      expect(result.facetScope).toBe(matching.length);
      const count = (predicate: (f: Fixture) => boolean) => matching.filter(predicate).length;
      expect(result.facets.languages).toEqual(
        [...new Set(matching.map((f) => f.language))]
          .map((language) => ({ language, count: count((f) => f.language === language) }))
          .sort((a, b) => b.count - a.count || a.language.localeCompare(b.language)),
      );
      const openai = result.facets.entities.find((e) => e.slug === "openai")!;
      expect(openai).toEqual({
        slug: "openai",
        name: "OpenAI",
        kind: "company",
        count: count((f) => (f.mentions ?? []).some(([s]) => s === "openai")),
      });
      expect(result.facets.entities.find((e) => e.slug === "microsoft")?.count).toBe(
        count((f) => (f.mentions ?? []).some(([s]) => s === "microsoft")),
      );
      expect(result.facets.claimTypes.find((c) => c.type === "distillation")?.count).toBe(
        count((f) => (f.claims ?? []).some((c) => c.type === "distillation")),
      );
      // Two copyright claims in one article count once.
      expect(result.facets.claimTypes.find((c) => c.type === "copyright")?.count).toBe(
        count((f) => (f.claims ?? []).some((c) => c.type === "copyright")),
      );
      expect(result.facets.sources.find((s) => s.source === "Court Watch")?.count).toBe(
        count((f) => f.sourceName === "Court Watch"),
      );
      // Without a source name, the host stands in.
      expect(result.facets.sources.find((s) => s.source === "law.example.org")?.count).toBe(
        count((f) => f.host === "law.example.org"),
      );
    });

    it("escapes everything but the marks in snippets and titles", async () => {
      const result = await searchArticles(db, "alert quotes");
      expect(result.hits).toHaveLength(1);
      const [hit] = result.hits;
      expect(hit!.snippet).toContain("&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;");
      expect(hit!.snippet).not.toMatch(/<(?!\/?mark>)/);
      expect(hit!.titleHighlighted).toBe(
        "Blog &lt;b&gt;<mark>quotes</mark>&lt;/b&gt; &amp; &quot;escapes&quot;: OpenAI lawsuit explained",
      );
      const accented = await searchArticles(db, "chung cat");
      const vn = accented.hits.find(
        (h) => loaded.get(kind)!.keyOf.get(h.articleId) === "vnexpress-chung-cat",
      )!;
      // Vietnamese: the query's syllables are marked where they stand together, and not a lone
      // "chứng" of "bằng chứng" (evidence), which folds to "chung" too.
      expect(vn.titleHighlighted).toContain("<mark>chưng cất</mark>");
      expect(vn.snippet).toContain("<mark>chưng cất</mark>");
      expect(vn.snippet).toContain("bằng chứng");
      expect(vn.snippet).not.toContain("<mark>chứng</mark>");
      // Where they never stand together (here, in the other order), each one is marked.
      const apart = (await searchArticles(db, "cat chung")).hits.find(
        (h) => loaded.get(kind)!.keyOf.get(h.articleId) === "vnexpress-chung-cat",
      )!;
      expect(apart.snippet).toContain("<mark>chứng</mark>");
      expect(apart.snippet).toContain("<mark>chưng</mark> <mark>cất</mark>");
      // English words are each marked wherever they are.
      expect(
        (await searchArticles(db, "openai lawsuit", { literal: true })).hits.some(
          (h) =>
            /<mark>OpenAI<\/mark>/.test(h.titleHighlighted) &&
            /<mark>lawsuit<\/mark>/.test(h.titleHighlighted),
        ),
      ).toBe(true);
    });

    it("pages without duplicates or gaps, in both sorts", async () => {
      for (const sort of ["date", "relevance"] as const) {
        const all = await searchArticles(db, "openai lawsuit", { sort, limit: 100 });
        expect(all.total).toBeGreaterThan(15);
        expect(all.nextCursor).toBeNull();
        const paged: number[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: SearchResult = await searchArticles(db, "openai lawsuit", {
            sort,
            limit: 4,
            cursor,
          });
          expect(page.total).toBe(all.total);
          paged.push(...page.hits.map((h) => h.articleId));
          cursor = page.nextCursor;
          pages++;
        } while (cursor && pages < 50);
        expect(paged).toEqual(all.hits.map((h) => h.articleId));
        expect(new Set(paged).size).toBe(paged.length);
      }
      // Filters only: by date, through ties on equal dates.
      const all = await keys("entity:openai");
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: SearchResult = await searchArticles(db, "entity:openai", { limit: 3, cursor });
        paged.push(...page.hits.map((h) => loaded.get(kind)!.keyOf.get(h.articleId)!));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
    });

    it("sorts by date or by relevance", async () => {
      // The words as typed: how each database ranks them (word forms are ranked by their own rules).
      const byDate = await searchArticles(db, "distillation OR copyright", {
        sort: "date",
        literal: true,
      });
      const dates = byDate.hits.map((h) => h.publishedAt!.getTime());
      expect(dates).toEqual([...dates].sort((a, b) => b - a));
      const byRelevance = await searchArticles(db, "distillation OR copyright", {
        sort: "relevance",
        literal: true,
      });
      expect(byRelevance.sort).toBe("relevance");
      const scores = byRelevance.hits.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(scores[0]!).toBeGreaterThan(scores[scores.length - 1]!);
      expect(new Set(byRelevance.hits.map((h) => h.articleId))).toEqual(
        new Set(byDate.hits.map((h) => h.articleId)),
      );
      // The article with the word in its title and three times in its body comes first.
      expect(loaded.get(kind)!.keyOf.get(byRelevance.hits[0]!.articleId)).toBe("nyt-copyright");
      // A filters-only query has no relevance: it is sorted by date.
      const filtersOnly = await searchArticles(db, "lang:en", { sort: "relevance" });
      expect(filtersOnly.sort).toBe("date");
    });

    it("returns what a result page shows", async () => {
      const { ids, storyId } = loaded.get(kind)!;
      const result = await searchArticles(db, '"distilled its models"');
      expect(result.hits).toHaveLength(1);
      const hit = result.hits[0]!;
      expect(hit).toMatchObject({
        articleId: ids.get("reuters-distill"),
        url: "https://www.reuters.com/reuters-distill",
        canonicalUrl: "https://www.reuters.com/reuters-distill",
        sourceName: "Reuters",
        language: "en",
        storyId,
      });
      expect(hit.publishedAt).toEqual(new Date("2025-01-29T08:00:00Z"));
      expect(hit.titleHighlighted).toContain("<mark>distilled its models</mark>");
      expect(hit.score).toBeGreaterThan(0);
      expect(result.query).toBe('"distilled its models"');
    });

    it("follows rewrites of an article and new aliases", async () => {
      const database = await createScratchDatabase(kind);
      try {
        await syncKnowledgeBase(database.db, KNOWLEDGE_BASE);
        const fixture = FIXTURES.find((f) => f.key === "deep-seek-spaced")!;
        const id = await database.db.$transaction((tx) =>
          writeArticle(tx, input(fixture, new Map())),
        );
        expect(
          (await searchArticles(database.db, "hangzhou")).hits.map((h) => h.articleId),
        ).toEqual([id]);
        await database.db.$transaction((tx) =>
          writeArticle(
            tx,
            input({ ...fixture, text: "Rewritten: the lab in Zhejiang denied it." }, new Map()),
          ),
        );
        expect((await searchArticles(database.db, "hangzhou")).total).toBe(0);
        expect((await searchArticles(database.db, "zhejiang")).total).toBe(1);
        expect((await searchArticles(database.db, "whale")).total).toBe(0);
        const deepseek = await database.db.entity.findUniqueOrThrow({
          where: { slug: "deepseek" },
        });
        await database.db.entityAlias.create({
          data: { entityId: deepseek.id, alias: "Whale Lab" },
        });
        expect((await searchArticles(database.db, "whale")).total).toBe(1);
        // Words with filters follow the mentions, claims, language and address of the article
        // (PostgreSQL indexes these filters in the text vector, kept up to date by triggers).
        const count = async (q: string) => (await searchArticles(database.db, q)).total;
        // The facets follow them too (PostgreSQL reads them from each match's search row).
        const facets = async () => (await searchArticles(database.db, "zhejiang")).facets;
        expect(await count("zhejiang entity:deepseek source:ft.com lang:en")).toBe(1);
        expect((await facets()).entities.map((e) => e.slug)).toContain("deepseek");
        const openai = await database.db.entity.findUniqueOrThrow({ where: { slug: "openai" } });
        const claim = await database.db.claim.create({
          data: {
            articleId: id,
            claimantId: openai.id,
            targetId: deepseek.id,
            type: "copyright",
            stance: "asserts",
            sentence: "x",
            start: 0,
            end: 1,
          },
        });
        expect(await count("zhejiang claim:copyright")).toBe(1);
        expect((await facets()).claimTypes).toEqual([{ type: "copyright", count: 1 }]);
        await database.db.claim.update({ where: { id: claim.id }, data: { type: "privacy" } });
        expect(await count("zhejiang claim:copyright")).toBe(0);
        expect(await count("zhejiang claim:privacy")).toBe(1);
        expect((await facets()).claimTypes).toEqual([{ type: "privacy", count: 1 }]);
        await database.db.claim.delete({ where: { id: claim.id } });
        expect(await count("zhejiang claim:privacy")).toBe(0);
        expect((await facets()).claimTypes).toEqual([]);
        await database.db.mention.deleteMany({ where: { articleId: id } });
        expect(await count("zhejiang entity:deepseek")).toBe(0);
        expect((await facets()).entities).toEqual([]);
        await database.db.article.update({
          where: { id },
          data: {
            language: "fr",
            canonicalUrl: "https://www.lemonde.fr/x",
            sourceName: "Le Monde",
          },
        });
        expect(await count("zhejiang lang:en")).toBe(0);
        expect(await count("zhejiang lang:fr source:lemonde.fr")).toBe(1);
        expect(await count('zhejiang source:"le monde"')).toBe(1);
        expect(await count("zhejiang source:ft.com")).toBe(0);
        expect(await facets()).toMatchObject({
          languages: [{ language: "fr", count: 1 }],
          sources: [{ source: "Le Monde", count: 1 }],
        });
        // Marked a duplicate, or judged off topic, after it was stored.
        const original = FIXTURES.find((f) => f.key !== fixture.key && !f.duplicateOf)!;
        const otherId = await database.db.$transaction((tx) =>
          writeArticle(tx, input(original, new Map())),
        );
        await database.db.article.update({ where: { id }, data: { duplicateOfId: otherId } });
        expect(await count("zhejiang")).toBe(0);
        await database.db.article.update({ where: { id }, data: { duplicateOfId: null } });
        expect(await count("zhejiang")).toBe(1);
        await database.db.article.update({ where: { id }, data: { relevance: 0.01 } });
        expect(await count("zhejiang")).toBe(0);
        await database.db.article.delete({ where: { id } });
        expect((await searchArticles(database.db, "zhejiang")).total).toBe(0);
      } finally {
        await database.drop();
      }
    });
  });
}

describe("both databases", () => {
  const QUERIES = [
    "openai",
    "chung cat",
    "Đà Nẵng",
    '"copyright lawsuit"',
    "deepseek",
    "entity:openai",
    "claim:copyright",
    "lang:vi",
    "lawsuit OR distillation",
    "openai after:2024-01-01 before:2025-01-01",
    "source:reuters.com",
    "",
  ];

  it("give the same results for the same query (same order by date)", async () => {
    expect([...loaded.keys()].sort()).toEqual([...DATABASE_KINDS].sort());
    for (const q of QUERIES) {
      const [sqlite, postgresql] = await Promise.all(
        DATABASE_KINDS.map((kind) => keysOf(kind, q, { sort: "date" })),
      );
      expect(postgresql, q).toEqual(sqlite);
      expect(sqlite!.length, q).toBeGreaterThan(0);
      const [a, b] = await Promise.all(
        DATABASE_KINDS.map((kind) => keysOf(kind, q, { sort: "relevance" })),
      );
      expect([...b!].sort(), q).toEqual([...a!].sort());
      const [fa, fb] = await Promise.all(
        DATABASE_KINDS.map((kind) => searchArticles(loaded.get(kind)!.database.db, q)),
      );
      expect(fb!.facets, q).toEqual(fa!.facets);
      expect(fb!.total, q).toBe(fa!.total);
    }
  });
});
