/**
 * Ingest as jobs on PostgreSQL, on pg-boss (a job queue kept in the same database, in its own
 * schema `pgboss`, claimed with FOR UPDATE SKIP LOCKED; no other server).
 *
 *   refresh-source {sourceId}: fetch the feed, record its new items as pending beside its validators
 *                              (lib/store/source-items.ts), then one ingest-item job per pending item.
 *   ingest-item {itemId}:      fetch the page → extract → analyse → store, then mark the item done.
 *
 * So the items of one big feed spread over every worker. Both queues are `stately` with the
 * source's or item's id as key: one job of a key waits and one runs at a time, so sending again
 * what is already queued is a no-op, and no two workers hold the same item. A job in hand sends a
 * heartbeat every 5 s; a worker that dies (kill -9, lost network) stops sending them, and its jobs
 * are failed and retried by the others within about 15 s. A failed try of an item is retried with
 * exponential backoff and jitter (pg-boss's retryBackoff) until MAX_ITEM_ATTEMPTS; then the item is
 * kept as failed with its error (the admin lists those, and retrying one sends its job again).
 * The schedule (which source is due) stays in our Source table: every worker sends a job for each
 * due source each poll, and the queue's key makes that idempotent.
 */
import { PgBoss, type Job, type JobResult } from "pg-boss";
import { errorMessage } from "@/lib/errors";
import { findPendingItems, markItemsDone, MAX_ITEM_ATTEMPTS } from "@/lib/store/source-items";
import { dueSources, findSource, recordFetchSuccess, type SourceRow } from "@/lib/store/sources";
import { fetchSourceItems, recordSourceFailure, tryItem, type PipelineContext } from "./index";

export const REFRESH_QUEUE = "refresh-source";
export const ITEM_QUEUE = "ingest-item";
/** Seconds between heartbeats a job in hand must send; missing them for this long gives it to another worker. */
export const HEARTBEAT_SECONDS = 10;

interface RefreshJob {
  sourceId: number;
  /** A refresh asked for by hand runs even when the source is not due. */
  force?: boolean;
}
interface ItemJob {
  itemId: number;
}

/** Connects pg-boss to the database (creating its schema and our two queues the first time). */
export async function startQueue(
  databaseUrl: string,
  log: (message: string) => void = () => undefined,
): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: "pgboss",
    max: 6,
    // Jobs of a dead worker are found by the monitor pass: keep it to a couple of seconds.
    superviseIntervalSeconds: 2,
    monitorIntervalSeconds: 2,
  });
  boss.on("error", (error: unknown) => log(`queue: ${errorMessage(error)}`));
  await boss.start();
  const common = {
    policy: "stately" as const,
    heartbeatSeconds: HEARTBEAT_SECONDS,
    expireInSeconds: 15 * 60,
    retryBackoff: true,
    retentionSeconds: 7 * 86_400,
    deleteAfterSeconds: 7 * 86_400,
  };
  for (const [name, options] of [
    [REFRESH_QUEUE, { ...common, retryLimit: 3, retryDelay: 5, retryDelayMax: 300 }],
    [ITEM_QUEUE, { ...common, retryLimit: MAX_ITEM_ATTEMPTS, retryDelay: 2, retryDelayMax: 600 }],
  ] as const) {
    if (!(await boss.getQueue(name))) {
      try {
        await boss.createQueue(name, options);
      } catch (error) {
        // Another worker created it at the same moment.
        if (!(await boss.getQueue(name))) throw error;
      }
    }
  }
  return boss;
}

/** Sends a refresh job for every due source (an already queued one is not sent twice). Returns how many were new. */
export async function enqueueDueSources(ctx: PipelineContext, boss: PgBoss): Promise<number> {
  let sent = 0;
  for (const source of await dueSources(ctx.db)) {
    if (
      await boss.send(REFRESH_QUEUE, { sourceId: source.id } satisfies RefreshJob, {
        singletonKey: `source-${source.id}`,
      })
    )
      sent++;
  }
  return sent;
}

/** Sends a refresh job for one source now, whether or not it is due (the admin's "refresh"). */
export async function enqueueRefresh(boss: PgBoss, sourceId: number): Promise<void> {
  await boss.send(REFRESH_QUEUE, { sourceId, force: true } satisfies RefreshJob, {
    singletonKey: `source-${sourceId}`,
  });
}

/** Sends the job of one item (a pending item whose job was lost, or a failed one retried by hand). */
export async function enqueueItem(boss: PgBoss, itemId: number): Promise<void> {
  await boss.send(ITEM_QUEUE, { itemId } satisfies ItemJob, { singletonKey: `item-${itemId}` });
}

/** Sends the jobs of many items in one statement (those already queued are left as they are). */
export async function enqueueItems(boss: PgBoss, itemIds: number[]): Promise<void> {
  for (let start = 0; start < itemIds.length; start += 500) {
    await boss.insert(
      ITEM_QUEUE,
      itemIds.slice(start, start + 500).map((itemId) => ({
        data: { itemId } satisfies ItemJob,
        singletonKey: `item-${itemId}`,
      })),
    );
  }
}

/**
 * One refresh: the feed fetched and its items recorded, then a job for each pending item. A feed
 * that fails is recorded on the source (count, backoff, pause after 3) and the job ends: the
 * source's own schedule is its retry.
 */
export async function runRefreshJob(
  ctx: PipelineContext,
  boss: PgBoss,
  job: RefreshJob,
): Promise<void> {
  const source = await findSource(ctx.db, job.sourceId);
  if (!source || source.paused) return;
  // Sent twice while one ran: the second finds the source already refreshed and not due.
  if (!job.force && source.nextFetchAt && source.nextFetchAt.getTime() > Date.now()) return;
  const startedAt = new Date();
  try {
    const fetched = await fetchSourceItems(ctx, source);
    await enqueueItems(
      boss,
      fetched.pending.map((row) => row.id),
    );
    await recordFetchSuccess(ctx.db, source, {
      ...fetched.outcome,
      startedAt,
      itemsNew: fetched.pending.length,
      refreshMinutes: ctx.config.SOURCE_REFRESH_MINUTES,
    });
  } catch (error) {
    await recordSourceFailure(ctx, source, startedAt, error);
  }
}

/** How long a worker uses a source row it has read for its items (their name and language). */
const SOURCE_ROW_MS = 30_000;
const sourceRows = new WeakMap<object, Map<number, { row: SourceRow | null; at: number }>>();

/** A source's row for its items' jobs: read once per SOURCE_ROW_MS by each worker, not once per batch. */
async function sourceOf(ctx: PipelineContext, sourceId: number): Promise<SourceRow | null> {
  let cache = sourceRows.get(ctx.db);
  if (!cache) sourceRows.set(ctx.db, (cache = new Map()));
  const kept = cache.get(sourceId);
  if (kept && Date.now() - kept.at < SOURCE_ROW_MS) return kept.row;
  const row = await findSource(ctx.db, sourceId);
  cache.set(sourceId, { row, at: Date.now() });
  return row;
}

/**
 * A batch of item jobs, run side by side (their fetches wait for their hosts' limits in the
 * transport): the items and their sources are read in one query, and each job's outcome is
 * reported on its own, so one item's failure never fails the others. A failure worth another try
 * fails its job (the queue retries it after its backoff); the rest complete.
 */
export async function runItemJobs(
  ctx: PipelineContext,
  jobs: { id: string; data: ItemJob }[],
): Promise<JobResult[]> {
  const items = await findPendingItems(
    ctx.db,
    jobs.map((job) => job.data.itemId),
  );
  const sources = new Map<number, SourceRow | null>();
  for (const item of items)
    if (!sources.has(item.sourceId)) sources.set(item.sourceId, await sourceOf(ctx, item.sourceId));
  const rows = new Map(
    items.flatMap((item) => {
      const source = sources.get(item.sourceId);
      return source ? [[item.id, { ...item, source }] as const] : [];
    }),
  );
  const done: number[] = [];
  const results = await Promise.all(
    jobs.map(async (job): Promise<JobResult> => {
      const row = rows.get(job.data.itemId);
      // Done meanwhile, failed for good, or removed with its source: nothing to do.
      if (!row) return { id: job.id, status: "completed" };
      const result = await tryItem(ctx, row.source, row, null, { leaveDone: true });
      if (result.pending)
        return {
          id: job.id,
          status: "failed",
          output: { error: result.error ?? "ingest/item: failed" },
        };
      if (!result.error) done.push(row.id);
      return { id: job.id, status: "completed" };
    }),
  );
  // The stored items marked done in one statement. Should that fail, their jobs are tried again,
  // and each finds its article stored and is marked done then.
  try {
    await markItemsDone(ctx.db, done);
  } catch (error) {
    const items = new Set(done);
    const message = `ingest/item: could not mark the item done: ${errorMessage(error)}`;
    return results.map((result, i) =>
      items.has(jobs[i].data.itemId)
        ? { id: result.id, status: "failed", output: { error: message } }
        : result,
    );
  }
  return results;
}

/**
 * Runs the queue's workers in this process until `signal` aborts: refreshes and items (up to
 * INGEST_CONCURRENCY items at once), and every WORKER_POLL_SECONDS the due sources sent as jobs.
 * On abort, no new job is taken and the jobs in hand are finished (up to 30 s) before it resolves.
 */
export async function runQueueWorker(
  ctx: PipelineContext,
  boss: PgBoss,
  signal: AbortSignal,
  options: { pollSeconds?: number } = {},
): Promise<void> {
  const poll = { pollingIntervalSeconds: 0.5 };
  // Refreshes are few (a source's every WORKER_POLL_SECONDS at most): their queue is asked every
  // 2 s, not twice a second, as each ask is a statement the worker and the database pay for.
  await boss.work<RefreshJob>(
    REFRESH_QUEUE,
    { pollingIntervalSeconds: 2, localConcurrency: 2 },
    async ([job]: Job<RefreshJob>[]) => runRefreshJob(ctx, boss, job.data),
  );
  // Items come in batches, two in hand at once, together INGEST_CONCURRENCY items; while batches
  // come back full the next is fetched at once rather than after the polling interval (which would
  // cap a worker at a few batches a second).
  const batchSize = Math.max(1, Math.ceil(ctx.config.INGEST_CONCURRENCY / 2));
  await boss.work<ItemJob>(
    ITEM_QUEUE,
    {
      ...poll,
      batchSize,
      burstWhenBatchFull: true,
      localConcurrency: ctx.config.INGEST_CONCURRENCY > 1 ? 2 : 1,
      perJobResults: true,
    },
    async (jobs: Job<ItemJob>[]) => runItemJobs(ctx, jobs),
  );
  const pollMs = (options.pollSeconds ?? ctx.config.WORKER_POLL_SECONDS) * 1000;
  while (!signal.aborted) {
    try {
      await enqueueDueSources(ctx, boss);
    } catch (error) {
      ctx.log?.({
        level: "error",
        stage: "worker",
        message: `could not send due sources: ${errorMessage(error)}`,
      });
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      signal.addEventListener("abort", done, { once: true });
    });
  }
  await boss.stop({ graceful: true, timeout: 30_000 });
}
