/**
 * Claim threads (claimant, target, type) over the claims matching the filters, grouped by
 * lib/store/claim-threads.ts. Threads are computed from at most MAX_THREAD_CLAIMS most recent claims, then
 * paged by position (the cursor is an offset): a thread list is small next to the claims behind it.
 */
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import { groupClaimThreads, type ClaimThread } from "@/lib/store/claim-threads";
import type { Filters } from "@/lib/filters";
import type { ClaimType, Stance } from "@/lib/types";
import type { Db } from "@/lib/store/db";
import { hostOf } from "@/lib/urls";
import { claimSelect, claimWhere, type ClaimListOptions } from "./list-claims";

export const MAX_THREAD_CLAIMS = 5000;

/** A page of threads, most recently active first, and the cursor of the next. */
export async function listClaimThreads(
  db: Db,
  filters: Filters,
  options: ClaimListOptions,
): Promise<{ rows: ClaimThread[]; nextCursor: string | null }> {
  let offset = 0;
  if (filters.cursor) offset = decodeCursor(filters.cursor, "offset").offset;
  const claims = await db.claim.findMany({
    where: claimWhere(filters, options),
    orderBy: { id: "desc" },
    take: MAX_THREAD_CLAIMS,
    select: claimSelect,
  });
  const threads = groupClaimThreads(
    claims.map((claim) => ({
      claim: {
        claimant: claim.claimant.name,
        target: claim.target.name,
        claimantSlug: claim.claimant.slug,
        targetSlug: claim.target.slug,
        type: claim.type as ClaimType,
        stance: claim.stance as Stance,
        sentence: claim.sentence,
        start: 0,
        end: 0,
        confidence: claim.confidence,
      },
      articleId: String(claim.articleId),
      publishedAt: claim.article.publishedAt,
      source: claim.article.sourceName ?? hostOf(claim.article.url),
    })),
  );
  const rows = threads.slice(offset, offset + filters.limit);
  const next = offset + filters.limit;
  return {
    rows,
    nextCursor: next < threads.length ? encodeCursor({ kind: "offset", offset: next }) : null,
  };
}
