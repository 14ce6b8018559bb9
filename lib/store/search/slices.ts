/**
 * PostgreSQL: the matches of a search with words or token filters, found slice by slice of the
 * archive, newest first, inside the GIN index of "ArticleSearch"."document" (tsvector over
 * search_fold'ed text, 'simple' configuration) with the entity, claim-type, language and source
 * filters as tokens of the same document; ranked by ts_rank. See collectMatches.
 */
import { hasCjk, termPieces, type TermPiece } from "@/lib/search/cjk";
import type { SearchTerm } from "@/lib/search/query";
import { wordsOf } from "@/lib/search/words";
import { rawDate, rawQuery, type Db } from "@/lib/store/db";
import { Sql } from "@/lib/store/sql";
import type { SearchCursor } from "./cursor";
import { filterConditions, normaliseSource, type Plan } from "./plan";
import type { ParsedQuery } from "@/lib/search/query";
import { FACET_SCOPE, RANK_WINDOW, TOTAL_CAP, type SliceTuning } from "./types";

export function tsQueryExpression(sql: Sql, clauses: SearchTerm[][]): string {
  // A prefix is one word of letters and digits (lib/search/query.ts): nothing of tsquery's syntax.
  const plain = (t: SearchTerm) =>
    t.prefix && /^[\p{L}\p{N}]+$/u.test(t.text)
      ? `to_tsquery('simple', search_fold(${sql.p(t.text)}) || ':*')`
      : `phraseto_tsquery('simple', search_fold(${sql.p(t.text)}))`;
  // A CJK run is the run itself or the phrase of its character pairs (lib/search/cjk.ts), as on SQLite.
  const phrase = (words: string[]) => `phraseto_tsquery('simple', ${sql.p(words.join(" "))})`;
  const piece = (p: TermPiece) =>
    p.kind === "words"
      ? p.prefix && p.words.length === 1
        ? `to_tsquery('simple', ${sql.p(p.words[0])} || ':*')`
        : phrase(p.words)
      : p.kind === "char"
        ? `to_tsquery('simple', ${sql.p(p.char)} || ':*')`
        : `(${phrase([p.run])} || ${phrase(p.pairs)})`;
  const term = (t: SearchTerm) => {
    const words = wordsOf(t.text);
    if (!words.some(hasCjk)) return plain(t);
    return `(${termPieces(words, t.prefix === true)
      .map(piece)
      .join(" && ")})`;
  };
  return clauses.map((clause) => `(${clause.map(term).join(" || ")})`).join(" && ");
}

/** Groups of tokens (alternatives inside a group, every group required) as a tsquery literal. */
function tokenQuery(groups: string[][]): string | null {
  if (!groups.length) return null;
  const literal = (token: string) => `'${token.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
  return groups.map((group) => `(${group.map(literal).join(" | ")})`).join(" & ");
}

/**
 * A slice is kept inside GIN by at most this many position tokens. Each token is one more posting
 * list GIN merges and one more alternative its check evaluates per match: 63 of them made a slice
 * of 1,000 matches 27 ms instead of 9. At 100,000 articles 16 measured best (search bench p95: 64
 * tokens 60 ms, 32 55, 16 52, 8 57). Past 16 fine blocks or months, the coarse blocks or quarters
 * that cover the slice are named instead; past 16 of those, the btree ranges alone.
 */
const MAX_SLICE_TOKENS = 16;

/** Consecutive position tokens `prefix + n` for n in [first, last], or null when too many. */
function tokenRun(prefix: string, first: number, last: number, max: number): string[] | null {
  if (last < first || last - first >= max) return null;
  return Array.from({ length: last - first + 1 }, (_, i) => `${prefix}${first + i}`);
}

/**
 * PostgreSQL: the position tokens of the articles a slice covers, so that GIN itself keeps to the
 * slice: its blocks of 1,024 ids ("@i:") or else of 16,384 ("@j:"), its months ("@m:202510") or
 * else quarters ("@q:2025Q4") (migrations 20261125160000_search_ranges and
 * 20261125191500_search_coarse_slices). A superset: the exact bounds stay in the query, checked on
 * the matched rows (20261126023000_search_slice_bounds). Null for an unbounded side or a very wide
 * slice, whose bounds the btree indexes answer.
 */
function sliceTokens(
  slice: Range,
  tuning: SliceTuning,
): { ids: string[] | null; dates: string[] | null } {
  const max = tuning.maxTokens ?? MAX_SLICE_TOKENS;
  let ids: string[] | null = null;
  let dates: string[] | null = null;
  if (slice.lo > 0 && slice.hi <= MAX_ID && slice.hi > slice.lo) {
    ids =
      tokenRun("@i:", slice.lo >> 10, (slice.hi - 1) >> 10, max) ??
      tokenRun("@j:", slice.lo >> 14, (slice.hi - 1) >> 14, max);
  }
  if (slice.since > FAR_PAST && slice.until < FAR_FUTURE && slice.until > slice.since) {
    const last = new Date(slice.until.getTime() - 1);
    // Months and quarters counted from year 0, so that a run of them is a range of integers.
    const month = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();
    const months = tokenRun("", month(slice.since), month(last), max)?.map(
      (n) =>
        `@m:${String(Math.floor(Number(n) / 12)).padStart(4, "0")}${String((Number(n) % 12) + 1).padStart(2, "0")}`,
    );
    const quarters = months
      ? null
      : tokenRun("", Math.floor(month(slice.since) / 3), Math.floor(month(last) / 3), max)?.map(
          (n) => `@q:${String(Math.floor(Number(n) / 4)).padStart(4, "0")}Q${(Number(n) % 4) + 1}`,
        );
    dates = months ?? quarters ?? null;
  }
  return { ids, dates };
}

/**
 * PostgreSQL: the entity, claim-type, language and source filters as groups of the tokens
 * "ArticleSearch"."document" carries for them (see prisma/migrations/postgresql/
 * 20261125160000_search_ranges): one group of alternatives per filter, all groups required, exactly
 * as filterConditions reads them from the tables.
 */
export function filterTokenGroups(query: ParsedQuery, entityIds: number[][]): string[][] {
  const groups: string[][] = entityIds.map((ids) => ids.map((id) => `@e:${id}`));
  for (const type of query.claimTypes) groups.push([`@c:${type}`]);
  if (query.languages.length) groups.push(query.languages.map((language) => `@l:${language}`));
  if (query.sources.length)
    groups.push(
      query.sources.flatMap((source) => [
        `@h:${normaliseSource(source)}`,
        `@n:${source.trim().toLowerCase()}`,
      ]),
    );
  return groups;
}

/**
 * FROM + WHERE over one slice of the archive only (see collectMatches), "m" being the match with
 * its "score" (ts_rank when `ranked`, else 0) and the columns search_match_slice returns. `rowDates`: the dates are
 * checked on the matched rows when the slice's ids are kept by tokens (see datesOnRows).
 */
function sliceFromWhere(
  plan: Plan,
  sql: Sql,
  slice: Range,
  ranked: boolean,
  rowDates: boolean,
): string {
  const { query, resolved, terms } = plan;
  const position = sliceTokens(slice, plan.options.slicing ?? {});
  const tokens = tokenQuery([
    ...filterTokenGroups(query, resolved.entityIds ?? []),
    ...(position.ids ? [position.ids] : []),
    ...(position.dates ? [position.dates] : []),
  ]);
  const words = terms ? `(${tsQueryExpression(sql, query.clauses)})` : null;
  const filters = tokens ? `CAST(${sql.p(tokens)} AS tsquery)` : null;
  const tsq =
    words && filters ? `${words} && ${filters}` : (words ?? filters ?? "CAST('' AS tsquery)");
  // Ranked by the words alone: the filter tokens would only add noise to ts_rank. With the rank
  // of the words as typed added (rankClauses), when other forms of them match too.
  // Ranked by the words as typed (rankClauses: not their other forms, which ts_rank, counting
  // each form apart and knowing no rarity, would let outweigh the typed word), each one
  // alternative: ts_rank of an AND scores the words' nearness to each other, of an OR how often
  // each occurs. The match itself still requires every clause.
  const ranking =
    ranked && terms
      ? `(${tsQueryExpression(sql, [(query.rankClauses ?? query.clauses).flat()])})`
      : "CAST(NULL AS tsquery)";
  const range = `search_match_slice(${tsq}, ${ranking}, ${sql.p(slice.lo)}, ${sql.p(slice.hi)}, ${sql.p(slice.since)}, ${sql.p(slice.until)}, ${position.ids ? "true" : "false"}, ${position.dates || (position.ids && rowDates) ? "true" : "false"})`;
  const where = filterConditions(sql, query, plan.options, { ...resolved, tokens: true });
  // The match's row carries what the filters, the page and the facets read of it (migration
  // 20261203013000_search_slice_columns): no second table is probed per match.
  return `FROM ${range} AS m
        WHERE ${where.length ? where.join(" AND ") : "1 = 1"}`;
}
const MINIMUM_SLICE = 1000;
/** Matches seen before their share of the articles scanned sizes the next slice by itself. */
const RELIABLE_SHARE_MATCHES = 100;

/** Above every article id (PostgreSQL integer). */
const MAX_ID = 2_147_483_647;
/** Before and after every article date. */
const FAR_PAST = new Date("0001-01-01T00:00:00.000Z");
const FAR_FUTURE = new Date("9999-12-31T00:00:00.000Z");

/** A slice of the archive: lo <= id < hi and since <= date < until. */
interface Range {
  lo: number;
  hi: number;
  since: Date;
  until: Date;
}

/** One match found by collectMatches, with what the page, window and facets need of it. */
export interface CollectedRow {
  id: number;
  /** Its date, in ms: a search reads thousands of matches and turns only its page's into Dates. */
  time: number;
  language: string;
  source: string;
  score: number;
  /** The ids of the entities it mentions, verified or not. */
  entityIds: number[];
  /** The types of its claims. */
  claimTypes: string[];
}

/**
 * PostgreSQL, with words or with filters indexed as tokens: the matches a search needs, found
 * slice by slice of the archive, newest first (search_match_slice: the GIN index intersected with
 * an id or date range before any row is read, the entity/claim/language/source filters inside the
 * same GIN scan), instead of every match at once. Reading every match costs a heap row each: a
 * word found in half of 100,000 articles is ~45,000 rows, 150-200 ms; the newest few thousand
 * articles hold the 1,000 matches a relevance window needs.
 *   relevance  the RANK_WINDOW newest matches by id (as SQLite's FTS5 walks them), scored in the
 *              same scan, and one more past TOTAL_CAP for the total; by id ranges.
 *   date       by date ranges, newest first: enough for the facets and the total (FACET_SCOPE,
 *              TOTAL_CAP + 1), and the page after the cursor.
 * The first slice is sized from the share of articles the query is expected to match (estimateShare),
 * the next ones from the share seen so far (at least doubling while it rests on few matches), so a common word costs one small
 * slice and a rare one two or three cheap index scans. The matches are the ones a single scan of
 * everything would give; only the cost changes (test/store/search-slices.test.ts). The filters
 * that are not tokens (duplicates, off topic, dates, stories) are applied to each slice's rows.
 */
export async function collectMatches(
  db: Db,
  plan: Plan,
  sort: "relevance" | "date",
  limit: number,
  cursor: SearchCursor | null,
  want: { facets: boolean; total: boolean },
): Promise<CollectedRow[]> {
  const [archive, estimate] = await Promise.all([
    rawQuery<{ hi: number | bigint | null; newest: Date | string | number | null }>(
      db,
      `SELECT max("articleId") AS "hi", (SELECT max("date") FROM "ArticleSearchMeta") AS "newest" FROM "ArticleSearch"`,
      [],
    ).then((rows) => ({
      end: Number(rows[0]?.hi ?? 0) + 1,
      newest: rawDate(rows[0]?.newest),
    })),
    estimateShare(db, plan),
  ]);
  const { end } = archive;
  if (end <= 1) return [];
  // The window, and one past TOTAL_CAP to tell "1,000" from "1,000+".
  if (sort === "relevance")
    return collectSlices(
      db,
      plan,
      "id",
      Math.max(RANK_WINDOW, want.total ? TOTAL_CAP + 1 : 0),
      archive,
      estimate,
      null,
    );
  const rows = new Map<number, CollectedRow>();
  // The newest matches (for the facets and the total): all of them when fewer than asked for.
  let newest: { rows: CollectedRow[]; all: boolean } | null = null;
  if (!cursor || want.facets || want.total) {
    const need = Math.max(limit + 1, want.total ? TOTAL_CAP + 1 : 0, want.facets ? FACET_SCOPE : 0);
    const found = await collectSlices(db, plan, "date", need, archive, estimate, null);
    newest = { rows: found, all: found.length < need };
    for (const row of found) rows.set(row.id, row);
  }
  if (cursor?.sort === "date") {
    const after = { date: new Date(cursor.date), id: cursor.id };
    const at = after.date.getTime();
    const past = (row: CollectedRow) => row.time < at || (row.time === at && row.id < after.id);
    // The page after the cursor lies inside the newest matches already found unless it runs past them.
    const known = newest !== null && (newest.all || newest.rows.filter(past).length > limit);
    if (!known)
      for (const row of await collectSlices(db, plan, "date", limit + 1, archive, estimate, after))
        rows.set(row.id, row);
  }
  return [...rows.values()];
}

async function collectSlices(
  db: Db,
  plan: Plan,
  axis: "id" | "date",
  need: number,
  archive: { end: number; newest: Date | null },
  estimate: Estimate,
  after: { date: Date; id: number } | null,
): Promise<CollectedRow[]> {
  const expectedShare = estimate.share;
  const rowDates = datesOnRows(need, estimate);
  const found: CollectedRow[] = [];
  const tuning = plan.options.slicing ?? {};
  // after:/before: bound every slice (they stay filters too).
  const floor = plan.query.after ? new Date(`${plan.query.after}T00:00:00.000Z`) : FAR_PAST;
  const ceiling = plan.query.before ? new Date(`${plan.query.before}T00:00:00.000Z`) : FAR_FUTURE;
  // Slice size in articles: what the expected share needs, with margin.
  let size = tuning.single
    ? MAX_ID
    : (tuning.fixed ?? Math.max(MINIMUM_SLICE, Math.ceil((need / expectedShare) * 1.3)));
  let scanned = 0;
  let hi = archive.end;
  // By date, the first slice ends just after the cursor's date (its exact position is a filter).
  let until = after && after.date < ceiling ? new Date(after.date.getTime() + 1) : ceiling;
  for (;;) {
    let slice: Range;
    let last: boolean;
    if (axis === "id") {
      const lo = Math.max(0, hi - size);
      slice = { lo, hi, since: floor, until: ceiling };
      last = lo === 0;
      hi = lo;
    } else {
      // The date of about the size-th newest article before `until` (of all articles: from the
      // planner's histogram, else by the date index), and for an open-ended first slice the newest
      // date, so that it too has an end (its months).
      const open = until.getTime() === FAR_FUTURE.getTime();
      let boundary = dateBoundary(estimate.dates, estimate.articles, until, floor, size);
      if (boundary === undefined) {
        const sql = new Sql(plan.kind);
        const rows = await rawQuery<{ since: Date | string | number | null }>(
          db,
          `SELECT (SELECT m."date" FROM "ArticleSearchMeta" m WHERE m."date" < ${sql.p(until)} AND m."date" >= ${sql.p(floor)}
                   ORDER BY m."date" DESC OFFSET ${sql.p(size - 1)} LIMIT 1) AS "since"`,
          sql.params,
        );
        boundary = rawDate(rows[0]?.since);
      }
      const newest = open ? archive.newest : null;
      const since = boundary ?? floor;
      slice = {
        lo: 0,
        hi: MAX_ID,
        since,
        until: newest ? new Date(newest.getTime() + 1) : until,
      };
      last = !boundary;
      until = since;
    }
    const sql = new Sql(plan.kind);
    const from = sliceFromWhere(plan, sql, slice, axis === "id", rowDates);
    const cursorCondition = after
      ? ` AND (m."date" < ${sql.p(after.date)} OR (m."date" = ${sql.p(after.date)} AND m."articleId" < ${sql.p(after.id)}))`
      : "";
    const orderBy = axis === "id" ? `m."articleId" DESC` : `m."date" DESC, m."articleId" DESC`;
    // One text value rather than a row per match: thousands of rows cost the client more than the
    // query. Packed with the ASCII record and unit separators rather than as JSON, which took as long
    // to build as the match itself (json_build_array and to_char: ~2.5 ms per 1,000 matches).
    const matchesOfSlice = `SELECT m."articleId" AS "id", m."date" AS "date", m."language" AS "language", m."source" AS "source", m."score" AS "score",
             m."entityIdList" AS "entityIds", m."claimTypeList" AS "claimTypes"
             ${from}${cursorCondition} ORDER BY ${orderBy} LIMIT ${sql.p(need - found.length)}`;
    const rows = await rawQuery<{ matches: string | null }>(
      db,
      `SELECT (SELECT string_agg(concat_ws(chr(31), q."id", CAST(extract(epoch FROM q."date") * 1000 AS BIGINT), q."language",
                 translate(q."source", chr(30) || chr(31), ''), q."score", q."entityIds", q."claimTypes"), chr(30))
               FROM (${matchesOfSlice}) q) AS "matches"`,
      sql.params,
    );
    for (const record of rows[0]?.matches ? rows[0].matches.split("\u001e") : []) {
      const [id, date, language, source, score, entityIds, claimTypes] = record.split("\u001f");
      found.push({
        id: Number(id),
        time: Number(date),
        language: language!,
        source: source!,
        score: Number(score),
        entityIds: entityIds ? entityIds.split(",").map(Number) : [],
        claimTypes: claimTypes ? claimTypes.split(",") : [],
      });
    }
    scanned += size;
    if (last || found.length >= need) return found;
    // The share of articles that matched so far (counting one when none did, so that size still grows).
    // Once it rests on enough matches, the next slice is what the rest needs at that share (with
    // margin): doubling here would scan 55,000 articles for the last 39 of 1,001 matches. Until then
    // it at least doubles, so that a rare query takes few round trips.
    const share = Math.max(1, found.length) / scanned;
    const reliable = found.length >= RELIABLE_SHARE_MATCHES;
    const wanted = Math.ceil(((need - found.length) / share) * (reliable ? 1.25 : 1.5));
    size =
      tuning.fixed ?? (reliable ? Math.max(MINIMUM_SLICE, wanted) : Math.max(2 * size, wanted));
  }
}

/** Per database client: the planner's most common lexemes of "ArticleSearch" and their frequencies. */
const lexemeStats = new WeakMap<
  Db,
  { at: number; freqs: Map<string, number>; floor: number; metaRows: number; dates: number[] }
>();
const LEXEME_STATS_TTL_MS = 10 * 60_000;

/**
 * The share of articles a query is expected to match, erring high: per word, its frequency in the
 * planner's statistics (most_common_elems, refreshed by ANALYZE and cached here for ten minutes;
 * a word not among them is rarer than the rarest listed); a phrase or AND of words is no more
 * common than its rarest word, an OR no more than the sum. The planner's own estimate multiplies
 * the words' shares as if independent, which is far too low for words that go together
 * ("tri tue nhan tao": 1 % estimated, 32 % true). Times the share of articles the filters let
 * through, from the planner's estimate over "ArticleSearchMeta".
 */
async function estimateShare(db: Db, plan: Plan): Promise<Estimate> {
  let stats = lexemeStats.get(db);
  const statsPromise =
    stats && Date.now() - stats.at < LEXEME_STATS_TTL_MS
      ? Promise.resolve(stats)
      : db
          .$queryRawUnsafe<
            {
              elems: string[] | null;
              freqs: number[] | null;
              rows: number | null;
              dates: string[] | null;
            }[]
          >(
            // With the planner's row count of the meta table, which the filters' estimates divide,
            // and its histogram of article dates, which sizes the slices by date (dateBoundary).
            `SELECT CAST(CAST(s.most_common_elems AS TEXT) AS TEXT[]) AS "elems", s.most_common_elem_freqs AS "freqs",
                    (SELECT CAST(reltuples AS DOUBLE PRECISION) FROM pg_class WHERE oid = '"ArticleSearchMeta"'::regclass) AS "rows",
                    (SELECT CAST(CAST(h.histogram_bounds AS TEXT) AS TEXT[]) FROM pg_stats h
                      WHERE h.schemaname = current_schema() AND h.tablename = 'ArticleSearchMeta' AND h.attname = 'date') AS "dates"
             FROM (SELECT 1) one LEFT JOIN pg_stats s
               ON s.schemaname = current_schema() AND s.tablename = 'ArticleSearch' AND s.attname = 'document'`,
          )
          .then((rows) => {
            const elems = rows[0]?.elems ?? [];
            const values = (rows[0]?.freqs ?? []).map(Number);
            const freqs = new Map(elems.map((elem, i) => [elem, values[i] ?? 0]));
            // The array ends with the minimum and maximum frequency (and the null share).
            const floor = elems.length ? (values[elems.length] ?? 0.0001) : 1;
            // Timestamps without a zone, stored in UTC.
            const dates = (rows[0]?.dates ?? [])
              .map((text) => Date.parse(`${text.replace(" ", "T")}Z`))
              .filter((ms) => Number.isFinite(ms));
            const fresh = {
              at: Date.now(),
              freqs,
              floor,
              metaRows: Number(rows[0]?.rows ?? 0),
              dates,
            };
            lexemeStats.set(db, fresh);
            return fresh;
          });
  // The filters left out of the text match that may cut deep (dates, stories), estimated by the
  // planner. Duplicates and off-topic articles are a small share: assumed none (erring high).
  const sql = new Sql(plan.kind);
  const where = filterConditions(
    sql,
    plan.query,
    { includeDuplicates: true, includeOffTopic: true, minRelevance: 0 },
    { entityIds: plan.entityIds, tokens: true },
  );
  const [resolvedStats, filterPlan] = await Promise.all([
    statsPromise,
    where.length
      ? rawQuery<{ "QUERY PLAN": unknown }>(
          db,
          `EXPLAIN (FORMAT JSON) SELECT 1 FROM "ArticleSearchMeta" m WHERE ${where.join(" AND ")}`,
          sql.params,
        )
      : Promise.resolve(null),
  ]);
  stats = resolvedStats;
  const wordShare = (word: string) => stats!.freqs.get(word) ?? stats!.floor;
  // A prefix (a word's forms, "analyst*") matches every listed lexeme it starts: the sum of their
  // shares, or the floor when none is listed. Read as the exact word, a prefix whose forms are
  // common but whose stem is no word ("analyst" of "analysts") was taken for a rare word, and its
  // first slice was the whole archive: every match read and ranked, 50 times the cost.
  const prefixShare = (prefix: string) => {
    let sum = 0;
    for (const [elem, freq] of stats!.freqs) if (elem.startsWith(prefix)) sum += freq;
    return Math.min(1, Math.max(sum, stats!.floor));
  };
  const termShare = (term: SearchTerm) => {
    const words = wordsOf(term.text);
    const last = words.length - 1;
    return Math.min(
      1,
      ...words.map((word, i) => (term.prefix && i === last ? prefixShare(word) : wordShare(word))),
    );
  };
  let share = 1;
  for (const clause of plan.query.clauses) {
    const clauseShare = clause.reduce((sum, term) => sum + termShare(term), 0);
    share = Math.min(share, clauseShare);
  }
  for (const group of filterTokenGroups(plan.query, plan.entityIds)) {
    share = Math.min(
      share,
      group.reduce((sum, token) => sum + wordShare(token), 0),
    );
  }
  const raw = filterPlan?.[0]?.["QUERY PLAN"];
  const parsed = (typeof raw === "string" ? JSON.parse(raw) : raw) as
    { Plan?: { "Plan Rows"?: number } }[] | undefined;
  const metaRows = stats.metaRows;
  const filterShare =
    filterPlan && metaRows > 0
      ? Math.min(1, Number(parsed?.[0]?.Plan?.["Plan Rows"] ?? metaRows) / metaRows)
      : 1;
  return {
    share: Math.min(1, Math.max(0.0005, share * filterShare)),
    filterShare,
    articles: metaRows,
    dates: stats.dates,
  };
}

/** What estimateShare expects of a query. */
interface Estimate {
  /** The share of articles it matches (erring high). */
  share: number;
  /** The share of articles its filters outside the text match let through (dates, stories). */
  filterShare: number;
  /** The articles in the archive, as the planner counts them. */
  articles: number;
  /** The planner's histogram of article dates (ms, ascending; empty before the first ANALYZE). */
  dates: number[];
}

/**
 * The start of a slice by date that ends at `until` and holds about `size` articles, read off
 * the planner's histogram of article dates instead of walking the date index (OFFSET size: ~3 ms
 * for 30,000 articles, on every slice of a search by date). Each of its buckets holds the same
 * share of the articles; the start is the lower edge of the bucket where `size` is reached, so the
 * slice errs large. Articles stored since the statistics were taken are newer than the histogram
 * and only make a first slice larger. Null when everything from `floor` on holds fewer (the last
 * slice), undefined when there is no histogram (the index is walked instead). A wrong guess only
 * changes how many slices a search takes, never its matches.
 */
export function dateBoundary(
  bounds: readonly number[],
  articles: number,
  until: Date,
  floor: Date,
  size: number,
): Date | null | undefined {
  if (bounds.length < 2 || articles <= 0) return undefined;
  const perBucket = articles / (bounds.length - 1);
  const end = until.getTime();
  let held = 0;
  for (let i = bounds.length - 1; i >= 1; i--) {
    const low = bounds[i - 1]!;
    const high = bounds[i]!;
    if (low >= end) continue;
    if (low <= floor.getTime()) return null;
    held += high <= end ? perBucket : (perBucket * (end - low)) / Math.max(1, high - low);
    if (held >= size) return new Date(low);
  }
  return null;
}

/**
 * Whether the query's own dates (after:, before:) are better checked on each matched row than
 * intersected through the date index, on a slice whose ids GIN already keeps to (its id tokens).
 * The index builds a bitmap of every article in the dates: ~0.2 µs each, 10 ms for "before:
 * 2024-06-01" at 100,000 articles, against 1 ms for the slice's own GIN scan. Checking on the rows
 * instead reads the matches outside the dates for nothing: for the `need` matches a slice is sized
 * to find, need × (1 − f) / f of them at ~5 µs each, f being the dates' share. So the rows check
 * wide dates (f above ~0.4 at 100,000 articles and 1,000 matches) and the index narrow ones.
 */
function datesOnRows(need: number, estimate: Estimate): boolean {
  const f = estimate.filterShare;
  return f >= 1 || 25 * need * (1 - f) < f * f * estimate.articles;
}
