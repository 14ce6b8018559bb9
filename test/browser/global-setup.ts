/**
 * Browser tests: build the app if needed, fill a fresh SQLite database through the real bootstrap
 * (migrations, knowledge base, sample corpus), and start `next start` on a free port. The tests get
 * the base URL and the admin token through vitest's provide/inject.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { bootstrap } from "@/lib/bootstrap";
import { parseConfig } from "@/lib/config";
import { createDb } from "@/lib/store/db";
import { buildAppIfNeeded } from "@/scripts/build-app";
import { startAppServer, type AppServer } from "@/test/helpers/app-server";

export const ADMIN_TOKEN = "browser-test-admin-token";

let server: AppServer | undefined;
let dir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const root = process.cwd();
  buildAppIfNeeded(root, (line) => console.log(`browser tests: ${line}`));
  dir = mkdtempSync(join(tmpdir(), "dw-browser-"));
  const env = {
    ...process.env,
    DATABASE_URL: `file:${join(dir, "app.db")}`,
    ADMIN_TOKEN,
    DEFAULT_SOURCES: "false",
    LOAD_SAMPLE_DATA: "true",
    ALLOW_PRIVATE_NETWORKS: "true",
    NEXT_TELEMETRY_DISABLED: "1",
    // The tests change what pages show and look at once (the cache has its own test).
    PAGE_CACHE_SECONDS: "0",
    AGGREGATE_CACHE_SECONDS: "0",
  };
  const config = parseConfig(env);
  const db = createDb(config.DATABASE_URL);
  await bootstrap(db, config, root);
  await db.$disconnect();
  // The production server (scripts/serve.ts) with two workers, as `npm start` runs on two cores.
  // A loaded machine (several builds and test runs at once) can take over a minute to start it.
  server = await startAppServer({ ...env, WEB_CONCURRENCY: "2" }, 180_000);
  const baseUrl = server.baseUrl;
  project.provide("baseUrl", baseUrl);
  project.provide("adminToken", ADMIN_TOKEN);
  project.provide("databaseUrl", config.DATABASE_URL);
}

export async function teardown(): Promise<void> {
  server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    adminToken: string;
    databaseUrl: string;
  }
}
