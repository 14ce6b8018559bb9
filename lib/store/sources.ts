/**
 * Sources (feeds and single pages) and their fetch state: conditional-GET validators, error count
 * with backoff, pause after repeated failures, and the record of every fetch.
 */
import type { Db } from "./db";

export interface SourceRow {
  id: number;
  url: string;
  kind: string;
  title: string | null;
  siteUrl: string | null;
  language: string | null;
  category: string | null;
  etag: string | null;
  lastModified: string | null;
  lastFetchedAt: Date | null;
  lastSuccessAt: Date | null;
  nextFetchAt: Date | null;
  errorCount: number;
  lastError: string | null;
  lastStatus: number | null;
  paused: boolean;
  pausedReason: string | null;
  isSample: boolean;
  createdAt: Date;
}

/** A busy pool (a worker's items in hand) must not turn a fetch into a failure to record it. */
const TRANSACTION_WAIT = { maxWait: 30_000, timeout: 60_000 };

/** Failures in a row after which a source is paused until someone refreshes it. */
export const PAUSE_AFTER_FAILURES = 3;
/** The longest a failing source waits before its next try. */
export const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000;

export interface NewSource {
  url: string;
  kind?: "feed" | "page";
  title?: string | null;
  siteUrl?: string | null;
  language?: string | null;
  category?: string | null;
  isSample?: boolean;
}

/** Adds a source, or returns the existing one with the same URL (adding twice changes nothing). */
export async function addSource(
  db: Db,
  input: NewSource,
): Promise<{ source: SourceRow; created: boolean }> {
  const existing = await db.source.findUnique({ where: { url: input.url } });
  if (existing) return { source: existing, created: false };
  const source = await db.source.create({
    data: {
      url: input.url,
      kind: input.kind ?? "feed",
      title: input.title ?? null,
      siteUrl: input.siteUrl ?? null,
      language: input.language ?? null,
      category: input.category ?? null,
      isSample: input.isSample ?? false,
      nextFetchAt: new Date(0),
    },
  });
  return { source, created: true };
}

/** Every source, newest first. */
export async function listSources(db: Db): Promise<SourceRow[]> {
  return db.source.findMany({ orderBy: [{ isSample: "asc" }, { id: "asc" }] });
}

/** A source by id or URL, or null. */
export async function findSource(db: Db, idOrUrl: number | string): Promise<SourceRow | null> {
  if (typeof idOrUrl === "number") return db.source.findUnique({ where: { id: idOrUrl } });
  if (/^\d+$/.test(idOrUrl)) return db.source.findUnique({ where: { id: Number(idOrUrl) } });
  return db.source.findUnique({ where: { url: idOrUrl } });
}

/** Pauses a source: the worker leaves it alone until it is resumed or refreshed. */
export async function pauseSource(
  db: Db,
  id: number,
  reason = "paused by hand",
): Promise<SourceRow> {
  return db.source.update({ where: { id }, data: { paused: true, pausedReason: reason } });
}

/** A manual refresh: clears the error state and pause, gives its failed items new tries, and makes the source due now. */
export async function resetSource(db: Db, id: number): Promise<SourceRow> {
  await db.sourceItem.updateMany({
    where: { sourceId: id, status: "failed" },
    data: { status: "pending", attempts: 0 },
  });
  return db.source.update({
    where: { id },
    data: {
      paused: false,
      pausedReason: null,
      errorCount: 0,
      lastError: null,
      nextFetchAt: new Date(0),
    },
  });
}

/** Removes a source. Its articles stay (they are the record); they lose the link to the source. */
export async function removeSource(db: Db, id: number): Promise<void> {
  await db.source.delete({ where: { id } });
}

/** Every source not paused (sample sources only with `isSample`), oldest first: `ingest --once`. */
export async function activeSources(
  db: Db,
  options: { isSample?: boolean } = {},
): Promise<SourceRow[]> {
  return db.source.findMany({
    where: { paused: false, isSample: options.isSample ?? false },
    orderBy: { id: "asc" },
  });
}

/** Sources due for a fetch: not paused, not sample data, next fetch time passed. */
export async function dueSources(db: Db, now = new Date(), limit = 100): Promise<SourceRow[]> {
  return db.source.findMany({
    where: {
      paused: false,
      isSample: false,
      OR: [{ nextFetchAt: null }, { nextFetchAt: { lte: now } }],
    },
    orderBy: [{ nextFetchAt: "asc" }, { id: "asc" }],
    take: limit,
  });
}

/**
 * Takes a source for one fetch by moving its next fetch time forward, only if nobody else moved it
 * first: several workers on one database never fetch the same source at once.
 */
export async function leaseSource(db: Db, source: SourceRow, leaseMs: number): Promise<boolean> {
  const result = await db.source.updateMany({
    where: { id: source.id, nextFetchAt: source.nextFetchAt },
    data: { nextFetchAt: new Date(Date.now() + leaseMs) },
  });
  return result.count === 1;
}

/**
 * Extends a lease taken at `since` while its source is still in hand: only while no fetch has been
 * recorded since then (recording one sets the real schedule, which a late renewal must not undo).
 */
export async function renewLease(
  db: Db,
  id: number,
  since: Date,
  leaseMs: number,
): Promise<boolean> {
  const result = await db.source.updateMany({
    where: { id, OR: [{ lastFetchedAt: null }, { lastFetchedAt: { lt: since } }] },
    data: { nextFetchAt: new Date(Date.now() + leaseMs) },
  });
  return result.count === 1;
}

/** The delay before the next try after `failures` failures in a row: exponential, jittered, capped at 24 h. */
export function backoffMs(failures: number, baseMs = 5 * 60 * 1000, random = Math.random): number {
  const exponential = baseMs * 2 ** Math.max(0, failures - 1);
  const jitter = 0.8 + random() * 0.4;
  return Math.min(MAX_BACKOFF_MS, Math.round(exponential * jitter));
}

export interface FetchOutcome {
  url: string;
  startedAt: Date;
  status: number | null;
  itemsFound?: number;
  itemsNew?: number;
}

/** Records a successful fetch (200 or 304): validators kept, errors cleared, next fetch scheduled. */
export async function recordFetchSuccess(
  db: Db,
  source: SourceRow,
  outcome: FetchOutcome & {
    notModified: boolean;
    etag?: string | null;
    lastModified?: string | null;
    title?: string | null;
    siteUrl?: string | null;
    language?: string | null;
    refreshMinutes: number;
  },
): Promise<void> {
  const now = new Date();
  await db.$transaction(
    async (tx) => [
      await tx.source.update({
        where: { id: source.id },
        data: {
          etag: outcome.notModified ? source.etag : (outcome.etag ?? null),
          lastModified: outcome.notModified ? source.lastModified : (outcome.lastModified ?? null),
          title: source.title ?? outcome.title ?? null,
          siteUrl: source.siteUrl ?? outcome.siteUrl ?? null,
          language: source.language ?? outcome.language ?? null,
          lastFetchedAt: now,
          lastSuccessAt: now,
          lastStatus: outcome.status,
          errorCount: 0,
          lastError: null,
          nextFetchAt: new Date(now.getTime() + outcome.refreshMinutes * 60_000),
        },
      }),
      await tx.fetchRecord.create({
        data: {
          sourceId: source.id,
          url: outcome.url,
          startedAt: outcome.startedAt,
          finishedAt: now,
          outcome: outcome.notModified ? "not_modified" : "ok",
          status: outcome.status,
          itemsFound: outcome.itemsFound ?? 0,
          itemsNew: outcome.itemsNew ?? 0,
          durationMs: now.getTime() - outcome.startedAt.getTime(),
        },
      }),
    ],
    TRANSACTION_WAIT,
  );
}

/**
 * Records a failed fetch: error count up, backoff (or the server's Retry-After), and a pause after
 * PAUSE_AFTER_FAILURES failures in a row.
 */
export async function recordFetchFailure(
  db: Db,
  source: SourceRow,
  outcome: FetchOutcome & { error: string; retryAfterMs?: number | null },
): Promise<SourceRow> {
  const now = new Date();
  const errorCount = source.errorCount + 1;
  const delay =
    outcome.retryAfterMs != null
      ? Math.min(MAX_BACKOFF_MS, outcome.retryAfterMs)
      : backoffMs(errorCount);
  const paused = errorCount >= PAUSE_AFTER_FAILURES;
  const [updated] = await db.$transaction(
    async (tx) => [
      await tx.source.update({
        where: { id: source.id },
        data: {
          lastFetchedAt: now,
          lastStatus: outcome.status,
          errorCount,
          lastError: outcome.error.slice(0, 1000),
          nextFetchAt: new Date(now.getTime() + delay),
          paused: paused || source.paused,
          pausedReason: paused
            ? `paused after ${errorCount} failures in a row: ${outcome.error.slice(0, 200)}`
            : source.pausedReason,
        },
      }),
      await tx.fetchRecord.create({
        data: {
          sourceId: source.id,
          url: outcome.url,
          startedAt: outcome.startedAt,
          finishedAt: now,
          outcome: "error",
          status: outcome.status,
          error: outcome.error.slice(0, 1000),
          durationMs: now.getTime() - outcome.startedAt.getTime(),
        },
      }),
    ],
    TRANSACTION_WAIT,
  );
  return updated;
}

/** The latest fetch records of a source, newest first. */
export async function recentFetches(db: Db, sourceId: number, take = 10) {
  return db.fetchRecord.findMany({ where: { sourceId }, orderBy: { startedAt: "desc" }, take });
}
