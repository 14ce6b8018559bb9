/**
 * `npm run worker`: loops over due sources until SIGTERM / SIGINT. On a signal it finishes the
 * article in hand, commits it, and exits; several workers may share one PostgreSQL database
 * (sources are leased before they are fetched).
 */
import { getConfig } from "../config";
import { errorMessage } from "../errors";
import { closeDb, getDb } from "../store/db";
import { migrate } from "../store/migrate";
import { ingestSources, type IngestEvent } from "./index";
import { networkTransport } from "./transport";

function log(event: IngestEvent): void {
  if (event.level === "info" && getConfig().LOG_LEVEL !== "debug" && getConfig().LOG_LEVEL !== "info") return;
  const line = JSON.stringify({ time: new Date().toISOString(), ...event });
  (event.level === "error" ? process.stderr : process.stdout).write(`${line}\n`);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/** Runs the worker loop until a stop signal; resolves when it has stopped cleanly. */
export async function runWorker(options: { signal?: AbortSignal } = {}): Promise<void> {
  const config = getConfig();
  await migrate(config.DATABASE_URL);
  const controller = new AbortController();
  const stop = (signal: string) => {
    if (!controller.signal.aborted) log({ level: "info", stage: "worker", message: `${signal}: finishing the article in hand, then exiting` });
    controller.abort();
  };
  const onTerm = () => stop("SIGTERM");
  const onInt = () => stop("SIGINT");
  process.on("SIGTERM", onTerm);
  process.on("SIGINT", onInt);
  options.signal?.addEventListener("abort", () => stop("abort"), { once: true });
  const transport = networkTransport(config);
  log({ level: "info", stage: "worker", message: `started (pid ${process.pid}, polling every ${config.WORKER_POLL_SECONDS}s)` });
  try {
    while (!controller.signal.aborted) {
      try {
        const report = await ingestSources({ db: getDb(), config, transport, signal: controller.signal, log });
        if (report.sources.length) {
          log({ level: "info", stage: "worker", message: `fetched ${report.sources.length} sources, stored ${report.stored} articles, ${report.failedSources} failed` });
        }
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
    log({ level: "info", stage: "worker", message: "stopped" });
  }
}
