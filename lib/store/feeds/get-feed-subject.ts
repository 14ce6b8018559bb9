/** The name a feed is titled with (story title, entity name, thread parties); NOT_FOUND for an unknown story or entity. */
import { AppError } from "@/lib/errors";
import type { Db } from "@/lib/store/db";
import type { ArticleScope } from "./article-where";

/** Resolves the subject of a scope, so a feed for an unknown id is a 404 rather than an empty feed. */
export async function getFeedSubject(db: Db, scope: ArticleScope): Promise<string | null> {
  switch (scope.kind) {
    case "story": {
      const story = await db.story.findUnique({ where: { id: scope.id }, select: { title: true } });
      if (!story) throw new AppError("NOT_FOUND", `store/feeds: no story ${scope.id}`);
      return story.title;
    }
    case "entity": {
      const entity = await db.entity.findUnique({
        where: { slug: scope.slug },
        select: { name: true },
      });
      if (!entity) throw new AppError("NOT_FOUND", `store/feeds: no entity "${scope.slug}"`);
      return entity.name;
    }
    case "thread": {
      const entities = await db.entity.findMany({
        where: { slug: { in: [scope.claimant, scope.target] } },
        select: { slug: true, name: true },
      });
      const name = (slug: string) => entities.find((entity) => entity.slug === slug)?.name;
      const claimant = name(scope.claimant);
      const target = name(scope.target);
      if (!claimant || !target)
        throw new AppError(
          "NOT_FOUND",
          `store/feeds: no entity "${claimant ? scope.target : scope.claimant}"`,
        );
      return `${claimant} → ${target}`;
    }
    default:
      return null;
  }
}

/** Entity names by slug, for the slugs the store knows (feed titles name filters by them). */
export async function getEntityNames(db: Db, slugs: string[]): Promise<Map<string, string>> {
  if (slugs.length === 0) return new Map();
  const rows = await db.entity.findMany({
    where: { slug: { in: slugs } },
    select: { slug: true, name: true },
  });
  return new Map(rows.map((row) => [row.slug, row.name]));
}
