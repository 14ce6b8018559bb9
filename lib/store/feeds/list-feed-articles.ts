/**
 * Articles for a feed or a digest: newest first, with what an item shows (entities, claim types,
 * story). One query with nested selects, bounded by `take`.
 */
import type { Filters } from "@/lib/filters";
import type { Db } from "@/lib/store/db";
import { articleWhere, type ArticleScope } from "./article-where";

export interface FeedArticle {
  id: number;
  title: string;
  summary: string;
  url: string;
  sourceName: string | null;
  language: string;
  publishedAt: Date;
  updatedAt: Date;
  isSample: boolean;
  storyId: number | null;
  story: { id: number; title: string; summary: string } | null;
  entities: { slug: string; name: string; kind: string }[];
  claimTypes: string[];
  /** The article's claims with their sentences, in the order the article has them. */
  claims: FeedClaim[];
}

/** One claim of an article as a feed item quotes it. */
export interface FeedClaim {
  claimant: string;
  target: string;
  type: string;
  stance: string;
  sentence: string;
}

export interface ListFeedArticlesOptions {
  take: number;
  minRelevance: number;
  /** Only articles published at or after this instant (digests). */
  since?: Date;
}

/** The select every feed read shares, and its conversion into FeedArticle. */
export const feedArticleSelect = {
  id: true,
  title: true,
  summary: true,
  url: true,
  sourceName: true,
  language: true,
  publishedAt: true,
  updatedAt: true,
  isSample: true,
  story: { select: { story: { select: { id: true, title: true, summary: true } } } },
  mentions: {
    where: { entity: { verified: true } },
    orderBy: { count: "desc" as const },
    take: 8,
    select: { entity: { select: { slug: true, name: true, kind: true } } },
  },
  claims: {
    orderBy: [{ start: "asc" as const }, { id: "asc" as const }],
    select: {
      type: true,
      stance: true,
      sentence: true,
      claimant: { select: { name: true } },
      target: { select: { name: true } },
    },
  },
};

type Row = {
  id: number;
  title: string;
  summary: string;
  url: string;
  sourceName: string | null;
  language: string;
  publishedAt: Date | null;
  updatedAt: Date;
  isSample: boolean;
  story: { story: { id: number; title: string; summary: string } } | null;
  mentions: { entity: { slug: string; name: string; kind: string } }[];
  claims: {
    type: string;
    stance: string;
    sentence: string;
    claimant: { name: string };
    target: { name: string };
  }[];
};

/** Converts a Prisma row (selected with feedArticleSelect) into our FeedArticle. */
export function toFeedArticle(row: Row): FeedArticle {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    url: row.url,
    sourceName: row.sourceName,
    language: row.language,
    publishedAt: row.publishedAt ?? row.updatedAt,
    updatedAt: row.updatedAt,
    isSample: row.isSample,
    storyId: row.story?.story.id ?? null,
    story: row.story?.story ?? null,
    entities: row.mentions.map((mention) => mention.entity),
    claimTypes: [...new Set(row.claims.map((claim) => claim.type))].sort(),
    claims: row.claims.map((claim) => ({
      claimant: claim.claimant.name,
      target: claim.target.name,
      type: claim.type,
      stance: claim.stance,
      sentence: claim.sentence,
    })),
  };
}

/** The newest `take` articles of a scope and filters (optionally since an instant). */
export async function listFeedArticles(
  db: Db,
  scope: ArticleScope,
  filters: Partial<Filters>,
  options: ListFeedArticlesOptions,
): Promise<FeedArticle[]> {
  const where = articleWhere(scope, filters, options.minRelevance);
  if (options.since) (where.AND as object[]).push({ publishedAt: { gte: options.since } });
  const rows = await db.article.findMany({
    where,
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: options.take,
    select: feedArticleSelect,
  });
  return rows.map(toFeedArticle);
}
