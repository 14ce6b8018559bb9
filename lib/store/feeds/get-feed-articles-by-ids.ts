/** Feed articles for a list of ids (search hits), in the order given; ids that vanished are skipped. */
import type { Db } from "@/lib/store/db";
import { feedArticleSelect, toFeedArticle, type FeedArticle } from "./list-feed-articles";

/** Loads FeedArticles by id, keeping the caller's order. */
export async function getFeedArticlesByIds(db: Db, ids: number[]): Promise<FeedArticle[]> {
  if (ids.length === 0) return [];
  const rows = await db.article.findMany({ where: { id: { in: ids } }, select: feedArticleSelect });
  const byId = new Map(rows.map((row) => [row.id, toFeedArticle(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
