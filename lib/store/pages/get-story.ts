/** One story with everything its page shows: articles, claims, sources and languages. */
import type { Db } from "../db";

export interface StoryClaim {
  id: number;
  articleId: number;
  type: string;
  stance: string;
  sentence: string;
  claimant: { slug: string; name: string };
  target: { slug: string; name: string };
}

export interface StoryArticleRow {
  id: number;
  title: string;
  url: string;
  sourceName: string | null;
  language: string;
  publishedAt: Date | null;
  byline: string | null;
  duplicateCount: number;
}

export interface StoryDetail {
  id: number;
  title: string;
  summary: string;
  isSample: boolean;
  firstPublishedAt: Date | null;
  lastPublishedAt: Date | null;
  languages: string[];
  /** Oldest first: a timeline reads down. */
  articles: StoryArticleRow[];
  claims: StoryClaim[];
  /** Articles per source name (or host when the article has none) and per language. */
  sources: { name: string; count: number; languages: string[] }[];
  entities: { slug: string; name: string; kind: string; count: number }[];
}

/** The host of a URL without www., for articles whose source has no name. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}

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
export interface StoryGraphArticle {
  id: number;
  title: string;
  url: string;
  sourceName: string | null;
  language: string;
  publishedAt: Date | null;
  byline: string | null;
  duplicateCount: number;
  claims: StoryGraphClaim[];
  mentions: { entity: { slug: string; name: string; kind: string; verified: boolean } }[];
}

/**
 * A story row and its articles (oldest first) with their claims and mentions; null when there is
 * no such story. Flat reads in three rounds (the story and its articles; their claims, mentions and
 * copies; the entities named): a nested include cost one round trip per relation level, most of
 * the story page's time on PostgreSQL. The story page and the API's story both read it.
 */
export async function loadStoryGraph(db: Db, id: number) {
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

/** Loads a story by id with what its page shows; null when there is none (the page answers 404). */
export async function getStory(db: Db, id: number): Promise<StoryDetail | null> {
  const graph = await loadStoryGraph(db, id);
  if (!graph) return null;
  const { story, articles } = graph;
  const sources = new Map<string, { name: string; count: number; languages: string[] }>();
  const entities = new Map<string, { slug: string; name: string; kind: string; count: number }>();
  for (const article of articles) {
    const name = article.sourceName ?? hostOf(article.url);
    const entry = sources.get(name) ?? { name, count: 0, languages: [] };
    entry.count += 1;
    if (!entry.languages.includes(article.language)) entry.languages.push(article.language);
    sources.set(name, entry);
    for (const mention of article.mentions) {
      if (!mention.entity.verified) continue;
      const e = entities.get(mention.entity.slug) ?? { slug: mention.entity.slug, name: mention.entity.name, kind: mention.entity.kind, count: 0 };
      e.count += 1;
      entities.set(e.slug, e);
    }
  }
  return {
    id: story.id,
    title: story.title,
    summary: story.summary,
    isSample: story.isSample,
    firstPublishedAt: story.firstPublishedAt,
    lastPublishedAt: story.lastPublishedAt,
    languages: story.languages ? story.languages.split(",") : [],
    articles: articles.map((a) => ({
      id: a.id,
      title: a.title,
      url: a.url,
      sourceName: a.sourceName,
      language: a.language,
      publishedAt: a.publishedAt,
      byline: a.byline,
      duplicateCount: a.duplicateCount,
    })),
    claims: articles.flatMap((a) =>
      a.claims.map((c) => ({ id: c.id, articleId: c.articleId, type: c.type, stance: c.stance, sentence: c.sentence, claimant: { slug: c.claimant.slug, name: c.claimant.name }, target: { slug: c.target.slug, name: c.target.name } })),
    ),
    sources: [...sources.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    entities: [...entities.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
  };
}
