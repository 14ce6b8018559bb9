/**
 * Whole-response cache for the public pages, in front of Next.js in scripts/serve.ts.
 *
 * Every public page is the same for every reader who shares its URL, interface language, time
 * zone, public address and kind of client (Next streams metadata to browsers but writes it into
 * <head> for the bots it knows): nothing on them is per user. Rendering one costs 20-60 ms of CPU
 * (React writes each page twice, as HTML and as its inline Server Components payload), so for
 * PAGE_CACHE_SECONDS a rendered page is answered again to everyone with the same key, the way a
 * micro-caching proxy would, without Next or the database.
 *
 * The one thing per response on a page is its CSP nonce (proxy.ts): the cached body is kept split
 * at the nonce, and each answer joins it with a fresh one and carries the policy naming that one.
 * Only a 200 text/html answer that sets no cookie is kept; admin, API, feed and framework paths,
 * HEAD, and the router's own requests (RSC, prefetch, server actions) always go to Next.
 *
 * A page is rendered once however many readers wait for it (the others get that render's copy),
 * and past its time one request renders it again while the others get the copy that expired, for
 * up to PAGE_CACHE_STALE_SECONDS more: under load a page is rendered about once per
 * PAGE_CACHE_SECONDS whatever the number of readers, and nobody queues behind its render.
 *
 * API lists and feeds (/api/v1/..., /feeds/...) are shared the same way, per URL alone (their
 * answers depend on nothing else): a route handler costs tens of milliseconds of Next's own
 * machinery per request even when its data is in memory, where an answer from here costs a
 * buffer write. Their rate limit is taken here for every request (`rateLimit`), and conditional GET
 * answered here from the kept ETag and Last-Modified (304). The request Next does see is marked
 * (lib/http/front-cache.ts) so that its handler computes rather than keeps a second copy.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import {
  brotliDecompressSync,
  constants,
  crc32,
  deflateRawSync,
  gunzipSync,
  inflateSync,
} from "node:zlib";
import { getBotType } from "next/dist/shared/lib/router/utils/is-bot";
import { etagMatches } from "@/lib/api/etag";
import { LOCALE_COOKIE, pickLocale, pickTimeZone, TZ_COOKIE } from "@/lib/i18n";
import { FRONT_CACHE_HEADER, frontCacheToken } from "./front-cache";
import { newNonce } from "./nonce";

/** The response header saying whether a page came from this cache (HIT) or was rendered (MISS). */
export const PAGE_CACHE_HEADER = "x-page-cache";

/** Paths whose answers are never shared as pages: per user, mutating, or answers (below). */
const PRIVATE_PATHS = /^\/(?:admin|api|feeds|_next)(?:\/|$)/;

/** API lists and feeds: answers the same for every client who asks for the same URL. */
const ANSWER_PATHS = /^\/(?:api\/v1|feeds)\//;

/** The first part of an answer's cache key (a page key starts with a locale, never this). */
const ANSWER_KEY_PREFIX = "answer\n";

/** Request headers of the Next router's own fetches (client navigation, prefetch, server actions). */
const ROUTER_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-action",
];

/** Response headers not replayed from the cache: set again for each answer. */
const PER_RESPONSE_HEADERS = new Set([
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "date",
  "connection",
  "keep-alive",
  PAGE_CACHE_HEADER,
]);

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const at = part.indexOf("=");
    if (at === -1 || part.slice(0, at).trim() !== name) continue;
    const raw = part
      .slice(at + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

function header(request: IncomingMessage, name: string): string {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/**
 * The cache key of a request: everything a public page's markup depends on. Null when the answer
 * must not be shared (see the file comment). `publicUrl` is the configured PUBLIC_URL, if any;
 * without it pages build their feed links from the Host the reader used (components/FeedSlot.tsx).
 */
export function pageCacheKey(request: IncomingMessage, publicUrl?: string): string | null {
  if (request.method !== "GET") return null;
  const url = request.url ?? "/";
  const path = url.split("?", 1)[0]!;
  if (PRIVATE_PATHS.test(path) || /\.[^/]*$/.test(path)) return null; // and files (/icon.svg)
  if (ROUTER_HEADERS.some((name) => request.headers[name] !== undefined)) return null;
  if (header(request, "purpose") === "prefetch" || /[?&]_rsc=/.test(url)) return null;
  if (request.headers.authorization !== undefined) return null;
  const cookies = header(request, "cookie");
  const locale = pickLocale(
    cookieValue(cookies, LOCALE_COOKIE),
    header(request, "accept-language"),
  );
  const timeZone = pickTimeZone(cookieValue(cookies, TZ_COOKIE));
  const client = getBotType(header(request, "user-agent")) ?? "browser";
  const base = publicUrl
    ? ""
    : `${header(request, "x-forwarded-proto")}|${header(request, "x-forwarded-host")}|${header(request, "host")}`;
  return [locale, timeZone, client, base, url].join("\n");
}

/**
 * The cache key of an API list or feed request: its URL alone (the answer names the configured
 * public address, never the Host a client sent). Null for anything else, for a request with
 * credentials, and for the router's own requests.
 */
export function answerCacheKey(request: IncomingMessage): string | null {
  if (request.method !== "GET") return null;
  const url = request.url ?? "/";
  if (!ANSWER_PATHS.test(url.split("?", 1)[0]!)) return null;
  if (ROUTER_HEADERS.some((name) => request.headers[name] !== undefined)) return null;
  if (request.headers.authorization !== undefined) return null;
  return `${ANSWER_KEY_PREFIX}${url}`;
}

/** A cached page: its body cut at the nonce, and the headers to replay (the policy and preload links name the nonce too). */
export interface CachedPage {
  at: number;
  status: number;
  nonce: string;
  headers: OutgoingHttpHeaders;
  parts: string[];
  bytes: number;
  /** Each part deflated once (non-final blocks), made on the first gzipped answer (see gzipWithNonce). */
  deflated?: Buffer[];
}

/** The nonce a Content-Security-Policy names, if any. */
export function policyNonce(policy: string): string | null {
  return /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(policy)?.[1] ?? null;
}

/**
 * A rendered answer as a cache entry, or null when it must not be kept: not a 200, not HTML, a
 * cookie set, or no nonce to cut at (a page without a policy is not ours to replay).
 */
export function toCachedPage(
  status: number,
  headers: OutgoingHttpHeaders,
  body: string,
  now = Date.now(),
): CachedPage | null {
  if (status !== 200) return null;
  if (headers["set-cookie"] !== undefined) return null;
  if (!String(headers["content-type"] ?? "").startsWith("text/html")) return null;
  const policy = String(headers["content-security-policy"] ?? "");
  const nonce = policyNonce(policy);
  if (!nonce) return null;
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !PER_RESPONSE_HEADERS.has(name)) kept[name] = value;
  return { at: now, status, nonce, headers: kept, parts: body.split(nonce), bytes: body.length };
}

/**
 * An API or feed answer as a cache entry, or null when it must not be kept: not a 200, a cookie
 * set, or no ETag (every answer of ours that may be shared carries one, lib/api/etag.ts). It has
 * no nonce: its body is one part.
 */
export function toCachedAnswer(
  status: number,
  headers: OutgoingHttpHeaders,
  body: string,
  now = Date.now(),
): CachedPage | null {
  if (status !== 200) return null;
  if (headers["set-cookie"] !== undefined) return null;
  if (typeof headers.etag !== "string") return null;
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !PER_RESPONSE_HEADERS.has(name)) kept[name] = value;
  return { at: now, status, nonce: "", headers: kept, parts: [body], bytes: body.length };
}

/**
 * True when a kept answer's validators say the client's copy is current: If-None-Match decides
 * when sent, else If-Modified-Since against Last-Modified (as lib/api/etag.ts does in the handlers).
 */
export function answerNotModified(request: IncomingMessage, page: CachedPage): boolean {
  const etag = page.headers.etag;
  if (typeof etag !== "string") return false;
  const ifNoneMatch = request.headers["if-none-match"];
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, etag);
  const ifModifiedSince = request.headers["if-modified-since"];
  const lastModified = page.headers["last-modified"];
  if (!ifModifiedSince || typeof lastModified !== "string") return false;
  const since = Date.parse(ifModifiedSince);
  const modified = Date.parse(lastModified);
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since;
}

/** The validators and caching headers a 304 repeats (RFC 9110 §15.4.5). */
const NOT_MODIFIED_HEADERS = ["etag", "last-modified", "cache-control", "vary", "expires"];

/** The headers of a cached page with a new nonce. */
function headersWithNonce(page: CachedPage, nonce: string): OutgoingHttpHeaders {
  if (page.nonce === "") return { ...page.headers };
  const headers: OutgoingHttpHeaders = {};
  const swap = (value: string | number) =>
    typeof value === "string" ? value.split(page.nonce).join(nonce) : value;
  for (const [name, value] of Object.entries(page.headers))
    if (value !== undefined)
      headers[name] = Array.isArray(value) ? (value.map(swap) as string[]) : swap(value);
  return headers;
}

/** The body and headers of a cached page with a new nonce. */
export function withNonce(
  page: CachedPage,
  nonce: string,
): { body: string; headers: OutgoingHttpHeaders } {
  return { body: page.parts.join(nonce), headers: headersWithNonce(page, nonce) };
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty final deflate block: the end of the stream. */
const FINAL_BLOCK = Buffer.from([3, 0]);
const SYNC = { finishFlush: constants.Z_SYNC_FLUSH };

/**
 * The page with a new nonce as one gzip stream, without compressing the page again: each part
 * between nonces is deflated once, as blocks that are not final and end on a byte boundary, and an
 * answer joins them around the nonce deflated the same way, then a final empty block, the CRC-32 and
 * the length (RFC 1951/1952). Compressing the whole page per answer cost most of a cached answer's
 * time (about 3 ms for a 140 kB timeline on an idle core, far more on a busy one).
 */
export function gzipWithNonce(page: CachedPage, nonce: string): Buffer {
  page.deflated ??= page.parts.map((part) => deflateRawSync(Buffer.from(part, "utf8"), SYNC));
  const nonceDeflated = deflateRawSync(Buffer.from(nonce, "utf8"), SYNC);
  const nonceBytes = Buffer.byteLength(nonce, "utf8");
  const chunks: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let size = 0;
  page.parts.forEach((part, i) => {
    if (i > 0) {
      chunks.push(nonceDeflated);
      crc = crc32(nonce, crc);
      size += nonceBytes;
    }
    chunks.push(page.deflated![i]!);
    crc = crc32(part, crc);
    size += Buffer.byteLength(part, "utf8");
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  chunks.push(FINAL_BLOCK, trailer);
  return Buffer.concat(chunks);
}

/** A body as text, undoing the content encoding the compression layer applied; null if unknown. */
function decode(body: Buffer, encoding: string): string | null {
  const name = encoding.trim().toLowerCase();
  if (name === "" || name === "identity") return body.toString("utf8");
  if (name === "gzip" || name === "x-gzip") return gunzipSync(body).toString("utf8");
  if (name === "deflate") return inflateSync(body).toString("utf8");
  if (name === "br") return brotliDecompressSync(body).toString("utf8");
  return null;
}

function acceptsGzip(acceptEncoding: string): boolean {
  return /(?:^|,)\s*(?:gzip|\*)\s*(?:;\s*q=(?!0(?:\.0*)?\s*(?:,|$))[\d.]+\s*)?(?:,|$)/i.test(
    acceptEncoding,
  );
}

/**
 * Answers a cached page with a fresh nonce, gzipped when the client takes it; a kept answer whose
 * validators match the request's is a 304 without a body.
 */
function sendPage(
  request: IncomingMessage,
  response: ServerResponse,
  page: CachedPage,
  acceptEncoding: string,
): void {
  if (page.nonce === "" && answerNotModified(request, page)) {
    const headers: OutgoingHttpHeaders = { [PAGE_CACHE_HEADER]: "HIT" };
    for (const name of NOT_MODIFIED_HEADERS)
      if (page.headers[name] !== undefined) headers[name] = page.headers[name];
    response.writeHead(304, headers);
    response.end();
    return;
  }
  const nonce = page.nonce === "" ? "" : newNonce();
  const headers = headersWithNonce(page, nonce);
  const gzip = acceptsGzip(acceptEncoding);
  const payload = gzip ? gzipWithNonce(page, nonce) : Buffer.from(page.parts.join(nonce), "utf8");
  response.writeHead(page.status, {
    ...headers,
    ...(gzip ? { "content-encoding": "gzip" } : {}),
    "content-length": payload.length,
    [PAGE_CACHE_HEADER]: "HIT",
  });
  response.end(payload);
}

export interface PageCacheOptions {
  ttlMs: number;
  /**
   * How long past ttlMs a copy may still be answered while one request renders the page again
   * (stale-while-revalidate); default 60 s.
   */
  staleMs?: number;
  /** How long a request waits for a render of its page already under way before rendering itself. */
  waitMs?: number;
  maxEntries?: number;
  /** Upper bound on the characters held, over all pages. */
  maxChars?: number;
  publicUrl?: string;
  /**
   * Counts an API or feed request against its client's allowance before it is answered from here
   * or by Next: the refusal to send, or null to go on (scripts/serve.ts uses lib/api/rate-limit.ts).
   */
  rateLimit?: (
    request: IncomingMessage,
  ) => { status: number; headers: OutgoingHttpHeaders; body: string } | null;
}

/** The pages of one process, least recently used first out. */
export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  /** Renders under way, by key: what each will keep (null when its answer may not be shared). */
  private readonly inflight = new Map<string, Promise<CachedPage | null>>();
  private chars = 0;
  private readonly maxEntries: number;
  private readonly maxChars: number;
  private readonly staleMs: number;
  private readonly waitMs: number;
  /** Renders started, by whichever request did it (tests and the load benchmark read it). */
  renders = 0;

  constructor(private readonly options: PageCacheOptions) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxChars = options.maxChars ?? 64 * 1024 * 1024;
    this.staleMs = options.staleMs ?? 60_000;
    this.waitMs = options.waitMs ?? 30_000;
  }

  /**
   * Serves a request from the cache, or lets `render` (Next's handler) answer it and keeps what it
   * wrote when that may be shared. The client still gets the rendered answer on a miss.
   *
   * A page is rendered once however many ask for it at the same time: while one request renders it,
   * the others wait for that render and get its copy (or, when the answer may not be shared, render
   * for themselves). Past its time a copy is still answered, for up to `staleMs`, to everyone but
   * the one request that renders it again.
   */
  async serve(
    request: IncomingMessage,
    response: ServerResponse,
    render: () => Promise<void>,
  ): Promise<void> {
    // Only this server marks a request as shared in front (lib/http/front-cache.ts).
    delete request.headers[FRONT_CACHE_HEADER];
    const answerKey = this.options.ttlMs > 0 ? answerCacheKey(request) : null;
    if (answerKey !== null && this.options.rateLimit) {
      const refusal = this.options.rateLimit(request);
      if (refusal) {
        response.writeHead(refusal.status, refusal.headers);
        response.end(refusal.body);
        return;
      }
    }
    const key =
      answerKey ?? (this.options.ttlMs > 0 ? pageCacheKey(request, this.options.publicUrl) : null);
    if (key === null) return render();
    const acceptEncoding = header(request, "accept-encoding");
    const hit = this.entries.get(key);
    const age = hit ? Date.now() - hit.at : Infinity;
    const running = this.inflight.get(key);
    if (hit && (age < this.options.ttlMs || (running && age < this.options.ttlMs + this.staleMs))) {
      this.entries.delete(key); // most recently used goes last
      this.entries.set(key, hit);
      sendPage(request, response, hit, acceptEncoding);
      return;
    }
    if (running) {
      const page = await Promise.race([
        running,
        new Promise<null>((done) => setTimeout(() => done(null), this.waitMs).unref()),
      ]);
      if (page && !response.destroyed) {
        sendPage(request, response, page, acceptEncoding);
        return;
      }
    }
    if (answerKey !== null) request.headers[FRONT_CACHE_HEADER] = frontCacheToken();
    return this.renderAndKeep(key, response, render);
  }

  /** Lets Next answer, keeps a copy of what it wrote when it may be shared, and tells whoever waits. */
  private async renderAndKeep(
    key: string,
    response: ServerResponse,
    render: () => Promise<void>,
  ): Promise<void> {
    let settle: (page: CachedPage | null) => void = () => {};
    const done = new Promise<CachedPage | null>((resolve) => (settle = resolve));
    const own = !this.inflight.has(key);
    if (own) {
      this.inflight.set(key, done);
      this.renders += 1;
    }
    let settled = false;
    const finish = (page: CachedPage | null) => {
      if (settled) return;
      settled = true;
      if (own && this.inflight.get(key) === done) this.inflight.delete(key);
      if (page) this.keep(key, page);
      settle(page);
    };
    // Next answers as usual (streamed, compressed as the client asked); we keep a copy of the bytes.
    response.setHeader(PAGE_CACHE_HEADER, "MISS");
    const chunks: Buffer[] = [];
    const write = response.write;
    const end = response.end;
    const collect = (chunk: unknown, encoding: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : typeof chunk === "string"
            ? Buffer.from(
                chunk,
                typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8",
              )
            : Buffer.from(chunk as Uint8Array),
      );
    };
    response.write = function (
      this: ServerResponse,
      chunk: unknown,
      encoding?: unknown,
      callback?: unknown,
    ) {
      collect(chunk, encoding);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, encoding, callback);
    } as ServerResponse["write"];
    response.end = function (
      this: ServerResponse,
      chunk?: unknown,
      encoding?: unknown,
      callback?: unknown,
    ) {
      collect(chunk, encoding);
      response.write = write;
      response.end = end;
      const headers = response.getHeaders();
      const result = (end as (...args: unknown[]) => ServerResponse).call(
        this,
        chunk,
        encoding,
        callback,
      );
      let page: CachedPage | null = null;
      try {
        const body = decode(Buffer.concat(chunks), String(headers["content-encoding"] ?? ""));
        const toCached = key.startsWith(ANSWER_KEY_PREFIX) ? toCachedAnswer : toCachedPage;
        page = body === null ? null : toCached(response.statusCode, headers, body);
      } catch {
        // A body we cannot read back is simply not kept.
      }
      finish(page);
      return result;
    } as ServerResponse["end"];
    // A client gone before the end, or a render that throws, must not leave the others waiting.
    response.once("close", () => finish(null));
    try {
      await render();
    } catch (error) {
      finish(null);
      throw error;
    }
  }

  private keep(key: string, page: CachedPage): void {
    const old = this.entries.get(key);
    if (old) {
      this.chars -= old.bytes;
      this.entries.delete(key);
    }
    if (page.bytes > this.maxChars / 4) return;
    this.entries.set(key, page);
    this.chars += page.bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= entry.bytes;
    }
  }
}
