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
import { AppError } from "../errors";
import { emptyQuery, formatSearchQuery, hasSearchTerms, parseSearchQuery, type ParsedQuery, type SearchTerm } from "../search/query";
import type { Db } from "./db";

type Kind = "sqlite" | "postgresql";

/** Off-topic threshold used when the caller gives none (Article.relevance is 0..1). */
export const DEFAULT_MIN_RELEVANCE = 0.3;
/** Above this many matches, facets are counted over the first FACET_SCOPE matches in the requested order (see searchArticles). */
export const FACET_SCOPE = 1000;
/**
 * Relevance ranks at most this many matches: the most recently stored ones. A word found in tens of
 * thousands of articles would otherwise cost a score per match on every search; for a news archive
 * the newest matches are the ones worth ranking. Beyond the window, sort by date.
 */
export const RANK_WINDOW = 2000;
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
  terms: boolean;
  /** PostgreSQL: walk the articles in the requested order and test each, instead of collecting every match via GIN (see chooseWalk). */
  walk: boolean;
  /** FROM + WHERE (always present) over the matches, "m" being the meta row (and "ArticleSearch"/"s" the text index). */
  fromWhere(sql: Sql): string;
  /** The score of one match, in SELECT position (PostgreSQL: "d" must be the match's "ArticleSearch" row). */
  scoreExpr(sql: Sql): string;
  /** The RANK_WINDOW most recently stored matches, scored: columns id, score, date, language, source. */
  rankedWindow(sql: Sql, matchesFrom?: string): string;
}

function detectKind(db: Db): Kind {
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  if (provider === "sqlite") return "sqlite";
  if (provider === "postgresql" || provider === "postgres") return "postgresql";
  throw new AppError("INTERNAL", `store/search: unknown database provider "${provider}"`);
}

/** đ/Đ do not decompose in Unicode; everything else loses its marks. */
function foldText(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

/** The words of a text the way both indexes see them (runs of letters and digits, folded). */
function wordsOf(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

function ftsMatchExpression(clauses: SearchTerm[][]): string {
  // Every term is a quoted FTS5 string, so user input never reaches the FTS5 query syntax; its
  // words become a phrase. đ is folded like the indexed copy.
  const quote = (term: SearchTerm) => `"${wordsOf(term.text).join(" ").replace(/"/g, '""')}"`;
  return clauses.map((clause) => (clause.length === 1 ? quote(clause[0]!) : `(${clause.map(quote).join(" OR ")})`)).join(" AND ");
}

function tsQueryExpression(sql: Sql, clauses: SearchTerm[][]): string {
  const term = (t: SearchTerm) => `phraseto_tsquery('simple', search_fold(${sql.p(t.text)}))`;
  return clauses.map((clause) => `(${clause.map(term).join(" || ")})`).join(" && ");
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
}

/**
 * PostgreSQL, with words: whether to walk the articles newest first and test each vector, stopping
 * once the window is full, rather than collect every match through GIN. GIN reads the heap row of
 * every match (a word in half the archive: ~45,000 rows, 160-190 ms at 100,000 articles); the walk
 * reads about window / (share of articles matching) rows (openai: ~2,300 rows, 10-25 ms) but all
 * of the archive for a rare word. Decided from the planner's own estimates (GIN statistics, and
 * for entity/claim/source/date filters their column statistics, < 1 ms each): walk when the
 * walk reads fewer heap pages, with margin (see the thresholds below).
 * Results are the same either way; only the plan changes.
 */
async function chooseWalk(db: Db, kind: Kind, query: ParsedQuery, entityIds: number[][]): Promise<boolean> {
  if (kind !== "postgresql" || !hasSearchTerms(query)) return false;
  // Story filters: a handful of articles, GIN and a probe each. Language filters: words and
  // language are far from independent ("lawsuit court lang:vi" has no match at all, yet its
  // estimate says walk, and the walk then reads the whole archive: 130 -> 360 ms).
  if (query.storyIds.length || query.languages.length) return false;
  const filtered = query.entities.length + query.claimTypes.length + query.languages.length + query.sources.length > 0 || !!query.after || !!query.before;
  const sql = new Sql(kind);
  const tsq = tsQueryExpression(sql, query.clauses);
  const planRows = (rows: { "QUERY PLAN": unknown }[]) => {
    const raw = rows[0]?.["QUERY PLAN"];
    const parsed = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan?: { "Plan Rows"?: number } }[] | undefined;
    return Number(parsed?.[0]?.Plan?.["Plan Rows"] ?? 0);
  };
  // The user's filters alone (not the duplicate/off-topic defaults, which the word-only rule below
  // was measured with), estimated by the planner from its column statistics (< 1 ms).
  const fsql = new Sql(kind);
  const filterWhere = filtered ? filterConditions(fsql, query, { includeDuplicates: true, includeOffTopic: true }, { entityIds }) : [];
  const [plan, size, filterPlan] = await Promise.all([
    db.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM "ArticleSearch" WHERE "document" @@ (${tsq})`, ...sql.params),
    db.$queryRawUnsafe<{ n: number }[]>(`SELECT CAST(reltuples AS DOUBLE PRECISION) AS "n" FROM pg_class WHERE oid = '"ArticleSearch"'::regclass`),
    filtered
      ? db.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM "ArticleSearchMeta" m WHERE ${filterWhere.join(" AND ")}`, ...fsql.params)
      : Promise.resolve(null),
  ]);
  const wordEstimate = planRows(plan);
  const articles = Number(size[0]?.n ?? 0);
  if (articles <= 0) return false;
  // Filters thin the matches the walk finds per row read, but not the rows GIN reads: the walk pays
  // window / (word share × filter share) rows against GIN's word estimate. Independence assumed.
  const filterShare = filterPlan ? Math.min(1, planRows(filterPlan) / articles) : 1;
  const estimate = Math.sqrt(wordEstimate * wordEstimate * filterShare);
  // A phrase costs GIN a recheck of every article holding all its words (its vector read whole,
  // for the positions), and the planner prices it as independent words, well under the truth
  // ("deep seek": estimated 8,500, 25,000 real): walk from a lower estimate.
  const phrase = query.clauses.some((clause) => clause.some((term) => wordsOf(term.text).length > 1));
  // Thresholds measured at 100,000 articles with a heap larger than shared_buffers: GIN touches
  // about one heap page per match, the walk (in id order) about one per 2.7 rows, so the walk wins
  // from about estimate² / articles > RANK_WINDOW / 2 for a word. With filters, a miss in the
  // independence assumption makes the walk read the whole archive: keep a wider margin there.
  const threshold = filtered ? 2 * RANK_WINDOW : phrase ? RANK_WINDOW / 4 : RANK_WINDOW / 2;
  return (estimate * estimate) / articles > threshold;
}

/** A filter matching at most this many rows may drive a filters-only query (see chooseDriver). */
const DRIVER_CAP = 20_000;

/**
 * SQLite, filters only: picks the rarest entity or claim filter, when it is rare enough, to drive
 * the query through its index (IN), instead of walking every article by date and probing each
 * (EXISTS). The date walk stops after FACET_SCOPE matches, which is quick when most articles
 * match and a scan of most of the table when few do ("entity:anthropic claim:copyright": 60 ms of
 * probes against 16 ms through Anthropic's 14,000 mentions). The counts are index-only and capped.
 * PostgreSQL plans both forms as the same semi-join from its statistics, so it needs no hint.
 */
async function chooseDriver(db: Db, kind: Kind, query: ParsedQuery, entityIds: number[][]): Promise<ResolvedFilters["driver"]> {
  if (kind !== "sqlite" || hasSearchTerms(query) || entityIds.length + query.claimTypes.length === 0) return undefined;
  const sql = new Sql(kind);
  const branches = [
    ...entityIds.map(
      (ids, i) => `SELECT 'entity' AS "kind", ${i} AS "idx", (SELECT COUNT(*) FROM (SELECT 1 FROM "Mention" WHERE "entityId" IN (${ids.map((id) => sql.p(id)).join(", ")}) LIMIT ${DRIVER_CAP + 1})) AS "n"`,
    ),
    ...query.claimTypes.map(
      (type, i) => `SELECT 'claim', ${i}, (SELECT COUNT(*) FROM (SELECT 1 FROM "Claim" WHERE "type" = ${sql.p(type)} LIMIT ${DRIVER_CAP + 1}))`,
    ),
  ];
  const rows = await db.$queryRawUnsafe<{ kind: "entity" | "claim"; idx: number | bigint; n: number | bigint }[]>(branches.join(" UNION ALL "), ...sql.params);
  let best: { kind: "entity" | "claim"; index: number; n: number } | undefined;
  for (const row of rows) {
    const n = Number(row.n);
    if (n <= DRIVER_CAP && (!best || n < best.n)) best = { kind: row.kind, index: Number(row.idx), n };
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
  const rows = await db.$queryRawUnsafe<{ id: number; slug: string; name: string; alias: string | null }[]>(text, ...sql.params);
  const result: number[][] = [];
  for (const name of names) {
    const folded = foldText(name.trim());
    const slug = slugify(name);
    const ids = [
      ...new Set(
        rows
          .filter((row) => row.slug === slug || foldText(row.name) === folded || (row.alias !== null && foldText(row.alias) === folded))
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

function filterConditions(sql: Sql, query: ParsedQuery, options: SearchOptions, resolved: ResolvedFilters): string[] {
  const where: string[] = [];
  if (!options.includeDuplicates) where.push(`m."isOriginal"`);
  const minRelevance = options.minRelevance ?? DEFAULT_MIN_RELEVANCE;
  if (!options.includeOffTopic && minRelevance > 0) where.push(`m."relevance" >= ${sql.p(minRelevance)}`);
  if (query.languages.length) where.push(`m."language" IN (${query.languages.map((l) => sql.p(l)).join(", ")})`);
  if (query.after) where.push(`m."date" >= ${sql.p(new Date(`${query.after}T00:00:00.000Z`))}`);
  if (query.before) where.push(`m."date" < ${sql.p(new Date(`${query.before}T00:00:00.000Z`))}`);
  if (query.sources.length) {
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
  (resolved.entityIds ?? []).forEach((ids, index) => {
    const list = ids.map((id) => sql.p(id)).join(", ");
    if (resolved.driver?.kind === "entity" && resolved.driver.index === index) {
      where.push(`m."articleId" IN (SELECT x."articleId" FROM "Mention" x WHERE x."entityId" IN (${list}))`);
    } else {
      where.push(`EXISTS (SELECT 1 FROM "Mention" x WHERE x."articleId" = m."articleId" AND x."entityId" IN (${list}))`);
    }
  });
  query.claimTypes.forEach((type, index) => {
    if (resolved.driver?.kind === "claim" && resolved.driver.index === index) {
      where.push(`m."articleId" IN (SELECT c."articleId" FROM "Claim" c WHERE c."type" = ${sql.p(type)})`);
    } else {
      where.push(`EXISTS (SELECT 1 FROM "Claim" c WHERE c."articleId" = m."articleId" AND c."type" = ${sql.p(type)})`);
    }
  });
  if (query.storyIds.length) {
    where.push(`EXISTS (SELECT 1 FROM "StoryArticle" sa WHERE sa."articleId" = m."articleId" AND sa."storyId" IN (${query.storyIds.map((id) => sql.p(id)).join(", ")}))`);
  }
  return where;
}

function makePlan(kind: Kind, query: ParsedQuery, options: SearchOptions, resolved: ResolvedFilters, walk = false): Plan {
  const terms = hasSearchTerms(query);
  return {
    kind,
    query,
    terms,
    walk,
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
      const tsq = tsQueryExpression(sql, query.clauses);
      const where = filterConditions(sql, query, options, resolved);
      if (walk) {
        // coalesce(): not an indexable form, so the planner walks an ordered index and stops at the LIMIT.
        return `FROM "ArticleSearchMeta" m JOIN "ArticleSearch" d ON d."articleId" = m."articleId"
          WHERE coalesce(d."document" @@ (${tsq}), false)${where.map((w) => ` AND ${w}`).join("")}`;
      }
      return `FROM search_match(${tsq}) AS s("articleId") JOIN "ArticleSearchMeta" m ON m."articleId" = s."articleId"
        WHERE ${where.length ? where.join(" AND ") : "1 = 1"}`;
    },
    rankedWindow(sql, matchesFrom) {
      const columns = `m."date" AS "date", m."language" AS "language", coalesce(m."sourceName", m."host") AS "source"`;
      if (kind === "sqlite") {
        // FTS5 walks its doclists in rowid order and stops at the LIMIT: bm25 runs on the window only.
        return `SELECT m."articleId" AS "id", ${this.scoreExpr(sql)} AS "score", ${columns} ${this.fromWhere(sql)}
          ORDER BY "ArticleSearch".rowid DESC LIMIT ${sql.p(RANK_WINDOW)}`;
      }
      // Rank after the LIMIT so that ts_rank (which reads each whole vector) runs on the window only.
      const window = `SELECT m."articleId" AS "id", ${columns} ${matchesFrom ?? this.fromWhere(sql)} ORDER BY m."articleId" DESC LIMIT ${sql.p(RANK_WINDOW)}`;
      return `SELECT w."id" AS "id", ${this.scoreExpr(sql)} AS "score", w."date", w."language", w."source"
        FROM (${window}) w JOIN "ArticleSearch" d ON d."articleId" = w."id"`;
    },
    scoreExpr(sql) {
      if (!terms) return "0";
      // Title matches weigh most, then entity names, then the body.
      if (kind === "sqlite") return `-bm25("ArticleSearch", 10.0, 1.0, 4.0)`;
      return `ts_rank(d."document", (${tsQueryExpression(sql, query.clauses)}))::float8`;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Cursors: opaque to callers. By date: keyset on (date, id), stable when articles arrive between
// pages. By relevance: an offset, because scores are floats that do not survive a round trip
// exactly (SQLite's bm25 compared against its own earlier value is not always equal), and because
// bm25 moves with corpus statistics anyway; a page boundary may shift if articles arrive meanwhile.

type Cursor = { sort: "date"; date: string; id: number } | { sort: "relevance"; offset: number };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

function decodeCursor(value: string, sort: "relevance" | "date"): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  const c = parsed as Partial<Record<string, unknown>> | null;
  const valid =
    c !== null &&
    typeof c === "object" &&
    c.sort === sort &&
    (sort === "date"
      ? typeof c.date === "string" && !Number.isNaN(Date.parse(c.date)) && typeof c.id === "number" && Number.isInteger(c.id)
      : typeof c.offset === "number" && Number.isInteger(c.offset) && c.offset > 0 && c.offset <= 100_000);
  if (!valid) throw new AppError("BAD_REQUEST", "store/search: the cursor is invalid or belongs to another sort order");
  return c as unknown as Cursor;
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
export async function searchArticles(db: Db, query: ParsedQuery | string, options: SearchOptions = {}): Promise<SearchResult> {
  const parsed = typeof query === "string" ? parseSearchQuery(query) : { ...emptyQuery(), ...query };
  const kind = detectKind(db);
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
    };
  }
  const [driver, walk] = await Promise.all([chooseDriver(db, kind, parsed, entityIds), chooseWalk(db, kind, parsed, entityIds)]);
  const plan = makePlan(kind, parsed, options, { entityIds, driver }, walk);

  const combined = await fetchPageAndFacets(db, plan, sort, limit, cursor, { facets: options.facets ?? true, total: options.total ?? true });
  const offset = cursor?.sort === "relevance" ? cursor.offset : 0;
  const more = combined.page.length > limit && (sort === "date" || offset + limit < RANK_WINDOW);
  const page = combined.page.slice(0, limit);
  const hits = await fetchHits(db, plan, page);
  const last = page[page.length - 1];
  const nextCursor =
    more && last
      ? encodeCursor(sort === "date" ? { sort, date: last.date.toISOString(), id: last.id } : { sort, offset: offset + limit })
      : null;
  return { total: combined.total, totalIsLowerBound: combined.totalIsLowerBound, hits, nextCursor, facets: combined.facets, sort, facetScope: combined.scope, query: formatted };
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
): Promise<{ page: PageRow[]; total: number; totalIsLowerBound: boolean; scope: number; facets: SearchFacets }> {
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
  // PostgreSQL: the filtered matches once into a CTE, counted and windowed from there (the GIN scan
  // is the expensive part). SQLite: counting again through FTS5 is cheaper than materialising.
  const pgHits = plan.kind === "postgresql" && plan.terms && !plan.walk;
  const matchesFrom = pgHits ? `FROM hits m WHERE 1 = 1` : "";
  const from = (s2: Sql) => (pgHits ? matchesFrom : plan.fromWhere(s2));
  if (pgHits) ctes.push(`hits AS MATERIALIZED (SELECT m."articleId" AS "articleId", m."date", m."language", m."sourceName", m."host" ${plan.fromWhere(sql)})`);
  if (ranked) {
    // The page comes from the facet rows when it lies inside them (the common case), else from the window.
    ctes.push(`cand AS MATERIALIZED (${pgHits ? plan.rankedWindow(sql, matchesFrom) : plan.rankedWindow(sql)})`);
    if (want.facets) ctes.push(`top AS MATERIALIZED (SELECT * FROM cand ORDER BY ${order} LIMIT ${sql.p(FACET_SCOPE)})`);
    const source = !want.facets || offset + limit + 1 > FACET_SCOPE ? "cand" : "top";
    pageSql = `SELECT * FROM ${source} ORDER BY ${order} LIMIT ${sql.p(limit + 1)} OFFSET ${sql.p(offset)}`;
  } else {
    if (want.facets) ctes.push(`top AS MATERIALIZED (SELECT ${columns} ${from(sql)} ORDER BY m."date" DESC, m."articleId" DESC LIMIT ${sql.p(FACET_SCOPE)})`);
    if (cursor?.sort === "date") {
      const date = new Date(cursor.date);
      pageSql = `SELECT ${columns} ${from(sql)} AND (m."date" < ${sql.p(date)} OR (m."date" = ${sql.p(date)} AND m."articleId" < ${sql.p(cursor.id)}))
        ORDER BY m."date" DESC, m."articleId" DESC LIMIT ${sql.p(limit + 1)}`;
    } else if (want.facets) {
      pageSql = `SELECT * FROM top ORDER BY ${order} LIMIT ${sql.p(limit + 1)}`;
    } else {
      // Without facets nothing needs FACET_SCOPE rows: the date-ordered scan stops after one page.
      pageSql = `SELECT ${columns} ${from(sql)} ORDER BY m."date" DESC, m."articleId" DESC LIMIT ${sql.p(limit + 1)}`;
    }
  }
  // Facet rows are looked up per top article by index. SQLite: CROSS JOIN fixes the join order.
  // PostgreSQL: LATERAL, or it merge-joins against the whole Mention index.
  const joinPerArticle = (table: string, alias: string, columns: string) =>
    plan.kind === "sqlite"
      ? `CROSS JOIN "${table}" ${alias} WHERE ${alias}."articleId" = top."id"`
      : `CROSS JOIN LATERAL (SELECT ${columns} FROM "${table}" t WHERE t."articleId" = top."id" OFFSET 0) ${alias}`;
  const branches = [
    `SELECT 'hit' AS "facet", CAST(p."id" AS TEXT) AS "key", ${nullText} AS "name", ${nullText} AS "kind", ${nullCount} AS "n",
        CAST(p."score" AS DOUBLE PRECISION) AS "score", p."date" AS "date" FROM (${pageSql}) p`,
  ];
  // Counting stops after TOTAL_CAP + 1 matches: an FTS5 match or a filtered scan ends there.
  if (want.total) {
    branches.push(`SELECT 'total', ${nullText}, ${nullText}, ${nullText}, COUNT(*), ${nullScore}, ${nullDate}
      FROM (SELECT 1 AS "one" ${from(sql)} LIMIT ${sql.p(TOTAL_CAP + 1)}) counted`);
  }
  if (want.facets) {
    branches.push(
      `SELECT * FROM (SELECT 'language', "language", ${nullText}, ${nullText}, COUNT(*), ${nullScore}, ${nullDate}
      FROM top GROUP BY "language" ORDER BY COUNT(*) DESC, "language" LIMIT ${FACET_SIZE}) f1`,
      `SELECT * FROM (SELECT 'source', "source", ${nullText}, ${nullText}, COUNT(*), ${nullScore}, ${nullDate}
      FROM top GROUP BY "source" ORDER BY COUNT(*) DESC, "source" LIMIT ${FACET_SIZE}) f2`,
      `SELECT * FROM (SELECT 'entity', e."slug", e."name", e."kind", f."n", ${nullScore}, ${nullDate}
      FROM (SELECT x."entityId" AS "entityId", COUNT(*) AS "n" FROM top ${joinPerArticle("Mention", "x", `"entityId"`)} GROUP BY x."entityId") f
      CROSS JOIN "Entity" e WHERE e."id" = f."entityId" AND e."verified"
      ORDER BY f."n" DESC, e."slug" LIMIT ${FACET_SIZE}) f3`,
      `SELECT * FROM (SELECT 'claim', c."type", ${nullText}, ${nullText}, COUNT(DISTINCT c."articleId"), ${nullScore}, ${nullDate}
      FROM top ${joinPerArticle("Claim", "c", `"articleId", "type"`)} GROUP BY c."type" ORDER BY COUNT(DISTINCT c."articleId") DESC, c."type" LIMIT ${FACET_SIZE}) f4`,
    );
  }
  const text = `${ctes.length ? `WITH ${ctes.join(", ")}` : ""}
    ${branches.join("\n    UNION ALL ")}`;
  const rows = await db.$queryRawUnsafe<CombinedRow[]>(text, ...sql.params);
  const facets: SearchFacets = { entities: [], claimTypes: [], languages: [], sources: [] };
  const page: PageRow[] = [];
  let total = 0;
  for (const row of rows) {
    const count = Number(row.n ?? 0);
    switch (row.facet) {
      case "hit":
        page.push({ id: Number(row.key), score: Number(row.score ?? 0), date: row.date instanceof Date ? row.date : new Date(row.date ?? 0) });
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
        facets.entities.push({ slug: row.key ?? "", name: row.name ?? "", kind: row.kind ?? "", count });
        break;
      case "claim":
        facets.claimTypes.push({ type: row.key ?? "", count });
        break;
    }
  }
  // UNION ALL keeps each branch's order on both databases in practice; sort to be sure.
  const byCount = <T extends { count: number }>(key: (item: T) => string) => (a: T, b: T) => b.count - a.count || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  facets.languages.sort(byCount((f) => f.language));
  facets.sources.sort(byCount((f) => f.source));
  facets.entities.sort(byCount((f) => f.slug));
  facets.claimTypes.sort(byCount((f) => f.type));
  page.sort(sort === "relevance" ? (a, b) => b.score - a.score || a.id - b.id : (a, b) => b.date.getTime() - a.date.getTime() || b.id - a.id);
  let totalIsLowerBound = false;
  if (!want.total) {
    total = page.length;
    totalIsLowerBound = page.length > limit;
  } else if (total > TOTAL_CAP) {
    total = TOTAL_CAP;
    totalIsLowerBound = true;
  }
  return { page, total, totalIsLowerBound, scope: want.facets ? Math.min(total, FACET_SCOPE) : 0, facets };
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
  const articles = await db.$queryRawUnsafe<ArticleRow[]>(
    `SELECT a."id" AS "id", a."title" AS "title", a."url" AS "url", a."canonicalUrl" AS "canonicalUrl", a."sourceName" AS "sourceName",
            a."language" AS "language", a."publishedAt" AS "publishedAt", a."summary" AS "summary", a."text" AS "text", sa."storyId" AS "storyId"
     FROM "Article" a LEFT JOIN "StoryArticle" sa ON sa."articleId" = a."id" WHERE a."id" IN (${list})`,
    ...sql.params,
  );
  const byId = new Map(articles.map((row) => [Number(row.id), row]));

  let entityNames = new Map<number, string[][]>();
  const scores = new Map(page.map((row) => [row.id, row.score]));
  if (plan.terms) {
    entityNames = await fetchEntityNames(db, plan.kind, ids);
  }
  const patterns = plan.query.clauses.flat().map((term) => wordsOf(term.text)).filter((words) => words.length > 0);

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
        snippet: makeSnippet([article.text, article.summary], articlePatterns),
        titleHighlighted: highlight(article.title, articlePatterns),
        score: scores.get(row.id) ?? 0,
      },
    ];
  });
}

/** The word lists of every name, slug and alias of each entity an article mentions. */
async function fetchEntityNames(db: Db, kind: Kind, ids: number[]): Promise<Map<number, string[][]>> {
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
  for (const [articleId, entities] of perArticle) result.set(articleId, [...entities.values()].map((forms) => forms.map((f) => f.join(" "))));
  return result;
}

/** Query patterns plus, for a pattern equal to some form of a mentioned entity, every other form of it. */
function expandPatterns(patterns: string[][], entities: string[][]): string[][] {
  const result = patterns.map((p) => p.join(" "));
  for (const forms of entities) {
    if (patterns.some((p) => forms.includes(p.join(" ")))) result.push(...forms);
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
  for (const match of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu)) {
    const folded = wordsOf(match[0]);
    // A word whose folding splits (rare ligatures) still counts as one.
    words.push({ folded: folded.join(""), start: match.index, end: match.index + match[0].length });
  }
  return words;
}

function findMatches(words: Word[], patterns: string[][]): { start: number; end: number; pattern: number }[] {
  const spans: { start: number; end: number; pattern: number }[] = [];
  patterns.forEach((pattern, index) => {
    for (let i = 0; i + pattern.length <= words.length; i++) {
      let ok = true;
      for (let k = 0; k < pattern.length && ok; k++) ok = words[i + k]!.folded === pattern[k];
      if (ok) spans.push({ start: words[i]!.start, end: words[i + pattern.length - 1]!.end, pattern: index });
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
  return text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

function markRange(text: string, from: number, to: number, spans: { start: number; end: number }[]): string {
  let out = "";
  let cursor = from;
  for (const span of spans) {
    if (span.end <= from || span.start >= to) continue;
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, to);
    out += escapeHtml(text.slice(cursor, start)) + "<mark>" + escapeHtml(text.slice(start, end)) + "</mark>";
    cursor = end;
  }
  return out + escapeHtml(text.slice(cursor, to));
}

function highlight(text: string, patterns: string[][]): string {
  return markRange(text, 0, text.length, patterns.length ? findMatches(splitWords(text), patterns) : []);
}

/**
 * An excerpt of about SNIPPET_LENGTH characters from the first text with a match, placed where the
 * most distinct query words meet; the start of the first non-empty text when nothing matches.
 */
function makeSnippet(texts: string[], patterns: string[][]): string {
  for (const raw of texts) {
    const text = raw.replace(/\s+/g, " ").trim();
    if (!text || !patterns.length) continue;
    const spans = findMatches(splitWords(text), patterns);
    if (!spans.length) continue;
    let best = { start: 0, score: -1 };
    for (const anchor of spans) {
      const start = Math.max(0, anchor.start - 60);
      const inside = spans.filter((s) => s.start >= start && s.end <= start + SNIPPET_LENGTH);
      const score = new Set(inside.map((s) => s.pattern)).size * 100 + inside.length;
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
    const lastInside = spans.filter((s) => s.start < to).reduce((end, s) => Math.max(end, s.end), from);
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
  if (detectKind(db) === "sqlite") {
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
  if (detectKind(db) === "sqlite") {
    await db.$transaction([
      db.$executeRawUnsafe(`DELETE FROM "ArticleSearch"`),
      db.$executeRawUnsafe(`INSERT INTO "ArticleSearch" (rowid, title, body, entities) SELECT "id", "title", "body", "entities" FROM "ArticleSearchSource"`),
      db.$executeRawUnsafe(`DELETE FROM "ArticleSearchMeta"`),
      db.$executeRawUnsafe(
        `INSERT INTO "ArticleSearchMeta" ("articleId", "date", "language", "sourceName", "host", "isOriginal", "relevance")
         SELECT "id", "date", "language", "sourceName", "host", "isOriginal", "relevance" FROM "ArticleSearchMetaSource"`,
      ),
    ]);
  } else {
    await db.$transaction([
      db.$executeRawUnsafe(`DELETE FROM "ArticleSearch" WHERE "articleId" NOT IN (SELECT "id" FROM "Article")`),
      db.$executeRawUnsafe(`DELETE FROM "ArticleSearchMeta" WHERE "articleId" NOT IN (SELECT "id" FROM "Article")`),
      db.$executeRawUnsafe(`SELECT search_refresh_meta(ARRAY(SELECT "id" FROM "Article"))`),
      db.$executeRawUnsafe(`SELECT search_refresh_documents(ARRAY(SELECT "id" FROM "Article"))`),
    ]);
  }
}
