/**
 * The load benchmark's feed site (bench/load.bench.ts): its pages must be distinct news articles,
 * or the worker phase stores near-duplicates and skips story placement, and measures less than
 * real ingest.
 */
import { describe, expect, it } from "vitest";
import { feedSitePage } from "@/bench/load.bench";
import { analyzeArticle, loadAnalysisResources } from "@/lib/enrich/analyze";
import { hammingDistance, NEAR_DUPLICATE_THRESHOLD, simhash } from "@/lib/ingest/dedupe";
import { extractArticle } from "@/lib/ingest/extract";

describe("load benchmark feed site pages", () => {
  const resources = loadAnalysisResources();
  const pages = Array.from({ length: 150 }, (_, n) => {
    const extracted = extractArticle(feedSitePage(20251202, n), {
      url: `http://127.0.0.1/article/run-${n}`,
    });
    const analysis = analyzeArticle(
      { text: extracted.text, title: extracted.title ?? "", languageHint: extracted.language },
      resources,
    );
    return { extracted, analysis, fingerprint: simhash(extracted.text) };
  });

  it("are news articles with a title, byline, date and a body about a dispute", () => {
    for (const { extracted, analysis } of pages) {
      expect(extracted.title).toBeTruthy();
      expect(extracted.byline).toBeTruthy();
      expect(extracted.publishedAt).toBeTruthy();
      expect(extracted.canonicalUrl ?? null).toBeNull();
      expect(extracted.text.length).toBeGreaterThan(800);
      expect(analysis.mentions.length).toBeGreaterThan(0);
    }
    const languages = new Set(pages.map((page) => page.analysis.language));
    expect(languages).toContain("en");
    expect(languages).toContain("vi");
    expect(pages.filter((page) => page.analysis.claims.length > 0).length).toBeGreaterThan(100);
  });

  it("are mostly not near-duplicates of one another", () => {
    let duplicates = 0;
    pages.forEach((page, index) => {
      if (
        pages
          .slice(0, index)
          .some(
            (earlier) =>
              hammingDistance(earlier.fingerprint, page.fingerprint) <= NEAR_DUPLICATE_THRESHOLD,
          )
      )
        duplicates += 1;
    });
    expect(duplicates / pages.length).toBeLessThan(0.1);
  });

  it("differ from one run to the next", () => {
    expect(feedSitePage(1, 7)).not.toBe(feedSitePage(2, 7));
  });
});
