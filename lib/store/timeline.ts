/**
 * The timeline: stories newest first, with what a card shows (summary, sources, languages,
 * entity chips, claim chips, whether it is sample data).
 */
import { decodeCursor, encodeCursor, type Filters } from "../filters";
import type { Db } from "./db";

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

/** A page of the timeline with the cursor of the next one. */
export async function timelinePage(db: Db, filters: Partial<Filters> & { take?: number } = {}): Promise<TimelinePage> {
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
    include: {
      articles: {
        include: {
          article: {
            select: {
              id: true,
              title: true,
              url: true,
              sourceName: true,
              language: true,
              publishedAt: true,
              mentions: { select: { count: true, entity: { select: { slug: true, name: true, kind: true, verified: true } } } },
              claims: { select: { type: true } },
            },
          },
        },
      },
    },
  });
  const stories = rows.slice(0, take);
  const last = stories[stories.length - 1];
  const nextCursor = rows.length > take && last ? encodeCursor(last.lastPublishedAt, last.id) : null;
  const cards = stories.map((story) => {
    const articles = story.articles.map((link) => link.article);
    const entities = new Map<string, { slug: string; name: string; kind: string; count: number }>();
    const claimTypes = new Map<string, number>();
    for (const article of articles) {
      for (const mention of article.mentions) {
        if (!mention.entity.verified) continue;
        const entry = entities.get(mention.entity.slug) ?? { slug: mention.entity.slug, name: mention.entity.name, kind: mention.entity.kind, count: 0 };
        entry.count += 1;
        entities.set(entry.slug, entry);
      }
      for (const claim of article.claims) claimTypes.set(claim.type, (claimTypes.get(claim.type) ?? 0) + 1);
    }
    return {
      id: story.id,
      title: story.title,
      summary: story.summary,
      firstPublishedAt: story.firstPublishedAt,
      lastPublishedAt: story.lastPublishedAt,
      articleCount: story.articleCount,
      sourceCount: new Set(articles.map((a) => a.sourceName ?? a.url)).size,
      languages: story.languages ? story.languages.split(",") : [],
      isSample: story.isSample,
      entities: [...entities.values()].sort((a, b) => b.count - a.count).slice(0, 8),
      claimTypes: [...claimTypes].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count),
      articles: articles
        .map(({ mentions: _m, claims: _c, ...rest }) => rest)
        .sort((a, b) => (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0)),
    };
  });
  return { cards, nextCursor };
}
