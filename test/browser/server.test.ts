/**
 * The production server itself (scripts/serve.ts), not through a browser: a client that writes
 * its own X-Forwarded-For does not get a fresh rate-limit allowance with each made-up address,
 * because the server appends the address of the peer it saw. Its own server, with a limit of 3.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../lib/store/migrate";
import { startAppServer, type AppServer } from "../helpers/app-server";

let server: AppServer | undefined;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dw-serve-"));
  const url = `file:${join(dir, "app.db")}`;
  await migrate(url);
  server = await startAppServer({ DATABASE_URL: url, DEFAULT_SOURCES: "false", LOAD_SAMPLE_DATA: "false", RATE_LIMIT_PER_MINUTE: "3", WEB_CONCURRENCY: "1" });
}, 120_000);

afterAll(() => {
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the production server", () => {
  it("keys the rate limit on the connecting address, not on a made-up X-Forwarded-For", { timeout: 90_000 }, async () => {
    // The limiter counts per calendar minute (lib/api/rate-limit.ts): keep the five requests inside one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 55_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
    const statuses: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const response = await fetch(`${server!.baseUrl}/api/v1/entities`, { headers: { "x-forwarded-for": `198.51.100.${i}` } });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });
});
