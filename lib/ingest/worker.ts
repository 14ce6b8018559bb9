/**
 * `npm run worker`, until SIGTERM / SIGINT. On PostgreSQL it works the job queue (lib/ingest/jobs.ts):
 * any number of workers on any machines share the jobs, and a dead one's jobs come back to the
 * others within seconds. On SQLite it loops over due sources in-process (lib/ingest/index.ts,
 * ingestSources), with the same bounded concurrency. On a signal it finishes the articles in hand,
 * commits them, and exits.
 */
import { getConfig } from "@/lib/config";
import { errorMessage } from "@/lib/errors";
import { logEvent } from "@/lib/log";
import { closeDb, getDb, statementsSent } from "@/lib/store/db";
import { migrate } from "@/lib/store/migrate";
import { ingestSources, type IngestEvent } from "./index";
import { runQueueWorker, startQueue } from "./jobs";
import { describePass } from "./pass-summary";
import { networkTransport } from "./transport";

function log(event: IngestEvent): void {
  logEvent({ ...event });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    // The listener goes with the wait: one left behind per pass piled up on the worker's signal.
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** Runs the worker loop until a stop signal; resolves when it has stopped cleanly. */
export async function runWorker(options: { signal?: AbortSignal } = {}): Promise<void> {
  const config = getConfig();
  const controller = new AbortController();
  const stop = (signal: string) => {
    if (!controller.signal.aborted)
      log({
        level: "info",
        stage: "worker",
        message: `${signal}: finishing the article in hand, then exiting`,
      });
    controller.abort();
  };
  const onTerm = () => stop("SIGTERM");
  const onInt = () => stop("SIGINT");
  process.on("SIGTERM", onTerm);
  process.on("SIGINT", onInt);
  options.signal?.addEventListener("abort", () => stop("abort"), { once: true });
  // Signals are handled from the start: one that comes while migrating still ends the worker cleanly.
  try {
    await migrate(config.DATABASE_URL);
  } catch (error) {
    process.off("SIGTERM", onTerm);
    process.off("SIGINT", onInt);
    throw error;
  }
  const transport = networkTransport(config);
  log({
    level: "info",
    stage: "worker",
    message: `started (pid ${process.pid}, polling every ${config.WORKER_POLL_SECONDS}s, ${config.databaseKind === "postgresql" ? "job queue" : "in-process"})`,
  });
  try {
    if (config.databaseKind === "postgresql") {
      const boss = await startQueue(config.DATABASE_URL, (message) =>
        log({ level: "error", stage: "queue", message }),
      );
      await runQueueWorker({ db: getDb(), config, transport, log }, boss, controller.signal);
    }
    while (config.databaseKind === "sqlite" && !controller.signal.aborted) {
      try {
        const report = await ingestSources({
          db: getDb(),
          config,
          transport,
          signal: controller.signal,
          log,
        });
        // What the pass did with its items; why, when none became a new article (lib/ingest/pass-summary.ts).
        const summary = describePass(report);
        if (summary) log(summary);
      } catch (error) {
        // A database hiccup must not kill the worker: log, wait, try again.
        log({ level: "error", stage: "worker", message: errorMessage(error) });
      }
      await sleep(config.WORKER_POLL_SECONDS * 1000, controller.signal);
    }
  } finally {
    process.off("SIGTERM", onTerm);
    process.off("SIGINT", onInt);
    await closeDb();
    // What this process cost, for the ingest benchmark's figures per article.
    const cpu = process.cpuUsage();
    logEvent({
      level: "info",
      stage: "worker",
      message: "stopped",
      statements: statementsSent(),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    });
  }
}
