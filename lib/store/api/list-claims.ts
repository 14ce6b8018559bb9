/**
 * Claims whose article matches the shared filters (and optionally a claimant, target or stance),
 * newest first by id; keyset-paginated. Also the reader behind claim threads.
 */
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import type { Filters } from "@/lib/filters";
import type { Db } from "@/lib/store/db";
import { articleWhere } from "@/lib/store/feeds/article-where";

export interface ClaimListOptions {
  claimant?: string;
  target?: string;
  stance?: string;
  minRelevance: number;
}

export const claimSelect = {
  id: true,
  articleId: true,
  type: true,
  stance: true,
  sentence: true,
  confidence: true,
  claimant: { select: { slug: true, name: true, kind: true } },
  target: { select: { slug: true, name: true, kind: true } },
  article: { select: { publishedAt: true, sourceName: true, url: true } },
} as const;

/** The condition on claims for filters and options. */
export function claimWhere(filters: Filters, options: ClaimListOptions): Record<string, unknown> {
  const where: Record<string, unknown> = {
    article: articleWhere({ kind: "latest" }, { ...filters, claim: [] }, options.minRelevance),
  };
  if (filters.claim.length) where.type = { in: filters.claim };
  if (options.claimant) where.claimant = { slug: options.claimant };
  if (options.target) where.target = { slug: options.target };
  if (options.stance) where.stance = options.stance;
  return where;
}

/** A page of claims and the cursor of the next. */
export async function listClaims(db: Db, filters: Filters, options: ClaimListOptions) {
  const where = claimWhere(filters, options);
  if (filters.cursor) {
    where.id = { lt: decodeCursor(filters.cursor, "id").id };
  }
  const rows = await db.claim.findMany({
    where,
    orderBy: { id: "desc" },
    take: filters.limit + 1,
    select: claimSelect,
  });
  const page = rows.slice(0, filters.limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor:
      rows.length > filters.limit && last ? encodeCursor({ kind: "id", id: last.id }) : null,
  };
}
