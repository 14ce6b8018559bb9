/**
 * `npm start`: validate the configuration, migrate, load the sample corpus on first run, build the
 * web app if the sources changed since the last build, then run the web app and the ingest worker
 * side by side. Ctrl-C or SIGTERM stops both (the worker finishes the article in hand first).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { bootstrap } from "../lib/bootstrap";
import { getConfig, type Config } from "../lib/config";
import { errorMessage } from "../lib/errors";
import { closeDb, getDb } from "../lib/store/db";

const root = process.cwd();
const bin = (name: string) => resolve(root, "node_modules/.bin", name);

function sourceFingerprint(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        hash.update(`${path}:${stat.size}:${stat.mtimeMs}\n`);
      }
    }
  };
  for (const dir of ["app", "lib", "components", "generated", "public"]) walk(resolve(root, dir));
  for (const file of ["next.config.js", "package-lock.json", "tsconfig.json"]) if (existsSync(file)) hash.update(`${file}:${statSync(file).mtimeMs}\n`);
  return hash.digest("hex");
}

function buildIfNeeded(): void {
  const marker = resolve(root, ".next/disputewatch-build");
  const fingerprint = sourceFingerprint();
  if (existsSync(resolve(root, ".next/BUILD_ID")) && existsSync(marker) && readFileSync(marker, "utf8") === fingerprint) return;
  console.log("start: building the web app (first start, or the code changed)…");
  const result = spawnSync(bin("next"), ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("start: next build failed");
  writeFileSync(marker, fingerprint);
}

function run(config: Config): void {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(config.PORT) };
  const children: ChildProcess[] = [
    spawn(bin("next"), ["start", "-p", String(config.PORT), "-H", config.HOST], { stdio: "inherit", env }),
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
  buildIfNeeded();
} catch (error) {
  console.error(`start: ${errorMessage(error)}`);
  process.exit(1);
}
run(config);
