/**
 * A result page with its total and facets, in one statement over the matches where it can be:
 * the page, the total (up to TOTAL_CAP) and the facets (language, source, entity, claim type over
 * the FACET_SCOPE first matches in the requested order). On PostgreSQL by slices, worked out from
 * the matches slices.ts found, with the entity and claim facets counted in the database.
 */
import type { DatabaseKind, Db } from "@/lib/store/db";
import { rawDate, rawQuery } from "@/lib/store/db";
import { Sql } from "@/lib/store/sql";
import type { SearchCursor } from "./cursor";
import type { Plan } from "./plan";
import type { CollectedRow } from "./slices";
import { rankedWindow } from "./sqlite";
import {
  FACET_SCOPE,
  FACET_SIZE,
  RANK_WINDOW,
  TOTAL_CAP,
  type PageRow,
  type SearchFacets,
} from "./types";

/**
 * The entity and claim facet branches (columns as CombinedRow) over a "top" relation of article
 * ids, looked up per article by index. SQLite: CROSS JOIN fixes the join order. PostgreSQL:
 * LATERAL, or it merge-joins against the whole Mention index (and = ANY (ids) may scan all claims).
 */
function entityAndClaimFacets(kind: DatabaseKind): string[] {
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

/**
 * The facets of the given matches (the FACET_SCOPE first in order), counted from what each match
 * carries (slices.ts): its language, source, entity ids and claim types. Only the names of the
 * leading entities are read, those of verified ones, as the SQL facets count them.
 */
async function countFacetsOf(
  db: Db,
  kind: DatabaseKind,
  top: CollectedRow[],
): Promise<SearchFacets> {
  const count = (keys: (row: CollectedRow) => readonly string[]) => {
    const counts = new Map<string, number>();
    for (const row of top) for (const key of keys(row)) counts.set(key, (counts.get(key) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  };
  const mentioned = new Map<number, number>();
  for (const row of top)
    for (const id of row.entityIds) mentioned.set(id, (mentioned.get(id) ?? 0) + 1);
  const facets: SearchFacets = {
    entities: [],
    claimTypes: count((row) => row.claimTypes)
      .slice(0, FACET_SIZE)
      .map(([type, n]) => ({ type, count: n })),
    languages: count((row) => [row.language])
      .slice(0, FACET_SIZE)
      .map(([language, n]) => ({ language, count: n })),
    sources: count((row) => [row.source])
      .slice(0, FACET_SIZE)
      .map(([source, n]) => ({ source, count: n })),
  };
  if (mentioned.size === 0) return facets;
  const sql = new Sql(kind);
  const entities = await rawQuery<{
    id: number | bigint;
    slug: string;
    name: string;
    kind: string;
  }>(
    db,
    `SELECT e."id" AS "id", e."slug" AS "slug", e."name" AS "name", e."kind" AS "kind" FROM "Entity" e
     WHERE e."id" = ANY (CAST(${sql.p(`{${[...mentioned.keys()].join(",")}}`)} AS integer[])) AND e."verified"`,
    sql.params,
  );
  facets.entities = entities
    .map((e) => ({
      slug: e.slug,
      name: e.name,
      kind: e.kind,
      count: mentioned.get(Number(e.id)) ?? 0,
    }))
    .sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
    .slice(0, FACET_SIZE);
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
  cursor: SearchCursor | null,
  want: { facets: boolean; total: boolean },
): Promise<{
  page: PageRow[];
  total: number;
  totalIsLowerBound: boolean;
  scope: number;
  facets: Promise<SearchFacets>;
}> {
  const byDate = (a: CollectedRow, b: CollectedRow) => b.time - a.time || b.id - a.id;
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
      .filter((row) => row.time < date || (row.time === date && row.id < cursor.id))
      .slice(0, limit + 1);
  } else {
    pageRows = ordered.slice(0, limit + 1);
  }
  const page = pageRows.map((row) => ({
    id: row.id,
    score: ranked ? row.score : 0,
    date: new Date(row.time),
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

type CombinedRow = {
  facet: string;
  key: string | null;
  name: string | null;
  kind: string | null;
  n: number | bigint | null;
  score: number | string | null;
  date: Date | string | number | null;
};

/**
 * One statement for the page, the total and the facets: the matches are found (and, sorted by
 * relevance, ranked) once into a materialised CTE; the FACET_SCOPE first of them in the requested
 * order feed the facets and, usually, the page.
 */
export async function fetchPageAndFacets(
  db: Db,
  plan: Plan,
  sort: "relevance" | "date",
  limit: number,
  cursor: SearchCursor | null,
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
  // The matches are found one past what the window (or the facets) hold, so that the total, counted
  // up to TOTAL_CAP + 1, is read from them rather than by walking the matches a second time (half
  // the work of a common word, or of a filter most articles pass, sorted by date).
  const found = want.total ? TOTAL_CAP + 1 : 0;
  if (ranked) {
    // The page comes from the facet rows when it lies inside them (the common case), else from the window.
    if (found > RANK_WINDOW) {
      ctes.push(`found AS MATERIALIZED (${rankedWindow(plan, sql, found)})`);
      ctes.push(
        `cand AS MATERIALIZED (SELECT * FROM found ORDER BY "id" DESC LIMIT ${sql.p(RANK_WINDOW)})`,
      );
    } else ctes.push(`cand AS MATERIALIZED (${rankedWindow(plan, sql)})`);
    if (want.facets)
      ctes.push(
        `top AS MATERIALIZED (SELECT * FROM cand ORDER BY ${order} LIMIT ${sql.p(FACET_SCOPE)})`,
      );
    const source = !want.facets || offset + limit + 1 > FACET_SCOPE ? "cand" : "top";
    pageSql = `SELECT * FROM ${source} ORDER BY ${order} LIMIT ${sql.p(limit + 1)} OFFSET ${sql.p(offset)}`;
  } else {
    if (want.facets && found > FACET_SCOPE) {
      ctes.push(
        `found AS MATERIALIZED (SELECT ${columns} ${plan.fromWhere(sql)} ORDER BY m."date" DESC, m."articleId" DESC LIMIT ${sql.p(found)})`,
        `top AS MATERIALIZED (SELECT * FROM found ORDER BY "date" DESC, "id" DESC LIMIT ${sql.p(FACET_SCOPE)})`,
      );
    } else if (want.facets)
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
    const held =
      (ranked && found > RANK_WINDOW) || (!ranked && want.facets && found > FACET_SCOPE)
        ? { cte: "found", size: found }
        : ranked
          ? { cte: "cand", size: RANK_WINDOW }
          : want.facets
            ? { cte: "top", size: FACET_SCOPE }
            : null;
    // Built only where it is used: each placeholder is numbered (or, on SQLite, bound) in order.
    const walk = () =>
      `(SELECT COUNT(*) FROM (SELECT 1 AS "one" ${plan.fromWhere(sql)} LIMIT ${sql.p(TOTAL_CAP + 1)}) counted)`;
    // Holding TOTAL_CAP + 1 matches or more, the held rows are the count; else a full window means a walk.
    const count = !held
      ? walk()
      : held.size > TOTAL_CAP
        ? `(SELECT COUNT(*) FROM (SELECT 1 AS "one" FROM ${held.cte} LIMIT ${sql.p(TOTAL_CAP + 1)}) counted)`
        : `CASE WHEN (SELECT COUNT(*) FROM ${held.cte}) < ${held.size} THEN (SELECT COUNT(*) FROM ${held.cte}) ELSE ${walk()} END`;
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
  const rows = await rawQuery<CombinedRow>(db, text, sql.params);
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
          date: rawDate(row.date) ?? new Date(0),
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
    const rest = await rawQuery<{ id: number | bigint; date: Date | string }>(
      db,
      afterCursor(deeper, cursor),
      deeper.params,
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
