/**
 * `npm start`: validate the configuration, migrate, load the sample corpus on first run, build the
 * web app if the sources changed since the last build, then run the web app and the ingest worker
 * side by side. Ctrl-C or SIGTERM stops both (the worker finishes the article in hand first).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { bootstrap } from "../lib/bootstrap";
import { getConfig, type Config } from "../lib/config";
import { errorMessage } from "../lib/errors";
import { closeDb, getDb } from "../lib/store/db";
import { buildAppIfNeeded } from "./build-app";

const root = process.cwd();
const bin = (name: string) => resolve(root, "node_modules/.bin", name);

function run(config: Config): void {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(config.PORT) };
  const children: ChildProcess[] = [
    spawn(bin("tsx"), ["scripts/serve.ts"], { stdio: "inherit", env }),
    spawn(bin("tsx"), ["scripts/worker.ts"], { stdio: "inherit", env }),
  ];
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    setTimeout(() => process.exit(code), 15_000).unref();
  };
  for (const child of children) {
    child.on("exit", (code) => {
      if (!stopping) {
        console.error(`start: a process exited (${code ?? "signal"}); stopping the others`);
        stop(code ?? 1);
      } else if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(0);
    });
  }
  process.on("SIGINT", () => stop(0));
  process.on("SIGTERM", () => stop(0));
  console.log(`start: DisputeWatch on http://localhost:${config.PORT} (database: ${config.databaseKind}); the ingest worker runs beside it`);
}

let config: Config;
try {
  config = getConfig();
} catch (error) {
  console.error(errorMessage(error));
  process.exit(78);
}
try {
  const report = await bootstrap(getDb(), config);
  if (report.migrationsApplied.length) console.log(`start: applied migrations ${report.migrationsApplied.join(", ")}`);
  if (report.sampleArticles !== null) console.log(`start: loaded the sample corpus (${report.sampleArticles} articles, marked as sample data)`);
  if (report.defaultSourcesAdded) console.log(`start: added ${report.defaultSourcesAdded} default sources (set DEFAULT_SOURCES=false to skip)`);
  if (!config.ADMIN_TOKEN) console.log("start: ADMIN_TOKEN is not set: the admin area is disabled");
  await closeDb();
  buildAppIfNeeded(root, (line) => console.log(`start: ${line}`));
} catch (error) {
  console.error(`start: ${errorMessage(error)}`);
  process.exit(1);
}
run(config);
