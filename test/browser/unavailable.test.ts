/**
 * The production server (scripts/serve.ts) on PostgreSQL reached through a TCP proxy: when the
 * proxy is cut (the database out of reach, as during a restart) pages and the API answer 503 with
 * Retry-After instead of 500; when it is restored the server answers 200 again by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "@/lib/bootstrap";
import { parseConfig } from "@/lib/config";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";
import { startAppServer, type AppServer } from "@/test/helpers/app-server";
import { startTcpProxy, type TcpProxy } from "@/test/helpers/tcp-proxy";

let database: ScratchDatabase;
let proxy: TcpProxy;
let server: AppServer;

beforeAll(async () => {
  database = await createScratchDatabase("postgresql");
  const direct = new URL(database.url);
  const env = {
    DATABASE_URL: database.url,
    DEFAULT_SOURCES: "false",
    LOAD_SAMPLE_DATA: "true",
    PAGE_CACHE_SECONDS: "0",
    WEB_CONCURRENCY: "1",
  };
  await bootstrap(database.db, parseConfig(env));
  proxy = await startTcpProxy(direct.hostname, Number(direct.port || 5432));
  const viaProxy = new URL(database.url);
  viaProxy.port = String(proxy.port);
  server = await startAppServer({ ...env, DATABASE_URL: viaProxy.toString() });
}, 300_000);

afterAll(async () => {
  server?.stop();
  await proxy?.close();
  await database?.drop();
});

async function get(path: string) {
  const response = await fetch(`${server.baseUrl}${path}`, { signal: AbortSignal.timeout(20_000) });
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: await response.text(),
  };
}

describe("while the database is out of reach", () => {
  it("answers 503 with Retry-After, and recovers by itself when the database is back", async () => {
    expect((await get("/")).status).toBe(200);
    expect((await get("/api/v1/articles?limit=1")).status).toBe(200);

    await proxy.cut();
    const page = await get("/");
    expect(page.status).toBe(503);
    expect(Number(page.retryAfter)).toBeGreaterThan(0);
    const api = await get("/api/v1/articles?limit=1");
    expect(api.status).toBe(503);
    expect(api.retryAfter).toBe(page.retryAfter);
    expect(JSON.parse(api.body).error.code).toBe("UNAVAILABLE");
    // Static files of the build need no database.
    expect((await get("/icon.svg")).status).toBe(200);

    await proxy.restore();
    const deadline = Date.now() + 20_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await get("/")).status;
      if (status === 200) break;
      expect(status).toBe(503);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
    expect((await get("/api/v1/articles?limit=1")).status).toBe(200);
  }, 120_000);
});
