/**
 * The production server itself (scripts/serve.ts), not through a browser, on its own server with
 * one worker, a rate limit of 3 and pages shared for one second:
 * - a client that writes its own X-Forwarded-For does not get a fresh rate-limit allowance with
 *   each made-up address, because the server appends the address of the peer it saw;
 * - a public page is answered again from the page cache (lib/http/page-cache.ts) with a fresh CSP
 *   nonce each time, per interface language, never for admin pages, errors or HEAD, and rendered
 *   again once its time is up;
 * - every answer carries its own request id (lib/http/request-id.ts).
 * - API lists and feeds are answered from the same cache in front of Next, 304 included, and their
 *   rate limit counts those answers.
 */
import { gunzipSync } from "node:zlib";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request, type IncomingHttpHeaders } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/store/migrate";
import { startAppServer, type AppServer } from "@/test/helpers/app-server";
import { startWellInsideRateWindow } from "@/test/helpers/rate-window";

let server: AppServer | undefined;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dw-serve-"));
  const url = `file:${join(dir, "app.db")}`;
  await migrate(url);
  server = await startAppServer({
    DATABASE_URL: url,
    DEFAULT_SOURCES: "false",
    LOAD_SAMPLE_DATA: "false",
    RATE_LIMIT_PER_MINUTE: "3",
    WEB_CONCURRENCY: "1",
    PAGE_CACHE_SECONDS: "1",
  });
}, 120_000);

afterAll(() => {
  server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the production server", () => {
  it(
    "keys the rate limit on the connecting address, not on a made-up X-Forwarded-For",
    { timeout: 90_000 },
    async () => {
      await startWellInsideRateWindow();
      const statuses: number[] = [];
      for (let i = 1; i <= 5; i++) {
        const response = await fetch(`${server!.baseUrl}/api/v1/entities`, {
          headers: { "x-forwarded-for": `198.51.100.${i}` },
        });
        await response.arrayBuffer();
        statuses.push(response.status);
      }
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    },
  );

  it("gives every answer a request id of its own, never one a client made up", async () => {
    const ids = new Set<string>();
    for (const path of ["/", "/api/v1/openapi.json", "/no-such-page"]) {
      const response = await fetch(`${server!.baseUrl}${path}`, {
        headers: { "x-request-id": "made-up-by-the-client" },
      });
      await response.arrayBuffer();
      const id = response.headers.get("x-request-id");
      expect(id, path).toMatch(/^[0-9a-f-]{36}$/);
      ids.add(id!);
    }
    expect(ids.size).toBe(3);
  });

  /** The nonce of an answer's policy, after checking that every nonce in its body and preload links is that one. */
  function ownNonce(response: Response, body: string): string {
    const nonce = /'nonce-([^']+)'/.exec(
      response.headers.get("content-security-policy") ?? "",
    )?.[1];
    expect(nonce).toBeTruthy();
    const inBody = [...body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]);
    expect(inBody.length).toBeGreaterThan(3);
    expect(new Set(inBody)).toEqual(new Set([nonce]));
    for (const link of (response.headers.get("link") ?? "").matchAll(/nonce="([^"]+)"/g))
      expect(link[1]).toBe(nonce);
    return nonce!;
  }

  const get = async (path: string, headers: Record<string, string> = {}, method = "GET") => {
    const response = await fetch(`${server!.baseUrl}${path}`, {
      headers,
      method,
      redirect: "manual",
    });
    return { response, body: await response.text(), cache: response.headers.get("x-page-cache") };
  };

  it(
    "answers a public page again from the page cache, each time with a fresh nonce its policy names",
    { timeout: 30_000 },
    async () => {
      await new Promise((r) => setTimeout(r, 2_100)); // whatever was rendered before has expired
      const first = await get("/", { "accept-language": "en" });
      const second = await get("/", { "accept-language": "en" });
      expect(first.response.status).toBe(200);
      expect([first.cache, second.cache]).toEqual(["MISS", "HIT"]);
      const [a, b] = [ownNonce(first.response, first.body), ownNonce(second.response, second.body)];
      expect(a).not.toBe(b);
      expect(second.body.split(b).join("N")).toBe(first.body.split(a).join("N"));
      for (const name of [
        "content-type",
        "cache-control",
        "x-frame-options",
        "x-content-type-options",
        "referrer-policy",
        "vary",
      ]) {
        expect(second.response.headers.get(name), name).toBe(first.response.headers.get(name));
      }
      // Compressed for a client that takes gzip, whole and plain for one that does not.
      const raw = await new Promise<{ encoding?: string; length: number; text: string }>(
        (ok, fail) => {
          import("node:http").then(({ get: httpGet }) =>
            httpGet(
              `${server!.baseUrl}/`,
              { headers: { "accept-language": "en", "accept-encoding": "gzip" } },
              (res) => {
                const chunks: Buffer[] = [];
                res.on("data", (c: Buffer) => chunks.push(c));
                res.on("end", () => {
                  const bytes = Buffer.concat(chunks);
                  ok({
                    encoding: res.headers["content-encoding"],
                    length: Number(res.headers["content-length"]),
                    text: gunzipSync(bytes).toString("utf8"),
                  });
                  expect(bytes.length).toBe(Number(res.headers["content-length"]));
                });
              },
            ).on("error", fail),
          );
        },
      );
      expect(raw.encoding).toBe("gzip");
      expect(raw.text).toContain('<html lang="en"');
      const plain = await get("/", { "accept-language": "en", "accept-encoding": "identity" });
      expect(plain.cache).toBe("HIT");
      expect(plain.response.headers.get("content-encoding")).toBeNull();
      expect(Number(plain.response.headers.get("content-length"))).toBe(
        Buffer.byteLength(plain.body),
      );
    },
  );

  it(
    "keeps one page per interface language, and never shares admin pages, errors, redirects or HEAD",
    { timeout: 30_000 },
    async () => {
      await get("/search?q=openai", { "accept-language": "en" });
      const vi = await get("/search?q=openai", { "accept-language": "vi-VN,vi;q=0.9" });
      expect(vi.cache).toBe("MISS");
      expect(vi.body).toContain('<html lang="vi"');
      const en = await get("/search?q=openai", { "accept-language": "en" });
      expect(en.cache).toBe("HIT");
      expect(en.body).toContain('<html lang="en"');
      const cookie = await get("/search?q=openai", {
        "accept-language": "en",
        cookie: "dw_locale=vi",
      });
      expect(cookie.body).toContain('<html lang="vi"');
      for (const path of ["/admin/login", "/admin/login"])
        expect((await get(path)).cache).toBeNull();
      for (let i = 0; i < 2; i++) {
        const bad = await get("/search?q=openai&sort=sideways");
        expect(bad.response.status).toBe(400);
        expect(bad.cache).not.toBe("HIT");
        const missing = await get("/stories/987654321");
        expect(missing.response.status).toBe(404);
        expect(missing.cache).not.toBe("HIT");
        const redirect = await get("/?ui=vi");
        expect(redirect.response.status).toBe(303);
        expect(redirect.cache).not.toBe("HIT");
      }
      const head = await get("/", { "accept-language": "en" }, "HEAD");
      expect(head.response.status).toBe(200);
      expect(head.cache).toBeNull();
    },
  );

  it(
    "answers API lists and feeds in front of Next: one computation, 304 from the kept ETag, rate limited",
    { timeout: 60_000 },
    async () => {
      // A client of its own (127.0.0.2): the rate-limit test above spent 127.0.0.1's allowance.
      const ask = (path: string, headers: Record<string, string> = {}) =>
        new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>(
          (done, fail) => {
            const url = new URL(`${server!.baseUrl}${path}`);
            request(
              {
                host: url.hostname,
                port: url.port,
                path: `${url.pathname}${url.search}`,
                headers,
                localAddress: "127.0.0.2",
                agent: false,
              },
              (response) => {
                let body = "";
                response.setEncoding("utf8");
                response.on("data", (chunk: string) => (body += chunk));
                response.on("end", () =>
                  done({ status: response.statusCode ?? 0, headers: response.headers, body }),
                );
              },
            )
              .on("error", fail)
              .end();
          },
        );
      // Keep the four requests inside one calendar minute of the limiter.
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
      const [first, second] = await Promise.all([
        ask("/feeds/latest.rss"),
        ask("/feeds/latest.rss"),
      ]);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(first.body).toBe(second.body);
      expect([first.headers["x-page-cache"], second.headers["x-page-cache"]].sort()).toEqual([
        "HIT",
        "MISS",
      ]);
      const etag = String(first.headers.etag);
      expect(second.headers.etag).toBe(etag);
      expect(first.headers["x-frame-options"]).toBe("DENY");
      const current = await ask("/feeds/latest.rss", { "if-none-match": etag });
      expect(current.status).toBe(304);
      expect(current.body).toBe("");
      // The limit of 3 a minute counts answers from the copy too.
      const refused = await ask("/api/v1/entities");
      expect(refused.status).toBe(429);
      expect((JSON.parse(refused.body) as { error: { code: string } }).error.code).toBe(
        "RATE_LIMITED",
      );
    },
  );

  it("renders a page again once PAGE_CACHE_SECONDS are up", { timeout: 30_000 }, async () => {
    await get("/claims");
    expect((await get("/claims")).cache).toBe("HIT");
    await new Promise((r) => setTimeout(r, 2_100)); // past twice the time: nothing old may be answered
    expect((await get("/claims")).cache).toBe("MISS");
  });
});
