/** A story's articles in one language, with what its title and summary in that language need. */
import type { Db } from "@/lib/store/db";

export interface StoryArticleText {
  title: string;
  summary: string;
  language: string;
  publishedAt: Date | null;
}

/**
 * The story's articles in `language` (copies of another article left out), oldest first, at most
 * the `take` newest of them. Empty when the story has none in that language.
 */
export async function listStoryArticlesIn(
  db: Db,
  storyId: number,
  language: string,
  take: number,
): Promise<StoryArticleText[]> {
  const rows = await db.article.findMany({
    where: { story: { storyId }, language, duplicateOfId: null },
    select: { title: true, summary: true, language: true, publishedAt: true, fetchedAt: true },
    orderBy: [{ publishedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
    take,
  });
  return rows
    .map((row) => ({
      title: row.title,
      summary: row.summary,
      language: row.language,
      publishedAt: row.publishedAt ?? row.fetchedAt,
    }))
    .reverse();
}
