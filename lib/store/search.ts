/**
 * Full-text search over stored articles, on SQLite and PostgreSQL. The only module that knows which
 * database it talks to for search: the shared SQL (filters, sort, pagination, facets over the
 * narrow "ArticleSearchMeta" table) is written once, and only the text match differs:
 *   SQLite      FTS5 table "ArticleSearch" (unicode61 remove_diacritics 2), ranked by bm25
 *   PostgreSQL  tsvector "ArticleSearch"."document" ('simple' config over unaccent'ed text, GIN), ts_rank
 * Both indexes are kept up to date by triggers (see prisma/migrations/<db>/20261125140000_search),
 * so every write path (writeArticle, bulk loads, alias edits) is covered without a call from here.
 *
 * Matching ignores case and diacritics both ways, and Vietnamese đ (folded to d on both sides).
 * Each article is indexed with the names, slugs and aliases of the entities it mentions, so a word
 * that names an entity in any of its forms finds the article ("deepseek" finds "Deep Seek").
 * Snippets and highlighted titles are made here, in one place for both databases, from the stored
 * text: every character is HTML-escaped and only our own <mark>…</mark> is markup.
 */
import { decodeCursor as decodeListCursor, encodeCursor as encodeListCursor } from "@/lib/cursor";
import { AppError } from "@/lib/errors";
import {
  emptyQuery,
  formatSearchQuery,
  hasSearchTerms,
  parseSearchQuery,
  type ParsedQuery,
  type SearchTerm,
} from "@/lib/search/query";
import { interpretQuery, type QueryNote } from "@/lib/search/understand";
import { clientKind, rawDate, type Db } from "./db";

type Kind = "sqlite" | "postgresql";

/** Off-topic threshold used when the caller gives none (Article.relevance is 0..1). */
export const DEFAULT_MIN_RELEVANCE = 0.3;
/** Above this many matches, facets are counted over the first FACET_SCOPE matches in the requested order (see searchArticles). */
export const FACET_SCOPE = 1000;
/**
 * Relevance ranks at most this many matches: the most recently stored ones. A word found in tens of
 * thousands of articles would otherwise cost a score per match on every search; for a news archive
 * the newest matches are the ones worth ranking. Beyond the window, sort by date. As many as are
 * counted (TOTAL_CAP) and faceted (FACET_SCOPE): one number for what a result page stands on.
 */
export const RANK_WINDOW = 1000;
/**
 * Matches are counted up to this many; beyond, `total` is TOTAL_CAP and `totalIsLowerBound` is
 * true ("1,000+ results"). An exact count of a word found in half the archive, or of a filter
 * that most articles pass, costs a scan of every match on every search; nobody pages that far.
 */
export const TOTAL_CAP = 1000;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const FACET_SIZE = 20;
const SNIPPET_LENGTH = 240;

export interface SearchOptions {
  /** Default "relevance" when the query has words, else "date" (a filters-only query has no relevance). */
  sort?: "relevance" | "date";
  /** Hits per page: default 20, at most 100. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string | null;
  /** Include articles stored as copies of another (duplicateOfId set). Default false. */
  includeDuplicates?: boolean;
  /** Include articles scored off topic (relevance below minRelevance). Default false. */
  includeOffTopic?: boolean;
  /** The relevance below which an article is off topic; pass the ingest threshold. Default DEFAULT_MIN_RELEVANCE. */
  minRelevance?: number;
  /**
   * Count facets. Default true. Callers that show only the hits (feeds) pass false: the facet
   * lookups per top match are most of the cost of a date-sorted page of a large filter.
   */
  facets?: boolean;
  /** Count the matches (up to TOTAL_CAP). Default true. False leaves `total` at the matches seen, a lower bound. */
  total?: boolean;
  /**
   * Match the words as typed: no stop words dropped, no dates, claim types or word forms read
   * from them (lib/search/understand.ts). Default false.
   */
  literal?: boolean;
}

export interface SearchHit {
  articleId: number;
  title: string;
  url: string;
  canonicalUrl: string;
  sourceName: string | null;
  language: string;
  publishedAt: Date | null;
  summary: string;
  storyId: number | null;
  /** An excerpt around the best match: HTML-escaped, matches wrapped in <mark>…</mark>. */
  snippet: string;
  /** The title, HTML-escaped, matches wrapped in <mark>…</mark>. */
  titleHighlighted: string;
  /**
   * Higher is better; comparable within one result list only (bm25 on SQLite, ts_rank on
   * PostgreSQL). 0 when sorted by date or without words: scoring a date-sorted page separately
   * costs FTS5 a full re-evaluation of the query per article (60 ms at 100,000 articles).
   */
  score: number;
}

export interface SearchFacets {
  entities: { slug: string; name: string; kind: string; count: number }[];
  claimTypes: { type: string; count: number }[];
  languages: { language: string; count: number }[];
  sources: { source: string; count: number }[];
}

export interface SearchResult {
  /** The number of matches, exact up to TOTAL_CAP; TOTAL_CAP with `totalIsLowerBound` when there are more. */
  total: number;
  /** True when there are more than `total` matches (counting stopped at TOTAL_CAP, or was not asked for). */
  totalIsLowerBound: boolean;
  hits: SearchHit[];
  nextCursor: string | null;
  facets: SearchFacets;
  /** The sort actually applied ("date" when the query has no words). */
  sort: "relevance" | "date";
  /** How many matches the facets were counted over: `total`, or FACET_SCOPE most recent when there are more. */
  facetScope: number;
  /** The query as understood, written back (for links). */
  query: string;
  /** What was read from the reader's words (dates, claim types, dropped words, word forms). */
  notes: QueryNote[];
  /** The reader's words say they look for an accusation (accuse, sue, kiện…). */
  claimIntent: boolean;
  /** With no match: the query with a misspelt entity name corrected ("DeepSek" → "DeepSeek"), else null. */
  suggestion: string | null;
  /** The entities the query names, by its words or entity: filters (slugs and names). */
  parties: { slug: string; name: string }[];
  /** The claim types the query names (claim: filters, or claim words read as them). */
  claimTypes: string[];
}

// ---------------------------------------------------------------------------------------------
// SQL building: one parameter list per statement, placeholders in each database's style.

class Sql {
  readonly params: unknown[] = [];
  constructor(readonly kind: Kind) {}
  /** Adds a parameter and returns its placeholder. */
  p(value: unknown): string {
    this.params.push(value);
    return this.kind === "sqlite" ? "?" : `$${this.params.length}`;
  }
}

interface Plan {
  kind: Kind;
  query: ParsedQuery;
  options: SearchOptions;
  terms: boolean;
  /** FROM + WHERE (always present) over the matches, "m" being the meta row (and "ArticleSearch"/"s" the text index). */
  fromWhere(sql: Sql): string;
  /** The entity filters, resolved to ids. */
  entityIds: number[][];
  /**
   * PostgreSQL with words or token filters: fromWhere over one slice of the archive only (see collectMatches), "s"
   * being the match with its "score" (ts_rank when `ranked`, else 0).
   */
  rangeFromWhere(sql: Sql, range: Range, ranked?: boolean): string;
  /** SQLite: the RANK_WINDOW most recently stored matches, scored: columns id, score, date, language, source. */
  rankedWindow(sql: Sql): string;
}

/** đ/Đ do not decompose in Unicode; everything else loses its marks. */
function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}

/** The words of a text the way both indexes see them (runs of letters and digits, folded). */
function wordsOf(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

function ftsMatchExpression(clauses: SearchTerm[][]): string {
  // Every term is a quoted FTS5 string, so user input never reaches the FTS5 query syntax; its
  // words become a phrase. đ is folded like the indexed copy.
  const quote = (term: SearchTerm) =>
    `"${wordsOf(term.text).join(" ").replace(/"/g, '""')}"${term.prefix ? "*" : ""}`;
  return clauses
    .map((clause) =>
      clause.length === 1 ? quote(clause[0]!) : `(${clause.map(quote).join(" OR ")})`,
    )
    .join(" AND ");
}

function tsQueryExpression(sql: Sql, clauses: SearchTerm[][]): string {
  // A prefix is one word of letters and digits (lib/search/query.ts): nothing of tsquery's syntax.
  const term = (t: SearchTerm) =>
    t.prefix && /^[\p{L}\p{N}]+$/u.test(t.text)
      ? `to_tsquery('simple', search_fold(${sql.p(t.text)}) || ':*')`
      : `phraseto_tsquery('simple', search_fold(${sql.p(t.text)}))`;
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
function sliceTokens(slice: Range): { ids: string[] | null; dates: string[] | null } {
  const max = sliceTuning.maxTokens ?? MAX_SLICE_TOKENS;
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
function filterTokenGroups(query: ParsedQuery, entityIds: number[][]): string[][] {
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

function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** "https://www.Reuters.com/x" or "www.reuters.com" -> "reuters.com"; a plain name is kept lower-cased. */
function normaliseSource(value: string): string {
  let v = value.trim().toLowerCase();
  v = v.replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
  v = v.replace(/[/?#].*$/, "");
  return v.replace(/^www\./, "");
}

interface ResolvedFilters {
  /** One list of entity ids per entity: filter (AND across lists, OR inside). Null when one resolves to nothing. */
  entityIds: number[][] | null;
  /** The filter that drives a filters-only query on SQLite (see chooseDriver), if any. */
  driver?: { kind: "entity" | "claim"; index: number };
  /** The entity, claim, language and source filters are in the text match (filterTokenGroups): leave them out. */
  tokens?: boolean;
}

/** A filter matching at most this many rows may drive a filters-only query (see chooseDriver). */
const DRIVER_CAP = 20_000;
/** With words, a filter matching at most this many rows is looked up in a set built once (see chooseDriver). */
const WORDS_DRIVER_CAP = 10_000;

/**
 * SQLite, filters only: picks the rarest entity or claim filter, when it is rare enough, to drive
 * the query through its index (IN), instead of walking every article by date and probing each
 * (EXISTS). The date walk stops after FACET_SCOPE matches, which is quick when most articles
 * match and a scan of most of the table when few do ("entity:anthropic claim:copyright": 60 ms of
 * probes against 16 ms through Anthropic's 14,000 mentions). The counts are index-only and capped.
 * PostgreSQL plans both forms as the same semi-join from its statistics, so it needs no hint.
 */
async function chooseDriver(
  db: Db,
  kind: Kind,
  query: ParsedQuery,
  entityIds: number[][],
): Promise<ResolvedFilters["driver"]> {
  if (kind !== "sqlite" || entityIds.length + query.claimTypes.length === 0) return undefined;
  const cap = hasSearchTerms(query) ? WORDS_DRIVER_CAP : DRIVER_CAP;
  const sql = new Sql(kind);
  const branches = [
    ...entityIds.map(
      (ids, i) =>
        `SELECT 'entity' AS "kind", ${i} AS "idx", (SELECT COUNT(*) FROM (SELECT 1 FROM "Mention" WHERE "entityId" IN (${ids.map((id) => sql.p(id)).join(", ")}) LIMIT ${cap + 1})) AS "n"`,
    ),
    ...query.claimTypes.map(
      (type, i) =>
        `SELECT 'claim' AS "kind", ${i} AS "idx", (SELECT COUNT(*) FROM (SELECT 1 FROM "Claim" WHERE "type" = ${sql.p(type)} LIMIT ${cap + 1})) AS "n"`,
    ),
  ];
  const rows = await db.$queryRawUnsafe<
    { kind: "entity" | "claim"; idx: number | bigint; n: number | bigint }[]
  >(branches.join(" UNION ALL "), ...sql.params);
  let best: { kind: "entity" | "claim"; index: number; n: number } | undefined;
  for (const row of rows) {
    const n = Number(row.n);
    if (n <= cap && (!best || n < best.n)) best = { kind: row.kind, index: Number(row.idx), n };
  }
  return best && { kind: best.kind, index: best.index };
}

async function resolveEntities(db: Db, kind: Kind, names: string[]): Promise<number[][] | null> {
  if (names.length === 0) return [];
  const sql = new Sql(kind);
  const variants = new Set<string>();
  for (const name of names) {
    const trimmed = name.trim();
    variants.add(trimmed);
    variants.add(trimmed.toLowerCase());
    variants.add(trimmed.toUpperCase());
    variants.add(trimmed.replace(/(^|\s)\p{L}/gu, (s) => s.toUpperCase()));
    variants.add(slugify(trimmed));
  }
  const list = (values: Set<string>) => [...values].map((v) => sql.p(v)).join(", ");
  const text = `
    SELECT e."id" AS "id", e."slug" AS "slug", e."name" AS "name", NULL AS "alias" FROM "Entity" e
      WHERE e."slug" IN (${list(variants)}) OR e."name" IN (${list(variants)})
    UNION ALL
    SELECT e."id", e."slug", e."name", al."alias" FROM "EntityAlias" al JOIN "Entity" e ON e."id" = al."entityId"
      WHERE al."alias" IN (${list(variants)})`;
  const rows = await db.$queryRawUnsafe<
    { id: number; slug: string; name: string; alias: string | null }[]
  >(text, ...sql.params);
  const result: number[][] = [];
  for (const name of names) {
    const folded = foldText(name.trim());
    const slug = slugify(name);
    const ids = [
      ...new Set(
        rows
          .filter(
            (row) =>
              row.slug === slug ||
              foldText(row.name) === folded ||
              (row.alias !== null && foldText(row.alias) === folded),
          )
          .map((row) => Number(row.id)),
      ),
    ];
    if (ids.length === 0) return null;
    result.push(ids);
  }
  return result;
}

function slugify(value: string): string {
  return wordsOf(value).join("-");
}

function filterConditions(
  sql: Sql,
  query: ParsedQuery,
  options: SearchOptions,
  resolved: ResolvedFilters,
): string[] {
  const where: string[] = [];
  if (!options.includeDuplicates) where.push(`m."isOriginal"`);
  const minRelevance = options.minRelevance ?? DEFAULT_MIN_RELEVANCE;
  if (!options.includeOffTopic && minRelevance > 0)
    where.push(`m."relevance" >= ${sql.p(minRelevance)}`);
  const tokens = resolved.tokens === true;
  if (query.languages.length && !tokens)
    where.push(`m."language" IN (${query.languages.map((l) => sql.p(l)).join(", ")})`);
  if (query.after) where.push(`m."date" >= ${sql.p(new Date(`${query.after}T00:00:00.000Z`))}`);
  if (query.before) where.push(`m."date" < ${sql.p(new Date(`${query.before}T00:00:00.000Z`))}`);
  if (query.sources.length && !tokens) {
    const any = query.sources.map((source) => {
      const host = normaliseSource(source);
      return `m."host" = ${sql.p(host)} OR m."host" LIKE ${sql.p(`%.${likeEscape(host)}`)} ESCAPE '\\' OR lower(m."sourceName") = ${sql.p(source.trim().toLowerCase())}`;
    });
    where.push(`(${any.join(" OR ")})`);
  }
  // Correlated EXISTS probes the (articleId, ...) indexes row by row: cheap next to a text match or
  // a date-ordered scan that stops early, where IN (subquery) would first collect every article
  // that mentions OpenAI.
  // The driver (chooseDriver), when there is one, is the exception: its index leads.
  (tokens ? [] : (resolved.entityIds ?? [])).forEach((ids, index) => {
    const list = ids.map((id) => sql.p(id)).join(", ");
    if (resolved.driver?.kind === "entity" && resolved.driver.index === index) {
      where.push(
        `m."articleId" IN (SELECT x."articleId" FROM "Mention" x WHERE x."entityId" IN (${list}))`,
      );
    } else {
      where.push(
        `EXISTS (SELECT 1 FROM "Mention" x WHERE x."articleId" = m."articleId" AND x."entityId" IN (${list}))`,
      );
    }
  });
  (tokens ? [] : query.claimTypes).forEach((type, index) => {
    if (resolved.driver?.kind === "claim" && resolved.driver.index === index) {
      where.push(
        `m."articleId" IN (SELECT c."articleId" FROM "Claim" c WHERE c."type" = ${sql.p(type)})`,
      );
    } else {
      where.push(
        `EXISTS (SELECT 1 FROM "Claim" c WHERE c."articleId" = m."articleId" AND c."type" = ${sql.p(type)})`,
      );
    }
  });
  if (query.storyIds.length) {
    where.push(
      `EXISTS (SELECT 1 FROM "StoryArticle" sa WHERE sa."articleId" = m."articleId" AND sa."storyId" IN (${query.storyIds.map((id) => sql.p(id)).join(", ")}))`,
    );
  }
  return where;
}

function makePlan(
  kind: Kind,
  query: ParsedQuery,
  options: SearchOptions,
  resolved: ResolvedFilters,
): Plan {
  const terms = hasSearchTerms(query);
  return {
    kind,
    query,
    options,
    terms,
    entityIds: resolved.entityIds ?? [],
    fromWhere(sql) {
      if (!terms) {
        const where = filterConditions(sql, query, options, resolved);
        return `FROM "ArticleSearchMeta" m WHERE ${where.length ? where.join(" AND ") : "1 = 1"}`;
      }
      if (kind === "sqlite") {
        const match = sql.p(ftsMatchExpression(query.clauses));
        const where = filterConditions(sql, query, options, resolved);
        // CROSS JOIN: the text match drives. Sorted by date, SQLite would otherwise walk the date
        // index and run the MATCH once per article.
        return `FROM "ArticleSearch" CROSS JOIN "ArticleSearchMeta" m ON m."articleId" = "ArticleSearch".rowid
          WHERE "ArticleSearch" MATCH ${match}${where.map((w) => ` AND ${w}`).join("")}`;
      }
      throw new AppError(
        "INTERNAL",
        "store/search: PostgreSQL searches with words go through collectMatches",
      );
    },
    rangeFromWhere(sql, slice, ranked = false) {
      const position = sliceTokens(slice);
      const tokens = tokenQuery([
        ...filterTokenGroups(query, resolved.entityIds ?? []),
        ...(position.ids ? [position.ids] : []),
        ...(position.dates ? [position.dates] : []),
      ]);
      const words = terms ? `(${tsQueryExpression(sql, query.clauses)})` : null;
      const filters = tokens ? `CAST(${sql.p(tokens)} AS tsquery)` : null;
      const tsq =
        words && filters ? `${words} && ${filters}` : (words ?? filters ?? "CAST('' AS tsquery)");
      // Ranked by the words alone: the filter tokens would only add noise to ts_rank.
      const ranking =
        ranked && terms ? `(${tsQueryExpression(sql, query.clauses)})` : "CAST(NULL AS tsquery)";
      const range = `search_match_slice(${tsq}, ${ranking}, ${sql.p(slice.lo)}, ${sql.p(slice.hi)}, ${sql.p(slice.since)}, ${sql.p(slice.until)}, ${position.ids ? "true" : "false"}, ${position.dates ? "true" : "false"})`;
      const where = filterConditions(sql, query, options, { ...resolved, tokens: true });
      // LATERAL + OFFSET 0: one primary-key probe per match. A plain join lets the planner hash the
      // whole meta table (87,000 rows) for the few hundred matches of a range.
      return `FROM ${range} AS s("articleId", "score")
        CROSS JOIN LATERAL (SELECT * FROM "ArticleSearchMeta" x WHERE x."articleId" = s."articleId" OFFSET 0) m
        WHERE ${where.length ? where.join(" AND ") : "1 = 1"}`;
    },
    rankedWindow(sql) {
      const columns = `m."date" AS "date", m."language" AS "language", coalesce(m."sourceName", m."host") AS "source"`;
      if (kind === "sqlite") {
        // FTS5 walks its doclists in rowid order and stops at the LIMIT: bm25 runs on the window only.
        // Title matches weigh most, then entity names, then the body.
        return `SELECT m."articleId" AS "id", -bm25("ArticleSearch", 10.0, 1.0, 4.0) AS "score", ${columns} ${this.fromWhere(sql)}
          ORDER BY "ArticleSearch".rowid DESC LIMIT ${sql.p(RANK_WINDOW)}`;
      }
      // PostgreSQL: collectMatches finds and scores the window (ts_rank; title weight A, entity names B, body D).
      throw new AppError(
        "INTERNAL",
        "store/search: PostgreSQL searches with words go through collectMatches",
      );
    },
  };
}

/**
 * How collectMatches slices the archive. Changed by tests only: `fixed` makes every slice that
 * many articles (so a small archive takes many), `single` takes the whole archive at once; both
 * must give the same results as the sizes chosen from estimates. `maxTokens` replaces
 * MAX_SLICE_TOKENS, so that a small archive's slices are named by coarse tokens too.
 */
export const sliceTuning: { fixed: number | null; single: boolean; maxTokens: number | null } = {
  fixed: null,
  single: false,
  maxTokens: null,
};
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
interface CollectedRow {
  id: number;
  date: Date;
  language: string;
  source: string;
  score: number;
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
async function collectMatches(
  db: Db,
  plan: Plan,
  sort: "relevance" | "date",
  limit: number,
  cursor: Cursor | null,
  want: { facets: boolean; total: boolean },
): Promise<CollectedRow[]> {
  const [end, share] = await Promise.all([
    db
      .$queryRawUnsafe<{ hi: number | null }[]>(
        `SELECT max("articleId") AS "hi" FROM "ArticleSearch"`,
      )
      .then((rows) => Number(rows[0]?.hi ?? 0) + 1),
    estimateShare(db, plan),
  ]);
  if (end <= 1) return [];
  // The window, and one past TOTAL_CAP to tell "1,000" from "1,000+".
  if (sort === "relevance")
    return collectSlices(
      db,
      plan,
      "id",
      Math.max(RANK_WINDOW, want.total ? TOTAL_CAP + 1 : 0),
      end,
      share,
      null,
    );
  const rows = new Map<number, CollectedRow>();
  // The newest matches (for the facets and the total): all of them when fewer than asked for.
  let newest: { rows: CollectedRow[]; all: boolean } | null = null;
  if (!cursor || want.facets || want.total) {
    const need = Math.max(limit + 1, want.total ? TOTAL_CAP + 1 : 0, want.facets ? FACET_SCOPE : 0);
    const found = await collectSlices(db, plan, "date", need, end, share, null);
    newest = { rows: found, all: found.length < need };
    for (const row of found) rows.set(row.id, row);
  }
  if (cursor?.sort === "date") {
    const after = { date: new Date(cursor.date), id: cursor.id };
    const past = (row: CollectedRow) =>
      row.date < after.date || (row.date.getTime() === after.date.getTime() && row.id < after.id);
    // The page after the cursor lies inside the newest matches already found unless it runs past them.
    const known = newest !== null && (newest.all || newest.rows.filter(past).length > limit);
    if (!known)
      for (const row of await collectSlices(db, plan, "date", limit + 1, end, share, after))
        rows.set(row.id, row);
  }
  return [...rows.values()];
}

async function collectSlices(
  db: Db,
  plan: Plan,
  axis: "id" | "date",
  need: number,
  end: number,
  expectedShare: number,
  after: { date: Date; id: number } | null,
): Promise<CollectedRow[]> {
  const found: CollectedRow[] = [];
  // after:/before: bound every slice (they stay filters too).
  const floor = plan.query.after ? new Date(`${plan.query.after}T00:00:00.000Z`) : FAR_PAST;
  const ceiling = plan.query.before ? new Date(`${plan.query.before}T00:00:00.000Z`) : FAR_FUTURE;
  // Slice size in articles: what the expected share needs, with margin.
  let size = sliceTuning.single
    ? MAX_ID
    : (sliceTuning.fixed ?? Math.max(MINIMUM_SLICE, Math.ceil((need / expectedShare) * 1.3)));
  let scanned = 0;
  let hi = end;
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
      // The date of the size-th newest article before `until` (of all articles, by the date index),
      // and for an open-ended first slice the newest date, so that it too has an end (its months).
      const sql = new Sql(plan.kind);
      const open = until.getTime() === FAR_FUTURE.getTime();
      const rows = await db.$queryRawUnsafe<
        { since: Date | string | null; newest: Date | string | null }[]
      >(
        `SELECT (SELECT m."date" FROM "ArticleSearchMeta" m WHERE m."date" < ${sql.p(until)} AND m."date" >= ${sql.p(floor)}
                 ORDER BY m."date" DESC OFFSET ${sql.p(size - 1)} LIMIT 1) AS "since",
                ${open ? `(SELECT max(m."date") FROM "ArticleSearchMeta" m)` : "CAST(NULL AS TIMESTAMP(3))"} AS "newest"`,
        ...sql.params,
      );
      const boundary = rows[0]?.since;
      const newest = rows[0]?.newest;
      const since = boundary ? new Date(boundary) : floor;
      slice = {
        lo: 0,
        hi: MAX_ID,
        since,
        until: newest ? new Date(new Date(newest).getTime() + 1) : until,
      };
      last = !boundary;
      until = since;
    }
    const sql = new Sql(plan.kind);
    const from = plan.rangeFromWhere(sql, slice, axis === "id");
    const cursorCondition = after
      ? ` AND (m."date" < ${sql.p(after.date)} OR (m."date" = ${sql.p(after.date)} AND m."articleId" < ${sql.p(after.id)}))`
      : "";
    const orderBy = axis === "id" ? `m."articleId" DESC` : `m."date" DESC, m."articleId" DESC`;
    // One JSON value rather than a row per match: thousands of rows cost the client more than the query.
    const rows = await db.$queryRawUnsafe<{ matches: string | null }[]>(
      `SELECT CAST(json_agg(json_build_array(q."id", to_char(q."date", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), q."language", q."source", q."score")) AS TEXT) AS "matches"
       FROM (SELECT m."articleId" AS "id", m."date" AS "date", m."language" AS "language", coalesce(m."sourceName", m."host") AS "source", s."score" AS "score"
             ${from}${cursorCondition} ORDER BY ${orderBy} LIMIT ${sql.p(need - found.length)}) q`,
      ...sql.params,
    );
    const matches = JSON.parse(rows[0]?.matches ?? "[]") as [
      number,
      string,
      string,
      string,
      number,
    ][];
    for (const [id, date, language, source, score] of matches)
      found.push({ id, date: new Date(date), language, source, score });
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
      sliceTuning.fixed ??
      (reliable ? Math.max(MINIMUM_SLICE, wanted) : Math.max(2 * size, wanted));
  }
}

/** Per database client: the planner's most common lexemes of "ArticleSearch" and their frequencies. */
const lexemeStats = new WeakMap<Db, { at: number; freqs: Map<string, number>; floor: number }>();
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
async function estimateShare(db: Db, plan: Plan): Promise<number> {
  let stats = lexemeStats.get(db);
  const statsPromise =
    stats && Date.now() - stats.at < LEXEME_STATS_TTL_MS
      ? Promise.resolve(stats)
      : db
          .$queryRawUnsafe<{ elems: string[] | null; freqs: number[] | null }[]>(
            `SELECT CAST(CAST(most_common_elems AS TEXT) AS TEXT[]) AS "elems", most_common_elem_freqs AS "freqs" FROM pg_stats
             WHERE schemaname = current_schema() AND tablename = 'ArticleSearch' AND attname = 'document'`,
          )
          .then((rows) => {
            const elems = rows[0]?.elems ?? [];
            const values = (rows[0]?.freqs ?? []).map(Number);
            const freqs = new Map(elems.map((elem, i) => [elem, values[i] ?? 0]));
            // The array ends with the minimum and maximum frequency (and the null share).
            const floor = elems.length ? (values[elems.length] ?? 0.0001) : 1;
            const fresh = { at: Date.now(), freqs, floor };
            lexemeStats.set(db, fresh);
            return fresh;
          });
  // The filters left out of the text match that may cut deep (dates, stories), estimated by the
  // planner. Duplicates and off-topic articles are a small share: assumed none (erring high).
  const sql = new Sql(plan.kind);
  const where = filterConditions(
    sql,
    plan.query,
    { includeDuplicates: true, includeOffTopic: true },
    { entityIds: plan.entityIds, tokens: true },
  );
  const [resolvedStats, filterPlan, metaSize] = await Promise.all([
    statsPromise,
    where.length
      ? db.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(
          `EXPLAIN (FORMAT JSON) SELECT 1 FROM "ArticleSearchMeta" m WHERE ${where.join(" AND ")}`,
          ...sql.params,
        )
      : Promise.resolve(null),
    where.length
      ? db.$queryRawUnsafe<{ n: number }[]>(
          `SELECT CAST(reltuples AS DOUBLE PRECISION) AS "n" FROM pg_class WHERE oid = '"ArticleSearchMeta"'::regclass`,
        )
      : Promise.resolve([]),
  ]);
  stats = resolvedStats;
  const wordShare = (word: string) => stats!.freqs.get(word) ?? stats!.floor;
  let share = 1;
  for (const clause of plan.query.clauses) {
    const clauseShare = clause.reduce(
      (sum, term) => sum + Math.min(1, ...wordsOf(term.text).map(wordShare)),
      0,
    );
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
  const metaRows = Number(metaSize[0]?.n ?? 0);
  const filterShare =
    filterPlan && metaRows > 0
      ? Math.min(1, Number(parsed?.[0]?.Plan?.["Plan Rows"] ?? metaRows) / metaRows)
      : 1;
  return Math.min(1, Math.max(0.0005, share * filterShare));
}

// ---------------------------------------------------------------------------------------------
// Cursors: opaque to callers. By date: keyset on (date, id), stable when articles arrive between
// pages. By relevance: an offset, because scores are floats that do not survive a round trip
// exactly (SQLite's bm25 compared against its own earlier value is not always equal), and because
// bm25 moves with corpus statistics anyway; a page boundary may shift if articles arrive meanwhile.

// The text of both is lib/cursor.ts's (a `time` cursor by date, an `offset` one by relevance), as
// the proxy checks it.

type Cursor = { sort: "date"; date: string; id: number } | { sort: "relevance"; offset: number };

function encodeCursor(cursor: Cursor): string {
  return cursor.sort === "date"
    ? encodeListCursor({ kind: "time", time: new Date(cursor.date), id: cursor.id })
    : encodeListCursor({ kind: "offset", offset: cursor.offset });
}

function decodeCursor(value: string, sort: "relevance" | "date"): Cursor {
  if (sort === "date") {
    const { time, id } = decodeListCursor(value, "time");
    return { sort, date: time.toISOString(), id };
  }
  return { sort, offset: decodeListCursor(value, "offset").offset };
}

// ---------------------------------------------------------------------------------------------

interface PageRow {
  id: number;
  score: number;
  date: Date;
}

/**
 * Searches articles. `query` is a ParsedQuery or a query string in our language (parsed here;
 * a malformed one throws AppError BAD_REQUEST). Duplicates and off-topic articles are left out
 * unless asked for. A query without words only filters, and is sorted by date.
 *
 * Facets count matching articles per entity (verified ones), claim type, language and source. When
 * there are more than FACET_SCOPE matches they are counted over the FACET_SCOPE first matches in
 * the requested order, the best-ranked or the most recent (result.facetScope says so): exact
 * counts over tens of thousands of matches cost more than the whole search, and the leading
 * values barely change. `total` is exact up to TOTAL_CAP (see totalIsLowerBound).
 *
 * Sorted by relevance, only the RANK_WINDOW most recently stored matches are ranked (and paged
 * through); sorted by date, every match is reachable page by page.
 */
export async function searchArticles(
  db: Db,
  query: ParsedQuery | string,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const typed = typeof query === "string" ? parseSearchQuery(query) : { ...emptyQuery(), ...query };
  const reading = options.literal
    ? { query: typed, notes: [], claimIntent: false }
    : interpretQuery(typed, hasSearchTerms(typed) ? await entityNames(db) : undefined);
  const parsed = reading.query;
  const understood = {
    notes: reading.notes,
    claimIntent: reading.claimIntent,
    parties: await namedParties(db, typed),
    claimTypes: parsed.claimTypes,
  };
  const kind = clientKind(db);
  const terms = hasSearchTerms(parsed);
  const sort: "relevance" | "date" = terms ? (options.sort ?? "relevance") : "date";
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT)));
  const cursor = options.cursor ? decodeCursor(options.cursor, sort) : null;
  const formatted = formatSearchQuery(parsed);

  const entityIds = await resolveEntities(db, kind, parsed.entities);
  if (entityIds === null) {
    return {
      total: 0,
      totalIsLowerBound: false,
      hits: [],
      nextCursor: null,
      facets: { entities: [], claimTypes: [], languages: [], sources: [] },
      sort,
      facetScope: 0,
      query: formatted,
      ...understood,
      suggestion: await suggestCorrection(db, typed),
    };
  }
  const driver = await chooseDriver(db, kind, parsed, entityIds);
  const plan = makePlan(kind, parsed, options, { entityIds, driver });
  const want = { facets: options.facets ?? true, total: options.total ?? true };
  // PostgreSQL: by slices when there are words or filters indexed as tokens (entity, claim,
  // language, source); else (dates, stories, nothing) the narrow meta table by its date index.
  const sliced =
    kind === "postgresql" && (plan.terms || filterTokenGroups(parsed, entityIds).length > 0);
  const collected = sliced ? await collectMatches(db, plan, sort, limit, cursor, want) : null;

  const combined = await fetchPageAndFacets(db, plan, sort, limit, cursor, want, collected);
  const offset = cursor?.sort === "relevance" ? cursor.offset : 0;
  const more = combined.page.length > limit && (sort === "date" || offset + limit < RANK_WINDOW);
  const page = combined.page.slice(0, limit);
  // The hits' rows and the facets still being counted (PostgreSQL, by slices) are read together.
  const [hits, facets] = await Promise.all([fetchHits(db, plan, page), combined.facets]);
  const last = page[page.length - 1];
  const nextCursor =
    more && last
      ? encodeCursor(
          sort === "date"
            ? { sort, date: last.date.toISOString(), id: last.id }
            : { sort, offset: offset + limit },
        )
      : null;
  const suggestion = combined.total === 0 ? await suggestCorrection(db, typed) : null;
  return {
    total: combined.total,
    totalIsLowerBound: combined.totalIsLowerBound,
    hits,
    nextCursor,
    facets,
    sort,
    facetScope: combined.scope,
    query: formatted,
    ...understood,
    suggestion,
  };
}

/** Edits (insert, delete, replace, swap neighbours) from a to b, stopping past `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The names an entity is known by (names and aliases, folded, one word or several), kept a few
 * minutes per client: suggestions read them only when a search finds nothing.
 */
const knownNames = new WeakMap<
  Db,
  { at: number; names: Map<string, string>; slugs: Map<string, { slug: string; name: string }> }
>();
const KNOWN_NAMES_TTL_MS = 5 * 60_000;

async function knownEntities(db: Db) {
  const cached = knownNames.get(db);
  if (cached && Date.now() - cached.at < KNOWN_NAMES_TTL_MS) return cached;
  const rows = await db.$queryRawUnsafe<{ slug: string; name: string; alias: string | null }[]>(
    `SELECT e."slug" AS "slug", e."name" AS "name", al."alias" AS "alias" FROM "Entity" e LEFT JOIN "EntityAlias" al ON al."entityId" = e."id" WHERE e."verified"`,
  );
  const names = new Map<string, string>();
  const slugs = new Map<string, { slug: string; name: string }>();
  for (const row of rows) {
    for (const form of [row.name, row.alias, row.slug]) {
      if (!form) continue;
      const folded = wordsOf(form).join(" ");
      if (folded.length >= 4 && !names.has(folded)) names.set(folded, row.name);
      if (folded.length >= 2 && !slugs.has(folded))
        slugs.set(folded, { slug: row.slug, name: row.name });
    }
  }
  const known = { at: Date.now(), names, slugs };
  knownNames.set(db, known);
  return known;
}

async function entityNames(db: Db): Promise<Map<string, string>> {
  return (await knownEntities(db)).names;
}

/**
 * The entities a query names: its entity: filters, and runs of its plain words (up to four) that
 * are an entity's name, alias or slug ("new york times", "nyt", "openai").
 */
async function namedParties(db: Db, typed: ParsedQuery): Promise<{ slug: string; name: string }[]> {
  const { slugs } = await knownEntities(db);
  const found = new Map<string, { slug: string; name: string }>();
  for (const value of typed.entities) {
    const hit =
      slugs.get(wordsOf(value).join(" ")) ??
      [...slugs.values()].find((entity) => entity.slug === value.toLowerCase());
    if (hit) found.set(hit.slug, hit);
  }
  const words = typed.clauses.map((clause) =>
    clause.length === 1 ? wordsOf(clause[0]!.text).join(" ") : "",
  );
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(4, words.length - i); n >= 1; n--) {
      const run = words.slice(i, i + n);
      if (run.some((word) => !word)) continue;
      const hit = slugs.get(run.join(" "));
      if (hit) {
        found.set(hit.slug, hit);
        i += n - 1;
        break;
      }
    }
  }
  return [...found.values()];
}

/**
 * "Did you mean": the typed query with each word (or two words) that names no entity but is one
 * or two edits from an entity's name or alias replaced by that name; null when nothing is close.
 */
async function suggestCorrection(db: Db, typed: ParsedQuery): Promise<string | null> {
  const names = await entityNames(db);
  let changed = false;
  const fix = (text: string): string => {
    const folded = wordsOf(text).join(" ");
    if (folded.length < 4 || names.has(folded)) return text;
    const max = folded.length <= 6 ? 1 : 2;
    let best: { name: string; distance: number } | null = null;
    for (const [form, name] of names) {
      const distance = editDistance(folded, form, max);
      if (distance <= max && (!best || distance < best.distance)) best = { name, distance };
    }
    if (!best) return text;
    changed = true;
    return best.name;
  };
  const clauses = typed.clauses.map((clause) =>
    clause.map((term) => (term.phrase ? term : { ...term, text: fix(term.text), prefix: false })),
  );
  const entities = typed.entities.map(fix);
  return changed ? formatSearchQuery({ ...typed, clauses, entities }) : null;
}

/**
 * The entity and claim facet branches (columns as CombinedRow) over a "top" relation of article
 * ids, looked up per article by index. SQLite: CROSS JOIN fixes the join order. PostgreSQL:
 * LATERAL, or it merge-joins against the whole Mention index (and = ANY (ids) may scan all claims).
 */
function entityAndClaimFacets(kind: Kind): string[] {
  const joinPerArticle = (table: string, alias: string, columns: string) =>
    kind === "sqlite"
      ? `CROSS JOIN "${table}" ${alias} WHERE ${alias}."articleId" = top."id"`
      : `CROSS JOIN LATERAL (SELECT ${columns} FROM "${table}" t WHERE t."articleId" = top."id" OFFSET 0) ${alias}`;
  const rowsOf = (table: string, alias: string, columns: string) =>
    `top ${joinPerArticle(table, alias, columns)}`;
  const nulls = `CAST(NULL AS DOUBLE PRECISION), CAST(NULL AS TIMESTAMP)`;
  return [
    `SELECT * FROM (SELECT 'entity' AS "facet", e."slug" AS "key", e."name" AS "name", e."kind" AS "kind", f."n" AS "n",
        CAST(NULL AS DOUBLE PRECISION) AS "score", CAST(NULL AS TIMESTAMP) AS "date"
      FROM (SELECT x."entityId" AS "entityId", COUNT(*) AS "n" FROM ${rowsOf("Mention", "x", `"entityId"`)} GROUP BY x."entityId") f
      CROSS JOIN "Entity" e WHERE e."id" = f."entityId" AND e."verified"
      ORDER BY f."n" DESC, e."slug" LIMIT ${FACET_SIZE}) f3`,
    `SELECT * FROM (SELECT 'claim', c."type", CAST(NULL AS TEXT), CAST(NULL AS TEXT), COUNT(DISTINCT c."articleId"), ${nulls}
      FROM ${rowsOf("Claim", "c", `"articleId", "type"`)} GROUP BY c."type" ORDER BY COUNT(DISTINCT c."articleId") DESC, c."type" LIMIT ${FACET_SIZE}) f4`,
  ];
}

/** The facets of the given matches (the FACET_SCOPE first in order): languages and sources here, entities and claims in the database. */
async function countFacetsOf(db: Db, kind: Kind, top: CollectedRow[]): Promise<SearchFacets> {
  const count = (key: (row: CollectedRow) => string) => {
    const counts = new Map<string, number>();
    for (const row of top) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
    return [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, FACET_SIZE);
  };
  const facets: SearchFacets = {
    entities: [],
    claimTypes: [],
    languages: count((row) => row.language).map(([language, n]) => ({ language, count: n })),
    sources: count((row) => row.source).map(([source, n]) => ({ source, count: n })),
  };
  const sql = new Sql(kind);
  const rows = await db.$queryRawUnsafe<CombinedRow[]>(
    `WITH top AS MATERIALIZED (SELECT t."id" FROM unnest(CAST(${sql.p(`{${top.map((row) => row.id).join(",")}}`)} AS integer[])) AS t("id"))
     ${entityAndClaimFacets(kind).join("\n     UNION ALL ")}`,
    ...sql.params,
  );
  for (const row of rows) {
    if (row.facet === "entity")
      facets.entities.push({
        slug: row.key ?? "",
        name: row.name ?? "",
        kind: row.kind ?? "",
        count: Number(row.n ?? 0),
      });
    else if (row.facet === "claim")
      facets.claimTypes.push({ type: row.key ?? "", count: Number(row.n ?? 0) });
  }
  const byCount =
    <T extends { count: number }>(key: (item: T) => string) =>
    (a: T, b: T) =>
      b.count - a.count || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  facets.entities.sort(byCount((f) => f.slug));
  facets.claimTypes.sort(byCount((f) => f.type));
  return facets;
}

/**
 * PostgreSQL, by slices: fetchPageAndFacets over the matches collectMatches found (filters
 * applied, scored when ranked), with the same rules: the RANK_WINDOW newest ranked, the page, the
 * total up to TOTAL_CAP + 1, language and source facets over the FACET_SCOPE first in order are
 * worked out here; entity and claim facets are counted in the database over those ids.
 */
async function pageAndFacetsOfMatches(
  db: Db,
  plan: Plan,
  matches: CollectedRow[],
  sort: "relevance" | "date",
  limit: number,
  cursor: Cursor | null,
  want: { facets: boolean; total: boolean },
): Promise<{
  page: PageRow[];
  total: number;
  totalIsLowerBound: boolean;
  scope: number;
  facets: Promise<SearchFacets>;
}> {
  const byDate = (a: CollectedRow, b: CollectedRow) =>
    b.date.getTime() - a.date.getTime() || b.id - a.id;
  const ranked = sort === "relevance";
  const ordered = ranked
    ? [...matches]
        .sort((a, b) => b.id - a.id)
        .slice(0, RANK_WINDOW)
        .sort((a, b) => b.score - a.score || a.id - b.id)
    : [...matches].sort(byDate);
  let pageRows: CollectedRow[];
  if (ranked) {
    const offset = cursor?.sort === "relevance" ? cursor.offset : 0;
    pageRows = ordered.slice(offset, offset + limit + 1);
  } else if (cursor?.sort === "date") {
    const date = new Date(cursor.date).getTime();
    pageRows = ordered
      .filter(
        (row) => row.date.getTime() < date || (row.date.getTime() === date && row.id < cursor.id),
      )
      .slice(0, limit + 1);
  } else {
    pageRows = ordered.slice(0, limit + 1);
  }
  const page = pageRows.map((row) => ({
    id: row.id,
    score: ranked ? row.score : 0,
    date: row.date,
  }));
  const top = ordered.slice(0, FACET_SCOPE);
  const facets =
    want.facets && top.length
      ? countFacetsOf(db, plan.kind, top)
      : Promise.resolve({ entities: [], claimTypes: [], languages: [], sources: [] });
  const counted = Math.min(matches.length, TOTAL_CAP + 1);
  if (!want.total)
    return {
      page,
      total: page.length,
      totalIsLowerBound: page.length > limit,
      scope: want.facets ? top.length : 0,
      facets,
    };
  return {
    page,
    total: Math.min(counted, TOTAL_CAP),
    totalIsLowerBound: counted > TOTAL_CAP,
    scope: want.facets ? Math.min(counted, FACET_SCOPE) : 0,
    facets,
  };
}

interface CombinedRow {
  facet: string;
  key: string | null;
  name: string | null;
  kind: string | null;
  n: number | bigint | null;
  score: number | null;
  date: Date | string | null;
}

/**
 * One statement for the page, the total and the facets: the matches are found (and, sorted by
 * relevance, ranked) once into a materialised CTE; the FACET_SCOPE first of them in the requested
 * order feed the facets and, usually, the page.
 */
async function fetchPageAndFacets(
  db: Db,
  plan: Plan,
  sort: "relevance" | "date",
  limit: number,
  cursor: Cursor | null,
  want: { facets: boolean; total: boolean },
  collected: CollectedRow[] | null,
): Promise<{
  page: PageRow[];
  total: number;
  totalIsLowerBound: boolean;
  scope: number;
  facets: Promise<SearchFacets>;
}> {
  if (collected) return pageAndFacetsOfMatches(db, plan, collected, sort, limit, cursor, want);
  const sql = new Sql(plan.kind);
  const nullText = "CAST(NULL AS TEXT)";
  const nullCount = "CAST(NULL AS BIGINT)";
  const nullScore = "CAST(NULL AS DOUBLE PRECISION)";
  const nullDate = "CAST(NULL AS TIMESTAMP)";
  const columns = `m."articleId" AS "id", 0 AS "score", m."date" AS "date", m."language" AS "language", coalesce(m."sourceName", m."host") AS "source"`;
  const offset = cursor?.sort === "relevance" ? cursor.offset : 0;
  const ranked = sort === "relevance" && plan.terms;
  const order = ranked ? `"score" DESC, "id" ASC` : `"date" DESC, "id" DESC`;
  const ctes: string[] = [];
  let pageSql: string;
  // The page after a date cursor, from every match.
  const afterCursor = (q: Sql, after: { date: string; id: number }) => {
    const date = new Date(after.date);
    return `SELECT ${columns} ${plan.fromWhere(q)} AND (m."date" < ${q.p(date)} OR (m."date" = ${q.p(date)} AND m."articleId" < ${q.p(after.id)}))
        ORDER BY m."date" DESC, m."articleId" DESC LIMIT ${q.p(limit + 1)}`;
  };
  if (ranked) {
    // The page comes from the facet rows when it lies inside them (the common case), else from the window.
    ctes.push(`cand AS MATERIALIZED (${plan.rankedWindow(sql)})`);
    if (want.facets)
      ctes.push(
        `top AS MATERIALIZED (SELECT * FROM cand ORDER BY ${order} LIMIT ${sql.p(FACET_SCOPE)})`,
      );
    const source = !want.facets || offset + limit + 1 > FACET_SCOPE ? "cand" : "top";
    pageSql = `SELECT * FROM ${source} ORDER BY ${order} LIMIT ${sql.p(limit + 1)} OFFSET ${sql.p(offset)}`;
  } else {
    if (want.facets)
      ctes.push(
        `top AS MATERIALIZED (SELECT ${columns} ${plan.fromWhere(sql)} ORDER BY m."date" DESC, m."articleId" DESC LIMIT ${sql.p(FACET_SCOPE)})`,
      );
    if (cursor?.sort === "date" && want.facets) {
      // A next page inside the facets' rows (the FACET_SCOPE newest matches) is read from them,
      // not by sorting every match again; one past their end is read on its own below.
      const date = new Date(cursor.date);
      pageSql = `SELECT * FROM top WHERE ("date" < ${sql.p(date)} OR ("date" = ${sql.p(date)} AND "id" < ${sql.p(cursor.id)})) ORDER BY ${order} LIMIT ${sql.p(limit + 1)}`;
    } else if (cursor?.sort === "date") {
      pageSql = afterCursor(sql, cursor);
    } else if (want.facets) {
      pageSql = `SELECT * FROM top ORDER BY ${order} LIMIT ${sql.p(limit + 1)}`;
    } else {
      // Without facets nothing needs FACET_SCOPE rows: the date-ordered scan stops after one page.
      pageSql = `SELECT ${columns} ${plan.fromWhere(sql)} ORDER BY m."date" DESC, m."articleId" DESC LIMIT ${sql.p(limit + 1)}`;
    }
  }
  const branches = [
    `SELECT 'hit' AS "facet", CAST(p."id" AS TEXT) AS "key", ${nullText} AS "name", ${nullText} AS "kind", ${nullCount} AS "n",
        CAST(p."score" AS DOUBLE PRECISION) AS "score", p."date" AS "date" FROM (${pageSql}) p`,
  ];
  // Counting stops after TOTAL_CAP + 1 matches: an FTS5 match or a filtered scan ends there. When
  // the window (or the facets' rows) came out short of its limit it holds every match: counted
  // there rather than found again (a rare match behind a rare filter walks every candidate once, not twice).
  if (want.total) {
    const held = ranked
      ? { cte: "cand", size: RANK_WINDOW }
      : want.facets
        ? { cte: "top", size: FACET_SCOPE }
        : null;
    const walk = `(SELECT COUNT(*) FROM (SELECT 1 AS "one" ${plan.fromWhere(sql)} LIMIT ${sql.p(TOTAL_CAP + 1)}) counted)`;
    const count = held
      ? `CASE WHEN (SELECT COUNT(*) FROM ${held.cte}) < ${held.size} THEN (SELECT COUNT(*) FROM ${held.cte}) ELSE ${walk} END`
      : walk;
    branches.push(
      `SELECT 'total', ${nullText}, ${nullText}, ${nullText}, ${count}, ${nullScore}, ${nullDate}`,
    );
  }
  const pageFromTop = !ranked && cursor?.sort === "date" && want.facets;
  if (pageFromTop)
    branches.push(
      `SELECT 'held', ${nullText}, ${nullText}, ${nullText}, COUNT(*), ${nullScore}, ${nullDate} FROM top`,
    );
  if (want.facets) {
    branches.push(
      `SELECT * FROM (SELECT 'language', "language", ${nullText}, ${nullText}, COUNT(*), ${nullScore}, ${nullDate}
      FROM top GROUP BY "language" ORDER BY COUNT(*) DESC, "language" LIMIT ${FACET_SIZE}) f1`,
      `SELECT * FROM (SELECT 'source', "source", ${nullText}, ${nullText}, COUNT(*), ${nullScore}, ${nullDate}
      FROM top GROUP BY "source" ORDER BY COUNT(*) DESC, "source" LIMIT ${FACET_SIZE}) f2`,
      ...entityAndClaimFacets(plan.kind),
    );
  }
  const text = `${ctes.length ? `WITH ${ctes.join(", ")}` : ""}
    ${branches.join("\n    UNION ALL ")}`;
  const rows = await db.$queryRawUnsafe<CombinedRow[]>(text, ...sql.params);
  const facets: SearchFacets = { entities: [], claimTypes: [], languages: [], sources: [] };
  const page: PageRow[] = [];
  let total = 0;
  let held = 0;
  for (const row of rows) {
    const count = Number(row.n ?? 0);
    switch (row.facet) {
      case "held":
        held = count;
        break;
      case "hit":
        page.push({
          id: Number(row.key),
          score: Number(row.score ?? 0),
          date: row.date instanceof Date ? row.date : new Date(row.date ?? 0),
        });
        break;
      case "total":
        total = count;
        break;
      case "language":
        facets.languages.push({ language: row.key ?? "", count });
        break;
      case "source":
        facets.sources.push({ source: row.key ?? "", count });
        break;
      case "entity":
        facets.entities.push({
          slug: row.key ?? "",
          name: row.name ?? "",
          kind: row.kind ?? "",
          count,
        });
        break;
      case "claim":
        facets.claimTypes.push({ type: row.key ?? "", count });
        break;
    }
  }
  if (pageFromTop && cursor?.sort === "date" && page.length <= limit && held >= FACET_SCOPE) {
    // The facets' rows ran out before the page did: there may be more matches past them.
    const deeper = new Sql(plan.kind);
    const rest = await db.$queryRawUnsafe<{ id: number | bigint; date: Date | string }[]>(
      afterCursor(deeper, cursor),
      ...deeper.params,
    );
    page.length = 0;
    for (const row of rest) page.push({ id: Number(row.id), score: 0, date: rawDate(row.date)! });
  }
  // UNION ALL keeps each branch's order on both databases in practice; sort to be sure.
  const byCount =
    <T extends { count: number }>(key: (item: T) => string) =>
    (a: T, b: T) =>
      b.count - a.count || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  facets.languages.sort(byCount((f) => f.language));
  facets.sources.sort(byCount((f) => f.source));
  facets.entities.sort(byCount((f) => f.slug));
  facets.claimTypes.sort(byCount((f) => f.type));
  page.sort(
    sort === "relevance"
      ? (a, b) => b.score - a.score || a.id - b.id
      : (a, b) => b.date.getTime() - a.date.getTime() || b.id - a.id,
  );
  let totalIsLowerBound = false;
  if (!want.total) {
    total = page.length;
    totalIsLowerBound = page.length > limit;
  } else if (total > TOTAL_CAP) {
    total = TOTAL_CAP;
    totalIsLowerBound = true;
  }
  return {
    page,
    total,
    totalIsLowerBound,
    scope: want.facets ? Math.min(total, FACET_SCOPE) : 0,
    facets: Promise.resolve(facets),
  };
}

interface ArticleRow {
  id: number;
  title: string;
  url: string;
  canonicalUrl: string;
  sourceName: string | null;
  language: string;
  publishedAt: Date | string | null;
  summary: string;
  text: string;
  storyId: number | null;
}

async function fetchHits(db: Db, plan: Plan, page: PageRow[]): Promise<SearchHit[]> {
  if (page.length === 0) return [];
  const ids = page.map((row) => row.id);
  const sql = new Sql(plan.kind);
  const list = ids.map((id) => sql.p(id)).join(", ");
  const [articles, entityNames] = await Promise.all([
    db.$queryRawUnsafe<ArticleRow[]>(
      `SELECT a."id" AS "id", a."title" AS "title", a."url" AS "url", a."canonicalUrl" AS "canonicalUrl", a."sourceName" AS "sourceName",
              a."language" AS "language", a."publishedAt" AS "publishedAt", a."summary" AS "summary", a."text" AS "text", sa."storyId" AS "storyId"
       FROM "Article" a LEFT JOIN "StoryArticle" sa ON sa."articleId" = a."id" WHERE a."id" IN (${list})`,
      ...sql.params,
    ),
    plan.terms
      ? fetchEntityNames(db, plan.kind, ids)
      : Promise.resolve(new Map<number, string[][]>()),
  ]);
  const byId = new Map(articles.map((row) => [Number(row.id), row]));
  const scores = new Map(page.map((row) => [row.id, row.score]));
  // A prefix term marks the words it starts (findMatches reads the trailing "*").
  const termPattern = (term: SearchTerm) =>
    term.prefix
      ? wordsOf(term.text).map((word, i, all) => (i === all.length - 1 ? `${word}*` : word))
      : wordsOf(term.text);
  const patterns = plan.query.clauses
    .flat()
    .map(termPattern)
    .filter((words) => words.length > 0);
  // Vietnamese writes a word as several syllables: "chung cat" means "chưng cất", and a lone
  // "chứng" (of "bằng chứng", evidence) is no hit worth marking. Where the query's words stand
  // together in a Vietnamese text only that run is marked; where they never do, each word is.
  const plain = plan.query.clauses.every((clause) => clause.length === 1 && !clause[0]!.phrase);
  const run =
    plain && plan.query.clauses.length > 1
      ? plan.query.clauses.flatMap((clause) => termPattern(clause[0]!))
      : null;
  const marking = (text: string, language: string, forms: string[][]) => {
    if (!run || language !== "vi" || !findMatches(splitWords(text), [run]).length) return forms;
    return [run, ...forms.filter((form) => form.length > 1 || !run.includes(form[0]!))];
  };

  return page.flatMap((row) => {
    const article = byId.get(row.id);
    if (!article) return [];
    const articlePatterns = expandPatterns(patterns, entityNames.get(row.id) ?? []);
    return [
      {
        articleId: row.id,
        title: article.title,
        url: article.url,
        canonicalUrl: article.canonicalUrl,
        sourceName: article.sourceName,
        language: article.language,
        publishedAt: article.publishedAt === null ? null : new Date(article.publishedAt),
        summary: article.summary,
        storyId: article.storyId === null ? null : Number(article.storyId),
        snippet: makeSnippet([article.text, article.summary], (text) =>
          marking(text, article.language, articlePatterns),
        ),
        titleHighlighted: highlight(
          article.title,
          marking(article.title, article.language, articlePatterns),
        ),
        score: scores.get(row.id) ?? 0,
      },
    ];
  });
}

/** The word lists of every name, slug and alias of each entity an article mentions. */
async function fetchEntityNames(
  db: Db,
  kind: Kind,
  ids: number[],
): Promise<Map<number, string[][]>> {
  const sql = new Sql(kind);
  const list = ids.map((id) => sql.p(id)).join(", ");
  const rows = await db.$queryRawUnsafe<{ articleId: number; entityId: number; name: string }[]>(
    `SELECT m."articleId" AS "articleId", e."id" AS "entityId", e."name" AS "name" FROM "Mention" m JOIN "Entity" e ON e."id" = m."entityId" WHERE m."articleId" IN (${list})
     UNION ALL
     SELECT m."articleId", e."id", e."slug" FROM "Mention" m JOIN "Entity" e ON e."id" = m."entityId" WHERE m."articleId" IN (${ids.map((id) => sql.p(id)).join(", ")})
     UNION ALL
     SELECT m."articleId", al."entityId", al."alias" FROM "Mention" m JOIN "EntityAlias" al ON al."entityId" = m."entityId" WHERE m."articleId" IN (${ids.map((id) => sql.p(id)).join(", ")})`,
    ...sql.params,
  );
  // Group per article, then per entity: a query word that equals one form of an entity lights up all its forms.
  const perArticle = new Map<number, Map<number, string[][]>>();
  for (const row of rows) {
    const articleId = Number(row.articleId);
    const entities = perArticle.get(articleId) ?? new Map<number, string[][]>();
    perArticle.set(articleId, entities);
    const forms = entities.get(Number(row.entityId)) ?? [];
    entities.set(Number(row.entityId), forms);
    const words = wordsOf(row.name);
    if (words.length) forms.push(words);
  }
  const result = new Map<number, string[][]>();
  for (const [articleId, entities] of perArticle)
    result.set(
      articleId,
      [...entities.values()].map((forms) => forms.map((f) => f.join(" "))),
    );
  return result;
}

/** Query patterns plus, for a pattern equal to some form of a mentioned entity, every other form of it. */
function expandPatterns(patterns: string[][], entities: string[][]): string[][] {
  const result = patterns.map((p) => p.join(" "));
  for (const forms of entities) {
    const names = (p: string[]) => {
      const text = p.join(" ");
      return text.endsWith("*")
        ? forms.some((form) => form.startsWith(text.slice(0, -1)))
        : forms.includes(text);
    };
    if (patterns.some(names)) result.push(...forms);
  }
  return [...new Set(result)].map((p) => p.split(" "));
}

// ---------------------------------------------------------------------------------------------
// Highlighting: find the query's word sequences in the original text (folded the same way as the
// indexes), then escape everything and wrap the matches.

interface Word {
  folded: string;
  start: number;
  end: number;
}

function splitWords(text: string): Word[] {
  const words: Word[] = [];
  // Folding is the costly part: plain ASCII words only need lower-casing, and the others repeat.
  const folded = new Map<string, string>();
  for (const match of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu)) {
    const word = match[0];
    let fold = folded.get(word);
    if (fold === undefined) {
      // A word whose folding splits (rare ligatures) still counts as one.
      fold = /^[\x00-\x7f]*$/.test(word) ? word.toLowerCase() : wordsOf(word).join("");
      folded.set(word, fold);
    }
    words.push({ folded: fold, start: match.index, end: match.index + word.length });
  }
  return words;
}

function findMatches(
  words: Word[],
  patterns: string[][],
): { start: number; end: number; pattern: number }[] {
  const spans: { start: number; end: number; pattern: number }[] = [];
  patterns.forEach((pattern, index) => {
    for (let i = 0; i + pattern.length <= words.length; i++) {
      let ok = true;
      for (let k = 0; k < pattern.length && ok; k++) {
        const want = pattern[k]!;
        ok = want.endsWith("*")
          ? words[i + k]!.folded.startsWith(want.slice(0, -1))
          : words[i + k]!.folded === want;
      }
      if (ok)
        spans.push({
          start: words[i]!.start,
          end: words[i + pattern.length - 1]!.end,
          pattern: index,
        });
    }
  });
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: typeof spans = [];
  for (const span of spans) {
    const previous = merged[merged.length - 1];
    if (previous && span.start <= previous.end) previous.end = Math.max(previous.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!,
  );
}

function markRange(
  text: string,
  from: number,
  to: number,
  spans: { start: number; end: number }[],
): string {
  let out = "";
  let cursor = from;
  for (const span of spans) {
    if (span.end <= from || span.start >= to) continue;
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, to);
    out +=
      escapeHtml(text.slice(cursor, start)) +
      "<mark>" +
      escapeHtml(text.slice(start, end)) +
      "</mark>";
    cursor = end;
  }
  return out + escapeHtml(text.slice(cursor, to));
}

function highlight(text: string, patterns: string[][]): string {
  return markRange(
    text,
    0,
    text.length,
    patterns.length ? findMatches(splitWords(text), patterns) : [],
  );
}

/**
 * An excerpt of about SNIPPET_LENGTH characters from the first text with a match, placed where the
 * most distinct query words meet; the start of the first non-empty text when nothing matches.
 */
function makeSnippet(texts: string[], patternsOf: (text: string) => string[][]): string {
  for (const raw of texts) {
    const text = raw.replace(/\s+/g, " ").trim();
    const patterns = text ? patternsOf(text) : [];
    if (!text || !patterns.length) continue;
    const spans = findMatches(splitWords(text), patterns);
    if (!spans.length) continue;
    // Where different words of the query stand side by side ("chưng cất" for "chung cat"), the
    // passage is about the query; a word alone ("chứng") may be about anything else.
    const together = spans.filter(
      (s, i) =>
        i > 0 &&
        s.pattern !== spans[i - 1]!.pattern &&
        /^[\s"“”'’«»-]{1,3}$/u.test(text.slice(spans[i - 1]!.end, s.start)),
    );
    let best = { start: 0, score: -1 };
    for (const anchor of spans) {
      const start = Math.max(0, anchor.start - 60);
      const within = (s: { start: number; end: number }) =>
        s.start >= start && s.end <= start + SNIPPET_LENGTH;
      const inside = spans.filter(within);
      const score =
        new Set(inside.map((s) => s.pattern)).size * 100 +
        together.filter(within).length * 10 +
        inside.length;
      if (score > best.score) best = { start, score };
    }
    return excerpt(text, best.start, spans);
  }
  const text = (texts.find((t) => t.trim()) ?? "").replace(/\s+/g, " ").trim();
  return excerpt(text, 0, []);
}

function excerpt(text: string, start: number, spans: { start: number; end: number }[]): string {
  let from = start;
  if (from > 0) {
    const space = text.indexOf(" ", from);
    // Start on a word boundary, never past the first match.
    const firstMatch = spans.find((s) => s.end > from)?.start ?? text.length;
    if (space !== -1 && space < firstMatch) from = space + 1;
  }
  let to = Math.min(text.length, from + SNIPPET_LENGTH);
  if (to < text.length) {
    const space = text.lastIndexOf(" ", to);
    const lastInside = spans
      .filter((s) => s.start < to)
      .reduce((end, s) => Math.max(end, s.end), from);
    if (space > from && space >= lastInside) to = space;
    else to = Math.max(to, lastInside);
  }
  return (from > 0 ? "…" : "") + markRange(text, from, to, spans) + (to < text.length ? "…" : "");
}

// ---------------------------------------------------------------------------------------------
// Maintenance.

/**
 * Merges the index's segments and refreshes planner statistics. Worth running after a bulk load and
 * now and then (e.g. nightly): FTS5 otherwise keeps many small b-trees after many small writes, and
 * PostgreSQL plans GIN queries from its statistics.
 */
export async function optimizeSearchIndex(db: Db): Promise<void> {
  if (clientKind(db) === "sqlite") {
    await db.$executeRawUnsafe(`INSERT INTO "ArticleSearch" ("ArticleSearch") VALUES ('optimize')`);
    await db.$executeRawUnsafe(`ANALYZE`);
  } else {
    await db.$executeRawUnsafe(`VACUUM ANALYZE "ArticleSearch"`);
    await db.$executeRawUnsafe(`VACUUM ANALYZE "ArticleSearchMeta"`);
  }
}

/**
 * Rebuilds the whole search index from the articles, for repair: after restoring a backup made
 * without triggers, or after a migration that rebuilt "Article" and dropped them (re-create them first).
 */
export async function rebuildSearchIndex(db: Db): Promise<void> {
  if (clientKind(db) === "sqlite") {
    await db.$transaction([
      db.$executeRawUnsafe(`DELETE FROM "ArticleSearch"`),
      db.$executeRawUnsafe(
        `INSERT INTO "ArticleSearch" (rowid, title, body, entities) SELECT "id", "title", "body", "entities" FROM "ArticleSearchSource"`,
      ),
      db.$executeRawUnsafe(`DELETE FROM "ArticleSearchMeta"`),
      db.$executeRawUnsafe(
        `INSERT INTO "ArticleSearchMeta" ("articleId", "date", "language", "sourceName", "host", "isOriginal", "relevance")
         SELECT "id", "date", "language", "sourceName", "host", "isOriginal", "relevance" FROM "ArticleSearchMetaSource"`,
      ),
    ]);
  } else {
    await db.$transaction([
      db.$executeRawUnsafe(
        `DELETE FROM "ArticleSearch" WHERE "articleId" NOT IN (SELECT "id" FROM "Article")`,
      ),
      db.$executeRawUnsafe(
        `DELETE FROM "ArticleSearchMeta" WHERE "articleId" NOT IN (SELECT "id" FROM "Article")`,
      ),
      db.$executeRawUnsafe(`SELECT search_refresh_meta(ARRAY(SELECT "id" FROM "Article"))`),
      db.$executeRawUnsafe(`SELECT search_refresh_documents(ARRAY(SELECT "id" FROM "Article"))`),
    ]);
  }
}
