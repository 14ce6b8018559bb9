/**
 * API lists and feeds shared in front of Next (lib/http/page-cache.ts with lib/http/front-cache.ts):
 * which requests share an answer, what is kept, and, through a real HTTP server on 127.0.0.1 with
 * the cache in front of a handler that answers as the route handlers do (ETag, Last-Modified),
 * one computation for concurrent requests, 304 from the kept validators, the rate limit taken for
 * every request, and the mark that tells the handler its answer is shared in front.
 */
import { createServer, IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { rateLimitInFront, sharedRateLimiter } from "@/lib/api/rate-limit";
import { FRONT_CACHE_HEADER, frontCacheToken, sharedInFront } from "@/lib/http/front-cache";
import {
  answerCacheKey,
  PageCache,
  toCachedAnswer,
  type PageCacheOptions,
} from "@/lib/http/page-cache";
import { startWellInsideRateWindow } from "@/test/helpers/rate-window";

function request(url: string, headers: Record<string, string> = {}, method = "GET") {
  const message = new IncomingMessage(new Socket());
  message.method = method;
  message.url = url;
  message.headers = { host: "news.example", ...headers };
  return message;
}

describe("answerCacheKey", () => {
  it("shares API lists and feeds per URL, whatever the client's language, host or cookies", () => {
    const key = answerCacheKey(request("/api/v1/articles?entity=openai"));
    expect(key).not.toBeNull();
    expect(
      answerCacheKey(
        request("/api/v1/articles?entity=openai", {
          host: "other.example",
          "accept-language": "vi",
          cookie: "dw_locale=vi",
        }),
      ),
    ).toBe(key);
    expect(answerCacheKey(request("/api/v1/articles?entity=deepseek"))).not.toBe(key);
    expect(answerCacheKey(request("/feeds/latest.rss"))).not.toBeNull();
    expect(answerCacheKey(request("/feeds/digest/daily.atom?tz=Asia/Ho_Chi_Minh"))).not.toBeNull();
  });

  it("never shares admin, pages, other methods, credentials or the router's own requests", () => {
    for (const url of ["/api/admin/sources", "/admin", "/", "/stories/1", "/api/v2/x"])
      expect(answerCacheKey(request(url)), url).toBeNull();
    expect(answerCacheKey(request("/api/v1/articles", {}, "POST"))).toBeNull();
    expect(answerCacheKey(request("/api/v1/articles", {}, "HEAD"))).toBeNull();
    expect(answerCacheKey(request("/api/v1/articles", { authorization: "Bearer x" }))).toBeNull();
    expect(answerCacheKey(request("/feeds/latest.rss", { rsc: "1" }))).toBeNull();
  });
});

describe("toCachedAnswer", () => {
  const headers = {
    "content-type": "application/json; charset=utf-8",
    etag: '"abc"',
    "content-length": "2",
  };

  it("keeps a 200 with an ETag as one part, without its per-response headers", () => {
    const kept = toCachedAnswer(200, headers, "{}")!;
    expect(kept.parts).toEqual(["{}"]);
    expect(kept.nonce).toBe("");
    expect(kept.headers.etag).toBe('"abc"');
    expect(kept.headers["content-length"]).toBeUndefined();
  });

  it("keeps no error, no answer without an ETag and none that sets a cookie", () => {
    expect(toCachedAnswer(404, headers, "{}")).toBeNull();
    expect(toCachedAnswer(429, headers, "{}")).toBeNull();
    expect(toCachedAnswer(304, headers, "")).toBeNull();
    const { etag: _etag, ...withoutEtag } = headers;
    expect(toCachedAnswer(200, withoutEtag, "{}")).toBeNull();
    expect(toCachedAnswer(200, { ...headers, "set-cookie": ["a=b"] }, "{}")).toBeNull();
  });
});

describe("sharedInFront", () => {
  it("believes only this process's token, never a value a client sends", () => {
    const token = frontCacheToken();
    expect(sharedInFront(new Headers({ [FRONT_CACHE_HEADER]: token }))).toBe(true);
    expect(sharedInFront(new Headers({ [FRONT_CACHE_HEADER]: "1" }))).toBe(false);
    expect(sharedInFront(new Headers())).toBe(false);
  });
});

describe("the front cache for answers, on a real server", () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    server = undefined;
  });

  /** The cache in front of a handler answering like lib/api/etag.ts; counts its computations. */
  async function start(options: Partial<PageCacheOptions> = {}) {
    const seen: { url: string; marked: boolean; header: string | undefined }[] = [];
    const cache = new PageCache({ ttlMs: 60_000, staleMs: 60_000, ...options });
    const handler = async (req: IncomingMessage, res: ServerResponse) => {
      const headerValue = req.headers[FRONT_CACHE_HEADER] as string | undefined;
      seen.push({
        url: req.url ?? "",
        marked: headerValue === frontCacheToken(),
        header: headerValue,
      });
      await new Promise((r) => setTimeout(r, 60));
      const body = JSON.stringify({ data: [{ url: req.url, n: seen.length }] });
      res.writeHead(200, {
        "content-type": "application/json; charset=utf-8",
        etag: `"v${seen.length}"`,
        "last-modified": new Date(Date.UTC(2025, 0, 29, 12)).toUTCString(),
        "cache-control": "public, max-age=60",
        vary: "Accept-Encoding",
      });
      res.end(body);
    };
    server = createServer((req, res) => {
      cache.serve(req, res, () => handler(req, res)).catch(() => res.end());
    });
    await new Promise<void>((ready) => server!.listen(0, "127.0.0.1", ready));
    const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
    return { base, seen, cache };
  }

  it("computes an answer once for concurrent requests and answers the rest from the copy", async () => {
    const { base, seen } = await start();
    const answers = await Promise.all(
      Array.from({ length: 16 }, () => fetch(`${base}/api/v1/articles?limit=5`)),
    );
    const bodies = await Promise.all(answers.map((answer) => answer.text()));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(new Set(bodies).size).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.marked).toBe(true);
    expect(answers.filter((a) => a.headers.get("x-page-cache") === "HIT")).toHaveLength(15);
    expect(answers[3]!.headers.get("etag")).toBe('"v1"');
    expect(answers[3]!.headers.get("content-type")).toBe("application/json; charset=utf-8");
    await (await fetch(`${base}/feeds/latest.rss`)).text();
    expect(seen.map((s) => s.url)).toEqual(["/api/v1/articles?limit=5", "/feeds/latest.rss"]);
  });

  it("answers 304 from the kept ETag or Last-Modified, and 200 to a client with an old copy", async () => {
    const { base, seen } = await start();
    const first = await fetch(`${base}/feeds/latest.rss`);
    const body = await first.text();
    const etag = first.headers.get("etag")!;
    const byTag = await fetch(`${base}/feeds/latest.rss`, { headers: { "if-none-match": etag } });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe("");
    expect(byTag.headers.get("etag")).toBe(etag);
    expect(byTag.headers.get("cache-control")).toBe("public, max-age=60");
    const byDate = await fetch(`${base}/feeds/latest.rss`, {
      headers: { "if-modified-since": first.headers.get("last-modified")! },
    });
    expect(byDate.status).toBe(304);
    const old = await fetch(`${base}/feeds/latest.rss`, { headers: { "if-none-match": '"v0"' } });
    expect(old.status).toBe(200);
    expect(await old.text()).toBe(body);
    const before = await fetch(`${base}/feeds/latest.rss`, {
      headers: { "if-modified-since": new Date(Date.UTC(2025, 0, 28)).toUTCString() },
    });
    expect(before.status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it("takes the rate limit for every API and feed request, answered from the copy or not", async () => {
    await startWellInsideRateWindow();
    const limit = 3;
    sharedRateLimiter(limit).take("reset"); // a limiter of this test's own limit
    const { base, seen } = await start({
      rateLimit: (req) => rateLimitInFront(req, limit, 0),
    });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await fetch(`${base}/api/v1/stories`);
      await answer.text();
      statuses.push(answer.status);
      if (answer.status === 429) {
        expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(answer.headers.get("cache-control")).toBe("no-store");
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const refused = await fetch(`${base}/api/v1/stories`);
    expect((await refused.json()).error.code).toBe("RATE_LIMITED");
    expect(seen).toHaveLength(1);
    // Pages are not counted.
    expect((await fetch(`${base}/admin`)).status).toBe(200);
  });

  it("passes no client's mark on to Next", async () => {
    const { base, seen } = await start();
    await (await fetch(`${base}/admin`, { headers: { [FRONT_CACHE_HEADER]: "forged" } })).text();
    await (
      await fetch(`${base}/api/v1/claims`, { headers: { [FRONT_CACHE_HEADER]: "forged" } })
    ).text();
    expect(seen[0]).toMatchObject({ url: "/admin", header: undefined, marked: false });
    expect(seen[1]).toMatchObject({ url: "/api/v1/claims", marked: true });
  });
});
