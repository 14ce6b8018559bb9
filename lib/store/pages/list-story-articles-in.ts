/** A story's articles in one language, with what its title and summary in that language need. */
import { rawDate, rawQuery, type Db } from "@/lib/store/db";
import { Sql } from "@/lib/store/sql";

export interface StoryArticleText {
  title: string;
  summary: string;
  language: string;
  publishedAt: Date | null;
}

/**
 * The story's articles in `language` (copies of another article left out), oldest first, at most
 * the `take` newest of them. Empty when the story has none in that language. One raw statement.
 */
export async function listStoryArticlesIn(
  db: Db,
  storyId: number,
  language: string,
  take: number,
): Promise<StoryArticleText[]> {
  const sql = Sql.for(db);
  // NULL dates last on both databases (PostgreSQL sorts them first in DESC by default).
  const rows = await rawQuery<{
    title: string;
    summary: string;
    language: string;
    publishedAt: Date | string | number | bigint | null;
    fetchedAt: Date | string | number | bigint | null;
  }>(
    db,
    `SELECT a."title" AS "title", a."summary" AS "summary", a."language" AS "language",
            a."publishedAt" AS "publishedAt", a."fetchedAt" AS "fetchedAt"
     FROM "StoryArticle" sa JOIN "Article" a ON a."id" = sa."articleId"
     WHERE sa."storyId" = ${sql.p(storyId)} AND a."language" = ${sql.p(language)} AND a."duplicateOfId" IS NULL
     ORDER BY CASE WHEN a."publishedAt" IS NULL THEN 1 ELSE 0 END, a."publishedAt" DESC, a."id" DESC
     LIMIT ${sql.p(take)}`,
    sql.params,
  );
  return rows
    .map((row) => ({
      title: row.title,
      summary: row.summary,
      language: row.language,
      publishedAt: rawDate(row.publishedAt) ?? rawDate(row.fetchedAt),
    }))
    .reverse();
}
