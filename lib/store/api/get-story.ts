/** One story with its articles, chips and claims, for the API; null when there is no such story. */
import type { Db } from "../db";
import type { StoryArticleRow } from "../pages/get-story";

/** A claim of a story's article with both parties. */
export interface StoryGraphClaim {
  id: number;
  articleId: number;
  type: string;
  stance: string;
  sentence: string;
  start: number;
  confidence: number;
  claimant: { slug: string; name: string; kind: string };
  target: { slug: string; name: string; kind: string };
}

/** A story's article with its claims (in sentence order), the entities it names and its copies elsewhere. */
export interface StoryGraphArticle extends StoryArticleRow {
  claims: StoryGraphClaim[];
  mentions: { entity: { slug: string; name: string; kind: string; verified: boolean } }[];
}

/**
 * A story row and its articles (oldest first) with their claims and mentions; null when there is
 * no such story. Flat reads in three rounds (the story and its articles; their claims, mentions and
 * copies; the entities named): a nested include cost one round trip per relation level, most of
 * the story page's time on PostgreSQL. The API's story, unpaged; the story page reads a page at
 * a time its own way (lib/store/pages/get-story.ts).
 */
async function loadStoryGraph(db: Db, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [story, rows] = await Promise.all([
    db.story.findUnique({ where: { id } }),
    db.article.findMany({ where: { story: { storyId: id } }, select: { id: true, title: true, url: true, sourceName: true, language: true, publishedAt: true, byline: true } }),
  ]);
  if (!story) return null;
  const ids = rows.map((a) => a.id);
  const [claimRows, mentionRows, copies] = ids.length
    ? await Promise.all([
        db.claim.findMany({
          where: { articleId: { in: ids } },
          select: { id: true, articleId: true, type: true, stance: true, sentence: true, start: true, confidence: true, claimantId: true, targetId: true },
          orderBy: [{ articleId: "asc" }, { start: "asc" }, { id: "asc" }],
        }),
        db.mention.findMany({ where: { articleId: { in: ids } }, select: { articleId: true, entityId: true } }),
        db.article.groupBy({ by: ["duplicateOfId"], where: { duplicateOfId: { in: ids } }, _count: { id: true } }),
      ])
    : [[], [], []];
  const entityIds = [...new Set([...claimRows.flatMap((c) => [c.claimantId, c.targetId]), ...mentionRows.map((m) => m.entityId)])];
  const entityRows = entityIds.length ? await db.entity.findMany({ where: { id: { in: entityIds } }, select: { id: true, slug: true, name: true, kind: true, verified: true } }) : [];
  const entityById = new Map(entityRows.map((e) => [e.id, e]));
  const copiesOf = new Map(copies.map((c) => [c.duplicateOfId, c._count.id]));
  const claimsOf = new Map<number, typeof claimRows>();
  for (const claim of claimRows) claimsOf.set(claim.articleId, [...(claimsOf.get(claim.articleId) ?? []), claim]);
  const mentionsOf = new Map<number, number[]>();
  for (const mention of mentionRows) mentionsOf.set(mention.articleId, [...(mentionsOf.get(mention.articleId) ?? []), mention.entityId]);
  const party = (entityId: number) => {
    const entity = entityById.get(entityId);
    return entity ? { slug: entity.slug, name: entity.name, kind: entity.kind } : null;
  };
  const articles: StoryGraphArticle[] = rows
    .map((article) => ({
      ...article,
      duplicateCount: copiesOf.get(article.id) ?? 0,
      claims: (claimsOf.get(article.id) ?? []).flatMap(({ claimantId, targetId, ...claim }) => {
        const [claimant, target] = [party(claimantId), party(targetId)];
        return claimant && target ? [{ ...claim, claimant, target }] : [];
      }),
      mentions: (mentionsOf.get(article.id) ?? []).flatMap((entityId) => {
        const entity = entityById.get(entityId);
        return entity ? [{ entity: { slug: entity.slug, name: entity.name, kind: entity.kind, verified: entity.verified } }] : [];
      }),
    }))
    .sort((a, b) => (a.publishedAt?.getTime() ?? 0) - (b.publishedAt?.getTime() ?? 0) || a.id - b.id);
  return { story, articles };
}


/**
 * Reads a story by id with what its API answer shows: the story row and, per article, its claims
 * (by id) and mentions.
 */
export async function getStory(db: Db, id: number) {
  const graph = await loadStoryGraph(db, id);
  if (!graph) return null;
  return {
    ...graph.story,
    articles: graph.articles.map(({ byline: _byline, duplicateCount: _copies, claims, ...article }) => ({
      article: { ...article, claims: [...claims].sort((a, b) => a.id - b.id).map(({ start: _start, ...claim }) => claim) },
    })),
  };
}
