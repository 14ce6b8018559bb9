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
 * article count; read from the counts kept beside the articles, and a
 * shared aggregate (lib/store/microcache.ts) besides.
 */
export async function listFilterOptions(db: Db, take = 60): Promise<FilterOptions> {
  return sharedAggregate(db, `filter-options:${take}`, () => computeFilterOptions(db, take));
}

async function computeFilterOptions(db: Db, take: number): Promise<FilterOptions> {
  // From the counts kept beside the articles (lib/store/aggregates.ts): an entity's pair with
  // itself is the number of originals mentioning it. Grouping the mentions and articles
  // themselves read every row, 0.5 s of CPU and more at 100,000 articles.
  const [mentionGroups, facets] = await Promise.all([
    db.$queryRaw<{ entityId: number; count: number | bigint }[]>`
      SELECT p."entityId" AS "entityId", p."count" AS "count"
      FROM "EntityPairCount" p JOIN "Entity" e ON e."id" = p."entityId"
      WHERE e."verified" = true AND p."otherId" = p."entityId"
      ORDER BY p."count" DESC, p."entityId"
      LIMIT ${take}`,
    db.facetCount.findMany({ select: { facet: true, value: true, count: true } }),
  ]);
  const sourceGroups = facets.filter((f) => f.facet === "source");
  const languageGroups = facets.filter((f) => f.facet === "language");
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
      .map((g) => ({ name: g.value, count: g.count }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    languages: languageGroups
      .map((g) => ({ code: g.value, count: g.count }))
      .sort((a, b) => b.count - a.count),
  };
}
