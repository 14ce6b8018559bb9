/**
 * `npm start`: validate the configuration, migrate, load the sample corpus on first run, build the
 * web app if the sources changed since the last build, then run the web app and the ingest worker
 * side by side, each started again (with backoff) if it crashes. Ctrl-C or SIGTERM stops both (the
 * worker finishes the articles in hand first).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { bootstrap } from "@/lib/bootstrap";
import { getConfig, type Config } from "@/lib/config";
import { errorMessage } from "@/lib/errors";
import { getLogger } from "@/lib/log";
import { closeDb, getDb } from "@/lib/store/db";
import { buildAppIfNeeded } from "./build-app";

const root = process.cwd();

/** Restart delays after a crash: doubling from 1 s to 1 min, back to 1 s after a minute of running well. */
function restartDelayMs(crashesInARow: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, crashesInARow - 1));
}

/**
 * One child process kept running: when it exits without being asked to, it is started again after
 * a backoff (restartDelayMs) instead of taking the others down with it.
 */
function supervise(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  isStopping: () => boolean,
  onAllExited: () => void,
) {
  let child: ChildProcess | null = null;
  let crashes = 0;
  let timer: NodeJS.Timeout | null = null;
  const launch = () => {
    timer = null;
    const startedAt = Date.now();
    // Node itself with tsx as a loader, not the tsx CLI: the CLI kills a child that is busy for more
    // than a few milliseconds when a signal comes, so SIGTERM could not finish the articles in hand.
    child = spawn(process.execPath, ["--import", "tsx", ...args], { stdio: "inherit", env });
    child.on("exit", (code, signal) => {
      child = null;
      if (isStopping()) return onAllExited();
      crashes = Date.now() - startedAt > 60_000 ? 1 : crashes + 1;
      const delay = restartDelayMs(crashes);
      getLogger().error(
        `start: the ${name} exited (${signal ?? code}); starting it again in ${Math.round(delay / 1000)} s`,
      );
      timer = setTimeout(launch, delay);
    });
  };
  launch();
  return {
    get running() {
      return child !== null;
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      child?.kill("SIGTERM");
    },
  };
}

function run(config: Config): void {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(config.PORT) };
  let stopping = false;
  const children = [
    supervise(
      "web server",
      ["scripts/serve.ts"],
      env,
      () => stopping,
      () => allExited(),
    ),
    supervise(
      "ingest worker",
      ["scripts/worker.ts"],
      env,
      () => stopping,
      () => allExited(),
    ),
  ];
  const allExited = () => {
    if (children.every((c) => !c.running)) process.exit(0);
  };
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.stop();
    allExited();
    setTimeout(() => process.exit(0), 15_000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  getLogger().info(
    `start: DisputeWatch on http://localhost:${config.PORT} (database: ${config.databaseKind}); the ingest worker runs beside it, restarted if it stops`,
  );
}

let config: Config;
try {
  config = getConfig();
} catch (error) {
  getLogger().error(errorMessage(error));
  process.exit(78);
}
try {
  const report = await bootstrap(getDb(), config);
  if (report.migrationsApplied.length)
    getLogger().info(`start: applied migrations ${report.migrationsApplied.join(", ")}`);
  if (report.sampleArticles !== null)
    getLogger().info(
      `start: loaded the sample corpus (${report.sampleArticles} articles, marked as sample data)`,
    );
  if (report.defaultSourcesAdded)
    getLogger().info(
      `start: added ${report.defaultSourcesAdded} default sources (set DEFAULT_SOURCES=false to skip)`,
    );
  if (!config.ADMIN_TOKEN)
    getLogger().info("start: ADMIN_TOKEN is not set: the admin area is disabled");
  await closeDb();
  buildAppIfNeeded(root, (line) => getLogger().info(`start: ${line}`));
} catch (error) {
  getLogger().error({ err: error }, `start: ${errorMessage(error)}`);
  process.exit(1);
}
run(config);
