/**
 * The timeline: stories newest first, with what a card shows (summary, sources, languages,
 * entity chips, claim chips, whether it is sample data).
 */
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

/** One page of the timeline, newest story first. */
export async function listTimeline(db: Db, options: { take?: number; skip?: number } = {}): Promise<TimelineCard[]> {
  const stories = await db.story.findMany({
    where: { articleCount: { gt: 0 } },
    orderBy: [{ lastPublishedAt: "desc" }, { id: "desc" }],
    take: options.take ?? 30,
    skip: options.skip ?? 0,
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
  return stories.map((story) => {
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
}
