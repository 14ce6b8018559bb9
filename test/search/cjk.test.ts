/**
 * Chinese, Japanese and Korean words found inside runs written without spaces, on SQLite and
 * PostgreSQL alike: articles in our own words stored through writeArticle, searched by a word
 * from the middle of a run, by a single character, and mixed with Latin words; the marks land on
 * the characters searched for.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bigramsOf, cjkSearchGrams, termPieces } from "@/lib/search/cjk";
import { writeArticle, type ArticleInput } from "@/lib/store/articles";
import {
  createScratchDatabase,
  DATABASE_KINDS,
  type ScratchDatabase,
} from "@/scripts/support/scratch-db";
import { search } from "@/test/helpers/search";

const ARTICLES: Pick<ArticleInput, "title" | "text" | "language">[] = [
  {
    language: "zh",
    title: "OpenAI称DeepSeek蒸馏其模型",
    text: "OpenAI表示，有证据显示DeepSeek通过开发者接口蒸馏了它的模型，违反了使用条款。",
  },
  {
    language: "zh",
    title: "出版商起诉人工智能公司侵犯版权",
    text: "一家报社起诉人工智能公司，称其未经许可抓取新闻报道用于训练模型。",
  },
  {
    language: "ja",
    title: "新聞社がAI企業を著作権侵害で提訴",
    text: "新聞社は、AI企業が記事を無断で学習に使ったとして提訴した。",
  },
  {
    language: "ko",
    title: "딥시크 데이터 유출 논란",
    text: "규제 당국은 딥시크가 이용자 정보를 해외로 보냈는지 조사하고 있다.",
  },
  {
    language: "en",
    title: "A lab denies copying a rival's model",
    text: "The lab says it trained its model on its own data.",
  },
];

function input(i: number, article: (typeof ARTICLES)[number]): ArticleInput {
  return {
    ...article,
    canonicalUrl: `https://cjk.example/${i}`,
    url: `https://cjk.example/${i}`,
    guid: null,
    sourceId: null,
    sourceName: "CJK Wire",
    contentHash: `cjk-${i}`,
    simhash: null,
    duplicateOfId: null,
    byline: null,
    summary: "",
    leadImage: null,
    relevance: 1,
    publishedAt: new Date(Date.UTC(2025, 1, 1 + i)),
    isSample: false,
    mentions: [],
    claims: [],
  };
}

describe("CJK pairs", () => {
  it("indexes each run as its overlapping pairs, runs kept apart", () => {
    expect(bigramsOf("蒸馏模型")).toEqual(["蒸馏", "馏模", "模型"]);
    expect(bigramsOf("蒸")).toEqual(["蒸"]);
    expect(cjkSearchGrams("OpenAI称DeepSeek蒸馏其模型。")).toBe(
      "openai ; 称 ; deepseek ; 蒸馏 馏其 其模 模型",
    );
    expect(cjkSearchGrams("no CJK here", "")).toBe("");
  });

  it("reads a query word as runs and the words between them", () => {
    expect(termPieces(["起诉openai"], false)).toEqual([
      { kind: "run", run: "起诉", pairs: ["起诉"] },
      { kind: "words", words: ["openai"], prefix: false },
    ]);
    expect(termPieces(["诉"], false)).toEqual([{ kind: "char", char: "诉" }]);
    expect(termPieces(["lawsuit"], true)).toEqual([
      { kind: "words", words: ["lawsuit"], prefix: true },
    ]);
  });
});

const found = new Map<string, Map<string, string[]>>();
const QUERIES: { q: string; urls: number[] }[] = [
  { q: "蒸馏", urls: [0] },
  { q: "蒸馏模型", urls: [] },
  { q: "其模型", urls: [0] },
  { q: "起诉", urls: [1] },
  { q: "人工智能", urls: [1] },
  { q: "版权", urls: [1] },
  { q: "著作権", urls: [2] },
  { q: "提訴", urls: [2] },
  { q: "딥시크", urls: [3] },
  { q: "조사", urls: [3] },
  { q: "DeepSeek 蒸馏", urls: [0] },
  { q: "模型", urls: [0, 1] },
  { q: "model", urls: [4] },
];

describe.each(DATABASE_KINDS)("CJK search on %s", (kind) => {
  let database: ScratchDatabase;

  beforeAll(async () => {
    database = await createScratchDatabase(kind);
    for (const [i, article] of ARTICLES.entries())
      await database.db.$transaction((tx) => writeArticle(tx, input(i, article)));
  }, 120_000);

  afterAll(async () => {
    await database?.drop();
  });

  it.each(QUERIES)("$q", async ({ q, urls }) => {
    const result = await search(database.db, q, { limit: 100 });
    const got = result.hits.map((hit) => hit.url).sort();
    const byKind = found.get(kind) ?? new Map<string, string[]>();
    byKind.set(q, got);
    found.set(kind, byKind);
    expect(got).toEqual(urls.map((i) => `https://cjk.example/${i}`).sort());
  });

  it("marks the characters searched for inside the run", async () => {
    const [hit] = (await search(database.db, "蒸馏", { limit: 5 })).hits;
    expect(hit?.titleHighlighted).toBe("OpenAI称DeepSeek<mark>蒸馏</mark>其模型");
    expect(hit?.snippet).toContain("<mark>蒸馏</mark>");
  });
});

describe("CJK search on both databases", () => {
  it("finds the same articles on SQLite and PostgreSQL", () => {
    expect(found.get("postgresql")).toEqual(found.get("sqlite"));
    expect(found.get("sqlite")?.size).toBe(QUERIES.length);
  });
});
