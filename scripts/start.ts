/**
 * `npm start`: validate the configuration, migrate, load the sample corpus on first run, build the
 * web app if the sources changed since the last build, then run the web app and the ingest worker
 * side by side, each started again (with backoff) if it crashes. Ctrl-C or SIGTERM stops both (the
 * worker finishes the articles in hand first).
 */
import { bootstrap } from "@/lib/bootstrap";
import { getConfig, type Config } from "@/lib/config";
import { errorMessage } from "@/lib/errors";
import { getLogger } from "@/lib/log";
import { closeDb, getDb } from "@/lib/store/db";
import { buildAppIfNeeded } from "./build-app";
import { supervise } from "./support/supervise";

const root = process.cwd();

function run(config: Config): void {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(config.PORT) };
  let stopping = false;
  // Node itself with tsx as a loader, not the tsx CLI: the CLI kills a child that is busy for more
  // than a few milliseconds when a signal comes, so SIGTERM could not finish the articles in hand.
  const child = (name: string, script: string) =>
    supervise({
      name,
      command: process.execPath,
      args: ["--import", "tsx", script],
      env,
      isStopping: () => stopping,
      onStopped: () => allExited(),
    });
  const children = [
    child("web server", "scripts/serve.ts"),
    child("ingest worker", "scripts/worker.ts"),
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
