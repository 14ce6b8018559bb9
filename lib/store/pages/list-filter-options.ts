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
    db.mention.groupBy({
      by: ["entityId"],
      where: { entity: { verified: true }, article: { duplicateOfId: null } },
      _count: { articleId: true },
      orderBy: { _count: { articleId: "desc" } },
      take,
    }),
    db.article.groupBy({
      by: ["sourceName"],
      where: { duplicateOfId: null, sourceName: { not: null } },
      _count: { id: true },
    }),
    db.article.groupBy({ by: ["language"], where: { duplicateOfId: null }, _count: { id: true } }),
  ]);
  const entities = await db.entity.findMany({
    where: { id: { in: mentionGroups.map((g) => g.entityId) } },
    select: { id: true, slug: true, name: true },
  });
  const byId = new Map(entities.map((e) => [e.id, e]));
  return {
    entities: mentionGroups
      .map((g) => ({ entity: byId.get(g.entityId), count: g._count.articleId }))
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
