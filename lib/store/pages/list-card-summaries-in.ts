/**
 * Timeline card summaries in the reader's language. A card is titled in the reader's language
 * (titledIn in lib/store/timeline.ts); a story reported in several languages keeps a summary in
 * its main language, so for those cards the earliest article in the reader's language gives its
 * own summary instead, and a Vietnamese title never sits over an English summary. One read for
 * the page's cards.
 */
import type { Db } from "@/lib/store/db";
import { firstInLanguage } from "@/lib/store/timeline";

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
  return firstInLanguage(db, mixed, language, "summary");
}
