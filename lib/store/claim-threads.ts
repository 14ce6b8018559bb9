/**
 * Claim threads: the same accusation (who, against whom, of what) followed across articles and
 * time, so a reader sees "alleges → denies → settles" instead of forty near-identical sentences.
 * Pure: the caller hands in claims with the article they came from; nothing here reads the
 * database. It sits in the store because only the store's reads group claims this way.
 */

import type { Claim, ClaimType, Stance } from "@/lib/types";

/** One claim as it was seen in one article. */
export interface ClaimOccurrence {
  claim: Claim;
  articleId: string;
  /** When the article was published (ISO string or Date); null sorts first and is ignored for first/last seen. */
  publishedAt: string | Date | null;
  /** The outlet or feed the article came from (a name or a host). */
  source: string;
}

/** A stance as it entered the thread, with the first time it was seen. */
export interface StanceStep {
  stance: Stance;
  firstSeen: string | null;
  articleId: string;
}

/** Every occurrence of one (claimant, target, type) accusation. */
export interface ClaimThread {
  /** `${claimantSlug}|${targetSlug}|${type}`: stable, so links and feeds keep working. */
  key: string;
  claimantSlug: string;
  targetSlug: string;
  claimant: string;
  target: string;
  type: ClaimType;
  firstSeen: string | null;
  lastSeen: string | null;
  articleCount: number;
  /** Distinct sources, in the order they first carried the claim. */
  sources: string[];
  /**
   * Stances in time order with consecutive repeats collapsed: "alleges, alleges, denies" reads as
   * one allegation answered once, which is what a reader wants to see.
   */
  stances: StanceStep[];
  /** All occurrences, oldest first. */
  occurrences: ClaimOccurrence[];
}

/** The thread key of a claim: direction matters (OpenAI accusing DeepSeek is not the reverse). */
export function threadKey(claim: Pick<Claim, "claimantSlug" | "targetSlug" | "type">): string {
  return `${claim.claimantSlug}|${claim.targetSlug}|${claim.type}`;
}

function isoOf(value: string | Date | null): string | null {
  if (value === null) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * Groups claim occurrences into threads keyed (claimantSlug, targetSlug, type). Threads come back
 * most recently active first; occurrences inside a thread oldest first, so the stance sequence
 * reads as the story unfolded. Undated occurrences count for articles and sources but not dates.
 */
export function groupClaimThreads(occurrences: readonly ClaimOccurrence[]): ClaimThread[] {
  const byKey = new Map<string, ClaimOccurrence[]>();
  for (const occurrence of occurrences) {
    const key = threadKey(occurrence.claim);
    const list = byKey.get(key);
    if (list) list.push(occurrence);
    else byKey.set(key, [occurrence]);
  }

  const threads: ClaimThread[] = [];
  for (const [key, list] of byKey) {
    const ordered = list
      .map((occurrence, index) => ({ occurrence, index, iso: isoOf(occurrence.publishedAt) }))
      // Undated first, then by date; the input order breaks ties so the result is deterministic.
      .sort((a, b) => {
        if (a.iso === b.iso) return a.index - b.index;
        if (a.iso === null) return -1;
        if (b.iso === null) return 1;
        return a.iso < b.iso ? -1 : 1;
      });
    const dated = ordered.filter((entry) => entry.iso !== null);
    const sources: string[] = [];
    const articles = new Set<string>();
    const stances: StanceStep[] = [];
    for (const { occurrence, iso } of ordered) {
      articles.add(occurrence.articleId);
      if (!sources.includes(occurrence.source)) sources.push(occurrence.source);
      const last = stances[stances.length - 1];
      if (!last || last.stance !== occurrence.claim.stance) {
        stances.push({
          stance: occurrence.claim.stance,
          firstSeen: iso,
          articleId: occurrence.articleId,
        });
      }
    }
    const first = ordered[0].occurrence.claim;
    threads.push({
      key,
      claimantSlug: first.claimantSlug,
      targetSlug: first.targetSlug,
      claimant: first.claimant,
      target: first.target,
      type: first.type,
      firstSeen: dated.length > 0 ? dated[0].iso : null,
      lastSeen: dated.length > 0 ? dated[dated.length - 1].iso : null,
      articleCount: articles.size,
      sources,
      stances,
      occurrences: ordered.map((entry) => entry.occurrence),
    });
  }

  return threads.sort((a, b) => {
    const left = a.lastSeen ?? "";
    const right = b.lastSeen ?? "";
    if (left !== right) return left < right ? 1 : -1;
    if (a.articleCount !== b.articleCount) return b.articleCount - a.articleCount;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
}
