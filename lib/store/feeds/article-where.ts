/**
 * The Prisma condition on articles for a feed view and the shared filters. Feeds, digests and the
 * JSON API's article list all read articles through this one condition, so a feed and the API
 * page with the same filters list the same articles.
 */
import type { Filters } from "@/lib/filters";
import type { FeedView } from "@/lib/urls";

/** What a feed or API list is narrowed to besides the filters: a feed's view other than a search (which goes through store/search instead). */
export type ArticleScope = Exclude<FeedView, { kind: "search" }>;

/**
 * Originals only, on topic, dated (undated articles cannot be placed in a feed's order or a
 * digest's period). "Not a copy" is written NOT (duplicateOfId IS NOT NULL) on purpose: SQLite
 * would otherwise walk the duplicateOfId index (nearly every row) and sort them all, where this
 * form lets it read the publishedAt index newest first and stop after one page.
 */
export function articleWhere(
  scope: ArticleScope,
  filters: Partial<Filters>,
  minRelevance: number,
): Record<string, unknown> {
  const and: object[] = [
    { NOT: { duplicateOfId: { not: null } } },
    { relevance: { gte: minRelevance } },
    { publishedAt: { not: null } },
  ];
  switch (scope.kind) {
    case "story":
      and.push({ story: { is: { storyId: scope.id } } });
      break;
    case "entity":
      and.push({ mentions: { some: { entity: { slug: scope.slug } } } });
      break;
    case "claim":
      and.push({ claims: { some: { type: scope.type } } });
      break;
    case "thread":
      and.push({
        claims: {
          some: {
            type: scope.type,
            claimant: { slug: scope.claimant },
            target: { slug: scope.target },
          },
        },
      });
      break;
  }
  for (const slug of filters.entity ?? []) and.push({ mentions: { some: { entity: { slug } } } });
  for (const type of filters.claim ?? []) and.push({ claims: { some: { type } } });
  if (filters.lang) and.push({ language: filters.lang });
  if (filters.source) {
    and.push({
      OR: [
        { sourceName: filters.source },
        { canonicalUrl: { contains: `//${filters.source}` } },
        { source: { is: { title: filters.source } } },
      ],
    });
  }
  if (filters.from) and.push({ publishedAt: { gte: new Date(`${filters.from}T00:00:00Z`) } });
  if (filters.to)
    and.push({
      publishedAt: { lt: new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000) },
    });
  return { AND: and };
}
