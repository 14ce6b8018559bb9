/**
 * Browser tests: build the app if needed, fill a fresh SQLite database through the real bootstrap
 * (migrations, knowledge base, sample corpus), and start `next start` on a free port. The tests get
 * the base URL and the admin token through vitest's provide/inject.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { TestProject } from "vitest/node";
import { bootstrap } from "../../lib/bootstrap";
import { parseConfig } from "../../lib/config";
import { createDb } from "../../lib/store/db";
import { buildAppIfNeeded } from "../../scripts/build-app";

export const ADMIN_TOKEN = "browser-test-admin-token";

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
    server.on("error", reject);
  });
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`browser tests: ${url} did not come up in ${timeoutMs} ms`);
}

let server: ChildProcess | undefined;
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
  };
  const config = parseConfig(env);
  const db = createDb(config.DATABASE_URL);
  await bootstrap(db, config, root);
  await db.$disconnect();
  const port = await freePort();
  // The production server (scripts/serve.ts) with two workers, as `npm start` runs on two cores.
  server = spawn(resolve(root, "node_modules/.bin/tsx"), ["scripts/serve.ts"], { cwd: root, env: { ...env, PORT: String(port), HOST: "127.0.0.1", WEB_CONCURRENCY: "2" }, stdio: ["ignore", "ignore", "inherit"] });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(baseUrl, 60_000);
  project.provide("baseUrl", baseUrl);
  project.provide("adminToken", ADMIN_TOKEN);
  project.provide("databaseUrl", config.DATABASE_URL);
}

export async function teardown(): Promise<void> {
  server?.kill("SIGTERM");
  if (dir) rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    adminToken: string;
    databaseUrl: string;
  }
}
