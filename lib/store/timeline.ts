/**
 * The timeline: stories newest first, with what a card shows (summary, sources, languages,
 * entity chips, claim chips, whether it is sample data).
 */
import { decodeCursor, encodeCursor, type Filters } from "../filters";
import type { Db } from "./db";
import { getConfig } from "../config";
import { microcache } from "./microcache";

export interface TimelineCard {
  id: number;
  title: string;
  summary: string;
  firstPublishedAt: Date | null;
  lastPublishedAt: Date | null;
  articleCount: number;
  sourceCount: number;
  languages: string[];
  isSample: boolean;
  entities: { slug: string; name: string; kind: string; count: number }[];
  claimTypes: { type: string; count: number }[];
  /** The newest CARD_ARTICLES articles of the story, newest first (`articleCount` says how many it has). */
  articles: { id: number; title: string; url: string; sourceName: string | null; language: string; publishedAt: Date | null }[];
}

/** The Prisma condition on stories for a set of filters: a story matches when one of its articles does. */
export function storyWhere(filters: Partial<Filters>) {
  const articleConditions: object[] = [{ duplicateOfId: null }];
  for (const slug of filters.entity ?? []) articleConditions.push({ mentions: { some: { entity: { slug } } } });
  for (const type of filters.claim ?? []) articleConditions.push({ claims: { some: { type } } });
  if (filters.lang) articleConditions.push({ language: filters.lang });
  if (filters.source) {
    articleConditions.push({ OR: [{ sourceName: filters.source }, { canonicalUrl: { contains: `//${filters.source}` } }, { source: { title: filters.source } }] });
  }
  const where: Record<string, unknown> = { articleCount: { gt: 0 } };
  const and: object[] = [];
  if (filters.from) and.push({ lastPublishedAt: { gte: new Date(`${filters.from}T00:00:00Z`) } });
  if (filters.to) and.push({ lastPublishedAt: { lt: new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000) } });
  if (articleConditions.length > 1) and.push({ articles: { some: { article: { AND: articleConditions } } } });
  if (and.length) where.AND = and;
  return where;
}

export interface TimelinePage {
  cards: TimelineCard[];
  nextCursor: string | null;
}

/** One page of the timeline, newest story first, filtered; keyset pagination so pages never jump. */
export async function listTimeline(db: Db, filters: Partial<Filters> & { take?: number } = {}): Promise<TimelineCard[]> {
  return (await timelinePage(db, filters)).cards;
}

/**
 * A page of the timeline with the cursor of the next one. `articles: false` leaves each card's
 * `articles` empty, for views that show counts only (the home page), sparing their rows.
 */
export async function timelinePage(db: Db, filters: Partial<Filters> & { take?: number; articles?: boolean } = {}): Promise<TimelinePage> {
  const take = filters.take ?? filters.limit ?? 20;
  const where = storyWhere(filters);
  if (filters.cursor) {
    const cursor = decodeCursor(filters.cursor);
    const and = (where.AND as object[] | undefined) ?? [];
    and.push({ OR: [{ lastPublishedAt: { lt: cursor.time } }, { lastPublishedAt: cursor.time, id: { lt: cursor.id } }] });
    where.AND = and;
  }
  const rows = await db.story.findMany({
    where,
    orderBy: [{ lastPublishedAt: "desc" }, { id: "desc" }],
    take: take + 1,
    select: { id: true, title: true, summary: true, firstPublishedAt: true, lastPublishedAt: true, articleCount: true, languages: true, isSample: true },
  });
  const stories = rows.slice(0, take);
  const last = stories[stories.length - 1];
  const nextCursor = rows.length > take && last ? encodeCursor(last.lastPublishedAt, last.id) : null;
  const parts = await cardParts(db, stories.map((story) => story.id), filters.articles ?? true);
  const cards = stories.map((story) => ({
    id: story.id,
    title: story.title,
    summary: story.summary,
    firstPublishedAt: story.firstPublishedAt,
    lastPublishedAt: story.lastPublishedAt,
    articleCount: story.articleCount,
    sourceCount: parts.sourceCounts.get(story.id) ?? 0,
    languages: story.languages ? story.languages.split(",") : [],
    isSample: story.isSample,
    entities: (parts.entities.get(story.id) ?? []).sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)).slice(0, CARD_ENTITIES),
    claimTypes: (parts.claimTypes.get(story.id) ?? []).sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0)),
    articles: (parts.articles.get(story.id) ?? []).sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0) || b.id - a.id),
  }));
  return { cards, nextCursor };
}

/**
 * timelinePage, shared between everyone who asks for the same view within PAGE_CACHE_SECONDS
 * (default 5; see microcache): the home page, where every visitor asks for the same first page.
 */
export function recentTimelinePage(db: Db, filters: Partial<Filters> & { take?: number; articles?: boolean } = {}): Promise<TimelinePage> {
  const ttlMs = getConfig().PAGE_CACHE_SECONDS * 1000;
  if (ttlMs <= 0) return timelinePage(db, filters);
  return microcache(db, `timeline:${JSON.stringify(filters)}`, ttlMs, () => timelinePage(db, filters));
}

/** Articles listed on a card: the newest ones. A story of thousands of articles would otherwise load them all for one card. */
export const CARD_ARTICLES = 10;
const CARD_ENTITIES = 8;

type CardArticle = TimelineCard["articles"][number];

interface CardParts {
  articles: Map<number, CardArticle[]>;
  sourceCounts: Map<number, number>;
  entities: Map<number, TimelineCard["entities"]>;
  claimTypes: Map<number, TimelineCard["claimTypes"]>;
}

function toDate(value: Date | string | number | bigint | null): Date | null {
  if (value === null) return null;
  if (value instanceof Date) return value;
  return new Date(typeof value === "bigint" ? Number(value) : value);
}

/**
 * What the cards of a page show besides the story row, in grouped queries over the page's story
 * ids: the CARD_ARTICLES newest articles per story, the number of distinct sources, and the
 * entity and claim chips counted by the database (not from every mention loaded into memory).
 */
async function cardParts(db: Db, storyIds: number[], withArticles: boolean): Promise<CardParts> {
  const parts: CardParts = { articles: new Map(), sourceCounts: new Map(), entities: new Map(), claimTypes: new Map() };
  if (storyIds.length === 0) return parts;
  const provider = (db as unknown as { _activeProvider?: string })._activeProvider;
  let n = 0;
  const p = () => (provider === "sqlite" ? "?" : `$${++n}`);
  const ids = () => storyIds.map(() => p()).join(", ");
  // PostgreSQL hash-joins the whole Claim table (82,000 rows, 20 ms at 100,000 articles) rather
  // than probe its (articleId, ...) index a few hundred times; LATERAL ... OFFSET 0 makes it probe.
  const claimJoin =
    provider === "sqlite"
      ? `JOIN "Claim" c ON c."articleId" = sa."articleId"`
      : `CROSS JOIN LATERAL (SELECT t."type" AS "type" FROM "Claim" t WHERE t."articleId" = sa."articleId" OFFSET 0) c`;
  // One statement, one round trip; each branch reads only the page's stories through their index.
  // NULL dates last on both databases (PostgreSQL sorts them first in DESC by default).
  const articles = () => `
    SELECT 'a' AS "part", t."storyId" AS "storyId", t."id" AS "id", t."title" AS "title", t."url" AS "url", t."sourceName" AS "sourceName",
           t."language" AS "language", t."publishedAt" AS "publishedAt", CAST(NULL AS BIGINT) AS "n"
    FROM (
      SELECT sa."storyId" AS "storyId", a."id" AS "id", a."title" AS "title", a."url" AS "url", a."sourceName" AS "sourceName",
             a."language" AS "language", a."publishedAt" AS "publishedAt",
             ROW_NUMBER() OVER (PARTITION BY sa."storyId" ORDER BY CASE WHEN a."publishedAt" IS NULL THEN 1 ELSE 0 END, a."publishedAt" DESC, a."id" DESC) AS "rn"
      FROM "StoryArticle" sa JOIN "Article" a ON a."id" = sa."articleId"
      WHERE sa."storyId" IN (${ids()})
    ) t WHERE t."rn" <= ${CARD_ARTICLES}
    UNION ALL`;
  const text = `${withArticles ? articles() : ""}
    SELECT 's' AS "part", sa."storyId" AS "storyId", NULL AS "id", NULL AS "title", NULL AS "url", NULL AS "sourceName", NULL AS "language",
           NULL AS "publishedAt", COUNT(DISTINCT coalesce(a."sourceName", a."url")) AS "n"
    FROM "StoryArticle" sa JOIN "Article" a ON a."id" = sa."articleId"
    WHERE sa."storyId" IN (${ids()}) GROUP BY sa."storyId"
    UNION ALL
    SELECT 'e', sa."storyId", NULL, e."name", e."slug", e."kind", NULL, NULL, COUNT(*)
    FROM "StoryArticle" sa JOIN "Mention" m ON m."articleId" = sa."articleId" JOIN "Entity" e ON e."id" = m."entityId"
    WHERE sa."storyId" IN (${ids()}) AND e."verified" GROUP BY sa."storyId", e."id", e."name", e."slug", e."kind"
    UNION ALL
    SELECT 'c', sa."storyId", NULL, c."type", NULL, NULL, NULL, NULL, COUNT(*)
    FROM "StoryArticle" sa ${claimJoin}
    WHERE sa."storyId" IN (${ids()}) GROUP BY sa."storyId", c."type"`;
  const rows = await db.$queryRawUnsafe<
    {
      part: string;
      storyId: number | bigint;
      id: number | bigint | null;
      title: string | null;
      url: string | null;
      sourceName: string | null;
      language: string | null;
      publishedAt: Date | string | number | bigint | null;
      n: number | bigint | null;
    }[]
  >(text, ...(withArticles ? storyIds : []), ...storyIds, ...storyIds, ...storyIds);
  const push = <T>(map: Map<number, T[]>, key: number, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const row of rows) {
    const storyId = Number(row.storyId);
    const count = Number(row.n ?? 0);
    switch (row.part) {
      case "a":
        push(parts.articles, storyId, {
          id: Number(row.id),
          title: row.title ?? "",
          url: row.url ?? "",
          sourceName: row.sourceName,
          language: row.language ?? "",
          publishedAt: toDate(row.publishedAt),
        });
        break;
      case "s":
        parts.sourceCounts.set(storyId, count);
        break;
      case "e":
        // name in "title", slug in "url", kind in "sourceName": the branches share one column list.
        push(parts.entities, storyId, { slug: row.url ?? "", name: row.title ?? "", kind: row.sourceName ?? "", count });
        break;
      case "c":
        push(parts.claimTypes, storyId, { type: row.title ?? "", count });
        break;
    }
  }
  return parts;
}
