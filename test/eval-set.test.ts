/**
 * The labelled sets `npm run eval` scores: the sample pages' labels and the multilingual articles
 * (test/fixtures/eval/). Every article names a known story with a half, every claim sentence is
 * text of the article, every slug is the knowledge base's, and the set is as wide as the claims
 * issue asks: 120 articles, seven languages with articles in both halves, twelve disputes.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadKnowledgeBase } from "@/lib/enrich/knowledge-base";
import { CLAIM_TYPES, STANCES } from "@/lib/types";
import { readEvalArticles, readSplits, type Label } from "@/scripts/eval";

const splits = readSplits();
const articles = readEvalArticles();
const sample = JSON.parse(readFileSync("test/fixtures/labelled/labels.json", "utf8")) as Label[];
const kb = loadKnowledgeBase();
const known = new Set<string>();
for (const entity of kb.entities) {
  for (const name of [entity.slug, entity.name, ...entity.aliases])
    known.add(name.normalize("NFC").toLowerCase());
}

describe("the multilingual labelled set", () => {
  it.each(articles.map((article) => [article.file, article] as const))(
    "%s is well formed",
    (_file, article) => {
      expect(article.file).toContain(`/articles/${article.language}/${article.id}.json`);
      expect(
        splits.get(article.story ?? ""),
        `story ${article.story} in stories.json`,
      ).toBeDefined();
      expect(article.title.length).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(article.publishedAt))).toBe(false);
      const flat = article.text.replace(/\s+/g, " ");
      for (const slug of article.entities ?? [])
        expect(known.has(slug.toLowerCase()), `entity ${slug}`).toBe(true);
      for (const claim of article.claims ?? []) {
        expect(flat, "claim sentence is text of the article").toContain(
          (claim.sentence ?? "").replace(/\s+/g, " "),
        );
        expect(CLAIM_TYPES).toContain(claim.type);
        expect(STANCES).toContain(claim.stance);
        expect(known.has(claim.claimant.toLowerCase()), `claimant ${claim.claimant}`).toBe(true);
        expect(known.has(claim.target.toLowerCase()), `target ${claim.target}`).toBe(true);
      }
      if (article.relevant === false) expect(article.claims ?? []).toEqual([]);
    },
  );

  it("is as wide as the claims issue asks, with both halves in every language", () => {
    const all = [
      ...sample.map((label) => ({ language: label.language ?? "?", story: label.story ?? "" })),
      ...articles.map((a) => ({ language: a.language, story: a.story ?? "" })),
    ];
    expect(all.length).toBeGreaterThanOrEqual(120);
    const disputes = new Set(
      all.map((entry) => entry.story).filter((story) => !story.startsWith("offtopic")),
    );
    expect(disputes.size).toBeGreaterThanOrEqual(12);
    for (const language of ["en", "vi", "zh", "ja", "es", "fr", "de"]) {
      const halves = new Set(
        all.filter((entry) => entry.language === language).map((entry) => splits.get(entry.story)),
      );
      expect([...halves].sort(), language).toEqual(["dev", "heldout"]);
    }
    // Every sample label has a story with a half too.
    for (const label of sample) expect(splits.get(label.story ?? ""), label.file).toBeDefined();
  });
});
