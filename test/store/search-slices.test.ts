/**
 * PostgreSQL search collects its matches slice by slice of the archive, newest first (ids for
 * relevance, dates for date order), instead of all at once. On a few thousand synthetic articles,
 * with slices made small enough that every query takes many of them, every result (hits in order,
 * cursors over several pages, totals, facets) must equal what one scan of the whole archive
 * gives, and the date-ordered results must equal SQLite's. The synthetic dates are uncorrelated
 * with ids (an archive backfilled in any order), the hard case for date slices.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillDatabase } from "@/bench/fill";
import { optimizeSearchIndex, type SearchResult, type SliceTuning } from "@/lib/store/search";
import { search as searchArticles, type TestSearchOptions } from "@/test/helpers/search";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";

const ARTICLES = 2500;

const QUERIES = [
  "openai",
  "model",
  "injunction",
  "dữ liệu",
  "chung cat",
  "openai deepseek",
  '"terms of service"',
  '"deep seek"',
  "copyright OR defamation",
  "openai lang:vi",
  "court source:reuters.com",
  "lawsuit entity:openai",
  "model entity:openai entity:microsoft",
  "chips claim:export_control",
  "damages claim:copyright entity:new-york-times",
  "copyright after:2024-01-01 before:2024-07-01",
  "statement lang:en before:2024-01-01",
  "zzyzx",
  "entity:anthropic claim:copyright",
  "lang:vi",
  "source:reuters.com after:2024-01-01",
  "entity:openai entity:deepseek",
];

/** Everything a caller sees, pages followed with the cursor. */
async function run(
  database: ScratchDatabase,
  q: string,
  options: TestSearchOptions,
  pages = 3,
): Promise<unknown[]> {
  const out: unknown[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < pages; page++) {
    const result: SearchResult = await searchArticles(database.db, q, { ...options, cursor });
    out.push({
      ids: result.hits.map((hit) => hit.articleId),
      scores: result.hits.map((hit) => Math.round(hit.score * 1e5)),
      total: result.total,
      lower: result.totalIsLowerBound,
      facets: result.facets,
      scope: result.facetScope,
    });
    cursor = result.nextCursor;
    if (!cursor) break;
  }
  return out;
}

describe("search by slices (PostgreSQL)", () => {
  let postgresql: ScratchDatabase;
  let sqlite: ScratchDatabase;

  beforeAll(async () => {
    [postgresql, sqlite] = await Promise.all([
      createScratchDatabase("postgresql"),
      createScratchDatabase("sqlite"),
    ]);
    await Promise.all([
      fillDatabase(postgresql.db, "postgresql", ARTICLES),
      fillDatabase(sqlite.db, "sqlite", ARTICLES),
    ]);
    // Every other article dated the first of its month: many articles share a date, so slices by
    // date end in the middle of a run of equal dates (and the index follows a changed date).
    await postgresql.db.$executeRawUnsafe(
      `UPDATE "Article" SET "publishedAt" = date_trunc('month', "publishedAt") WHERE "id" % 2 = 0`,
    );
    await sqlite.db.$executeRawUnsafe(
      `UPDATE "Article" SET "publishedAt" = substr("publishedAt", 1, 7) || '-01T00:00:00.000+00:00' WHERE "id" % 2 = 0`,
    );
    await Promise.all([optimizeSearchIndex(postgresql.db), optimizeSearchIndex(sqlite.db)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([postgresql?.drop(), sqlite?.drop()]);
  });

  // Slices of a fixed size (so that a small archive takes many), and the whole archive at once.
  const sliced = (fixed: number, maxTokens: number | null = null): SliceTuning => ({
    fixed,
    maxTokens,
  });
  const whole: SliceTuning = { single: true };

  it("gives what one scan of the whole archive gives, by relevance and by date, over several pages", async () => {
    let matched = 0;
    for (const q of QUERIES) {
      for (const options of [
        { sort: "relevance" as const },
        { sort: "date" as const, limit: 50 },
        { sort: "date" as const, facets: false, total: false },
      ]) {
        const expected = await run(postgresql, q, { ...options, slicing: whole });
        for (const fixed of [97, 331]) {
          const actual = await run(postgresql, q, { ...options, slicing: sliced(fixed) });
          expect(actual, `${q} ${JSON.stringify(options)} slices of ${fixed}`).toEqual(expected);
        }
        // One position token at most: a slice over two blocks or months is named by the coarse
        // block ("@j:") or quarter ("@q:") around it.
        const coarse = await run(postgresql, q, { ...options, slicing: sliced(331, 1) });
        expect(coarse, `${q} ${JSON.stringify(options)} coarse tokens`).toEqual(expected);
        // And the sizes the estimates choose.
        expect(await run(postgresql, q, options), `${q} ${JSON.stringify(options)}`).toEqual(
          expected,
        );
        if ((expected[0] as { total: number }).total > 0) matched++;
      }
    }
    // The queries do find things (in several slices of 97 or 331 articles).
    expect(matched).toBeGreaterThan(40);
  }, 120_000);

  it("keeps every article's search vector in its row, where ranking reads it without a TOAST lookup", async () => {
    // Migration 20261203100000_search_documents_inline: vectors over ~2 KB went out of line.
    const [row] = await postgresql.db.$queryRawUnsafe<{ longest: number }[]>(
      `SELECT max(pg_column_size("document")) AS "longest" FROM "ArticleSearch"`,
    );
    expect(row!.longest).toBeGreaterThan(2500);
    const toast = await postgresql.db.$queryRawUnsafe<{ toast: string }[]>(
      `SELECT CAST(CAST("reltoastrelid" AS regclass) AS TEXT) AS "toast" FROM pg_class WHERE "oid" = CAST('"ArticleSearch"' AS regclass)`,
    );
    const [chunks] = await postgresql.db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS "n" FROM ${toast[0]!.toast}`,
    );
    expect(Number(chunks!.n)).toBe(0);
  });

  it("gives SQLite's results when sorted by date", async () => {
    for (const q of QUERIES) {
      const options = { sort: "date" as const, limit: 40 };
      const [pg, lite] = await Promise.all([
        run(postgresql, q, { ...options, slicing: sliced(97) }),
        run(sqlite, q, options),
      ]);
      expect(pg, q).toEqual(lite);
    }
  }, 60_000);

  it("finds the same articles as SQLite's FTS5 for the newest matches, by relevance", async () => {
    for (const q of QUERIES) {
      const ids = async (database: ScratchDatabase, slicing?: SliceTuning) => {
        const result = await searchArticles(database.db, q, { limit: 100, slicing });
        return {
          ids: result.hits.map((hit) => hit.articleId).sort((a, b) => a - b),
          total: result.total,
          lower: result.totalIsLowerBound,
        };
      };
      const [pg, lite] = await Promise.all([ids(postgresql, sliced(97)), ids(sqlite)]);
      // Different scores (ts_rank, bm25) order the window differently; under 100 matches the page holds them all.
      if (lite.total <= 100) expect(pg, q).toEqual(lite);
      else expect([pg.total, pg.lower], q).toEqual([lite.total, lite.lower]);
    }
  }, 60_000);

  it("pages by date to the last match, past the facets' rows, as the pages without facets do, with exact totals", async () => {
    // Every page of 100 by date; with facets a page inside the FACET_SCOPE newest matches comes
    // from them and one past their end is read again; without facets every page is read directly.
    const everyPage = async (database: ScratchDatabase, q: string, facets: boolean) => {
      const ids: number[] = [];
      let cursor: string | null = null;
      let total = -1;
      let lower = false;
      for (let page = 0; page < 100; page++) {
        const result: SearchResult = await searchArticles(database.db, q, {
          sort: "date",
          limit: 100,
          facets,
          total: facets,
          cursor,
        });
        if (page === 0) [total, lower] = [result.total, result.totalIsLowerBound];
        ids.push(...result.hits.map((hit) => hit.articleId));
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      return { ids, total, lower };
    };
    let deep = 0;
    for (const q of [
      "model",
      "after:2023-01-01",
      "lang:en",
      "openai deepseek",
      "claim:privacy",
      "damages claim:copyright entity:new-york-times",
      "court",
    ]) {
      for (const database of [sqlite, postgresql]) {
        const [paged, direct] = [
          await everyPage(database, q, true),
          await everyPage(database, q, false),
        ];
        expect(paged.ids, `${q} on ${database.kind}`).toEqual(direct.ids);
        expect(new Set(paged.ids).size).toBe(paged.ids.length);
        // Under TOTAL_CAP the total counts every match, whichever way it was counted.
        expect([paged.total, paged.lower], q).toEqual([
          Math.min(direct.ids.length, 1000),
          direct.ids.length > 1000,
        ]);
        if (direct.ids.length > 1000) deep++;
      }
    }
    expect(deep).toBeGreaterThan(2);
  }, 120_000);
});
