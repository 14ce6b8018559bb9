/** One stored article with its metadata, claims, mentions, story and copies elsewhere. */
import { decodeSpans } from "@/lib/store/articles";
import type { Db } from "@/lib/store/db";

/** Where a verified entity is named in the article's text, as stored with its mention. */
export interface MentionSpan {
  start: number;
  end: number;
  slug: string;
  name: string;
}

/** Loads an article by id; null when there is none (the page answers 404). */
export async function getArticle(db: Db, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const article = await db.article.findUnique({
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
          spans: true,
          entity: { select: { slug: true, name: true, kind: true, verified: true } },
        },
        orderBy: { count: "desc" },
      },
    },
  });
  if (!article) return null;
  // Every occurrence of a verified entity, in text order, from the offsets stored at ingest: the
  // page marks them without running the tagger again.
  const spans: MentionSpan[] = article.mentions
    .filter((mention) => mention.entity.verified)
    .flatMap((mention) =>
      decodeSpans(mention.spans)
        .filter(([, end]) => end <= article.text.length)
        .map(([start, end]) => ({
          start,
          end,
          slug: mention.entity.slug,
          name: mention.entity.name,
        })),
    )
    .sort((a, b) => a.start - b.start || b.end - a.end);
  return { ...article, mentionSpans: spans };
}

export type ArticleDetail = NonNullable<Awaited<ReturnType<typeof getArticle>>>;
