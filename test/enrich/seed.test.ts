import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeArticle, loadAnalysisResources } from "@/lib/enrich/analyze";
import type { Analysis } from "@/lib/types";
import { sharedPath } from "@/scripts/support/shared";

// The founding article, read in place from the shared folder: a Vietnamese page (29.01.2025) on
// OpenAI's claim that DeepSeek distilled its models, followed by a long footer of course adverts.
const SEED = readFileSync(sharedPath("seeds", "000_bb0ccbdd8d08316c.txt"), "utf8");
const SEPARATOR = SEED.indexOf("==***==");
const ARTICLE = SEED.slice(0, SEPARATOR);

const REQUIRED_ENTITIES = [
  "openai",
  "deepseek",
  "microsoft",
  "bloomberg",
  "financial-times",
  "gpt-4",
  "david-sacks",
  "donald-trump",
  "china",
  "united-states",
];

function claimKeys(analysis: Analysis): Set<string> {
  return new Set(
    analysis.claims.map(
      (claim) => `${claim.claimant} → ${claim.target}: ${claim.type} (${claim.stance})`,
    ),
  );
}

function checkFoundingClaims(analysis: Analysis): void {
  const keys = claimKeys(analysis);
  expect(keys).toContain("OpenAI → DeepSeek: distillation (alleges)");
  expect(keys).toContain("OpenAI → DeepSeek: tos_violation (alleges)");
  expect(keys).toContain("David Sacks → DeepSeek: ip_theft (alleges)");
  for (const claim of analysis.claims) {
    expect(claim.claimantSlug).not.toBe(claim.targetSlug);
    expect(["bloomberg", "financial-times"]).not.toContain(claim.claimantSlug);
    expect(claim.confidence).toBeGreaterThan(0);
    expect(claim.confidence).toBeLessThanOrEqual(1);
  }
}

describe("founding seed article", () => {
  it("the seed has the separator line the test relies on", () => {
    expect(SEPARATOR).toBeGreaterThan(1000);
  });

  const article = analyzeArticle({ text: ARTICLE }, loadAnalysisResources());
  const full = analyzeArticle({ text: SEED }, loadAnalysisResources());

  it("article part: Vietnamese, on topic, every founding entity, the three founding claims", () => {
    expect(article.language).toBe("vi");
    expect(article.relevance).toBeGreaterThan(0.5);
    const slugs = article.entities.map((entity) => entity.slug);
    for (const slug of REQUIRED_ENTITIES) expect(slugs).toContain(slug);
    checkFoundingClaims(article);
    // Claim sentences are the article's own, at their offsets.
    for (const claim of article.claims)
      expect(ARTICLE.slice(claim.start, claim.end)).toBe(claim.sentence);
  });

  it("article part: a summary of real sentences from the article, in order", () => {
    expect(article.summary.length).toBeGreaterThan(100);
    expect(article.summary).toMatch(/OpenAI/);
    expect(article.summary).not.toMatch(/Đăng lúc/);
  });

  it("full seed: the advert footer yields no entity, claim or summary sentence", () => {
    expect(full.language).toBe("vi");
    checkFoundingClaims(full);
    for (const mention of full.mentions) expect(mention.start).toBeLessThan(SEPARATOR);
    for (const claim of full.claims) expect(claim.end).toBeLessThan(SEPARATOR);
    expect(full.summary).not.toMatch(/khóa học|Khoá học|Nhấn vào đây|ĐĂNG KÝ|Gửi ý kiến/);
    expect(new Set(full.entities.map((entity) => entity.slug))).toEqual(
      new Set(article.entities.map((entity) => entity.slug)),
    );
    expect(claimKeys(full)).toEqual(claimKeys(article));
    expect(full.summary).toBe(article.summary);
  });
});
