/**
 * The production web server: the built Next.js app in WEB_CONCURRENCY processes sharing one port
 * (node:cluster; the primary hands connections to the workers in turn). A single Node.js process
 * renders pages on one core, so on a machine with two cores one process leaves half of it idle
 * while requests queue (see bench/pages.bench.ts). `npm start`, the page benchmark and the browser
 * tests all run this, so what is measured and tested is what ships.
 *
 * What each process keeps for itself is only what may be per process: the few-second timeline view
 * (lib/store/microcache.ts), the few-second copies of whole public pages (lib/http/page-cache.ts)
 * and the rate limiter, which divides RATE_LIMIT_PER_MINUTE between the
 * workers (lib/api/rate-limit.ts). Sessions are signed cookies and everything else is in the
 * database. A worker that dies is replaced; one that keeps dying stops the server.
 *
 *   tsx scripts/serve.ts            (PORT, HOST, WEB_CONCURRENCY from the environment)
 */
import cluster from "node:cluster";
import { createServer } from "node:http";
import next from "next";
import { appendForwardedFor, rateLimitInFront } from "@/lib/api/rate-limit";
import { DW_WEB_WORKERS, getConfig, publicUrlWarning, webWorkers } from "@/lib/config";
import { errorMessage } from "@/lib/errors";
import { refuseBadInput, setBaselineHeaders } from "@/lib/http/input";
import { applyTransportSecurity } from "@/lib/http/origin";
import { PageCache } from "@/lib/http/page-cache";
import { REQUEST_ID_HEADER, requestIdFor } from "@/lib/http/request-id";
import { DatabaseGate } from "@/lib/http/unavailable";
import { getLogger } from "@/lib/log";
import { useReadThreads } from "@/lib/store/db";

async function serveOne(port: number, host: string): Promise<void> {
  // SQLite reads off the thread that answers requests (lib/store/sqlite-readers.ts).
  useReadThreads(getConfig().SQLITE_READ_THREADS);
  const app = next({ dev: false, dir: process.cwd(), hostname: host, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const config = getConfig();
  // Public pages are answered again for PAGE_CACHE_SECONDS to everyone who would see the same markup.
  // So are API lists and feeds, per URL, after their rate limit (taken here for every such request).
  const pages = new PageCache({
    ttlMs: config.PAGE_CACHE_SECONDS * 1000,
    staleMs: config.PAGE_CACHE_STALE_SECONDS * 1000,
    publicUrl: config.PUBLIC_URL,
    rateLimit: (request) =>
      rateLimitInFront(request, config.rateLimitPerProcess, config.TRUSTED_PROXIES),
  });
  // While the database is out of reach: 503 with Retry-After, not the app's 500 (lib/http/unavailable.ts).
  const gate = new DatabaseGate(config.DATABASE_URL);
  const log = getLogger();
  const server = createServer((request, response) => {
    // One id per request, on its log lines and in its answer (lib/http/request-id.ts).
    const reqId = requestIdFor(request.headers[REQUEST_ID_HEADER], config.TRUSTED_PROXIES > 0);
    request.headers[REQUEST_ID_HEADER] = reqId;
    response.setHeader("X-Request-Id", reqId);
    if (log.isLevelEnabled("debug")) {
      const started = performance.now();
      response.once("finish", () =>
        log.debug(
          {
            reqId,
            method: request.method,
            path: request.url,
            status: response.statusCode,
            ms: Math.round(performance.now() - started),
          },
          "web: answered",
        ),
      );
    }
    // The client's address as we saw it, after whatever the client or a proxy wrote (lib/api/rate-limit.ts).
    request.headers["x-forwarded-for"] = appendForwardedFor(
      request.headers["x-forwarded-for"],
      request.socket.remoteAddress,
    );
    // No https on a client's say-so; HSTS when PUBLIC_URL or a trusted proxy says https (lib/http/origin.ts).
    applyTransportSecurity(request, response, {
      publicUrl: config.PUBLIC_URL ?? null,
      trustedProxies: config.TRUSTED_PROXIES,
    });
    // Malformed encoding, NUL bytes, impossible ids and over-long values end here (lib/http/input.ts).
    setBaselineHeaders(response);
    if (refuseBadInput(request, response)) return;
    gate
      .serve(request, response, () =>
        pages.serve(request, response, () => handle(request, response)),
      )
      .catch((error: unknown) => {
        log.error({ reqId, err: error }, `web: ${errorMessage(error)}`);
        if (!response.headersSent) response.statusCode = 500;
        response.end();
      });
  });
  await new Promise<void>((ready, fail) => {
    server.once("error", fail);
    server.listen(port, host, ready);
  });
  const stop = () => {
    // Finish the requests in hand, then go; idle keep-alive connections must not hold us up.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/**
 * The young generation of each worker (MB per semi-space, V8's --max-semi-space-size): rendering a
 * page allocates megabytes of short-lived objects, and with V8's default a sixth of a home page's
 * CPU went to collecting them; at 32 MB it is an eighth (the collections are rarer, and fewer
 * objects survive them), for some tens of MB more per worker. Left alone when the operator sets it.
 */
const SEMI_SPACE_MB = 32;

function runPrimary(workers: number, port: number, host: string): void {
  let stopping = false;
  const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((arg) =>
    arg.includes("--max-semi-space-size"),
  );
  if (!chosen)
    cluster.setupPrimary({
      execArgv: [...process.execArgv, `--max-semi-space-size=${SEMI_SPACE_MB}`],
    });
  const recentDeaths: number[] = [];
  const fork = () => cluster.fork({ [DW_WEB_WORKERS]: String(workers) });
  for (let i = 0; i < workers; i++) fork();
  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === workers)
      getLogger().info(
        `web: ${workers} worker${workers === 1 ? "" : "s"} on http://${host}:${port}`,
      );
  });
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    const now = Date.now();
    recentDeaths.push(now);
    while (recentDeaths.length && recentDeaths[0]! < now - 60_000) recentDeaths.shift();
    if (recentDeaths.length > workers * 3) {
      getLogger().error(`web: workers keep exiting (last: ${signal ?? code}); stopping`);
      process.exit(1);
    }
    getLogger().error(
      `web: worker ${worker.process.pid} exited (${signal ?? code}); starting another`,
    );
    fork();
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 12_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

const config = getConfig();
const workers = webWorkers(config.WEB_CONCURRENCY);
const publicUrlProblem = publicUrlWarning(config);
if (publicUrlProblem && !cluster.isWorker) getLogger().warn(`web: ${publicUrlProblem}`);
if (workers === 1 || cluster.isWorker) {
  serveOne(config.PORT, config.HOST).catch((error: unknown) => {
    getLogger().error({ err: error }, `web: ${errorMessage(error)}`);
    process.exit(1);
  });
} else {
  runPrimary(workers, config.PORT, config.HOST);
}
