/**
 * The claim threads a search names: disputes between the parties a query names (both of them
 * when it names two or more, either side when one), of the claim types it names, with their
 * newest accusing sentence (in the interface language when the thread has one in it). Shown above
 * a search's articles, so "openai vs deepseek" answers who accuses whom of what before the reader
 * opens an article.
 *
 * It runs on every search naming a party, so it reads the kept counts (lib/store/aggregates.ts)
 * and finds every thread's sentences in one raw statement (see newestSentences), rather than
 * grouping or sorting a busy thread's thousands of claims.
 */
import { countDisputes, type DisputeCount } from "@/lib/store/claim-direction";
import { clientKind, rawDate, rawQuery, type DatabaseKind, type Db } from "@/lib/store/db";
import { Sql } from "@/lib/store/sql";

export interface NamedThread {
  accuser: { slug: string; name: string };
  accused: { slug: string; name: string };
  type: string;
  accusations: number;
  denials: number;
  reports: number;
  /**
   * The newest sentence accusing, with its article: the newest in the interface language when
   * the thread has one in it, else the newest in any language.
   */
  latest: { sentence: string; articleId: number; publishedAt: Date | null } | null;
}

/**
 * At most `limit` threads between `parties` (entity slugs) of `types` (any when empty), most
 * accused first; `language` is the interface language the quoted sentence is preferably in.
 */
export async function findClaimThreads(
  db: Db,
  parties: string[],
  types: string[],
  limit = 5,
  language?: string,
): Promise<NamedThread[]> {
  if (parties.length === 0 && types.length === 0) return [];
  let ids: number[] = [];
  if (parties.length) {
    const sql = Sql.for(db);
    ids = (
      await rawQuery<{ id: number | bigint }>(
        db,
        `SELECT "id" FROM "Entity" WHERE "slug" IN (${sql.list(parties)})`,
        sql.params,
      )
    ).map((row) => Number(row.id));
    if (ids.length === 0) return [];
  }
  // The kept counts (lib/store/aggregates.ts), not a live group-by over every claim: a party in
  // half the articles has tens of thousands of claims, and this runs on every search naming it.
  // Raw: a party in half the articles has hundreds of count rows, which the client's row mapping
  // alone made a dozen milliseconds.
  const sql = Sql.for(db);
  const where = [
    ids.length ? `("claimantId" IN (${sql.list(ids)}) OR "targetId" IN (${sql.list(ids)}))` : "",
    types.length ? `"type" IN (${sql.list(types)})` : "",
  ].filter(Boolean);
  const groups = (
    await rawQuery<{
      claimantId: number | bigint;
      targetId: number | bigint;
      type: string;
      stance: string;
      count: number | bigint;
      latest: Date | string | number | null;
    }>(
      db,
      `SELECT "claimantId", "targetId", "type", "stance", "count", "latest" FROM "ClaimCount" WHERE ${where.join(" AND ")}`,
      sql.params,
    )
  ).map((row) => ({
    claimantId: Number(row.claimantId),
    targetId: Number(row.targetId),
    type: row.type,
    stance: row.stance,
    count: Number(row.count),
    latest: rawDate(row.latest),
  }));
  const named = new Set(ids);
  const wanted = (d: DisputeCount<number>) =>
    d.accusations > 0 &&
    (ids.length >= 2
      ? named.has(d.accuserId) && named.has(d.accusedId)
      : ids.length === 1
        ? named.has(d.accuserId) || named.has(d.accusedId)
        : true);
  const disputes = countDisputes(groups).filter(wanted).slice(0, limit);
  if (disputes.length === 0) return [];
  const threads: ThreadKey[] = disputes.map((d) => {
    // The accusing claims' kept figures: how many there are, and the newest one's date.
    const accusing = groups.filter(
      (g) =>
        g.claimantId === d.accuserId &&
        g.targetId === d.accusedId &&
        g.type === d.type &&
        ACCUSING.includes(g.stance),
    );
    return {
      accuserId: d.accuserId,
      accusedId: d.accusedId,
      type: d.type,
      claims: accusing.reduce((sum, g) => sum + g.count, 0),
      since: accusing.reduce<Date | null>(
        (max, g) => (g.latest && (!max || g.latest > max) ? g.latest : max),
        null,
      ),
    };
  });
  const people = Sql.for(db);
  const [names, latest] = await Promise.all([
    rawQuery<{ id: number | bigint; slug: string; name: string }>(
      db,
      `SELECT "id", "slug", "name" FROM "Entity" WHERE "id" IN (${people.list([
        ...new Set(disputes.flatMap((d) => [d.accuserId, d.accusedId])),
      ])})`,
      people.params,
    ),
    newestSentences(db, threads, language),
  ]);
  const byId = new Map(names.map((p) => [Number(p.id), { slug: p.slug, name: p.name }]));
  return disputes.map((d, i) => ({
    accuser: byId.get(d.accuserId)!,
    accused: byId.get(d.accusedId)!,
    type: d.type,
    accusations: d.accusations,
    denials: d.denials,
    reports: d.reports,
    latest: latest[i]!,
  }));
}

/** The stances of an accusing claim. */
const ACCUSING = ["alleges", "confirms"];
/**
 * A thread with at most this many accusing claims is read whole (through its index) for its
 * newest sentence in a language; a busier one walks that language's newest articles instead.
 */
const SMALL_THREAD = 200;
/** The newest articles of a language a busy thread's walk looks through before reading the thread whole. */
const LANGUAGE_WALK = 2000;

interface ThreadKey {
  accuserId: number;
  accusedId: number;
  type: string;
  /** Its accusing claims (kept count). */
  claims: number;
  /** The kept date of its newest accusing claim. */
  since: Date | null;
}

type Sentence = NonNullable<NamedThread["latest"]>;
type Found = Sentence & { language: string };

/**
 * Each thread's newest accusing sentence, in `language` when the thread has one in it, else in
 * any: the newest by the article's publication date (undated last), then the newest claim. In one
 * statement for every thread, each of its lookups as cheap as the kept counts allow:
 *   any language  the articles published since the thread's kept date (by the date index, a day's
 *                 worth), each probed for the thread's claims;
 *   the language  a small thread read whole through its index; a busy one by walking the newest
 *                 LANGUAGE_WALK articles in that language until one holds a claim of it.
 * A lookup that comes back empty only because of its bound (a kept date whose article is gone, a
 * busy thread quiet in that language lately) is made again unbounded, in a second statement, for
 * those threads only. Reading a busy thread whole instead costs one article read per claim
 * (thousands per thread), and the planner, misjudging a thread's size, may scan every claim.
 */
async function newestSentences(
  db: Db,
  threads: ThreadKey[],
  language?: string,
): Promise<(Sentence | null)[]> {
  const kind = clientKind(db);
  const first = Sql.for(db);
  const branches: string[] = [];
  threads.forEach((thread, i) => {
    branches.push(
      thread.since
        ? lookup(first, kind, `any${i}`, thread, { since: thread.since })
        : lookup(first, kind, `any${i}`, thread, {}),
    );
    if (language)
      branches.push(
        lookup(
          first,
          kind,
          `lang${i}`,
          thread,
          thread.claims <= SMALL_THREAD ? { language } : { language, walk: LANGUAGE_WALK },
        ),
      );
  });
  const found = await runLookups(db, first, branches);
  // The lookups whose bound may have hidden the answer, made again without it.
  const again = Sql.for(db);
  const retry: string[] = [];
  threads.forEach((thread, i) => {
    const any = found.get(`any${i}`);
    if (!any && thread.since) retry.push(lookup(again, kind, `any${i}`, thread, {}));
    const newestIsIn = any ? any.language === language : false;
    if (language && !found.get(`lang${i}`) && thread.claims > SMALL_THREAD && (!newestIsIn || !any))
      retry.push(lookup(again, kind, `lang${i}`, thread, { language }));
  });
  if (retry.length)
    for (const [key, row] of await runLookups(db, again, retry)) found.set(key, row);
  return threads.map((_, i) => {
    const any = found.get(`any${i}`) ?? null;
    const chosen =
      language && any && any.language !== language ? (found.get(`lang${i}`) ?? any) : any;
    return chosen
      ? { sentence: chosen.sentence, articleId: chosen.articleId, publishedAt: chosen.publishedAt }
      : null;
  });
}

/**
 * One lookup's SELECT (columns key, sentence, articleId, publishedAt, language): a thread's newest
 * accusing claim, among the articles published since `since`, or among the newest `walk` articles
 * in `language`; else through the thread's index, in `language` when given.
 */
function lookup(
  sql: Sql,
  kind: DatabaseKind,
  key: string,
  thread: ThreadKey,
  bound: { since?: Date; language?: string; walk?: number },
): string {
  // Placeholders are taken in the order they appear (SQLite's are positional).
  const columns = () =>
    `${sql.p(key)} AS "key", c."sentence" AS "sentence", c."articleId" AS "articleId", a."publishedAt" AS "publishedAt", a."language" AS "language"`;
  const claims = (alias: string) =>
    `c."claimantId" = ${alias ? `${alias}."claimantId"` : sql.p(thread.accuserId)} AND c."targetId" = ${alias ? `${alias}."targetId"` : sql.p(thread.accusedId)}
        AND c."type" = ${alias ? `${alias}."type"` : sql.p(thread.type)} AND c."stance" IN (${sql.list(ACCUSING)})`;
  if (bound.since || bound.walk) {
    // From the articles' side, newest first (the date index, or the language and date one), each
    // probed through the claims' (articleId, claimantId, targetId, type, ...) key: the walk stops at
    // the first article holding one. CROSS JOIN keeps that order on SQLite.
    const select = columns();
    const articles = bound.since
      ? `a."publishedAt" >= ${sql.p(bound.since)}`
      : // The walk's far end: the date of the walk-th newest article in the language (or its oldest).
        `a."language" = ${sql.p(bound.language)} AND a."publishedAt" >= coalesce(
            (SELECT x."publishedAt" FROM "Article" x WHERE x."language" = ${sql.p(bound.language)} AND x."publishedAt" IS NOT NULL
              ORDER BY x."publishedAt" DESC LIMIT 1 OFFSET ${sql.p(bound.walk! - 1)}),
            (SELECT min(x."publishedAt") FROM "Article" x WHERE x."language" = ${sql.p(bound.language)}))`;
    return `SELECT * FROM (SELECT ${select} FROM "Article" a CROSS JOIN "Claim" c
      WHERE ${articles} AND c."articleId" = a."id" AND ${claims("")}
      ORDER BY a."publishedAt" DESC, c."id" DESC LIMIT 1) ${key}`;
  }
  const language = () => (bound.language ? ` AND a."language" = ${sql.p(bound.language)}` : "");
  if (kind === "sqlite") {
    const select = columns();
    const where = claims("");
    return `SELECT * FROM (SELECT ${select} FROM "Claim" c CROSS JOIN "Article" a
      WHERE ${where} AND a."id" = c."articleId"${language()}
      ORDER BY a."publishedAt" DESC, c."id" DESC LIMIT 1) ${key}`;
  }
  // PostgreSQL: the thread's values joined in LATERAL, so that they are parameters of the plan and
  // its index is used; as constants the planner may misjudge a busy thread's size and scan every
  // claim in parallel (28 ms against 8).
  return `SELECT t."key", l.* FROM (VALUES (CAST(${sql.p(key)} AS TEXT), CAST(${sql.p(thread.accuserId)} AS INTEGER), CAST(${sql.p(thread.accusedId)} AS INTEGER), CAST(${sql.p(thread.type)} AS TEXT)))
      AS t("key", "claimantId", "targetId", "type")
    CROSS JOIN LATERAL (SELECT c."sentence" AS "sentence", c."articleId" AS "articleId", a."publishedAt" AS "publishedAt", a."language" AS "language"
      FROM "Claim" c JOIN "Article" a ON a."id" = c."articleId"
      WHERE ${claims("t")}${language()}
      ORDER BY a."publishedAt" DESC NULLS LAST, c."id" DESC LIMIT 1) l`;
}

/** The lookups' rows, by key: one statement for them all. */
async function runLookups(db: Db, sql: Sql, branches: string[]): Promise<Map<string, Found>> {
  const rows = await rawQuery<{
    key: string;
    sentence: string;
    articleId: number | bigint;
    publishedAt: Date | string | number | null;
    language: string;
  }>(db, branches.join("\nUNION ALL\n"), sql.params);
  return new Map(
    rows.map((row) => [
      row.key,
      {
        sentence: row.sentence,
        articleId: Number(row.articleId),
        publishedAt: rawDate(row.publishedAt),
        language: row.language,
      },
    ]),
  );
}
