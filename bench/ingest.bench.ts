/**
 * Ingest speed end to end: a local news site (scripts/support/news-site.ts; 20 feeds × 100 items of
 * 4–7 KB, host delay 0) ingested from empty by real `npm run worker` processes, until every article
 * is stored. Articles per second for 1 and for 3 workers on PostgreSQL (the job queue), and for the
 * in-process ingest that `npm start` runs on SQLite. Goal: ≥ 40 articles/s for one worker, and 3
 * workers faster than one. INGEST_BENCH_FEEDS / INGEST_BENCH_ITEMS shrink the site for a quick run.
 * Beside the rate, which depends on what else the machine runs, two figures that do not: the
 * database statements and the workers' CPU milliseconds per article stored.
 * Run: `npm run bench -- ingest` or `npx tsx bench/ingest.bench.ts`.
 *
 * First run (2026-12-02, a 2-core machine shared with other builds, load average 12–17): PostgreSQL
 * 1 worker 3.5 articles/s, 3 workers 3.6, SQLite in-process 7.8 — far from the goal, and CPU-bound:
 * in-process an article costs 66–81 ms of CPU, about half of it in Prisma (its wasm query compiler,
 * client and driver adapter) and 9 % in garbage collection, the analysis stages a few per cent.
 *
 * Statements per article (PostgreSQL, 1 worker, counted by the worker): 13.7–14.3 before the
 * article's rows became one statement and a placement one update, 6.6 after (5 feeds × 100 items,
 * load average 28 — rates under such load say little; worker CPU 55–72 ms an article before,
 * 51 ms after, both at load averages of 10–28). 3 workers after: 7.9 statements and 98 ms of CPU
 * an article (load average 28–38): idle polling and contention cost more than one worker's. A
 * profile of the worker put much of its time in statements: socket writes and Prisma's client.
 *
 * A later profile (--cpu-prof on the worker, INGEST_BENCH_NODE_ARGS) showed where the rest went:
 * Prisma builds a plan in its query compiler for every statement, raw ones too, and a client
 * query (findUnique, findMany, updateMany) cost 1.2-2.2 ms of CPU against 0.2-0.7 ms for the same
 * raw statement; updateMany also came wrapped in BEGIN and COMMIT. The ingest path's statements
 * became raw, and those outside a transaction go straight to the client's connection (rawQuery).
 * 5 feeds x 100 items, before and after run one after the other, per article: PostgreSQL 1
 * worker 6.2 -> 5.9 statements, 23.7 -> 19.8 ms of worker CPU (load average 13-15; 29.7 -> 22.9
 * at 19-21); SQLite 14.0 -> 11.2 statements, 32.0 -> 23.6 ms (load 11-12; 41.2 -> 26.8 at 15-18). The full site (2,000 articles, load average 19-22): PostgreSQL 1 worker 13.8
 * articles/s, 5.2 statements and 16.5 ms of CPU an article (23 ms before, on a quiet machine);
 * 3 workers 12.9 articles/s, 5.4 and 21 ms; SQLite 7.5 articles/s, 10.8 and 21.7 ms (13.2 and
 * 33 ms before). At such load the rates say little: a quarter to a third of the worker's time
 * was idle, waiting for a core.
 *
 * On a quiet machine (2026-12-02, load average below 1 at the start, nothing else running), the
 * full site: PostgreSQL 1 worker 51 articles/s (8.8 statements, 15.3 ms of worker CPU an article),
 * 3 workers 53.3 articles/s (9, 20.5 ms), SQLite in-process 56.3 articles/s (15.8, 19.6 ms). The
 * statements grew since the runs above: each article now also writes its search word forms and
 * its kept counts, in one transaction with the article. Three workers barely beat one here: the
 * two cores are shared by the workers, PostgreSQL, the local site and this bench.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { syncKnowledgeBaseToDb } from "@/lib/enrich/index";
import { addSource } from "@/lib/store/sources";
import { startNewsSite } from "@/scripts/support/news-site";
import { createScratchDatabase, type ScratchDatabaseKind } from "@/scripts/support/scratch-db";

const FEEDS = Number(process.env.INGEST_BENCH_FEEDS ?? 20);
const ITEMS = Number(process.env.INGEST_BENCH_ITEMS ?? 100);
const TIMEOUT_MS = 20 * 60_000;
/** Extra options for the workers' node, e.g. INGEST_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof". */
const NODE_ARGS = (process.env.INGEST_BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);

interface Run {
  database: ScratchDatabaseKind;
  workers: number;
  articles: number;
  seconds: number;
  articlesPerSecond: number;
  /** Database statements the workers' clients sent per article stored (queue statements not counted). */
  statementsPerArticle: number | null;
  /** CPU milliseconds the workers spent per article stored, from the moment the sources came due. */
  cpuMsPerArticle: number | null;
}

/** CPU milliseconds a process has used so far (Linux /proc), or null where that cannot be read. */
function cpuMsOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    // utime and stime, in clock ticks (100 a second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** One configuration: the site ingested from empty by `workers` worker processes on a fresh database. */
export async function ingestOnce(kind: ScratchDatabaseKind, workers: number): Promise<Run> {
  const [database, site] = await Promise.all([
    createScratchDatabase(kind),
    startNewsSite({ feeds: FEEDS, itemsPerFeed: ITEMS }),
  ]);
  const children: ChildProcess[] = [];
  const outputs: string[] = [];
  try {
    await syncKnowledgeBaseToDb(database.db);
    for (const url of site.feedUrls) await addSource(database.db, { url });
    const total = FEEDS * ITEMS;
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      ALLOW_PRIVATE_NETWORKS: "true",
      FETCH_HOST_DELAY_MS: "0",
      FETCH_HOST_CONCURRENCY: "8",
      FETCH_RESPECT_ROBOTS: "false",
      MAX_ARTICLES_PER_FEED: String(ITEMS),
      WORKER_POLL_SECONDS: "1",
      LOG_LEVEL: "warn",
    };
    // Workers are started and ready (migrated, queue joined) before the clock starts: the sources
    // are made due only then, so what is timed is ingest, not start-up.
    await database.db.source.updateMany({ data: { nextFetchAt: new Date(Date.now() + 3600_000) } });
    for (let i = 0; i < workers; i++) {
      const child = spawn(
        process.execPath,
        [...NODE_ARGS, "--import", "tsx", "scripts/worker.ts"],
        {
          env: { ...env, LOG_LEVEL: "info", LOG_FORMAT: "json" },
          stdio: ["ignore", "pipe", "inherit"],
        },
      );
      children.push(child);
      const index = outputs.push("") - 1;
      child.stdout!.on("data", (chunk) => (outputs[index] += chunk));
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on("data", () => {
          if (outputs[index].includes("started (pid")) resolve();
        });
        child.on("exit", (code) =>
          reject(new Error(`bench: a worker exited (${code}) before it started`)),
        );
      });
    }
    // Let a PostgreSQL worker finish joining the queue before the sources come due.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const started = performance.now();
    const cpuBefore = children.map((child) => cpuMsOf(child.pid));
    await database.db.source.updateMany({ data: { nextFetchAt: new Date(0) } });
    let stored = 0;
    while (performance.now() - started < TIMEOUT_MS) {
      stored = await database.db.article.count();
      if (stored >= total) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = children.map((child) => cpuMsOf(child.pid));
    const cpuMs = cpuAfter.every((ms, i) => ms !== null && cpuBefore[i] !== null)
      ? cpuAfter.reduce<number>((sum, ms, i) => sum + ms! - cpuBefore[i]!, 0)
      : null;
    await stopWorkers(children);
    // Each worker's last line says how many statements it sent (start-up's few included).
    const statements = outputs.map((out) => {
      const match =
        /"msg":"stopped".*?"statements":(\d+)|"statements":(\d+).*?"msg":"stopped"/.exec(out);
      return match ? Number(match[1] ?? match[2]) : null;
    });
    return {
      database: kind,
      workers,
      articles: stored,
      seconds: Math.round(seconds * 10) / 10,
      articlesPerSecond: Math.round((stored / seconds) * 10) / 10,
      statementsPerArticle:
        stored && statements.every((n) => n !== null)
          ? Math.round((statements.reduce<number>((sum, n) => sum + n!, 0) / stored) * 10) / 10
          : null,
      cpuMsPerArticle: stored && cpuMs !== null ? Math.round((cpuMs / stored) * 10) / 10 : null,
    };
  } finally {
    await stopWorkers(children);
    await site.close();
    await database.drop();
  }
}

/** Stops the workers with SIGTERM and waits for them to exit. */
async function stopWorkers(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map((child) => {
      if (child.exitCode !== null || child.signalCode !== null) return null;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      return exited;
    }),
  );
}

/** Runs the three configurations and prints them. */
export async function runIngestBench(): Promise<{
  feeds: number;
  itemsPerFeed: number;
  runs: Run[];
}> {
  const runs: Run[] = [];
  for (const [kind, workers] of [
    ["postgresql", 1],
    ["postgresql", 3],
    ["sqlite", 1],
  ] as const) {
    const run = await ingestOnce(kind, workers);
    runs.push(run);
    console.log(
      `ingest: ${kind}, ${workers} worker${workers === 1 ? "" : "s"}: ${run.articles} articles in ${run.seconds} s = ${run.articlesPerSecond} articles/s; per article ${run.statementsPerArticle ?? "?"} statements, ${run.cpuMsPerArticle ?? "?"} ms of worker CPU`,
    );
  }
  return { feeds: FEEDS, itemsPerFeed: ITEMS, runs };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await runIngestBench();
