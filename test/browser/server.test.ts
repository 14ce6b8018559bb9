/**
 * The production server itself (scripts/serve.ts), not through a browser: a client that writes
 * its own X-Forwarded-For does not get a fresh rate-limit allowance with each made-up address,
 * because the server appends the address of the peer it saw. Its own server, with a limit of 3.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../lib/store/migrate";

let server: ChildProcess | undefined;
let dir: string;
let baseUrl: string;

async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => ok(typeof address === "object" && address ? address.port : 0));
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dw-serve-"));
  const url = `file:${join(dir, "app.db")}`;
  await migrate(url);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const env = { ...process.env, DATABASE_URL: url, DEFAULT_SOURCES: "false", LOAD_SAMPLE_DATA: "false", RATE_LIMIT_PER_MINUTE: "3", WEB_CONCURRENCY: "1", PORT: String(port), HOST: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1" };
  server = spawn(resolve("node_modules/.bin/tsx"), ["scripts/serve.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });
  for (let i = 0; i < 240; i++) {
    try {
      await fetch(`${baseUrl}/icon.svg`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error("server did not come up");
}, 120_000);

afterAll(() => {
  server?.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

describe("the production server", () => {
  it("keys the rate limit on the connecting address, not on a made-up X-Forwarded-For", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const response = await fetch(`${baseUrl}/api/v1/entities`, { headers: { "x-forwarded-for": `198.51.100.${i}` } });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });
});
