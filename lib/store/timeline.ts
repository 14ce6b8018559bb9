/**
 * The timeline: stories newest first, with what a card shows (summary, sources, languages,
 * entity chips, claim chips, whether it is sample data).
 */
import { encodeCursor } from "@/lib/cursor";
import type { Filters } from "@/lib/filters";
import { rawDate, rawQuery, type Db } from "./db";
import { timelineStories, verifiedEntities } from "./timeline-stories";
import { Sql } from "./sql";
import { getConfig } from "@/lib/config";
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
  articles: {
    id: number;
    title: string;
    url: string;
    sourceName: string | null;
    language: string;
    publishedAt: Date | null;
  }[];
}

export interface TimelinePage {
  cards: TimelineCard[];
  nextCursor: string | null;
}

/** One page of the timeline, newest story first, filtered; keyset pagination so pages never jump. */
export async function listTimeline(
  db: Db,
  filters: Partial<Filters> & { take?: number } = {},
): Promise<TimelineCard[]> {
  return (await timelinePage(db, filters)).cards;
}

/**
 * A page of the timeline with the cursor of the next one. `articles: false` leaves each card's
 * `articles` empty, for views that show counts only (the home page), sparing their rows.
 */
export async function timelinePage(
  db: Db,
  filters: Partial<Filters> & { take?: number; articles?: boolean } = {},
): Promise<TimelinePage> {
  const take = filters.take ?? filters.limit ?? 20;
  const rows = await timelineStories(db, filters, take + 1);
  const stories = rows.slice(0, take);
  const last = stories[stories.length - 1];
  const nextCursor =
    rows.length > take && last
      ? encodeCursor({ kind: "time", time: last.lastPublishedAt ?? new Date(0), id: last.id })
      : null;
  // The cards' counts were worked out when the stories changed (refreshStoryCards); what an entity
  // is called, and whether it is still verified, is read now.
  const entityCounts = new Map(
    stories.map((story) => [story.id, parsePairs<number>(story.cardEntities)]),
  );
  const entityIds = [
    ...new Set([...entityCounts.values()].flatMap((pairs) => pairs.map(([id]) => id))),
  ];
  const [entities, articles] = await Promise.all([
    verifiedEntities(db, entityIds),
    (filters.articles ?? true)
      ? cardArticles(
          db,
          stories.map((story) => story.id),
        )
      : Promise.resolve(new Map<number, CardArticle[]>()),
  ]);
  const entityById = new Map(entities.map((entity) => [entity.id, entity]));
  const cards = stories.map((story) => ({
    id: story.id,
    title: story.title,
    summary: story.summary,
    firstPublishedAt: story.firstPublishedAt,
    lastPublishedAt: story.lastPublishedAt,
    articleCount: story.articleCount,
    sourceCount: story.sourceCount,
    languages: story.languages ? story.languages.split(",") : [],
    isSample: story.isSample,
    entities: (entityCounts.get(story.id) ?? [])
      .flatMap(([id, count]) => {
        const entity = entityById.get(id);
        return entity ? [{ slug: entity.slug, name: entity.name, kind: entity.kind, count }] : [];
      })
      .sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
      .slice(0, CARD_ENTITIES),
    claimTypes: parsePairs<string>(story.cardClaims)
      .map(([type, count]) => ({ type, count }))
      .sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0)),
    articles: (articles.get(story.id) ?? []).sort(
      (a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0) || b.id - a.id,
    ),
  }));
  return { cards, nextCursor };
}

/** A card column: JSON [[key, count], ...] as written by refreshStoryCards. */
function parsePairs<K>(json: string): [K, number][] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value)
      ? value
          .filter((pair): pair is [K, number] => Array.isArray(pair) && pair.length === 2)
          .map(([key, count]) => [key, Number(count)])
      : [];
  } catch {
    return [];
  }
}

/**
 * Cards titled in the reader's language: a story is named after its earliest article, whatever its
 * language; when one of its articles is in `language`, the earliest such article names the card
 * instead (a Vietnamese reader gets the Vietnamese headline of a story first reported in English,
 * and the reverse). One read for the page's stories.
 */
export async function titledIn<T extends { id: number; title: string }>(
  db: Db,
  cards: T[],
  language: string,
): Promise<T[]> {
  if (cards.length === 0) return cards;
  const first = await firstInLanguage(
    db,
    cards.map((card) => card.id),
    language,
    "title",
  );
  return cards.map((card) => {
    const local = first.get(card.id);
    return local && local.trim() ? { ...card, title: local } : card;
  });
}

/**
 * For each of the stories, the `column` (title or summary) of its earliest original in `language`
 * (by publication, else fetch, date; then id), skipping blank summaries: one statement that
 * returns a row per story, where reading every article of the page's stories through Prisma's
 * relation filter cost 45 ms of CPU a home page at 100,000 articles.
 */
export async function firstInLanguage(
  db: Db,
  storyIds: readonly number[],
  language: string,
  column: "title" | "summary",
): Promise<Map<number, string>> {
  if (storyIds.length === 0) return new Map();
  const sql = Sql.for(db);
  const ids = sql.list(storyIds);
  const lang = sql.p(language);
  const rows = await rawQuery<{ storyId: number | bigint; text: string }>(
    db,
    `SELECT t."storyId" AS "storyId", t."text" AS "text" FROM (
       SELECT sa."storyId" AS "storyId", a."${column}" AS "text",
              ROW_NUMBER() OVER (PARTITION BY sa."storyId" ORDER BY coalesce(a."publishedAt", a."fetchedAt"), a."id") AS "rn"
       FROM "StoryArticle" sa JOIN "Article" a ON a."id" = sa."articleId"
       WHERE sa."storyId" IN (${ids}) AND a."language" = ${lang} AND a."duplicateOfId" IS NULL${
         column === "summary" ? ` AND trim(a."summary") <> ''` : ""
       }
     ) t WHERE t."rn" = 1`,
    sql.params,
  );
  return new Map(rows.map((row) => [Number(row.storyId), row.text]));
}

/**
 * timelinePage, shared between everyone who asks for the same view within PAGE_CACHE_SECONDS
 * (default 5; see microcache): the home page, where every visitor asks for the same first page.
 */
export function recentTimelinePage(
  db: Db,
  filters: Partial<Filters> & { take?: number; articles?: boolean } = {},
): Promise<TimelinePage> {
  const ttlMs = getConfig().PAGE_CACHE_SECONDS * 1000;
  if (ttlMs <= 0) return timelinePage(db, filters);
  return microcache(db, `timeline:${JSON.stringify(filters)}`, ttlMs, () =>
    timelinePage(db, filters),
  );
}

/** Articles listed on a card: the newest ones. A story of thousands of articles would otherwise load them all for one card. */
export const CARD_ARTICLES = 10;
const CARD_ENTITIES = 8;

type CardArticle = TimelineCard["articles"][number];

/**
 * The CARD_ARTICLES newest articles of each of the page's stories, in one statement that reads only
 * those stories' links through their index (views that list articles on a card: the API timeline).
 */
async function cardArticles(db: Db, storyIds: number[]): Promise<Map<number, CardArticle[]>> {
  const articles = new Map<number, CardArticle[]>();
  if (storyIds.length === 0) return articles;
  const sql = Sql.for(db);
  const ids = sql.list(storyIds);
  // NULL dates last on both databases (PostgreSQL sorts them first in DESC by default).
  const rows = await rawQuery<{
    storyId: number | bigint;
    id: number | bigint;
    title: string;
    url: string;
    sourceName: string | null;
    language: string;
    publishedAt: Date | string | number | bigint | null;
  }>(
    db,
    `SELECT t."storyId" AS "storyId", t."id" AS "id", t."title" AS "title", t."url" AS "url", t."sourceName" AS "sourceName",
            t."language" AS "language", t."publishedAt" AS "publishedAt"
     FROM (
       SELECT sa."storyId" AS "storyId", a."id" AS "id", a."title" AS "title", a."url" AS "url", a."sourceName" AS "sourceName",
              a."language" AS "language", a."publishedAt" AS "publishedAt",
              ROW_NUMBER() OVER (PARTITION BY sa."storyId" ORDER BY CASE WHEN a."publishedAt" IS NULL THEN 1 ELSE 0 END, a."publishedAt" DESC, a."id" DESC) AS "rn"
       FROM "StoryArticle" sa JOIN "Article" a ON a."id" = sa."articleId"
       WHERE sa."storyId" IN (${ids})
     ) t WHERE t."rn" <= ${CARD_ARTICLES}`,
    sql.params,
  );
  for (const row of rows) {
    const storyId = Number(row.storyId);
    const article = {
      id: Number(row.id),
      title: row.title,
      url: row.url,
      sourceName: row.sourceName,
      language: row.language,
      publishedAt: rawDate(row.publishedAt),
    };
    const list = articles.get(storyId);
    if (list) list.push(article);
    else articles.set(storyId, [article]);
  }
  return articles;
}
