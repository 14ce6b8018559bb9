/**
 * The claim threads a search names: disputes between the parties a query names (both of them
 * when it names two or more, either side when one), of the claim types it names, with their
 * newest accusing sentence (in the interface language when the thread has one in it). Shown above
 * a search's articles, so "openai vs deepseek" answers who accuses whom of what before the reader
 * opens an article.
 */
import { countDisputes, type DisputeCount } from "@/lib/store/claim-direction";
import type { Db } from "@/lib/store/db";

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
  const groups = await db.claim.groupBy({
    by: ["claimantId", "targetId", "type", "stance"],
    where: {
      ...(ids.length ? { OR: [{ claimantId: { in: ids } }, { targetId: { in: ids } }] } : {}),
      ...(types.length ? { type: { in: types } } : {}),
    },
    _count: { id: true },
  });
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
      count: g._count.id,
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
      const newest = (inLanguage?: string) =>
        db.claim.findFirst({
          where: {
            claimantId: d.accuserId,
            targetId: d.accusedId,
            type: d.type,
            stance: { in: ["alleges", "confirms"] },
            ...(inLanguage ? { article: { language: inLanguage } } : {}),
          },
          orderBy: [{ article: newestFirst }, { id: "desc" }],
          select: { sentence: true, articleId: true, article: { select: { publishedAt: true } } },
        });
      const latest = (language ? await newest(language) : null) ?? (await newest());
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
