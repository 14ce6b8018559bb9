/** One story with its articles, chips and claims, for the API; null when there is no such story. */
import type { Db } from "../db";
import { loadStoryGraph } from "../pages/get-story";

/**
 * Reads a story by id with what its API answer shows: the story row and, per article, its claims
 * (by id) and mentions. The same flat reads as the story page (loadStoryGraph).
 */
export async function getStory(db: Db, id: number) {
  const graph = await loadStoryGraph(db, id);
  if (!graph) return null;
  return {
    ...graph.story,
    articles: graph.articles.map(({ byline: _byline, duplicateCount: _copies, claims, ...article }) => ({
      article: { ...article, claims: [...claims].sort((a, b) => a.id - b.id).map(({ start: _start, ...claim }) => claim) },
    })),
  };
}
