/** What the timeline's filter form offers: the entities, sources and languages that have articles. */
import type { Db } from "@/lib/store/db";
import { sharedAggregate } from "@/lib/store/microcache";

export interface FilterOptions {
  entities: { slug: string; name: string; count: number }[];
  sources: { name: string; count: number }[];
  languages: { code: string; count: number }[];
}

/**
 * The most mentioned verified entities (up to `take`), every source name and every language, by
 * article count; a shared aggregate (lib/store/microcache.ts: 0.8 s on SQLite at 100,000 articles)
 * so a busy home page does not re-aggregate the store.
 */
export async function listFilterOptions(db: Db, take = 60): Promise<FilterOptions> {
  return sharedAggregate(db, `filter-options:${take}`, () => computeFilterOptions(db, take));
}

async function computeFilterOptions(db: Db, take: number): Promise<FilterOptions> {
  const [mentionGroups, sourceGroups, languageGroups] = await Promise.all([
    // Written so both databases answer it from indexes alone: the originals' ids from the
    // (duplicateOfId, ...) index, the mentions from their (articleId, entityId) key. Prisma's
    // groupBy joins every mention to its article row, which on SQLite reads the articles'
    // pages (their text) one mention at a time: 7 s instead of 0.3 s at 100,000 articles on a
    // busy machine, with the process blocked meanwhile (SQLite queries run on its thread).
    db.$queryRaw<{ entityId: number; count: number | bigint }[]>`
      SELECT m."entityId" AS "entityId", COUNT(*) AS "count"
      FROM "Mention" m JOIN "Entity" e ON e."id" = m."entityId"
      WHERE e."verified" = true
        AND m."articleId" IN (SELECT a."id" FROM "Article" a WHERE a."duplicateOfId" IS NULL)
      GROUP BY m."entityId"
      ORDER BY COUNT(*) DESC, m."entityId"
      LIMIT ${take}`,
    db.article.groupBy({
      by: ["sourceName"],
      where: { duplicateOfId: null, sourceName: { not: null } },
      _count: { id: true },
    }),
    db.article.groupBy({ by: ["language"], where: { duplicateOfId: null }, _count: { id: true } }),
  ]);
  const entities = await db.entity.findMany({
    where: { id: { in: mentionGroups.map((g) => Number(g.entityId)) } },
    select: { id: true, slug: true, name: true },
  });
  const byId = new Map(entities.map((e) => [e.id, e]));
  return {
    entities: mentionGroups
      .map((g) => ({ entity: byId.get(Number(g.entityId)), count: Number(g.count) }))
      .filter((row): row is { entity: { id: number; slug: string; name: string }; count: number } =>
        Boolean(row.entity),
      )
      .map((row) => ({ slug: row.entity.slug, name: row.entity.name, count: row.count }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    sources: sourceGroups
      .filter((g) => g.sourceName)
      .map((g) => ({ name: g.sourceName!, count: g._count.id }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    languages: languageGroups
      .map((g) => ({ code: g.language, count: g._count.id }))
      .sort((a, b) => b.count - a.count),
  };
}
