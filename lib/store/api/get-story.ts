/**
 * One story for the API: the story page's read (lib/store/pages/get-story.ts: figures over the
 * whole story, one page of its articles oldest first) and every claim of that page's articles
 * with both parties. A story of any size answers in pages; null when there is no such story.
 */
import type { ClaimWithParties } from "@/lib/types";
import type { Db } from "@/lib/store/db";
import {
  getStory as getStoryPage,
  STORY_PAGE_SIZE,
  type StoryDetail,
} from "@/lib/store/pages/get-story";

export interface ApiStory {
  detail: StoryDetail;
  /** The claims of detail.articles, in the page's article order, then sentence order. */
  claims: ClaimWithParties[];
}

/** Reads page `page` (1-based; past the last gives the last) of story `id`, with its articles' claims. */
export async function getStory(
  db: Db,
  id: number,
  page = 1,
  pageSize = STORY_PAGE_SIZE,
): Promise<ApiStory | null> {
  // No thread sentences: the API lists the page's claims in full instead.
  const detail = await getStoryPage(db, id, { page, pageSize, threadSentences: 0 });
  if (!detail) return null;
  const ids = detail.articles.map((article) => article.id);
  const party = { select: { slug: true, name: true, kind: true } };
  const rows = ids.length
    ? await db.claim.findMany({
        where: { articleId: { in: ids } },
        select: {
          id: true,
          articleId: true,
          type: true,
          stance: true,
          sentence: true,
          confidence: true,
          start: true,
          claimant: party,
          target: party,
        },
      })
    : [];
  const position = new Map(ids.map((articleId, index) => [articleId, index]));
  const claims = rows
    .sort(
      (a, b) =>
        position.get(a.articleId)! - position.get(b.articleId)! || a.start - b.start || a.id - b.id,
    )
    .map(({ start: _start, ...claim }) => claim);
  return { detail, claims };
}
