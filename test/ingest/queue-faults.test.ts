/**
 * Ingest as jobs on PostgreSQL under faults, for real: three `npm run worker` processes against one
 * database and a local news site whose pages answer 500 or cut their body short on a first try.
 * One worker is killed with SIGKILL mid-ingest, another stopped with SIGTERM; nothing is restarted.
 * The last worker alone must end with every article of the site stored exactly once, every item
 * done, no job left in hand and no source paused. Bounded in time.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addSource } from "@/lib/store/sources";
import { startNewsSite, type NewsSite } from "@/scripts/support/news-site";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";

const FEEDS = 4;
const ITEMS = 15;

function startWorker(url: string): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      ALLOW_PRIVATE_NETWORKS: "true",
      FETCH_HOST_DELAY_MS: "0",
      FETCH_HOST_CONCURRENCY: "4",
      FETCH_RETRIES: "0",
      FETCH_RESPECT_ROBOTS: "false",
      WORKER_POLL_SECONDS: "1",
      INGEST_CONCURRENCY: "4",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("job queue under faults on postgresql", () => {
  let database: ScratchDatabase;
  let site: NewsSite;
  const workers: ReturnType<typeof startWorker>[] = [];

  beforeAll(async () => {
    [database, site] = await Promise.all([
      createScratchDatabase("postgresql"),
      startNewsSite({ feeds: FEEDS, itemsPerFeed: ITEMS, pageDelayMs: 20 }),
    ]);
    for (const url of site.feedUrls) await addSource(database.db, { url });
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
    await site?.close();
    await database?.drop();
  });

  it("kill -9 one worker, SIGTERM another, 500s and truncated bodies: every article stored exactly once", async () => {
    const total = FEEDS * ITEMS;
    // Every 5th page answers 500 on its first two tries, every 7th cuts its body short on its first.
    site.setFault((path, attempt) => {
      const n = Number(/a(\d+)\.html$/.exec(path)?.[1] ?? 0);
      if (n % 5 === 0 && attempt <= 2) return "500";
      if (n % 7 === 3 && attempt === 1) return "truncate";
      return "ok";
    });
    // The sources come due only once the three workers run (a signal before a worker handles them would only test start-up).
    await database.db.source.updateMany({ data: { nextFetchAt: new Date(Date.now() + 3600_000) } });
    for (let i = 0; i < 3; i++) workers.push(startWorker(database.url));
    await waitFor(
      async () => workers.every((worker) => worker.output().includes("started (pid")),
      180_000,
      "the workers to start",
    );
    await database.db.source.updateMany({ data: { nextFetchAt: new Date(0) } });
    const stored = () => database.db.article.count();

    await waitFor(async () => (await stored()) >= 8, 180_000, "the first articles");
    workers[0].child.kill("SIGKILL");
    await waitFor(async () => (await stored()) >= 20, 180_000, "more articles after the kill");
    workers[1].child.kill("SIGTERM");
    expect(await workers[1].exited, workers[1].output()).toBe(0);

    await waitFor(
      async () => (await stored()) >= total,
      240_000,
      `all ${total} articles (the last worker alone)`,
    );
    site.setFault(null);

    const articles = await database.db.article.findMany({
      select: { url: true, canonicalUrl: true },
    });
    expect(articles).toHaveLength(total);
    expect(new Set(articles.map((a) => a.canonicalUrl)).size).toBe(total);
    expect(articles.map((a) => a.url).sort()).toEqual([...site.articleUrls].sort());
    expect(await database.db.sourceItem.count({ where: { status: { not: "done" } } })).toBe(0);
    const sources = await database.db.source.findMany();
    for (const source of sources) {
      expect(source.paused).toBe(false);
      expect(source.errorCount).toBe(0);
    }
    // Nothing is left claimed by the dead worker: every job has ended.
    await waitFor(
      async () => {
        const rows = await database.db.$queryRawUnsafe<{ n: bigint }[]>(
          `SELECT count(*) AS n FROM pgboss.job WHERE state IN ('active', 'created', 'retry')`,
        );
        return Number(rows[0].n) === 0;
      },
      60_000,
      "the queue to drain",
    );
    expect(workers[2].child.exitCode).toBeNull();
  }, 600_000);
});
