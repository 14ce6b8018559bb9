/**
 * One claim thread: every sentence in which a claimant accuses a target of one type of wrong, with
 * the target's denials of it. The
 * stance run, the time span and the sources are worked out from every sentence (a narrow read of
 * each claim's stance, date and source); the sentences themselves are shown a page at a time,
 * oldest first, so a thread carried by thousands of sentences stays one quick page.
 */
import { groupClaimThreads, type ClaimThread } from "@/lib/store/claim-threads";
import type { ClaimType, Stance } from "@/lib/types";
import { accusationsIn, disputeDirection } from "@/lib/store/claim-direction";
import { rawDate, rawQuery, type Db } from "@/lib/store/db";
import { Sql } from "@/lib/store/sql";
import { sharedAggregate } from "@/lib/store/microcache";
import { hostOf } from "@/lib/urls";

export interface ThreadSentence {
  claimId: number;
  sentence: string;
  stance: string;
  confidence: number;
  article: {
    id: number;
    title: string;
    url: string;
    source: string;
    language: string;
    publishedAt: Date | null;
    storyId: number | null;
  };
}

/** Sentences shown per page of a thread. */
export const THREAD_PAGE_SIZE = 100;

export interface ClaimThreadDetail {
  claimant: { slug: string; name: string };
  target: { slug: string; name: string };
  type: string;
  /** Stances in time order, repeats collapsed (from groupClaimThreads); `occurrences` is left empty. */
  thread: ClaimThread;
  /** How many sentences carry each stance, most first. */
  stanceCounts: { stance: string; count: number }[];
  /** Every sentence carrying the claim, and the pages they fill (1-based). */
  total: number;
  page: number;
  pages: number;
  /** This page's sentences, oldest first. */
  sentences: ThreadSentence[];
}

interface ThreadOutline {
  claimant: { id: number; slug: string; name: string };
  target: { id: number; slug: string; name: string };
  thread: ClaimThread;
  stanceCounts: { stance: string; count: number }[];
  /** Claim ids in reading order: undated first, then by date, then by id. */
  order: number[];
}

async function threadOutline(
  db: Db,
  claimantSlug: string,
  targetSlug: string,
  type: string,
): Promise<ThreadOutline | null> {
  const [claimant, target] = await Promise.all([
    db.entity.findUnique({
      where: { slug: claimantSlug },
      select: { id: true, slug: true, name: true },
    }),
    db.entity.findUnique({
      where: { slug: targetSlug },
      select: { id: true, slug: true, name: true },
    }),
  ]);
  if (!claimant || !target) return null;
  const sql = Sql.for(db);
  // Both directions: the accused's denials (stored from its side, lib/store/claim-direction.ts)
  // belong to this thread, and a settlement to whichever side was accused.
  const both = await db.$queryRawUnsafe<
    {
      id: number | bigint;
      claimantId: number | bigint;
      stance: string;
      confidence: number;
      articleId: number | bigint;
      publishedAt: Date | string | null;
      sourceName: string | null;
      url: string;
    }[]
  >(
    `SELECT c."id" AS "id", c."claimantId" AS "claimantId", c."stance" AS "stance", c."confidence" AS "confidence", a."id" AS "articleId", a."publishedAt" AS "publishedAt", a."sourceName" AS "sourceName", a."url" AS "url"
     FROM "Claim" c JOIN "Article" a ON a."id" = c."articleId"
     WHERE ((c."claimantId" = ${sql.p(claimant.id)} AND c."targetId" = ${sql.p(target.id)}) OR (c."claimantId" = ${sql.p(target.id)} AND c."targetId" = ${sql.p(claimant.id)})) AND c."type" = ${sql.p(type)}`,
    ...sql.params,
  );
  const parties = (row: (typeof both)[number]) => {
    const forward = Number(row.claimantId) === claimant.id;
    return {
      claimantId: forward ? claimant.id : target.id,
      targetId: forward ? target.id : claimant.id,
      type,
      stance: row.stance,
    };
  };
  const accused = accusationsIn(both.map((row) => ({ ...parties(row), count: 1 })));
  const rows = both.filter(
    (row) => disputeDirection(parties(row), accused).accuserId === claimant.id,
  );
  if (rows.length === 0) return null;
  const claims = rows
    .map((row) => ({
      id: Number(row.id),
      stance: row.stance,
      confidence: row.confidence,
      articleId: Number(row.articleId),
      publishedAt: rawDate(row.publishedAt),
      source: row.sourceName ?? hostOf(row.url),
    }))
    .sort(
      (a, b) => (a.publishedAt?.getTime() ?? 0) - (b.publishedAt?.getTime() ?? 0) || a.id - b.id,
    );
  const [thread] = groupClaimThreads(
    claims.map((c) => ({
      claim: {
        claimant: claimant.name,
        target: target.name,
        claimantSlug: claimant.slug,
        targetSlug: target.slug,
        type: type as ClaimType,
        stance: c.stance as Stance,
        sentence: "",
        start: 0,
        end: 0,
        confidence: c.confidence,
      },
      articleId: String(c.articleId),
      publishedAt: c.publishedAt,
      source: c.source,
    })),
  );
  const stances = new Map<string, number>();
  for (const c of claims) stances.set(c.stance, (stances.get(c.stance) ?? 0) + 1);
  return {
    claimant,
    target,
    thread: { ...thread!, occurrences: [] },
    stanceCounts: [...stances]
      .map(([stance, count]) => ({ stance, count }))
      .sort((a, b) => b.count - a.count || a.stance.localeCompare(b.stance)),
    order: claims.map((c) => c.id),
  };
}

/**
 * Loads one page of a thread (1-based; past the last page gives the last; `pageSize` sentences,
 * THREAD_PAGE_SIZE unless told); null when either party
 * is unknown or nothing carries that claim (the page answers 404). With `shared`, the outline is
 * a shared aggregate (lib/store/microcache.ts), as the thread page has it.
 */
export async function getClaimThread(
  db: Db,
  claimantSlug: string,
  targetSlug: string,
  type: string,
  options: { page?: number; shared?: boolean; pageSize?: number } = {},
): Promise<ClaimThreadDetail | null> {
  const outline = options.shared
    ? await sharedAggregate(db, `thread:${claimantSlug}|${targetSlug}|${type}`, () =>
        threadOutline(db, claimantSlug, targetSlug, type),
      )
    : await threadOutline(db, claimantSlug, targetSlug, type);
  if (!outline) return null;
  const size = options.pageSize ?? THREAD_PAGE_SIZE;
  const total = outline.order.length;
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pages);
  const ids = outline.order.slice((page - 1) * size, page * size);
  const claims = await threadSentences(db, ids);
  const byId = new Map(claims.map((c) => [c.id, c]));
  // A claim removed since the outline was made is left out of the page.
  const sentences: ThreadSentence[] = ids.flatMap((id) => {
    const c = byId.get(id);
    if (!c) return [];
    return [
      {
        claimId: c.id,
        sentence: c.sentence,
        stance: c.stance,
        confidence: c.confidence,
        article: {
          id: c.articleId,
          title: c.title,
          url: c.url,
          source: c.sourceName ?? hostOf(c.url),
          language: c.language,
          publishedAt: c.publishedAt,
          storyId: c.storyId,
        },
      },
    ];
  });
  return {
    claimant: { slug: outline.claimant.slug, name: outline.claimant.name },
    target: { slug: outline.target.slug, name: outline.target.name },
    type,
    thread: outline.thread,
    stanceCounts: outline.stanceCounts,
    total,
    page,
    pages,
    sentences,
  };
}

/** The claims of a thread page with their articles and stories: one raw statement. */
async function threadSentences(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const sql = Sql.for(db);
  type Num = number | bigint;
  const rows = await rawQuery<{
    id: Num;
    sentence: string;
    stance: string;
    confidence: number | string;
    articleId: Num;
    title: string;
    url: string;
    sourceName: string | null;
    language: string;
    publishedAt: Date | string | number | bigint | null;
    storyId: Num | null;
  }>(
    db,
    `SELECT c."id" AS "id", c."sentence" AS "sentence", c."stance" AS "stance", c."confidence" AS "confidence",
            a."id" AS "articleId", a."title" AS "title", a."url" AS "url", a."sourceName" AS "sourceName",
            a."language" AS "language", a."publishedAt" AS "publishedAt", sa."storyId" AS "storyId"
     FROM "Claim" c JOIN "Article" a ON a."id" = c."articleId"
     LEFT JOIN "StoryArticle" sa ON sa."articleId" = a."id"
     WHERE c."id" IN (${sql.list(ids)})`,
    sql.params,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    sentence: row.sentence,
    stance: row.stance,
    confidence: Number(row.confidence),
    articleId: Number(row.articleId),
    title: row.title,
    url: row.url,
    sourceName: row.sourceName,
    language: row.language,
    publishedAt: rawDate(row.publishedAt),
    storyId: row.storyId === null ? null : Number(row.storyId),
  }));
}
