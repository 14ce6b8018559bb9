/**
 * The safe, polite HTTP fetcher every feed and article download goes through.
 *
 * Safe: only http(s); private, loopback and link-local addresses are refused both when the URL names
 * an IP literal and when a hostname RESOLVES to one (checked inside the socket's DNS lookup, so a DNS
 * answer that changes between check and connect cannot slip through); every redirect hop is checked
 * again; bodies are capped after decompression so a gzip bomb stops at the cap; every hop has a
 * deadline that includes the body, so a server dripping a byte a second is cut off.
 *
 * Polite: a User-Agent naming the product, conditional GET (ETag / Last-Modified), compression,
 * robots.txt, per-host pacing (hosts.ts), and Retry-After surfaced to the caller instead of a blind
 * retry.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { Transform, type TransformCallback, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import { Agent, request, type Dispatcher } from "undici";
import { AppError, isAppError } from "@/lib/errors";
import { isPrivateAddress, parseHostAddress } from "./address";
import { decodeBody } from "./charset";
import { HostScheduler } from "./hosts";
import { ROBOTS_MAX_BYTES, RobotsCache } from "./robots";

/** The User-Agent we send: it names the product and where to read about it, as polite bots do. */
export const USER_AGENT = "DisputeWatch/0.1 (+https://github.com/disputewatch/disputewatch)";

/** What we ask for when the caller does not say: feeds and pages, feeds first. */
export const DEFAULT_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, application/xhtml+xml;q=0.8, */*;q=0.5";

const MAX_RETRY_AFTER_MS = 24 * 3600_000;
const MAX_CRAWL_DELAY_MS = 30_000;

/** Options of one fetch. */
export interface FetchOptions {
  /** ETag from the previous fetch, sent as If-None-Match. */
  etag?: string | null;
  /** Last-Modified from the previous fetch, sent as If-Modified-Since. */
  lastModified?: string | null;
  accept?: string;
  /** Body cap in bytes, counted after decompression (default 10 MB). */
  maxBytes?: number;
  /** TCP (and TLS) connect timeout (default 10 s). */
  connectTimeoutMs?: number;
  /**
   * Deadline for the whole request, redirects and body included (default 20 s). Time spent waiting
   * for the host's turn in the scheduler and fetching robots.txt is not counted: a queue of articles
   * on one site must not time out before it is even asked.
   */
  totalTimeoutMs?: number;
  /** Redirects followed at most (default 5). */
  maxRedirects?: number;
  /** Allow loopback / private / link-local targets (default false; tests and explicit local setups only). */
  allowPrivateNetworks?: boolean;
  userAgent?: string;
  /** Check robots.txt before each hop (default true). */
  respectRobots?: boolean;
  signal?: AbortSignal;
  /** Per-host pacing; defaults to one scheduler shared by the process. null disables pacing. */
  hostScheduler?: HostScheduler | null;
  /** robots.txt cache; defaults to one cache shared by the process. */
  robotsCache?: RobotsCache;
}

/** The answer to a fetch. */
export interface FetchResult {
  /** Final URL after redirects. */
  url: string;
  status: number;
  /** True on 304: the caller's copy is current, the body is empty. */
  notModified: boolean;
  headers: Record<string, string>;
  /** Decompressed body. */
  body: Buffer;
  /** Body decoded with `charset`. */
  text: string;
  charset: string;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
}

/** Options of fetchWithRetry: FetchOptions plus how many times and how patiently to retry. */
export interface RetryOptions extends FetchOptions {
  /** Retries after the first attempt (default 2). */
  retries?: number;
  /** First backoff delay in ms; doubles each retry, with jitter (default 500). */
  baseDelayMs?: number;
}

/** The shared pacing of this process: 2 requests at once and 1 s between starts, per host. */
export const defaultHostScheduler = new HostScheduler();

/** The shared robots.txt cache of this process. */
export const defaultRobotsCache = new RobotsCache();

// ---------------------------------------------------------------------------------------------------
// Address checks

/** The shape of node's dns.lookup with `all: true`, which safe lookups are built over. */
export type Resolver = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/** The refusal every unreadable, empty or private answer becomes. */
function refusedLookup(hostname: string, address: unknown, why: string): AppError {
  const shown = typeof address === "string" ? address.slice(0, 100) : null;
  return new AppError(
    "FETCH_PRIVATE_ADDRESS",
    `ingest/fetch: ${String(hostname).slice(0, 200)} resolves to ${why}`,
    {
      host: String(hostname).slice(0, 200),
      address: shown,
    },
  );
}

/**
 * Builds a dns.lookup replacement for the socket over `resolve`: it resolves every address of the
 * host and fails with FETCH_PRIVATE_ADDRESS if ANY of them is private or unreadable. Checking all
 * (not just the one used) means a host that mixes public and private records cannot be used to reach
 * the private one on a retry. Nothing in here may throw: it runs in a resolver callback, where an
 * exception is uncaught and ends the process, so any error becomes a refused fetch, and the callback
 * is called exactly once.
 */
export function createSafeLookup(resolve: Resolver) {
  return function safeLookupWith(
    hostname: string,
    options: LookupOptions | number | ((...args: unknown[]) => void),
    callback?: (...args: unknown[]) => void,
  ): void {
    const cb = (typeof options === "function" ? options : callback) as (...args: unknown[]) => void;
    let answered = false;
    const answer = (...args: unknown[]) => {
      if (answered) return;
      answered = true;
      // Should the socket's own callback throw, the catches below see it and answer no second time.
      cb(...args);
    };
    try {
      const opts: LookupOptions =
        typeof options === "function"
          ? {}
          : typeof options === "number"
            ? { family: options }
            : { ...options };
      resolve(hostname, { ...opts, all: true }, (error, addresses) => {
        try {
          if (error) return answer(error);
          if (!Array.isArray(addresses) || addresses.length === 0) {
            return answer(refusedLookup(hostname, null, "nothing"));
          }
          for (const entry of addresses) {
            const address = (entry as Partial<LookupAddress> | null)?.address;
            if (typeof address !== "string" || parseHostAddress(address) === null) {
              return answer(
                refusedLookup(hostname, address, "something that is not an IP address"),
              );
            }
            if (isPrivateAddress(address)) {
              return answer(
                refusedLookup(
                  hostname,
                  address,
                  `${address.slice(0, 100)}, a private or local address`,
                ),
              );
            }
          }
          if (opts.all) return answer(null, addresses);
          return answer(null, addresses[0].address, addresses[0].family);
        } catch (failure) {
          return answer(
            refusedLookup(
              hostname,
              null,
              `an answer that could not be checked (${String(failure).slice(0, 100)})`,
            ),
          );
        }
      });
    } catch (failure) {
      answer(
        refusedLookup(
          hostname,
          null,
          `an answer that could not be checked (${String(failure).slice(0, 100)})`,
        ),
      );
    }
  };
}

/** The connect-time DNS check over the system resolver (see createSafeLookup). */
export const safeLookup = createSafeLookup(dnsLookup as unknown as Resolver);

/**
 * Parses and vets a URL before any request to it (the first one and every redirect target): it must
 * be absolute http(s), and a host written as an IP literal (in any spelling) must not be private unless
 * `allowPrivateNetworks`. Hostnames are vetted later, on their resolved addresses, by safeLookup.
 */
export function assertFetchableUrl(
  input: string | URL,
  options: { allowPrivateNetworks?: boolean } = {},
): URL {
  let url: URL;
  try {
    url = typeof input === "string" ? new URL(input.trim()) : new URL(input.href);
  } catch {
    throw new AppError(
      "FETCH_BAD_URL",
      `ingest/fetch: not an absolute URL: ${String(input).slice(0, 200)}`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AppError(
      "FETCH_BAD_URL",
      `ingest/fetch: only http and https are fetched, not ${url.protocol}`,
      {
        url: url.href.slice(0, 200),
      },
    );
  }
  if (url.hostname === "")
    throw new AppError("FETCH_BAD_URL", `ingest/fetch: URL has no host: ${url.href}`);
  if (!options.allowPrivateNetworks) {
    const literal = parseHostAddress(url.hostname);
    if (literal !== null && isPrivateAddress(literal)) {
      throw new AppError(
        "FETCH_PRIVATE_ADDRESS",
        `ingest/fetch: ${url.host} is a private or local address`,
        {
          host: url.hostname,
          address: literal,
        },
      );
    }
  }
  url.hash = "";
  return url;
}

const agents = new Map<string, Agent>();

/** One undici Agent per (private allowed, connect timeout), so connections are pooled across fetches. */
function agentFor(allowPrivateNetworks: boolean, connectTimeoutMs: number): Agent {
  const key = `${allowPrivateNetworks}:${connectTimeoutMs}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      connect: {
        timeout: connectTimeoutMs,
        // The lookup runs for every new connection, so it sees what DNS says at connect time.
        ...(allowPrivateNetworks ? {} : { lookup: safeLookup as never }),
      },
      connections: 8,
      keepAliveTimeout: 4_000,
    });
    agents.set(key, agent);
  }
  return agent;
}

// ---------------------------------------------------------------------------------------------------
// Body reading

/**
 * Content-Encoding "deflate" is meant to be zlib-wrapped, but some servers send raw deflate. This
 * looks at the first two bytes and picks the right inflater, as browsers do.
 */
class AutoInflate extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      const wrapped =
        chunk.length >= 2 && (chunk[0] & 0x0f) === 8 && ((chunk[0] << 8) | chunk[1]) % 31 === 0;
      const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
      this.inner = wrapped ? zlib.createInflate(flush) : zlib.createInflateRaw(flush);
      this.inner.on("data", (data: Buffer) => this.push(data));
      this.inner.on("error", (error) => this.destroy(error));
    }
    if (this.inner.write(chunk)) callback();
    else this.inner.once("drain", () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) return callback();
    this.inner.once("end", () => callback());
    this.inner.end();
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }
}

/** Decoders for a Content-Encoding header value, in the order they must be applied. */
function decodersFor(contentEncoding: string | undefined): Transform[] {
  const codings = (contentEncoding ?? "")
    .toLowerCase()
    .split(",")
    .map((coding) => coding.trim())
    .filter((coding) => coding !== "" && coding !== "identity");
  // Codings are listed in the order they were applied; undo them last-first.
  return codings.reverse().map((coding) => {
    switch (coding) {
      case "gzip":
      case "x-gzip":
        // Z_SYNC_FLUSH: a body cut short still yields what arrived, as browsers show it.
        return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
      case "deflate":
        return new AutoInflate();
      case "br":
        return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
      default:
        throw new AppError(
          "FETCH_NETWORK",
          `ingest/fetch: unsupported Content-Encoding "${coding}"`,
          {
            contentEncoding,
          },
        );
    }
  });
}

/**
 * Streams the body through its decoders and stops as soon as the decoded size passes `maxBytes`, so
 * memory stays near the cap whatever the compression ratio.
 */
async function readBody(
  body: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  let tooLarge: AppError | null = null;
  const decoders = decodersFor(contentEncoding);
  const sink = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) {
        tooLarge = new AppError(
          "FETCH_TOO_LARGE",
          `ingest/fetch: body is larger than ${maxBytes} bytes`,
          { maxBytes },
        );
        throw tooLarge;
      }
      chunks.push(chunk);
    }
  };
  const stages = [body, ...decoders, sink] as unknown as Parameters<typeof pipeline>;
  try {
    await (pipeline as (...args: unknown[]) => Promise<void>)(...stages);
  } catch (error) {
    // Tearing the pipeline down makes the upstream streams fail with AbortError, which pipeline may
    // report instead of the reason we stopped; the reason is what the caller needs.
    if (tooLarge) throw tooLarge;
    if (isAppError(error)) throw error;
    const code = (error as { code?: string }).code ?? "";
    if (code.startsWith("Z_") || code.startsWith("ERR_BROTLI") || code.startsWith("ERR__")) {
      throw new AppError(
        "FETCH_NETWORK",
        `ingest/fetch: could not decompress the ${contentEncoding} body`,
        {
          contentEncoding,
          cause: code,
        },
        { cause: error },
      );
    }
    throw error;
  }
  return Buffer.concat(chunks, total);
}

// ---------------------------------------------------------------------------------------------------
// Status handling

/**
 * Turns a Retry-After value (seconds or an HTTP date) into milliseconds from now, capped at 24 h so a
 * hostile or broken server cannot park a source for a year. Null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return null;
    ms = date - now;
  }
  return Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}

/** Flattens undici's headers (values may be arrays) into one string per lower-case name. */
function flattenHeaders(headers: Dispatcher.ResponseData["headers"]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return flat;
}

type HopOutcome =
  { kind: "redirect"; location: string; status: number } | { kind: "done"; result: FetchResult };

interface ResolvedOptions {
  etag: string | null;
  lastModified: string | null;
  accept: string;
  maxBytes: number;
  connectTimeoutMs: number;
  totalTimeoutMs: number;
  maxRedirects: number;
  allowPrivateNetworks: boolean;
  userAgent: string;
  respectRobots: boolean;
  hostScheduler: HostScheduler | null;
  robotsCache: RobotsCache;
}

/** Discards a body we will not read, without letting an error there mask the real outcome. */
async function discard(body: Dispatcher.ResponseData["body"]): Promise<void> {
  try {
    await body.dump({ limit: 64 * 1024 });
  } catch {
    // the connection is dropped either way
  }
}

/** Makes one request to one URL and reads its body: one hop of a redirect chain. */
async function exchange(
  url: URL,
  options: ResolvedOptions,
  outerSignal: AbortSignal | undefined,
  budgetMs: number,
): Promise<HopOutcome> {
  const deadline = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort(
      new AppError(
        "FETCH_TIMEOUT",
        `ingest/fetch: ${url.host} did not finish within ${options.totalTimeoutMs} ms`,
        {
          url: url.href,
          timeoutMs: options.totalTimeoutMs,
        },
      ),
    );
  }, budgetMs);
  const signal = outerSignal ? AbortSignal.any([outerSignal, deadline.signal]) : deadline.signal;
  const headers: Record<string, string> = {
    "user-agent": options.userAgent,
    accept: options.accept,
    "accept-encoding": "gzip, deflate, br",
  };
  if (options.etag) headers["if-none-match"] = options.etag;
  if (options.lastModified) headers["if-modified-since"] = options.lastModified;
  try {
    // undici 7's request() never follows redirects (its maxRedirections option is gone; only 0 is
    // accepted), so every hop comes back here to be checked.
    const response = await request(url, {
      method: "GET",
      headers,
      signal,
      dispatcher: agentFor(options.allowPrivateNetworks, options.connectTimeoutMs),
      // Our own deadline covers headers and body; these are only a backstop.
      headersTimeout: options.totalTimeoutMs + 1000,
      bodyTimeout: options.totalTimeoutMs + 1000,
    });
    const status = response.statusCode;
    const flat = flattenHeaders(response.headers);

    if ([301, 302, 303, 307, 308].includes(status) && flat.location) {
      await discard(response.body);
      return { kind: "redirect", location: flat.location, status };
    }
    if (status === 304) {
      await discard(response.body);
      return {
        kind: "done",
        result: {
          url: url.href,
          status,
          notModified: true,
          headers: flat,
          body: Buffer.alloc(0),
          text: "",
          charset: "utf-8",
          contentType: flat["content-type"] ?? null,
          etag: flat.etag ?? options.etag,
          lastModified: flat["last-modified"] ?? options.lastModified,
        },
      };
    }
    if (status === 429 || (status === 503 && flat["retry-after"])) {
      await discard(response.body);
      const retryAfterMs = parseRetryAfter(flat["retry-after"]);
      throw new AppError(
        "FETCH_RATE_LIMITED",
        `ingest/fetch: ${url.host} answered ${status}, retry after ${retryAfterMs === null ? "an unknown delay" : `${Math.round(retryAfterMs / 1000)} s`}`,
        { status, retryAfterMs, url: url.href },
      );
    }
    if (status < 200 || status >= 300) {
      await discard(response.body);
      throw new AppError("FETCH_HTTP_STATUS", `ingest/fetch: ${url.href} answered HTTP ${status}`, {
        status,
        url: url.href,
      });
    }

    const declaredLength = Number(flat["content-length"]);
    const encoded = (flat["content-encoding"] ?? "identity").toLowerCase() !== "identity";
    if (!encoded && Number.isFinite(declaredLength) && declaredLength > options.maxBytes) {
      await discard(response.body);
      throw new AppError(
        "FETCH_TOO_LARGE",
        `ingest/fetch: body of ${declaredLength} bytes is over ${options.maxBytes}`,
        {
          maxBytes: options.maxBytes,
          contentLength: declaredLength,
        },
      );
    }
    const body = await readBody(
      response.body as unknown as Readable,
      flat["content-encoding"],
      options.maxBytes,
    );
    const contentType = flat["content-type"] ?? null;
    const { text, charset } = decodeBody(body, contentType);
    return {
      kind: "done",
      result: {
        url: url.href,
        status,
        notModified: false,
        headers: flat,
        body,
        text,
        charset,
        contentType,
        etag: flat.etag ?? null,
        lastModified: flat["last-modified"] ?? null,
      },
    };
  } catch (error) {
    throw toAppError(error, url, timedOut, outerSignal);
  } finally {
    clearTimeout(timer);
  }
}

/** Finds an AppError anywhere in an error's cause chain (undici and net wrap what our lookup throws). */
function findAppError(error: unknown): AppError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof AppError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** Maps whatever a hop threw to an AppError, except a cancellation by the caller, which passes through. */
function toAppError(
  error: unknown,
  url: URL,
  timedOut: boolean,
  outerSignal: AbortSignal | undefined,
): unknown {
  const known = findAppError(error);
  if (known && !(timedOut && known.code !== "FETCH_TIMEOUT" && known.code !== "FETCH_TOO_LARGE"))
    return known;
  if (outerSignal?.aborted && !timedOut) return outerSignal.reason ?? error;
  const code = (error as { code?: string } | null)?.code ?? "";
  if (
    timedOut ||
    code === "UND_ERR_CONNECT_TIMEOUT" ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT"
  ) {
    return new AppError(
      "FETCH_TIMEOUT",
      `ingest/fetch: ${url.host} did not answer in time`,
      { url: url.href, cause: code },
      {
        cause: error,
      },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError(
    "FETCH_NETWORK",
    `ingest/fetch: ${url.host}: ${message}`,
    { url: url.href, cause: code || undefined },
    {
      cause: error,
    },
  );
}

// ---------------------------------------------------------------------------------------------------
// Public API

function resolveOptions(options: FetchOptions): ResolvedOptions {
  return {
    etag: options.etag ?? null,
    lastModified: options.lastModified ?? null,
    accept: options.accept ?? DEFAULT_ACCEPT,
    maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    totalTimeoutMs: options.totalTimeoutMs ?? 20_000,
    maxRedirects: options.maxRedirects ?? 5,
    allowPrivateNetworks: options.allowPrivateNetworks ?? false,
    userAgent: options.userAgent ?? USER_AGENT,
    respectRobots: options.respectRobots ?? true,
    hostScheduler:
      options.hostScheduler === undefined ? defaultHostScheduler : options.hostScheduler,
    robotsCache: options.robotsCache ?? defaultRobotsCache,
  };
}

/** Refuses the URL when the origin's robots.txt disallows our agent; applies its Crawl-delay. */
async function checkRobots(
  url: URL,
  options: ResolvedOptions,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (url.pathname === "/robots.txt") return;
  const verdict = await options.robotsCache.check(
    url.href,
    options.userAgent,
    (robotsUrl, robotsSignal) =>
      fetchUrl(robotsUrl, {
        accept: "text/plain, */*;q=0.5",
        maxBytes: ROBOTS_MAX_BYTES,
        connectTimeoutMs: options.connectTimeoutMs,
        totalTimeoutMs: options.totalTimeoutMs,
        maxRedirects: options.maxRedirects,
        allowPrivateNetworks: options.allowPrivateNetworks,
        userAgent: options.userAgent,
        respectRobots: false,
        signal: robotsSignal,
        hostScheduler: options.hostScheduler,
        robotsCache: options.robotsCache,
      }),
    signal,
  );
  if (verdict.crawlDelayMs !== null && options.hostScheduler) {
    options.hostScheduler.setHostPause(
      url.hostname,
      Math.min(verdict.crawlDelayMs, MAX_CRAWL_DELAY_MS),
    );
  }
  if (!verdict.allowed) {
    throw new AppError(
      "FETCH_ROBOTS_DISALLOWED",
      `ingest/fetch: robots.txt of ${url.host} disallows ${url.pathname}`,
      {
        url: url.href,
      },
    );
  }
}

/**
 * Fetches one URL politely and safely (see the module comment), following up to `maxRedirects`
 * redirects with each hop re-checked. Resolves with the decoded body on 2xx and with `notModified` on
 * 304; throws AppError FETCH_* for everything else (FETCH_HTTP_STATUS carries details.status,
 * FETCH_RATE_LIMITED details.retryAfterMs). An empty 2xx body is returned as empty text, not an error.
 * A cancellation through `options.signal` rejects with the signal's reason.
 */
export async function fetchUrl(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const resolved = resolveOptions(options);
  const signal = options.signal;
  let current = assertFetchableUrl(url, resolved);
  const visited = new Set<string>([current.href]);
  let spentMs = 0;
  for (let hop = 0; ; hop++) {
    signal?.throwIfAborted();
    if (resolved.respectRobots) await checkRobots(current, resolved, signal);
    const target = current;
    const timed = async () => {
      const budget = resolved.totalTimeoutMs - spentMs;
      if (budget <= 0) {
        throw new AppError(
          "FETCH_TIMEOUT",
          `ingest/fetch: ${url} did not finish within ${resolved.totalTimeoutMs} ms`,
          {
            url,
            timeoutMs: resolved.totalTimeoutMs,
          },
        );
      }
      const started = Date.now();
      try {
        return await exchange(target, resolved, signal, budget);
      } finally {
        spentMs += Date.now() - started;
      }
    };
    const outcome = resolved.hostScheduler
      ? await resolved.hostScheduler.run(target.hostname, timed, signal)
      : await timed();
    if (outcome.kind === "done") return outcome.result;

    if (hop >= resolved.maxRedirects) {
      throw new AppError(
        "FETCH_TOO_MANY_REDIRECTS",
        `ingest/fetch: more than ${resolved.maxRedirects} redirects starting at ${url}`,
        { url, maxRedirects: resolved.maxRedirects, loop: false },
      );
    }
    let next: URL;
    try {
      next = new URL(outcome.location, current);
    } catch {
      throw new AppError("FETCH_BAD_URL", `ingest/fetch: ${current.href} redirects to a bad URL`, {
        location: outcome.location.slice(0, 200),
      });
    }
    next = assertFetchableUrl(next, resolved);
    if (visited.has(next.href)) {
      throw new AppError(
        "FETCH_TOO_MANY_REDIRECTS",
        `ingest/fetch: redirect loop at ${next.href}`,
        {
          url,
          location: next.href,
          loop: true,
        },
      );
    }
    visited.add(next.href);
    current = next;
  }
}

/** Waits `ms`, or rejects with the signal's reason when the caller cancels. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** True for failures that a later attempt may not meet: timeouts, network errors and 5xx. */
export function isRetryableFetchError(error: unknown): boolean {
  if (isAppError(error, "FETCH_TIMEOUT", "FETCH_NETWORK")) return true;
  if (isAppError(error, "FETCH_HTTP_STATUS")) {
    const status = Number(error.details?.status);
    return status >= 500 && status !== 501 && status !== 505;
  }
  return false;
}

/**
 * fetchUrl with retries: timeouts, network errors and 5xx are retried `retries` times after an
 * exponential backoff with jitter (base, 2x base, 4x base..., each scaled by 0.5-1.5). A 429 or a 503
 * with Retry-After is NOT slept on: it throws FETCH_RATE_LIMITED with details.retryAfterMs at once,
 * because the server may ask for hours and the caller should reschedule the source instead.
 */
export async function fetchWithRetry(
  url: string,
  options: RetryOptions = {},
): Promise<FetchResult> {
  const { retries = 2, baseDelayMs = 500, ...fetchOptions } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchUrl(url, fetchOptions);
    } catch (error) {
      if (attempt >= retries || !isRetryableFetchError(error) || options.signal?.aborted)
        throw error;
      const delay = baseDelayMs * 2 ** attempt * (0.5 + Math.random());
      await sleep(delay, options.signal);
    }
  }
}
