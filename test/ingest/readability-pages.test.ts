import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractArticle } from "@/lib/ingest/extract";
import { sharedPath } from "@/scripts/support/shared";

/**
 * Metadata on Mozilla Readability's test pages (../shared/bench/readability-pages): each folder has
 * source.html and the expected-metadata.json that Readability itself produces. The expectations
 * are Readability's output, quirks included, so bylines are compared after normalising whitespace
 * and case, dates as instants, languages by primary tag.
 */
interface Expected {
  title: string | null;
  byline: string | null;
  lang: string | null;
  publishedTime: string | null;
}

const norm = (value: string | null | undefined) =>
  (value ?? "").replace(/\s+/g, " ").trim().toLowerCase();

/** Readability writes some times without a zone ("2019-04-28 06:01:07"); we read those as UTC too. */
function instant(value: string): number {
  let text = value.trim().replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text))
    text = `${text.replace(" ", "T")}Z`;
  return Date.parse(text);
}

const dir = sharedPath("bench", "readability-pages");
const pages = readdirSync(dir)
  .filter((name) => existsSync(join(dir, name, "expected-metadata.json")))
  .sort()
  .map((name) => ({
    name,
    html: readFileSync(join(dir, name, "source.html"), "utf8"),
    expected: JSON.parse(
      readFileSync(join(dir, name, "expected-metadata.json"), "utf8"),
    ) as Expected,
  }));

describe("extractArticle metadata on Readability's test pages", () => {
  const results = pages.map((page) => ({
    ...page,
    actual: extractArticle(page.html, { url: "http://fakehost/test/page.html" }),
  }));
  const tally = (
    field: string,
    applicable: typeof results,
    same: (r: (typeof results)[number]) => boolean,
  ) => {
    const misses = applicable.filter((r) => !same(r));
    console.log(
      `readability-pages ${field}: ${applicable.length - misses.length}/${applicable.length}` +
        (misses.length > 0 ? `; differs on ${misses.map((m) => m.name).join(", ")}` : ""),
    );
    return { matched: applicable.length - misses.length, total: applicable.length };
  };

  it("has the pages", () => {
    expect(pages.length).toBeGreaterThanOrEqual(60);
  });

  it("finds the expected title on at least 90% of pages", () => {
    const { matched, total } = tally(
      "title",
      results,
      (r) => norm(r.actual.title) === norm(r.expected.title),
    );
    expect(matched / total).toBeGreaterThanOrEqual(0.9);
  });

  it("finds the expected published time on every page that has one", () => {
    const applicable = results.filter((r) => r.expected.publishedTime);
    const { matched, total } = tally(
      "publishedTime",
      applicable,
      (r) =>
        r.actual.publishedAt !== null &&
        Date.parse(r.actual.publishedAt) === instant(r.expected.publishedTime!),
    );
    expect(total).toBeGreaterThanOrEqual(15);
    expect(matched).toBe(total);
  });

  it("finds the expected byline on all but the pages where Readability's answer is not the author", () => {
    const applicable = results.filter((r) => r.expected.byline);
    const { matched, total } = tally(
      "byline",
      applicable,
      (r) => norm(r.actual.byline) === norm(r.expected.byline),
    );
    // Three expectations are Readability artefacts we do not copy: a "most read" sidebar author
    // (salon-1), a date line (seattletimes-1) and a navigation link (yahoo-4). See the report.
    expect(total - matched).toBeLessThanOrEqual(3);
  });

  it("finds the language wherever the page declares one", () => {
    const applicable = results.filter((r) => r.expected.lang);
    const { matched, total } = tally(
      "language",
      applicable,
      (r) => r.actual.language === norm(r.expected.lang).split("-")[0],
    );
    expect(matched).toBe(total);
  });

  it("never returns empty text for a page Readability considers readable", () => {
    const readable = results.filter((r) => (r.expected as { readerable?: boolean }).readerable);
    const empty = readable.filter((r) => r.actual.text.length === 0).map((r) => r.name);
    expect(empty).toEqual([]);
  });
});
