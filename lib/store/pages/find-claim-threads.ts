/**
 * The claim threads a search names: disputes between the parties a query names (both of them
 * when it names two or more, either side when one), of the claim types it names, with their
 * newest accusing sentence (in the interface language when the thread has one in it). Shown above
 * a search's articles, so "openai vs deepseek" answers who accuses whom of what before the reader
 * opens an article.
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
  const entities = parties.length
    ? await db.entity.findMany({ where: { slug: { in: parties } }, select: { id: true } })
    : [];
  if (parties.length > 0 && entities.length === 0) return [];
  const ids = entities.map((e) => e.id);
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
  const disputes = countDisputes(
    groups.map((g) => ({
      claimantId: g.claimantId,
      targetId: g.targetId,
      type: g.type,
      stance: g.stance,
      count: g.count,
    })),
  )
    .filter(wanted)
    .slice(0, limit);
  if (disputes.length === 0) return [];
  const people = await db.entity.findMany({
    where: { id: { in: [...new Set(disputes.flatMap((d) => [d.accuserId, d.accusedId]))] } },
    select: { id: true, slug: true, name: true },
  });
  const byId = new Map(people.map((p) => [p.id, { slug: p.slug, name: p.name }]));
  const newestFirst = { publishedAt: { sort: "desc" as const, nulls: "last" as const } };
  return Promise.all(
    disputes.map(async (d) => {
      // The newest accusing claim's date, from the kept counts: the newest sentence is then looked
      // up among that day's articles only, not sorted out of every claim of a busy thread.
      const since = groups
        .filter(
          (g) =>
            g.claimantId === d.accuserId &&
            g.targetId === d.accusedId &&
            g.type === d.type &&
            (g.stance === "alleges" || g.stance === "confirms") &&
            g.latest,
        )
        .reduce<Date | null>((max, g) => (!max || g.latest! > max ? g.latest : max), null);
      const newest = (inLanguage?: string, from?: Date | null) =>
        db.claim.findFirst({
          where: {
            claimantId: d.accuserId,
            targetId: d.accusedId,
            type: d.type,
            stance: { in: ["alleges", "confirms"] },
            ...(inLanguage || from
              ? {
                  article: {
                    ...(inLanguage ? { language: inLanguage } : {}),
                    ...(from ? { publishedAt: { gte: from } } : {}),
                  },
                }
              : {}),
          },
          orderBy: [{ article: newestFirst }, { id: "desc" }],
          select: {
            sentence: true,
            articleId: true,
            article: { select: { publishedAt: true, language: true } },
          },
        });
      // A kept date can be stale (its article removed since) or a fetch date: then the full look-up.
      let latest = (since ? await newest(undefined, since) : null) ?? (await newest());
      if (language && latest && latest.article.language !== language)
        latest = (await newest(language)) ?? latest;
      return {
        accuser: byId.get(d.accuserId)!,
        accused: byId.get(d.accusedId)!,
        type: d.type,
        accusations: d.accusations,
        denials: d.denials,
        reports: d.reports,
        latest: latest
          ? {
              sentence: latest.sentence,
              articleId: latest.articleId,
              publishedAt: latest.article.publishedAt,
            }
          : null,
      };
    }),
  );
}
