import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError, isAppError } from "@/lib/errors";
import {
  fetchUrl,
  fetchWithRetry,
  parseRetryAfter,
  USER_AGENT,
  type FetchOptions,
} from "@/lib/ingest/fetch";
import { HostScheduler } from "@/lib/ingest/hosts";
import { RobotsCache } from "@/lib/ingest/robots";
import { startTestServer, type TestServer } from "@/test/helpers/http-server";

const ARTICLE =
  "<html><body><h1>OpenAI says DeepSeek distilled its models</h1><p>" +
  "Lorem ipsum dolor sit amet. ".repeat(200) +
  "</p></body></html>";
const VI_NFC = "Việt Nam: OpenAI cáo buộc DeepSeek chưng cất mô hình qua API";
const VI_1258_SOURCE =
  "Vi\u00ea\u0323t Nam: OpenAI ca\u0301o buô\u0323c DeepSeek chưng câ\u0301t mô hi\u0300nh qua API";

let server: TestServer;
let base: string;
let robots: RobotsCache;
const counters = new Map<string, number>();

/** Options every test starts from: loopback allowed (the server is on 127.0.0.1), no pacing delays. */
function opts(extra: FetchOptions = {}): FetchOptions {
  return { allowPrivateNetworks: true, hostScheduler: null, robotsCache: robots, ...extra };
}

/** Runs `promise` and returns the AppError it rejected with (fails the test if it resolved). */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

function bump(key: string): number {
  const next = (counters.get(key) ?? 0) + 1;
  counters.set(key, next);
  return next;
}

beforeAll(async () => {
  // 64 gzip members of 16 MiB of zeros each: 1 GiB once inflated, about 1 MB on the wire.
  const member = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
  const bomb = Buffer.concat(Array.from({ length: 64 }, () => member));

  server = await startTestServer({
    routes: {
      "/robots.txt": { status: 404, body: "none" },
      "/etag": (req, res) => {
        if (req.headers["if-none-match"] === '"v1"') {
          res.writeHead(304, { etag: '"v1"' });
          return void res.end();
        }
        res.writeHead(200, {
          "content-type": "text/html; charset=utf-8",
          etag: '"v1"',
          "last-modified": "Tue, 03 Feb 2026 10:00:00 GMT",
        });
        res.end(ARTICLE);
      },
      "/gzip": {
        headers: { "content-type": "text/html", "content-encoding": "gzip" },
        body: gzipSync(ARTICLE),
      },
      "/deflate": {
        headers: { "content-type": "text/html", "content-encoding": "deflate" },
        body: deflateSync(ARTICLE),
      },
      "/deflate-raw": {
        headers: { "content-type": "text/html", "content-encoding": "deflate" },
        body: deflateRawSync(ARTICLE),
      },
      "/br": {
        headers: { "content-type": "text/html", "content-encoding": "br" },
        body: brotliCompressSync(ARTICLE),
      },
      "/not-gzip": {
        headers: { "content-type": "text/html", "content-encoding": "gzip" },
        body: "this is not gzip at all, sorry",
      },
      "/r1": { status: 301, headers: { location: "/r2" } },
      "/r2": { status: 302, headers: { location: `${"http://127.0.0.1"}:PORT/r3` } },
      "/r3": { status: 307, headers: { location: "final?x=1#frag" } },
      "/final": { headers: { "content-type": "text/plain" }, body: "arrived" },
      "/loop-a": { status: 302, headers: { location: "/loop-b" } },
      "/loop-b": { status: 302, headers: { location: "/loop-a" } },
      "/to-file": { status: 302, headers: { location: "file:///etc/passwd" } },
      "/to-gopher": { status: 301, headers: { location: "gopher://127.0.0.1/" } },
      "/drip": (_req, res) => {
        res.writeHead(200, { "content-type": "text/plain" });
        let sent = 0;
        const timer = setInterval(() => {
          if (sent++ >= 100 || res.destroyed) {
            clearInterval(timer);
            return void res.end();
          }
          res.write("x");
        }, 100);
        res.on("close", () => clearInterval(timer));
      },
      "/silent": () => {
        // never answers: the client's deadline must end it
      },
      "/big": {
        headers: { "content-type": "text/plain" },
        body: Buffer.alloc(2 * 1024 * 1024, 0x61),
      },
      "/big-chunked": (_req, res) => {
        res.writeHead(200, { "content-type": "text/plain" }); // no content-length: only the stream count can stop it
        const chunk = Buffer.alloc(64 * 1024, 0x62);
        for (let i = 0; i < 40; i++) res.write(chunk);
        res.end();
      },
      "/bomb": (_req, res) => {
        res.writeHead(200, {
          "content-type": "text/html",
          "content-encoding": "gzip",
          "content-length": String(bomb.length),
        });
        res.end(bomb);
      },
      "/latin1-lie": {
        headers: { "content-type": "text/html; charset=iso-8859-1" },
        body: Buffer.from(`<html><body><p>${VI_NFC}</p></body></html>`, "utf8"),
      },
      "/vi-1258": {
        headers: { "content-type": "text/html" },
        body: iconv.encode(
          `<html><head><meta charset="windows-1258"></head><body><p>${VI_1258_SOURCE}</p></body></html>`,
          "windows-1258",
        ),
      },
      "/utf16": {
        headers: { "content-type": "text/html" },
        body: Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(`<html><body>${VI_NFC}</body></html>`, "utf16le"),
        ]),
      },
      "/429": { status: 429, headers: { "retry-after": "120" }, body: "slow down" },
      "/503-date": {
        status: 503,
        headers: { "retry-after": new Date(Date.now() + 3 * 24 * 3600_000).toUTCString() },
      },
      "/flaky": (_req, res) => {
        if (bump("flaky") <= 2) {
          res.writeHead(500);
          return void res.end("oops");
        }
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("finally");
      },
      "/down": { status: 502, body: "bad gateway" },
      "/missing": { status: 404, body: "no" },
      "/empty": {
        headers: { "content-type": "text/html; charset=utf-8", "content-length": "0" },
        body: "",
      },
      "/no-content": { status: 204 },
      "/slow-ok": (_req, res) => {
        setTimeout(() => {
          res.writeHead(200, { "content-type": "text/plain" });
          res.end("ok");
        }, 150);
      },
    },
  });
  base = server.url;
  server.route("/r2", { status: 302, headers: { location: `${base}/r3` } });
  server.route("/chain", (req, res) => {
    const n = Number(new URL(req.url ?? "/", base).searchParams.get("n"));
    if (n >= 10) {
      res.writeHead(200, { "content-type": "text/plain" });
      return void res.end(`end of chain at ${n}`);
    }
    res.writeHead(302, { location: `/chain?n=${n + 1}` });
    res.end();
  });
});

afterAll(async () => {
  await server?.close();
});

beforeAll(() => {
  robots = new RobotsCache();
});

describe("fetchUrl: conditional GET and compression", () => {
  it("returns 200 with the ETag, then 304 notModified with an empty body when the ETag is sent back", async () => {
    const first = await fetchUrl(`${base}/etag`, opts());
    expect(first.status).toBe(200);
    expect(first.notModified).toBe(false);
    expect(first.etag).toBe('"v1"');
    expect(first.lastModified).toBe("Tue, 03 Feb 2026 10:00:00 GMT");
    expect(first.text).toBe(ARTICLE);
    expect(first.charset).toBe("utf-8");

    const second = await fetchUrl(
      `${base}/etag`,
      opts({ etag: first.etag, lastModified: first.lastModified }),
    );
    expect(second.status).toBe(304);
    expect(second.notModified).toBe(true);
    expect(second.body.length).toBe(0);
    expect(second.text).toBe("");
    expect(second.etag).toBe('"v1"');
    expect(second.lastModified).toBe("Tue, 03 Feb 2026 10:00:00 GMT");

    const sent = server.requests.filter((r) => r.path === "/etag");
    expect(sent[0].headers["if-none-match"]).toBeUndefined();
    expect(sent[1].headers["if-none-match"]).toBe('"v1"');
    expect(sent[1].headers["if-modified-since"]).toBe("Tue, 03 Feb 2026 10:00:00 GMT");
    expect(sent[1].headers["user-agent"]).toBe(USER_AGENT);
    expect(USER_AGENT).toBe("DisputeWatch/0.1 (+https://github.com/disputewatch/disputewatch)");
    expect(sent[1].headers["accept-encoding"]).toContain("br");
  });

  it.each(["/gzip", "/deflate", "/deflate-raw", "/br"])("decompresses %s", async (path) => {
    const result = await fetchUrl(`${base}${path}`, opts());
    expect(result.text).toBe(ARTICLE);
    expect(result.body.length).toBe(Buffer.byteLength(ARTICLE));
  });

  it("reports a body that claims gzip but is not as FETCH_NETWORK", async () => {
    const error = await failure(fetchUrl(`${base}/not-gzip`, opts()));
    expect(error.code).toBe("FETCH_NETWORK");
    expect(error.message).toMatch(/^ingest\/fetch: /);
  });
});

describe("fetchUrl: redirects", () => {
  it("follows a chain of relative and absolute redirects to the final URL", async () => {
    const result = await fetchUrl(`${base}/r1`, opts());
    expect(result.text).toBe("arrived");
    expect(result.url).toBe(`${base}/final?x=1`);
  });

  it("follows exactly 5 redirects", async () => {
    const result = await fetchUrl(`${base}/chain?n=5`, opts());
    expect(result.text).toBe("end of chain at 10");
  });

  it("refuses a 6th redirect and stops asking", async () => {
    const before = server.hits("/chain");
    const error = await failure(fetchUrl(`${base}/chain?n=4`, opts()));
    expect(error.code).toBe("FETCH_TOO_MANY_REDIRECTS");
    expect(error.details?.loop).toBe(false);
    expect(server.hits("/chain") - before).toBe(6); // the first request and 5 followed redirects
  });

  it("detects a redirect loop", async () => {
    const error = await failure(fetchUrl(`${base}/loop-a`, opts()));
    expect(error.code).toBe("FETCH_TOO_MANY_REDIRECTS");
    expect(error.details?.loop).toBe(true);
    expect(server.hits("/loop-a")).toBe(1);
  });

  it.each(["/to-file", "/to-gopher"])(
    "checks every hop: %s redirecting to a non-http scheme is refused",
    async (path) => {
      const error = await failure(fetchUrl(`${base}${path}`, opts()));
      expect(error.code).toBe("FETCH_BAD_URL");
    },
  );
});

describe("fetchUrl: private networks (allowPrivateNetworks false)", () => {
  it("refuses a loopback IP literal before connecting", async () => {
    const before = server.requests.length;
    const error = await failure(
      fetchUrl(`${base}/final`, { hostScheduler: null, robotsCache: new RobotsCache() }),
    );
    expect(error.code).toBe("FETCH_PRIVATE_ADDRESS");
    expect(server.requests.length).toBe(before);
  });

  it("refuses a hostname that resolves to loopback, at connect time", async () => {
    const before = server.requests.length;
    const error = await failure(
      fetchUrl(`http://localhost:${server.port}/final`, {
        hostScheduler: null,
        robotsCache: new RobotsCache(),
      }),
    );
    expect(error.code).toBe("FETCH_PRIVATE_ADDRESS");
    expect(server.requests.length).toBe(before);
  });

  it.each([
    "http://0177.0.0.1:9/",
    "http://2130706433:9/",
    "http://0x7f.1:9/",
    "http://[::ffff:127.0.0.1]:9/",
    "http://169.254.169.254/",
  ])("refuses %s", async (url) => {
    const error = await failure(fetchUrl(url, { hostScheduler: null, respectRobots: false }));
    expect(error.code).toBe("FETCH_PRIVATE_ADDRESS");
  });
});

describe("fetchUrl: timeouts and size limits", () => {
  it("cuts off a server that drips one byte at a time", async () => {
    const started = Date.now();
    const error = await failure(fetchUrl(`${base}/drip`, opts({ totalTimeoutMs: 400 })));
    expect(error.code).toBe("FETCH_TIMEOUT");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("cuts off a server that never answers", async () => {
    const started = Date.now();
    const error = await failure(fetchUrl(`${base}/silent`, opts({ totalTimeoutMs: 300 })));
    expect(error.code).toBe("FETCH_TIMEOUT");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("counts the deadline over the whole redirect chain, not per hop", async () => {
    for (let i = 1; i <= 3; i++) {
      server.route(`/slow-hop-${i}`, (_req, res) => {
        setTimeout(() => {
          res.writeHead(302, { location: i < 3 ? `/slow-hop-${i + 1}` : "/final" });
          res.end();
        }, 150);
      });
    }
    const finalHits = server.hits("/final");
    const error = await failure(fetchUrl(`${base}/slow-hop-1`, opts({ totalTimeoutMs: 380 })));
    expect(error.code).toBe("FETCH_TIMEOUT");
    expect(server.hits("/final")).toBe(finalHits);
    const ok = await fetchUrl(`${base}/slow-hop-1`, opts({ totalTimeoutMs: 2000 }));
    expect(ok.text).toBe("arrived");
  });

  it("refuses a body over the cap (declared length)", async () => {
    const error = await failure(fetchUrl(`${base}/big`, opts({ maxBytes: 1024 * 1024 })));
    expect(error.code).toBe("FETCH_TOO_LARGE");
  });

  it("refuses a body over the cap (chunked, counted while streaming)", async () => {
    const error = await failure(fetchUrl(`${base}/big-chunked`, opts({ maxBytes: 1024 * 1024 })));
    expect(error.code).toBe("FETCH_TOO_LARGE");
    const ok = await fetchUrl(`${base}/big-chunked`, opts({ maxBytes: 4 * 1024 * 1024 }));
    expect(ok.body.length).toBe(40 * 64 * 1024);
  });

  it("stops a gzip bomb (1 GiB of zeros) at the 10 MB default cap without much memory growth", async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const started = Date.now();
    try {
      const error = await failure(fetchUrl(`${base}/bomb`, opts()));
      expect(error.code).toBe("FETCH_TOO_LARGE");
      expect(error.details?.maxBytes).toBe(10 * 1024 * 1024);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(peak - before).toBeLessThan(150 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe("fetchUrl: charsets over HTTP", () => {
  it("decodes UTF-8 bytes served under a wrong iso-8859-1 header", async () => {
    const result = await fetchUrl(`${base}/latin1-lie`, opts());
    expect(result.charset).toBe("utf-8");
    expect(result.text).toContain(VI_NFC);
    expect(result.contentType).toBe("text/html; charset=iso-8859-1");
  });

  it("decodes a windows-1258 Vietnamese page", async () => {
    const result = await fetchUrl(`${base}/vi-1258`, opts());
    expect(result.charset).toBe("windows-1258");
    expect(result.text).toContain(VI_NFC);
  });

  it("decodes UTF-16 with a BOM", async () => {
    const result = await fetchUrl(`${base}/utf16`, opts());
    expect(result.charset).toBe("utf-16le");
    expect(result.text).toBe(`<html><body>${VI_NFC}</body></html>`);
  });

  it("returns empty text for an empty 200 and a 204, without crashing", async () => {
    const empty = await fetchUrl(`${base}/empty`, opts());
    expect(empty.status).toBe(200);
    expect(empty.text).toBe("");
    expect(empty.body.length).toBe(0);
    const none = await fetchUrl(`${base}/no-content`, opts());
    expect(none.status).toBe(204);
    expect(none.text).toBe("");
  });
});

describe("fetchUrl / fetchWithRetry: statuses and retries", () => {
  it("turns 429 + Retry-After into FETCH_RATE_LIMITED with retryAfterMs, without retrying", async () => {
    const before = server.hits("/429");
    const error = await failure(
      fetchWithRetry(`${base}/429`, opts({ retries: 3, baseDelayMs: 5 } as FetchOptions)),
    );
    expect(error.code).toBe("FETCH_RATE_LIMITED");
    expect(error.details?.retryAfterMs).toBe(120_000);
    expect(error.details?.status).toBe(429);
    expect(server.hits("/429") - before).toBe(1);
  });

  it("turns 503 + a Retry-After date three days ahead into FETCH_RATE_LIMITED capped at 24 h", async () => {
    const error = await failure(
      fetchWithRetry(`${base}/503-date`, { ...opts(), retries: 2, baseDelayMs: 5 }),
    );
    expect(error.code).toBe("FETCH_RATE_LIMITED");
    expect(error.details?.retryAfterMs).toBe(24 * 3600_000);
    expect(error.details?.status).toBe(503);
  });

  it("retries 5xx with backoff and returns the success", async () => {
    counters.set("flaky", 0);
    const before = server.hits("/flaky");
    const result = await fetchWithRetry(`${base}/flaky`, {
      ...opts(),
      retries: 2,
      baseDelayMs: 20,
    });
    expect(result.text).toBe("finally");
    expect(server.hits("/flaky") - before).toBe(3);
  });

  it("gives up after the retries with FETCH_HTTP_STATUS and the status", async () => {
    const before = server.hits("/down");
    const error = await failure(
      fetchWithRetry(`${base}/down`, { ...opts(), retries: 2, baseDelayMs: 10 }),
    );
    expect(error.code).toBe("FETCH_HTTP_STATUS");
    expect(error.details?.status).toBe(502);
    expect(server.hits("/down") - before).toBe(3);
  });

  it("does not retry a 404", async () => {
    const before = server.hits("/missing");
    const error = await failure(
      fetchWithRetry(`${base}/missing`, { ...opts(), retries: 2, baseDelayMs: 10 }),
    );
    expect(error.details?.status).toBe(404);
    expect(server.hits("/missing") - before).toBe(1);
  });

  it("retries a timeout", async () => {
    const before = server.hits("/silent");
    const error = await failure(
      fetchWithRetry(`${base}/silent`, {
        ...opts(),
        totalTimeoutMs: 150,
        retries: 1,
        baseDelayMs: 10,
      }),
    );
    expect(error.code).toBe("FETCH_TIMEOUT");
    expect(server.hits("/silent") - before).toBe(2);
  });

  it("reports a refused connection as FETCH_NETWORK", async () => {
    const closed = await startTestServer();
    const url = `${closed.url}/x`;
    await closed.close();
    const error = await failure(fetchUrl(url, opts({ respectRobots: false })));
    expect(error.code).toBe("FETCH_NETWORK");
  });

  it("reads Retry-After in both forms", () => {
    const now = Date.parse("2026-02-03T10:00:00Z");
    expect(parseRetryAfter("30", now)).toBe(30_000);
    expect(parseRetryAfter("Tue, 03 Feb 2026 10:01:00 GMT", now)).toBe(60_000);
    expect(parseRetryAfter("Tue, 03 Feb 2026 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("999999999", now)).toBe(24 * 3600_000);
    expect(parseRetryAfter("soon", now)).toBeNull();
  });

  it("passes a caller's cancellation through as the signal's reason", async () => {
    const controller = new AbortController();
    const pending = fetchUrl(`${base}/silent`, opts({ signal: controller.signal }));
    setTimeout(() => controller.abort(new Error("user cancelled")), 50);
    await expect(pending).rejects.toThrow("user cancelled");
  });
});

describe("fetchUrl: scheme and robots.txt", () => {
  it.each([
    "ftp://example.com/feed.xml",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "mailto:a@b.c",
    "no-scheme.example/feed",
  ])("refuses %s with FETCH_BAD_URL", async (url) => {
    const error = await failure(fetchUrl(url, opts()));
    expect(error.code).toBe("FETCH_BAD_URL");
  });

  it("honours robots.txt rules for our agent, caches the file, and applies Crawl-delay", async () => {
    const site = await startTestServer({
      routes: {
        "/robots.txt": {
          headers: { "content-type": "text/plain" },
          body: "User-agent: *\nDisallow: /everyone-out\n\nUser-agent: DisputeWatch\nDisallow: /private\nCrawl-delay: 0.2\n",
        },
        "/private/page": { body: "secret" },
        "/public/page": { body: "hello" },
        "/everyone-out": { body: "for other bots" },
      },
    });
    const cache = new RobotsCache();
    const scheduler = new HostScheduler({ pauseMs: 0 });
    try {
      const error = await failure(
        fetchUrl(
          `${site.url}/private/page`,
          opts({ robotsCache: cache, hostScheduler: scheduler }),
        ),
      );
      expect(error.code).toBe("FETCH_ROBOTS_DISALLOWED");
      expect(site.hits("/private/page")).toBe(0);
      const ok = await fetchUrl(
        `${site.url}/public/page`,
        opts({ robotsCache: cache, hostScheduler: scheduler }),
      );
      expect(ok.text).toBe("hello");
      // Our group replaces "*" entirely, so /everyone-out is allowed for us.
      expect(
        (
          await fetchUrl(
            `${site.url}/everyone-out`,
            opts({ robotsCache: cache, hostScheduler: null }),
          )
        ).text,
      ).toBe("for other bots");
      expect(site.hits("/robots.txt")).toBe(1);
      expect(site.requests.find((r) => r.path === "/robots.txt")?.headers["user-agent"]).toBe(
        USER_AGENT,
      );
      // Crawl-delay 0.2 s: two paced requests to the host start at least ~200 ms apart.
      const t0 = Date.now();
      await Promise.all([
        fetchUrl(`${site.url}/public/page`, opts({ robotsCache: cache, hostScheduler: scheduler })),
        fetchUrl(`${site.url}/public/page`, opts({ robotsCache: cache, hostScheduler: scheduler })),
      ]);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    } finally {
      await site.close();
    }
  });

  it("allows everything when robots.txt is missing, and retries a 5xx robots.txt later", async () => {
    let robotsStatus = 500;
    const site = await startTestServer({
      routes: {
        "/robots.txt": (_req, res) => {
          res.writeHead(robotsStatus, { "content-type": "text/plain" });
          res.end(robotsStatus === 200 ? "User-agent: *\nDisallow: /\n" : "error");
        },
        "/page": { body: "page" },
      },
    });
    const cache = new RobotsCache({ errorTtlMs: 50 });
    try {
      expect((await fetchUrl(`${site.url}/page`, opts({ robotsCache: cache }))).text).toBe("page");
      robotsStatus = 200;
      await new Promise((r) => setTimeout(r, 80));
      const error = await failure(fetchUrl(`${site.url}/page`, opts({ robotsCache: cache })));
      expect(error.code).toBe("FETCH_ROBOTS_DISALLOWED");
      expect(site.hits("/robots.txt")).toBe(2);
    } finally {
      await site.close();
    }
  });

  it("skips robots.txt when respectRobots is false", async () => {
    const site = await startTestServer({
      routes: { "/robots.txt": { body: "User-agent: *\nDisallow: /\n" }, "/x": { body: "x" } },
    });
    try {
      expect(
        (
          await fetchUrl(
            `${site.url}/x`,
            opts({ respectRobots: false, robotsCache: new RobotsCache() }),
          )
        ).text,
      ).toBe("x");
      expect(site.hits("/robots.txt")).toBe(0);
    } finally {
      await site.close();
    }
  });
});

describe("HostScheduler", () => {
  it("keeps at most 2 requests in flight per host and spaces their starts by the pause", async () => {
    const scheduler = new HostScheduler({ pauseMs: 60, concurrency: 2 });
    let active = 0;
    let maxActive = 0;
    const starts: number[] = [];
    const task = () =>
      new Promise<void>((resolve) => {
        active++;
        maxActive = Math.max(maxActive, active);
        starts.push(Date.now());
        setTimeout(() => {
          active--;
          resolve();
        }, 150);
      });
    await Promise.all(Array.from({ length: 5 }, () => scheduler.run("example.com", task)));
    expect(maxActive).toBe(2);
    for (let i = 1; i < starts.length; i++)
      expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(55);
  });

  it("does not make different hosts wait for each other", async () => {
    const scheduler = new HostScheduler({ pauseMs: 500, concurrency: 1 });
    const t0 = Date.now();
    await Promise.all(
      ["a.example", "b.example", "c.example"].map((host) => scheduler.run(host, async () => host)),
    );
    expect(Date.now() - t0).toBeLessThan(200);
  });

  it("paces real fetches to one host through the default-style scheduler", async () => {
    const scheduler = new HostScheduler({ pauseMs: 100, concurrency: 2 });
    const before = server.requests.length;
    const t0 = Date.now();
    await Promise.all(
      [1, 2, 3].map(() =>
        fetchUrl(`${base}/slow-ok`, opts({ hostScheduler: scheduler, respectRobots: false })),
      ),
    );
    expect(server.requests.length - before).toBe(3);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(200); // starts at 0, 100, 200 ms at the earliest
  });

  it("drops a waiting task when its signal aborts", async () => {
    const scheduler = new HostScheduler({ pauseMs: 1000, concurrency: 1 });
    await scheduler.run("x.example", async () => undefined);
    const controller = new AbortController();
    const waiting = scheduler.run("x.example", async () => "ran", controller.signal);
    controller.abort(new Error("gave up"));
    await expect(waiting).rejects.toThrow("gave up");
    expect(scheduler.stats("x.example").waiting).toBe(0);
  });
});

describe("test server helper", () => {
  it("serves files from a folder with a content type, and 404 for the rest", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dw-http-"));
    await writeFile(
      join(dir, "feed.xml"),
      '<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Tin tức</title></channel></rss>',
    );
    const site = await startTestServer({ staticDir: dir });
    try {
      const feed = await fetchUrl(`${site.url}/feed.xml`, opts({ respectRobots: false }));
      expect(feed.contentType).toBe("application/xml");
      expect(feed.text).toContain("<title>Tin tức</title>");
      const error = await failure(fetchUrl(`${site.url}/nope.xml`, opts({ respectRobots: false })));
      expect(error.details?.status).toBe(404);
    } finally {
      await site.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("errors", () => {
  it("names the stage in every message", async () => {
    const error = await failure(fetchUrl(`${base}/missing`, opts()));
    expect(isAppError(error, "FETCH_HTTP_STATUS")).toBe(true);
    expect(error.message).toMatch(/^ingest\/fetch: /);
  });
});
