/**
 * Counts kept beside the articles, so the heaviest pages read a few rows instead of the whole
 * store: claims per (claimant, target, type, stance) with their newest date (the claims table, an
 * entity's disputes), originals per pair of entities (the company an entity keeps; the pair of an
 * entity with itself is its article count, the filter form's entity counts), originals per entity
 * and UTC day (an entity's coverage chart) and originals per source name and language (the filter
 * form). At 100,000 articles these took from half a second to seconds of CPU to aggregate per view.
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
 * back in time) until the next rebuild.
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
  /** `where()` gives the condition afresh each time it is written (its parameters with it). */
  select: (sql: Sql, where: () => string) => string;
}

const articleDate = `coalesce(a."publishedAt", a."fetchedAt")`;

const COUNT_QUERIES: CountQuery[] = [
  {
    table: "ClaimCount",
    keys: ["claimantId", "targetId", "type", "stance"],
    extra: ["latest"],
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
    const columns = [...query.keys, "count", ...query.extra];
    // Taken out, the counts are selected negative (so a missing row would be inserted negative,
    // which cannot happen while the counts are kept, and be dropped below): always added.
    const updates = [`"count" = ${quote(query.table)}."count" + excluded."count"`];
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
       ON CONFLICT (${query.keys.map(quote).join(", ")}) DO UPDATE SET ${updates.join(", ")}`;
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
    const columns = [...query.keys, "count", ...query.extra].map(quote).join(", ");
    return `INSERT INTO ${quote(query.table)} (${columns})\nSELECT ${columns} FROM (${query.select(new Sql(kind), () => "true")}) x;`;
  });
}

type Row = Record<string, unknown>;

/** A row's text for comparing: keys and count, and `latest` as epoch milliseconds. */
function rowKey(query: CountQuery, row: Row): string {
  return [
    ...query.keys.map((k) => String(row[k])),
    String(Number(row.count)),
    ...query.extra.map((k) => {
      const value = row[k];
      return value === null || value === undefined
        ? ""
        : String(new Date(value as string).getTime());
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
    const columns = [...query.keys, "count", ...query.extra].map(quote).join(", ");
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
