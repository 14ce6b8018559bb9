/**
 * The claim threads a search names: disputes between the parties a query names (both of them
 * when it names two or more, either side when one), of the claim types it names, with their
 * newest accusing sentence (in the interface language when the thread has one in it). Shown above
 * a search's articles, so "openai vs deepseek" answers who accuses whom of what before the reader
 * opens an article.
 *
 * It runs on every search naming a party, so it reads the kept counts and each thread's kept
 * newest accusing claim per language (lib/store/aggregates.ts), rather than grouping or sorting a
 * busy thread's thousands of claims.
 */
import { countDisputes, type DisputeCount } from "@/lib/store/claim-direction";
import { rawDate, rawQuery, type Db } from "@/lib/store/db";
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
  const people = Sql.for(db);
  const [names, latest] = await Promise.all([
    rawQuery<{ id: number | bigint; slug: string; name: string }>(
      db,
      `SELECT "id", "slug", "name" FROM "Entity" WHERE "id" IN (${people.list([
        ...new Set(disputes.flatMap((d) => [d.accuserId, d.accusedId])),
      ])})`,
      people.params,
    ),
    newestSentences(db, disputes, language),
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

type Sentence = NonNullable<NamedThread["latest"]>;

/**
 * Each thread's newest accusing sentence, in `language` when the thread has one in it, else in
 * any: the newest by the article's publication date (undated last), then the newest claim. Read
 * from the kept newest claim of each thread per language (LatestAccusation, one statement for
 * every thread): the newest in any language is the newest of those. Looking them up among the
 * claims instead cost PostgreSQL ~10 ms a search, planning and walking a busy thread's articles.
 */
async function newestSentences(
  db: Db,
  threads: DisputeCount<number>[],
  language?: string,
): Promise<(Sentence | null)[]> {
  const sql = Sql.for(db);
  // The threads' accusers, accused and types, crossed: a few rows more at most, one simple plan.
  const rows = await rawQuery<{
    claimantId: number | bigint;
    targetId: number | bigint;
    type: string;
    language: string;
    claimId: number | bigint;
    articleId: number | bigint;
    publishedAt: Date | string | number | null;
    sentence: string;
  }>(
    db,
    `SELECT k."claimantId", k."targetId", k."type", k."language", k."claimId", k."articleId", k."publishedAt", c."sentence"
     FROM "LatestAccusation" k JOIN "Claim" c ON c."id" = k."claimId"
     WHERE k."claimantId" IN (${sql.list([...new Set(threads.map((t) => t.accuserId))])})
       AND k."targetId" IN (${sql.list([...new Set(threads.map((t) => t.accusedId))])})
       AND k."type" IN (${sql.list([...new Set(threads.map((t) => t.type))])})`,
    sql.params,
  );
  const found = rows.map((row) => ({
    key: `${Number(row.claimantId)}>${Number(row.targetId)}:${row.type}`,
    language: row.language,
    claimId: Number(row.claimId),
    sentence: row.sentence,
    articleId: Number(row.articleId),
    publishedAt: rawDate(row.publishedAt),
  }));
  type Found = (typeof found)[number];
  // Newer: a later publication date, a dated one before an undated one, then the later claim.
  const newer = (x: Found, y: Found) =>
    x.publishedAt && y.publishedAt
      ? x.publishedAt > y.publishedAt ||
        (x.publishedAt.getTime() === y.publishedAt.getTime() && x.claimId > y.claimId)
      : x.publishedAt
        ? true
        : y.publishedAt
          ? false
          : x.claimId > y.claimId;
  return threads.map((thread) => {
    const key = `${thread.accuserId}>${thread.accusedId}:${thread.type}`;
    const mine = found.filter((row) => row.key === key);
    const chosen =
      mine.find((row) => row.language === language) ??
      mine.reduce<Found | null>((best, row) => (!best || newer(row, best) ? row : best), null);
    return chosen
      ? { sentence: chosen.sentence, articleId: chosen.articleId, publishedAt: chosen.publishedAt }
      : null;
  });
}
