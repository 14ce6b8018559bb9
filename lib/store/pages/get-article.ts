/** One stored article with its metadata, claims, mentions, story and copies elsewhere. */
import type { Db } from "@/lib/store/db";

/** Loads an article by id; null when there is none (the page answers 404). */
export async function getArticle(db: Db, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return db.article.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      url: true,
      canonicalUrl: true,
      sourceName: true,
      byline: true,
      language: true,
      text: true,
      summary: true,
      relevance: true,
      publishedAt: true,
      isSample: true,
      source: { select: { title: true, siteUrl: true } },
      duplicateOf: { select: { id: true, title: true, url: true, sourceName: true } },
      duplicates: {
        select: { id: true, title: true, url: true, sourceName: true },
        orderBy: { id: "asc" },
      },
      story: { select: { story: { select: { id: true, title: true } } } },
      claims: {
        select: {
          id: true,
          type: true,
          stance: true,
          sentence: true,
          start: true,
          end: true,
          claimant: { select: { slug: true, name: true } },
          target: { select: { slug: true, name: true } },
        },
        orderBy: { start: "asc" },
      },
      mentions: {
        select: {
          count: true,
          entity: { select: { slug: true, name: true, kind: true, verified: true } },
        },
        orderBy: { count: "desc" },
      },
    },
  });
}

export type ArticleDetail = NonNullable<Awaited<ReturnType<typeof getArticle>>>;
