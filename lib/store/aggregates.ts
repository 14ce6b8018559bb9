/**
 * Counts kept beside the articles, so the heaviest pages read a few rows instead of the whole
 * store: claims per (claimant, target, type, stance) with their newest date (the claims table, an
 * entity's disputes), originals per pair of entities (the company an entity keeps; the pair of an
 * entity with itself is its article count, the filter form's entity counts), originals per entity
 * and UTC day (an entity's coverage chart) and originals per source name and language (the filter
 * form). At 100,000 articles these took from half a second to seconds of CPU to aggregate per view.
 * Beside the counts, the newest accusing claim of each claim thread per language (the search page
 * quotes it): a row a newer claim replaces rather than a count.
 *
 * One set of grouped SELECTs says what each count is (`countQueries`); the write path adds an
 * article's rows to the counts (`countArticles`, after it stored them) and takes a stored article's
 * rows out before it replaces them (`uncountArticle`); `rebuildAggregates` recounts everything from
 * the same SELECTs (`cli aggregates rebuild`, after a bulk import or removal), and
 * `checkAggregates` compares the kept counts with a live recount (`cli aggregates check`, and the
 * test that holds them equal on both databases).
 *
 * What counts: every claim (copies' claims too, as the claims table always counted them); for the
 * others, original articles only (`duplicateOfId IS NULL`). A claim's `latest` only moves forward
 * while articles are added; taking an article out leaves it (a re-stored article rarely moves
 * back in time) until the next rebuild. A newest accusing claim, though, must name a claim that
 * exists: taking out its article picks the thread's next newest in that language again.
 */
import { clientKind, type Db, type DatabaseKind } from "./db";
import { Sql } from "./sql";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Client = Tx | Db;

/** The tables and the grouped SELECT (over the articles `where` picks, alias `a`) that fills each. */
interface CountQuery {
  table: string;
  keys: string[];
  /** Extra kept columns beside `count` (ClaimCount's `latest`). */
  extra: string[];
  /** Kept columns that are dates (compared by their time). */
  dates?: string[];
  /** One row per key that a newer one replaces (ordered by `newer`), with no count. */
  newest?: { newer: (kept: string, row: string) => string };
  /** `where()` gives the condition afresh each time it is written (its parameters with it). */
  select: (sql: Sql, where: () => string) => string;
}

const articleDate = `coalesce(a."publishedAt", a."fetchedAt")`;

/** The stances of an accusing claim, as SQL. */
const ACCUSING = `('alleges', 'confirms')`;

/**
 * The newest accusing claim per thread and language among the claims `from` and `where` give
 * (`c` the claim, `a` its article): by publication date, undated last, then the newest claim; as
 * findClaimThreads (lib/store/pages/find-claim-threads.ts) quotes it.
 */
const newestAccusations = (from: string, where: string) =>
  `SELECT "claimantId", "targetId", "type", "language", "claimId", "articleId", "publishedAt" FROM (
     SELECT c."claimantId", c."targetId", c."type", a."language", c."id" AS "claimId", c."articleId", a."publishedAt",
       ROW_NUMBER() OVER (PARTITION BY c."claimantId", c."targetId", c."type", a."language"
         ORDER BY a."publishedAt" DESC NULLS LAST, c."id" DESC) AS "rank"
     FROM ${from}
     WHERE c."stance" IN ${ACCUSING} AND ${where}) n
   WHERE "rank" = 1`;

const COUNT_QUERIES: CountQuery[] = [
  {
    table: "ClaimCount",
    keys: ["claimantId", "targetId", "type", "stance"],
    extra: ["latest"],
    dates: ["latest"],
    select: (_sql, where) =>
      `SELECT c."claimantId", c."targetId", c."type", c."stance", COUNT(*) AS "count", MAX(${articleDate}) AS "latest"
       FROM "Claim" c JOIN "Article" a ON a."id" = c."articleId"
       WHERE ${where()}
       GROUP BY c."claimantId", c."targetId", c."type", c."stance"`,
  },
  {
    table: "EntityPairCount",
    keys: ["entityId", "otherId"],
    extra: [],
    select: (_sql, where) =>
      `SELECT m1."entityId", m2."entityId" AS "otherId", COUNT(*) AS "count"
       FROM "Article" a JOIN "Mention" m1 ON m1."articleId" = a."id" JOIN "Mention" m2 ON m2."articleId" = a."id"
       WHERE a."duplicateOfId" IS NULL AND ${where()}
       GROUP BY m1."entityId", m2."entityId"`,
  },
  {
    table: "EntityDayCount",
    keys: ["entityId", "day"],
    extra: [],
    select: (sql, where) =>
      `SELECT m."entityId", ${sql.utcDay(articleDate)} AS "day", COUNT(*) AS "count"
       FROM "Article" a JOIN "Mention" m ON m."articleId" = a."id"
       WHERE a."duplicateOfId" IS NULL AND ${where()}
       GROUP BY m."entityId", ${sql.utcDay(articleDate)}`,
  },
  {
    table: "FacetCount",
    keys: ["facet", "value"],
    extra: [],
    select: (_sql, where) =>
      `SELECT 'source' AS "facet", a."sourceName" AS "value", COUNT(*) AS "count" FROM "Article" a
       WHERE a."duplicateOfId" IS NULL AND a."sourceName" IS NOT NULL AND ${where()} GROUP BY a."sourceName"
       UNION ALL
       SELECT 'language' AS "facet", a."language" AS "value", COUNT(*) AS "count" FROM "Article" a
       WHERE a."duplicateOfId" IS NULL AND ${where()} GROUP BY a."language"`,
  },
  {
    table: "LatestAccusation",
    keys: ["claimantId", "targetId", "type", "language"],
    extra: ["claimId", "articleId", "publishedAt"],
    dates: ["publishedAt"],
    newest: {
      // Whether `row` is newer than `kept`, in the order of newestAccusations.
      newer: (kept, row) =>
        `(CASE WHEN ${row}."publishedAt" IS NULL AND ${kept}."publishedAt" IS NULL THEN ${row}."claimId" > ${kept}."claimId"
           WHEN ${row}."publishedAt" IS NULL THEN false
           WHEN ${kept}."publishedAt" IS NULL THEN true
           ELSE ${row}."publishedAt" > ${kept}."publishedAt"
             OR (${row}."publishedAt" = ${kept}."publishedAt" AND ${row}."claimId" > ${kept}."claimId") END)`,
    },
    select: (_sql, where) =>
      newestAccusations(`"Claim" c JOIN "Article" a ON a."id" = c."articleId"`, where()),
  },
];

/** A table's kept columns: its keys, its count (but for a newest row), its extra columns. */
const keptColumns = (query: CountQuery) => [
  ...query.keys,
  ...(query.newest ? [] : ["count"]),
  ...query.extra,
];

const quote = (column: string) => `"${column}"`;

/**
 * Adds (sign 1) or takes out (sign -1) the rows of the articles `where` picks (a condition on `a`)
 * in every kept count: one statement per table, then counts that fell to 0 are dropped.
 */
async function applyCounts(
  client: Client,
  kind: DatabaseKind,
  where: (sql: Sql) => string,
  sign: 1 | -1,
): Promise<void> {
  // Tables in one order and rows in key order: two writers counting articles that share counts
  // (every article counts towards its language) lock them in the same order and never deadlock.
  // On PostgreSQL an addition is one statement, each table's upsert a step of one WITH.
  const combined = kind === "postgresql" && sign === 1 ? new Sql(kind) : null;
  const steps: string[] = [];
  for (const query of COUNT_QUERIES) {
    const sql = combined ?? new Sql(kind);
    if (query.newest && sign === -1) {
      await takeOutNewest(client, kind, query, where);
      continue;
    }
    const columns = keptColumns(query);
    // Taken out, the counts are selected negative (so a missing row would be inserted negative,
    // which cannot happen while the counts are kept, and be dropped below): always added.
    const updates = query.newest
      ? query.extra.map((c) => `${quote(c)} = excluded.${quote(c)}`)
      : [`"count" = ${quote(query.table)}."count" + excluded."count"`];
    if (query.extra.includes("latest"))
      // The newer of the two dates (either may be missing); only moved forward, see above.
      updates.push(
        `"latest" = CASE WHEN ${quote(query.table)}."latest" IS NULL OR (excluded."latest" IS NOT NULL AND excluded."latest" > ${quote(query.table)}."latest") THEN excluded."latest" ELSE ${quote(query.table)}."latest" END`,
      );
    const signed =
      sign === 1
        ? columns.map(quote).join(", ")
        : columns.map((c) => (c === "count" ? `-"count"` : quote(c))).join(", ");
    const upsert = `INSERT INTO ${quote(query.table)} (${columns.map(quote).join(", ")})
       SELECT ${signed} FROM (${query.select(sql, () => where(sql))}) x WHERE true
       ORDER BY ${query.keys.map(quote).join(", ")}
       ON CONFLICT (${query.keys.map(quote).join(", ")}) DO UPDATE SET ${updates.join(", ")}${
         query.newest ? ` WHERE ${query.newest.newer(quote(query.table), "excluded")}` : ""
       }`;
    if (combined) {
      steps.push(`"${query.table}Step" AS (${upsert} RETURNING 1)`);
      continue;
    }
    await client.$executeRawUnsafe(upsert, ...sql.params);
    if (sign === -1)
      await client.$executeRawUnsafe(`DELETE FROM ${quote(query.table)} WHERE "count" <= 0`);
  }
  if (combined)
    await client.$executeRawUnsafe(`WITH ${steps.join(",\n")} SELECT 1`, ...combined.params);
}

/**
 * Takes the articles `where` picks out of a newest-row table: each row naming one of their claims
 * is picked again from the thread's other claims in that language (through the claims' thread
 * index: a busy thread's thousands of claims, but only when the article taken out held its
 * newest), and dropped when there is none.
 */
async function takeOutNewest(
  client: Client,
  kind: DatabaseKind,
  query: CountQuery,
  where: (sql: Sql) => string,
): Promise<void> {
  const table = quote(query.table);
  const columns = keptColumns(query).map(quote).join(", ");
  const sql = new Sql(kind);
  const repick = newestAccusations(
    `${table} k
       JOIN "Claim" c ON c."claimantId" = k."claimantId" AND c."targetId" = k."targetId" AND c."type" = k."type"
       JOIN "Article" a ON a."id" = c."articleId" AND a."language" = k."language"`,
    `k."articleId" IN (SELECT a."id" FROM "Article" a WHERE ${where(sql)})
       AND c."articleId" NOT IN (SELECT a."id" FROM "Article" a WHERE ${where(sql)})`,
  );
  await client.$executeRawUnsafe(
    `INSERT INTO ${table} (${columns})
     SELECT ${columns} FROM (${repick}) x WHERE true
     ORDER BY ${query.keys.map(quote).join(", ")}
     ON CONFLICT (${query.keys.map(quote).join(", ")}) DO UPDATE SET ${query.extra
       .map((c) => `${quote(c)} = excluded.${quote(c)}`)
       .join(", ")}`,
    ...sql.params,
  );
  const gone = new Sql(kind);
  await client.$executeRawUnsafe(
    `DELETE FROM ${table} WHERE "articleId" IN (SELECT a."id" FROM "Article" a WHERE ${where(gone)})`,
    ...gone.params,
  );
}

/** Adds the stored articles `ids` (their claims and mentions) to the kept counts. */
export async function countArticles(client: Client, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await applyCounts(client, clientKind(client), (sql) => `a."id" IN (${sql.list(ids)})`, 1);
}

/**
 * Takes the article stored at `canonicalUrl`, if any, out of the kept counts: before it is
 * written again (its mentions and claims replaced, perhaps marked a copy).
 */
export async function uncountArticle(client: Client, canonicalUrl: string): Promise<void> {
  await applyCounts(
    client,
    clientKind(client),
    (sql) => `a."canonicalUrl" = ${sql.p(canonicalUrl)}`,
    -1,
  );
}

/** Recounts every kept count from the articles, claims and mentions (in one transaction). */
export async function rebuildAggregates(db: Db): Promise<void> {
  await db.$transaction(async (tx) => rebuildAggregatesIn(tx), { timeout: 600_000 });
}

/** rebuildAggregates inside a transaction the caller holds (after a bulk removal, say). */
export async function rebuildAggregatesIn(tx: Client): Promise<void> {
  const kind = clientKind(tx);
  for (const query of COUNT_QUERIES)
    await tx.$executeRawUnsafe(`DELETE FROM ${quote(query.table)}`);
  await applyCounts(tx, kind, () => "true", 1);
}

/** The SQL that fills the kept counts from scratch, for a migration of `kind`. */
export function rebuildStatements(kind: DatabaseKind): string[] {
  return COUNT_QUERIES.map((query) => {
    const columns = keptColumns(query).map(quote).join(", ");
    return `INSERT INTO ${quote(query.table)} (${columns})\nSELECT ${columns} FROM (${query.select(new Sql(kind), () => "true")}) x;`;
  });
}

type Row = Record<string, unknown>;

/** A row's text for comparing: keys, count and extra columns, dates as epoch milliseconds. */
function rowKey(query: CountQuery, row: Row): string {
  return [
    ...query.keys.map((k) => String(row[k])),
    ...(query.newest ? [] : [String(Number(row.count))]),
    ...query.extra.map((k) => {
      const value = row[k];
      if (value === null || value === undefined) return "";
      return query.dates?.includes(k)
        ? String(new Date(value as string).getTime())
        : String(Number(value));
    }),
  ].join("|");
}

export interface AggregateDifference {
  table: string;
  /** Rows kept but not in the live recount, and rows of the live recount not kept (at most 10 each). */
  kept: string[];
  live: string[];
}

/** Compares every kept count with a live recount; an empty list when they are equal. */
export async function checkAggregates(db: Db): Promise<AggregateDifference[]> {
  const kind = clientKind(db);
  const differences: AggregateDifference[] = [];
  for (const query of COUNT_QUERIES) {
    const columns = keptColumns(query).map(quote).join(", ");
    const [kept, live] = await Promise.all([
      db.$queryRawUnsafe<Row[]>(`SELECT ${columns} FROM ${quote(query.table)}`),
      db.$queryRawUnsafe<Row[]>(
        `SELECT ${columns} FROM (${query.select(new Sql(kind), () => "true")}) x`,
      ),
    ]);
    const keptKeys = new Set(kept.map((row) => rowKey(query, row)));
    const liveKeys = new Set(live.map((row) => rowKey(query, row)));
    const onlyKept = [...keptKeys].filter((key) => !liveKeys.has(key));
    const onlyLive = [...liveKeys].filter((key) => !keptKeys.has(key));
    if (onlyKept.length || onlyLive.length)
      differences.push({
        table: query.table,
        kept: onlyKept.slice(0, 10),
        live: onlyLive.slice(0, 10),
      });
  }
  return differences;
}
