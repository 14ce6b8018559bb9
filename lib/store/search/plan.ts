/**
 * Query planning, shared by both databases: the entity filters resolved to ids, which filter (if
 * any) drives a filters-only query on SQLite, and the FROM + WHERE over "ArticleSearchMeta" (the
 * narrow row per article that search filters, sorts and facets on) with every filter as SQL.
 * The text match itself is each database's own (sqlite.ts, slices.ts).
 */
import { AppError } from "@/lib/errors";
import { hasSearchTerms, type ParsedQuery } from "@/lib/search/query";
import { foldText, wordsOf } from "@/lib/search/words";
import { rawQuery, type Db, type DatabaseKind } from "@/lib/store/db";
import { Sql } from "@/lib/store/sql";
import { ftsMatchExpression } from "./sqlite";
import type { SearchOptions } from "./types";

/** What a search runs on, once its filters are resolved. */
export interface Plan {
  kind: DatabaseKind;
  query: ParsedQuery;
  options: SearchOptions;
  /** The query has words to match (else it only filters). */
  terms: boolean;
  /** The entity filters, resolved to ids. */
  entityIds: number[][];
  resolved: ResolvedFilters;
  /**
   * FROM + WHERE (always present) over the matches, "m" being the meta row (and
   * "ArticleSearch" the text index on SQLite). PostgreSQL with words goes through slices.ts.
   */
  fromWhere(sql: Sql): string;
}

function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** "https://www.Reuters.com/x" or "www.reuters.com" -> "reuters.com"; a plain name is kept lower-cased. */
export function normaliseSource(value: string): string {
  let v = value.trim().toLowerCase();
  v = v.replace(/^[a-z][a-z0-9+.-]*:\/\//, "");
  v = v.replace(/[/?#].*$/, "");
  return v.replace(/^www\./, "");
}

export interface ResolvedFilters {
  /** One list of entity ids per entity: filter (AND across lists, OR inside). Null when one resolves to nothing. */
  entityIds: number[][] | null;
  /** The filter that drives a filters-only query on SQLite (see chooseDriver), if any. */
  driver?: { kind: "entity" | "claim"; index: number };
  /** The entity, claim, language and source filters are in the text match (filterTokenGroups): leave them out. */
  tokens?: boolean;
  /** SQLite: the hosts the source filters name (hosts.ts), matched exactly through the host index. */
  hosts?: string[];
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
export async function chooseDriver(
  db: Db,
  kind: DatabaseKind,
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
  const rows = await rawQuery<{
    kind: "entity" | "claim";
    idx: number | bigint;
    n: number | bigint;
  }>(db, branches.join(" UNION ALL "), sql.params);
  let best: { kind: "entity" | "claim"; index: number; n: number } | undefined;
  for (const row of rows) {
    const n = Number(row.n);
    if (n <= cap && (!best || n < best.n)) best = { kind: row.kind, index: Number(row.idx), n };
  }
  return best && { kind: best.kind, index: best.index };
}

export async function resolveEntities(
  db: Db,
  kind: DatabaseKind,
  names: string[],
): Promise<number[][] | null> {
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
  const rows = await rawQuery<{
    id: number | bigint;
    slug: string;
    name: string;
    alias: string | null;
  }>(db, text, sql.params);
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

export function filterConditions(
  sql: Sql,
  query: ParsedQuery,
  options: Pick<SearchOptions, "includeDuplicates" | "includeOffTopic" | "minRelevance">,
  resolved: ResolvedFilters,
): string[] {
  const where: string[] = [];
  if (!options.includeDuplicates) where.push(`m."isOriginal"`);
  const minRelevance = options.minRelevance;
  if (!options.includeOffTopic && minRelevance > 0)
    where.push(`m."relevance" >= ${sql.p(minRelevance)}`);
  const tokens = resolved.tokens === true;
  if (query.languages.length && !tokens)
    where.push(`m."language" IN (${query.languages.map((l) => sql.p(l)).join(", ")})`);
  if (query.after) where.push(`m."date" >= ${sql.p(new Date(`${query.after}T00:00:00.000Z`))}`);
  if (query.before) where.push(`m."date" < ${sql.p(new Date(`${query.before}T00:00:00.000Z`))}`);
  if (query.sources.length && !tokens && resolved.hosts) {
    where.push(
      resolved.hosts.length
        ? `m."host" IN (${resolved.hosts.map((host) => sql.p(host)).join(", ")})`
        : "1 = 0",
    );
  } else if (query.sources.length && !tokens) {
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

/** The plan of a search whose filters are resolved. */
export function makePlan(
  kind: DatabaseKind,
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
    resolved,
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
  };
}
