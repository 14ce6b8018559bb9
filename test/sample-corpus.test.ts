import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import * as cheerio from "cheerio";
import Parser from "rss-parser";
import { describe, expect, it } from "vitest";
import { CLAIM_TYPES, STANCES } from "@/lib/types";

/**
 * The bundled sample corpus is both the newcomer's offline demo and our labelled evaluation set, so its
 * pages, feeds, manifest and labels must agree with each other exactly; these tests are that contract.
 */

const ROOT = resolve(__dirname, "..");
const SAMPLE = resolve(ROOT, "sample");

interface ManifestFeed {
  file: string;
  url: string;
  title: string;
  language: string;
}
interface Manifest {
  feeds: ManifestFeed[];
  pages: { file: string; url: string }[];
}
interface LabelledClaim {
  claimant: string;
  target: string;
  type: string;
  stance: string;
  sentence: string;
}
interface Label {
  file: string;
  url: string;
  language: string;
  title: string;
  publishedAt: string;
  relevant: boolean;
  story: string;
  duplicateOf?: string;
  entities: string[];
  claims: LabelledClaim[];
}

const manifest = JSON.parse(readFileSync(resolve(SAMPLE, "manifest.json"), "utf8")) as Manifest;
const labels = JSON.parse(
  readFileSync(resolve(ROOT, "test/fixtures/labelled/labels.json"), "utf8"),
) as Label[];
const readme = readFileSync(resolve(ROOT, "test/fixtures/labelled/README.md"), "utf8");

/** The founding article is written by another owner; it is only required to exist and be listed. */
const SEED_FILE = "pages/seed-deepseek-chung-cat.html";
const SEED_URL = "https://example-tech.vn/deepseek-chung-cat-du-lieu-openai";

const collapse = (s: string): string => s.replace(/\s+/g, " ").trim();
const words = (s: string): number => collapse(s).split(" ").filter(Boolean).length;

interface PageFacts {
  lang: string | undefined;
  title: string;
  ogTitle: string | undefined;
  canonical: string | undefined;
  publishedTime: string | undefined;
  author: string | undefined;
  /** Every h1/h2 on the page: some outlets put the site name in the h1 and the headline in an h2. */
  headings: string[];
  articleCount: number;
  /** Text of the longest <article>: comment widgets are sometimes <article> elements too. */
  articleText: string;
}

const pageCache = new Map<string, PageFacts>();
function page(file: string): PageFacts {
  const cached = pageCache.get(file);
  if (cached) return cached;
  const $ = cheerio.load(readFileSync(resolve(SAMPLE, file), "utf8"));
  const facts: PageFacts = {
    lang: $("html").attr("lang"),
    title: collapse($("head > title").text()),
    ogTitle: $('meta[property="og:title"]').attr("content"),
    canonical: $('link[rel="canonical"]').attr("href"),
    publishedTime: $('meta[property="article:published_time"]').attr("content"),
    author: $('meta[name="author"]').attr("content"),
    headings: $("h1, h2")
      .toArray()
      .map((el) => collapse($(el).text())),
    articleCount: $("article").length,
    articleText: $("article")
      .toArray()
      .map((el) => collapse($(el).text()))
      .reduce((a, b) => (b.length > a.length ? b : a), ""),
  };
  pageCache.set(file, facts);
  return facts;
}

function codeBlock(tag: string): string[] {
  const m = readme.match(new RegExp("```" + tag + "\\n([\\s\\S]*?)```"));
  return m ? m[1].split(/\s+/).filter(Boolean) : [];
}
const coreSlugs = new Set(codeBlock("core-slugs"));
const extraSection = readme.split(/^## Extra slugs$/m)[1] ?? "";
const extraSlugs = new Set([...extraSection.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]));

const labelledPages = manifest.pages.filter((p) => p.file !== SEED_FILE);
const urlOfFile = new Map(manifest.pages.map((p) => [`sample/${p.file}`, p.url]));

describe("sample manifest", () => {
  it("lists files that exist, each URL once", () => {
    for (const f of [...manifest.feeds, ...manifest.pages]) {
      expect(existsSync(resolve(SAMPLE, f.file)), f.file).toBe(true);
    }
    const urls = manifest.pages.map((p) => p.url);
    expect(new Set(urls).size).toBe(urls.length);
    expect(manifest.pages.some((p) => p.file === SEED_FILE && p.url === SEED_URL)).toBe(true);
  });

  it("only points at reserved example domains, so the sample never reaches a real site", () => {
    for (const f of [...manifest.feeds, ...manifest.pages]) {
      if (f.url === SEED_URL) continue;
      expect(new URL(f.url).hostname, f.url).toMatch(/\.example(\.vn)?$/);
    }
  });

  it("has feeds in both languages and in RSS, Atom and JSON Feed formats", () => {
    expect(manifest.feeds.length).toBeGreaterThanOrEqual(3);
    expect(new Set(manifest.feeds.map((f) => f.language))).toEqual(new Set(["en", "vi"]));
    const kinds = manifest.feeds.map((f) => {
      const body = readFileSync(resolve(SAMPLE, f.file), "utf8");
      if (body.trimStart().startsWith("{"))
        return (JSON.parse(body) as { version: string }).version;
      if (/<rss[^>]+version="2\.0"/.test(body)) return "rss2";
      if (/<feed[^>]+xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/.test(body)) return "atom";
      return "unknown";
    });
    expect(new Set(kinds)).toEqual(new Set(["rss2", "atom", "https://jsonfeed.org/version/1.1"]));
  });
});

describe("sample pages", () => {
  it.each(labelledPages.map((p) => [p.file, p.url]))("%s is a complete news page", (file, url) => {
    const p = page(file);
    expect(p.lang).toMatch(/^(en|vi)\b/);
    expect(p.title.length).toBeGreaterThan(10);
    expect(p.ogTitle).toBeTruthy();
    expect(p.canonical).toBe(url);
    expect(Number.isNaN(Date.parse(p.publishedTime ?? ""))).toBe(false);
    expect(p.author).toBeTruthy();
    expect(p.articleCount).toBeGreaterThanOrEqual(1);
    expect(words(p.articleText)).toBeGreaterThanOrEqual(200);
  });
});

describe("sample feeds", () => {
  const parser = new Parser();
  const pageByUrl = new Map(manifest.pages.map((p) => [p.url, p.file]));

  async function feedItems(
    f: ManifestFeed,
  ): Promise<{ link: string; date: string; title: string }[]> {
    const body = readFileSync(resolve(SAMPLE, f.file), "utf8");
    if (body.trimStart().startsWith("{")) {
      const doc = JSON.parse(body) as {
        items: { url: string; date_published: string; title: string }[];
      };
      return doc.items.map((i) => ({ link: i.url, date: i.date_published, title: i.title }));
    }
    const parsed = await parser.parseString(body);
    return parsed.items.map((i) => ({
      link: i.link ?? "",
      date: i.isoDate ?? i.pubDate ?? "",
      title: i.title ?? "",
    }));
  }

  it("link every item to a manifest page, with the page's own publication time and headline", async () => {
    const linked = new Set<string>();
    for (const f of manifest.feeds) {
      const items = await feedItems(f);
      expect(items.length, f.file).toBeGreaterThan(0);
      for (const item of items) {
        const file = pageByUrl.get(item.link);
        expect(file, `${f.file}: ${item.link}`).toBeDefined();
        linked.add(item.link);
        if (file === SEED_FILE) continue;
        const p = page(file!);
        expect(Date.parse(item.date), item.link).toBe(Date.parse(p.publishedTime ?? ""));
        expect(p.headings).toContain(item.title);
      }
    }
    for (const p of manifest.pages) expect(linked.has(p.url), `${p.url} is in no feed`).toBe(true);
  });
});

describe("labelled set", () => {
  it("labels every sample page once, and nothing else", () => {
    const files = labels.map((l) => l.file);
    expect(new Set(files).size).toBe(files.length);
    expect(new Set(files)).toEqual(new Set(labelledPages.map((p) => `sample/${p.file}`)));
  });

  it("is large enough and covers both languages", () => {
    expect(labels.length).toBeGreaterThanOrEqual(30);
    expect(labels.filter((l) => l.language === "vi").length).toBeGreaterThanOrEqual(10);
    expect(labels.filter((l) => l.language === "en").length).toBeGreaterThanOrEqual(10);
    expect(labels.filter((l) => !l.relevant).length).toBeGreaterThanOrEqual(3);
  });

  it("has at least 6 disputes with two or more articles, at least one of them across languages", () => {
    const byStory = new Map<string, Label[]>();
    for (const l of labels) byStory.set(l.story, [...(byStory.get(l.story) ?? []), l]);
    const multi = [...byStory.values()].filter(
      (ls) => ls.length >= 2 && ls.every((l) => l.relevant),
    );
    expect(multi.length).toBeGreaterThanOrEqual(6);
    expect(multi.some((ls) => new Set(ls.map((l) => l.language)).size === 2)).toBe(true);
    for (const l of labels) if (!l.relevant) expect(byStory.get(l.story)).toHaveLength(1);
  });

  it.each(labels.map((l) => [l.file, l]))("%s agrees with its page", (file, l) => {
    const p = page(file.replace(/^sample\//, ""));
    expect(l.url).toBe(urlOfFile.get(file));
    expect(p.lang?.split("-")[0]).toBe(l.language);
    expect(Date.parse(p.publishedTime ?? "")).toBe(Date.parse(l.publishedAt));
    expect(p.headings).toContain(l.title);
    expect(p.ogTitle).toBe(l.title);
    if (!l.relevant) expect(l.claims).toEqual([]);
    for (const slug of l.entities) {
      expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(coreSlugs.has(slug) || extraSlugs.has(slug), `${slug} is in neither README list`).toBe(
        true,
      );
    }
    expect(new Set(l.entities).size).toBe(l.entities.length);
    for (const c of l.claims) {
      expect(CLAIM_TYPES as readonly string[]).toContain(c.type);
      expect(STANCES as readonly string[]).toContain(c.stance);
      expect(l.entities, `claimant ${c.claimant}`).toContain(c.claimant);
      expect(l.entities, `target ${c.target}`).toContain(c.target);
      expect(c.claimant).not.toBe(c.target);
      expect(p.articleText, c.sentence).toContain(collapse(c.sentence));
    }
  });

  it("links the syndicated copy to its original, in the same story", () => {
    const dups = labels.filter((l) => l.duplicateOf);
    expect(dups.length).toBeGreaterThanOrEqual(1);
    for (const d of dups) {
      const original = labels.find((l) => l.file === d.duplicateOf);
      expect(original, d.duplicateOf).toBeDefined();
      expect(original!.story).toBe(d.story);
      expect(Date.parse(original!.publishedAt)).toBeLessThanOrEqual(Date.parse(d.publishedAt));
      expect(page(d.file.replace(/^sample\//, "")).canonical).not.toBe(
        page(original!.file.replace(/^sample\//, "")).canonical,
      );
    }
  });

  it("lists every extra slug it documents, and documents every one it uses", () => {
    const used = new Set(labels.flatMap((l) => l.entities));
    for (const s of extraSlugs) {
      expect(used.has(s), `${s} is documented but unused`).toBe(true);
      expect(coreSlugs.has(s), `${s} is in both lists`).toBe(false);
    }
    expect(coreSlugs.size).toBeGreaterThanOrEqual(40);
    expect(extraSlugs.size).toBeGreaterThan(0);
  });
});
