/** Articles for the JSON API: the same condition as the feeds, newest first, keyset-paginated on (publishedAt, id). */
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import type { Filters } from "@/lib/filters";
import type { Db } from "@/lib/store/db";
import { articleWhere } from "@/lib/store/feeds/article-where";
import {
  feedArticleSelect,
  toFeedArticle,
  type FeedArticle,
} from "@/lib/store/feeds/list-feed-articles";

/** One page of articles and the cursor of the next. */
export async function listArticles(
  db: Db,
  filters: Filters,
  minRelevance: number,
): Promise<{ rows: FeedArticle[]; nextCursor: string | null }> {
  const where = articleWhere({ kind: "latest" }, filters, minRelevance);
  if (filters.cursor) {
    const cursor = decodeCursor(filters.cursor, "time");
    (where.AND as object[]).push({
      OR: [
        { publishedAt: { lt: cursor.time } },
        { publishedAt: cursor.time, id: { lt: cursor.id } },
      ],
    });
  }
  const rows = await db.article.findMany({
    where,
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take: filters.limit + 1,
    select: feedArticleSelect,
  });
  const page = rows.slice(0, filters.limit).map(toFeedArticle);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor:
      rows.length > filters.limit && last
        ? encodeCursor({ kind: "time", time: last.publishedAt ?? new Date(0), id: last.id })
        : null,
  };
}
