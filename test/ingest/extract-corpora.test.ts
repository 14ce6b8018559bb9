import { beforeAll, describe, expect, it } from "vitest";
import { detectLanguage } from "@/lib/enrich/language";
import { extractArticle } from "@/lib/ingest/extract";
import {
  loadBodyCorpus,
  loadSegmentCorpus,
  type CorpusPage,
} from "@/scripts/support/extraction-corpora";
import { scoreBodies, scoreSegments } from "@/scripts/support/extraction-scores";

/**
 * The extractor on every page of both shared extraction corpora (../shared/bench/extraction and
 * ../shared/bench/trafilatura-eval), decoded from their raw bytes as the fetcher decodes a page:
 * no replacement characters or mojibake in any extracted text, a language for every page, and the
 * development halves' scores held at what they reached (`npm run eval:extract` prints all halves).
 */

/** UTF-8 read as windows-1252 or Latin-1: "Ã¤" for "ä", "â€™" for "’", "Ã©" for "é". */
const MOJIBAKE =
  /Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]|â€[\u0080-\u00bf\u0153\u0161\u2018-\u201e\u2122\u02dc\u2020\u2021\u2026\u2030\u2039\u203a]|Ã‚|Â[\u00a0-\u00bf]/g;

interface Extracted extends CorpusPage {
  text: string;
  declared: string | null;
}

let bodyPages: (Extracted & { expected: string })[] = [];
let segmentPages: (Extracted & { with: string[]; without: string[] })[] = [];

beforeAll(() => {
  bodyPages = loadBodyCorpus().map((page) => {
    const article = extractArticle(page.html);
    return { ...page, text: article.text, declared: article.language };
  });
  segmentPages = loadSegmentCorpus().map((page) => {
    const article = extractArticle(page.html, { url: page.url });
    return { ...page, text: article.text, declared: article.language };
  });
}, 300_000);

const all = () => [...bodyPages, ...segmentPages];

describe("extractArticle over both extraction corpora", () => {
  it("reads every page (91 benchmark pages, 475 of trafilatura's)", () => {
    expect(bodyPages).toHaveLength(91);
    expect(segmentPages).toHaveLength(475);
    // Legacy charsets are among them, so decoding is exercised, not just UTF-8.
    expect(new Set(all().map((p) => p.charset)).size).toBeGreaterThanOrEqual(3);
  });

  it("leaves no replacement character (U+FFFD) in any extracted text", () => {
    const counts = all()
      .map((p) => ({ id: p.id, n: (p.text.match(/\uFFFD/g) ?? []).length }))
      .filter((c) => c.n > 0);
    const total = counts.reduce((sum, c) => sum + c.n, 0);
    console.log(`replacement characters: ${total} on ${counts.length} pages`);
    expect(counts).toEqual([]);
  });

  it("leaves no mojibake (UTF-8 read as a single-byte charset) in any extracted text", () => {
    const found = all()
      .map((p) => ({ id: p.id, sample: p.text.match(MOJIBAKE)?.slice(0, 3) ?? [] }))
      .filter((c) => c.sample.length > 0);
    expect(found).toEqual([]);
  });

  it("finds text and a language for every page", () => {
    const empty = all()
      .filter((p) => p.text.length === 0)
      .map((p) => p.id);
    expect(empty).toEqual([]);
    const languages = all().map((p) => ({ ...p, detected: detectLanguage(p.text, p.declared) }));
    const unknown = languages.filter((p) => p.detected === "und").map((p) => p.id);
    expect(unknown).toEqual([]);
    // Where a page declares its language and the text is long, the text reads as that language
    // (a wrong charset would garble it into something else).
    const declaredLong = languages.filter((p) => p.declared && p.text.length >= 1000);
    const agree = declaredLong.filter((p) => detectLanguage(p.text) === p.declared).length;
    console.log(`declared language confirmed by the text on ${agree}/${declaredLong.length} pages`);
    expect(agree / declaredLong.length).toBeGreaterThanOrEqual(0.95);
  });

  it("keeps the development halves' scores", () => {
    const body = scoreBodies(
      bodyPages
        .filter((p) => p.half === "dev")
        .map((p) => ({ expected: p.expected, actual: p.text })),
    );
    const segments = scoreSegments(
      segmentPages.filter((p) => p.half === "dev").map((p) => ({ ...p, actual: p.text })),
    );
    console.log(
      `dev F1: article bench ${body.f1.toFixed(3)}, trafilatura-eval ${segments.f1.toFixed(3)}`,
    );
    expect(body.f1).toBeGreaterThanOrEqual(0.975);
    expect(segments.f1).toBeGreaterThanOrEqual(0.928);
  });
});
