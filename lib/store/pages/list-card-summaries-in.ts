/**
 * Timeline card summaries in the reader's language. A card is titled in the reader's language
 * (titledIn in lib/store/timeline.ts); a story reported in several languages keeps a summary in
 * its main language, so for those cards the earliest article in the reader's language gives its
 * own summary instead, and a Vietnamese title never sits over an English summary. One read for
 * the page's cards.
 */
import type { Db } from "@/lib/store/db";

/** Summaries by story id, for the cards with articles in `language` and in another language. */
export async function listCardSummariesIn(
  db: Db,
  cards: readonly { id: number; languages: string[] }[],
  language: string,
): Promise<Map<number, string>> {
  const mixed = cards
    .filter((card) => card.languages.length > 1 && card.languages.includes(language))
    .map((card) => card.id);
  if (mixed.length === 0) return new Map();
  const rows = await db.storyArticle.findMany({
    where: { storyId: { in: mixed }, article: { language, duplicateOfId: null } },
    select: {
      storyId: true,
      article: { select: { id: true, summary: true, publishedAt: true, fetchedAt: true } },
    },
  });
  const first = new Map<number, { summary: string; at: number; id: number }>();
  for (const row of rows) {
    if (!row.article.summary.trim()) continue;
    const at = (row.article.publishedAt ?? row.article.fetchedAt).getTime();
    const known = first.get(row.storyId);
    if (!known || at < known.at || (at === known.at && row.article.id < known.id))
      first.set(row.storyId, { summary: row.article.summary, at, id: row.article.id });
  }
  return new Map([...first].map(([id, entry]) => [id, entry.summary]));
}
