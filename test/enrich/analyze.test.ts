import { describe, expect, it } from "vitest";
import { analyzeArticle, loadAnalysisResources } from "@/lib/enrich/analyze";
import { CLAIM_TYPES, ENTITY_KINDS, STANCES } from "@/lib/types";

const TEXT = [
  "Getty Images filed a lawsuit against Stability AI in London, accusing the start-up of copying more than 12 million photographs to train its image generator, in breach of copyright.",
  "Stability AI denied the allegations and said its model does not store copies of the images.",
  "The case is one of several copyright suits brought against makers of AI models by news publishers, authors and image libraries.",
  "Subscribe to our newsletter",
].join("\n\n");

describe("analyzeArticle", () => {
  const analysis = analyzeArticle(
    {
      text: TEXT,
      title: "Getty Images sues Stability AI over copyright",
      languageHint: "en",
    },
    loadAnalysisResources(),
  );

  it("returns every part of an Analysis with valid values", () => {
    expect(analysis.language).toBe("en");
    expect(analysis.title).toBe("Getty Images sues Stability AI over copyright");
    expect(analysis.relevance).toBeGreaterThan(0.3);
    expect(analysis.relevance).toBeLessThanOrEqual(1);
    for (const entity of analysis.entities) expect(ENTITY_KINDS).toContain(entity.kind);
    for (const claim of analysis.claims) {
      expect(CLAIM_TYPES).toContain(claim.type);
      expect(STANCES).toContain(claim.stance);
      expect(TEXT.slice(claim.start, claim.end)).toBe(claim.sentence);
    }
  });

  it("finds the parties, the accusation and the denial", () => {
    const keys = analysis.claims.map(
      (claim) => `${claim.claimantSlug}>${claim.targetSlug}:${claim.type}:${claim.stance}`,
    );
    const slugs = analysis.entities.map((entity) => entity.slug);
    const getty = slugs.find((slug) => slug.startsWith("getty"));
    const stability = slugs.find((slug) => slug.startsWith("stability"));
    expect(getty).toBeDefined();
    expect(stability).toBeDefined();
    expect(keys).toContain(`${getty}>${stability}:copyright:alleges`);
    expect(keys).toContain(`${stability}>${getty}:copyright:denies`);
  });

  it("lists verified entities only, keeps candidates among mentions, and summarises without furniture", () => {
    expect(analysis.mentions.length).toBeGreaterThanOrEqual(analysis.entities.length);
    const verifiedSlugs = new Set(
      analysis.mentions.filter((mention) => mention.verified).map((mention) => mention.slug),
    );
    for (const entity of analysis.entities) expect(verifiedSlugs.has(entity.slug)).toBe(true);
    expect(analysis.summary).toMatch(/^Getty Images filed a lawsuit/);
    expect(analysis.summary).not.toMatch(/Subscribe/);
  });

  it("is pure: the same input gives the same analysis, and empty input gives an empty one", () => {
    expect(
      analyzeArticle(
        { text: TEXT, title: "Getty Images sues Stability AI over copyright", languageHint: "en" },
        loadAnalysisResources(),
      ),
    ).toEqual(analysis);
    const empty = analyzeArticle({ text: "" }, loadAnalysisResources());
    expect(empty.claims).toEqual([]);
    expect(empty.entities).toEqual([]);
    expect(empty.summary).toBe("");
  });
});
