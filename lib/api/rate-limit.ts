/**
 * A fixed-window rate limiter per client, in memory, one per process: RATE_LIMIT_PER_MINUTE
 * requests per client per minute on feeds and the API. The web server's workers (scripts/serve.ts)
 * take connections in turn, so each allows its share (Config.rateLimitPerProcess) and together
 * they allow about the configured number; a shared store is not worth it for a self-hosted reader.
 *
 * Who the client is: route handlers do not see the socket, only headers. The web server
 * (scripts/serve.ts) appends the address of the peer that connected to it to X-Forwarded-For on
 * every request (appendForwardedFor), so the rightmost entry is always one we saw ourselves; a
 * reverse proxy of ours appends the address it saw before that. We skip TRUSTED_PROXIES entries
 * from the right (our own proxies) and take the next: the address of whoever reached the
 * outermost proxy we trust. Entries further left are written by the client and never trusted, so
 * a client cannot choose its key by sending its own header.
 */
import type { IncomingMessage, OutgoingHttpHeaders } from "node:http";
import { AppError } from "@/lib/errors";
import { sharedInFront } from "@/lib/http/front-cache";

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  retryAfter: number;
}

/**
 * X-Forwarded-For as the web server hands it on: what came in, then the address of the peer that
 * connected to us ("unknown" if the socket is already gone).
 */
export function appendForwardedFor(
  existing: string | string[] | undefined,
  peer: string | undefined,
): string {
  const prior = (Array.isArray(existing) ? existing.join(", ") : (existing ?? "")).trim();
  const address = peer || "unknown";
  return prior ? `${prior}, ${address}` : address;
}

/** The client key of a request (see the module comment). */
export function clientKey(request: Request, trustedProxies = 0): string {
  return clientKeyOf(
    request.headers.get("x-forwarded-for"),
    request.headers.get("x-real-ip"),
    trustedProxies,
  );
}

/** The client key from a request's X-Forwarded-For and X-Real-IP values (see the module comment). */
export function clientKeyOf(
  forwardedFor: string | null | undefined,
  realIp: string | null | undefined,
  trustedProxies = 0,
): string {
  const forwarded = (forwardedFor ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (forwarded.length > 0) return forwarded[Math.max(0, forwarded.length - 1 - trustedProxies)];
  return realIp?.trim() || "unknown";
}

/** A fixed-window counter per key. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for `key` and says whether it may go on. */
  take(key: string): RateDecision {
    const now = this.now();
    this.sweep(now);
    const start = now - (now % this.windowMs);
    let window = this.windows.get(key);
    if (!window || window.start !== start) {
      window = { start, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    const retryAfter = Math.max(1, Math.ceil((start + this.windowMs - now) / 1000));
    return {
      allowed: window.count <= this.limit,
      limit: this.limit,
      remaining: Math.max(0, this.limit - window.count),
      retryAfter,
    };
  }

  /** Forgets finished windows so the map holds only clients seen this minute. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    const current = now - (now % this.windowMs);
    for (const [key, window] of this.windows) if (window.start < current) this.windows.delete(key);
  }

  /** Number of clients tracked (tests). */
  get size(): number {
    return this.windows.size;
  }
}

const holder = globalThis as unknown as { __disputewatchRateLimiter?: RateLimiter };

/** The process-wide limiter for feeds and the API, made on first use with the configured limit. */
export function sharedRateLimiter(limit: number): RateLimiter {
  if (!holder.__disputewatchRateLimiter || holder.__disputewatchRateLimiter.limit !== limit)
    holder.__disputewatchRateLimiter = new RateLimiter(limit);
  return holder.__disputewatchRateLimiter;
}

/**
 * Throws RATE_LIMITED (429) with the seconds to wait when the client is over its allowance. A
 * request the web server's front cache passed on was counted there already (rateLimitInFront) and
 * is not counted twice.
 */
export function enforceRateLimit(request: Request, limit: number, trustedProxies = 0): void {
  if (sharedInFront(request.headers)) return;
  const decision = sharedRateLimiter(limit).take(clientKey(request, trustedProxies));
  if (!decision.allowed) {
    throw new AppError(
      "RATE_LIMITED",
      `api/rate-limit: too many requests this minute; retry in ${decision.retryAfter} s`,
      { retryAfter: decision.retryAfter },
    );
  }
}

/**
 * The web server's check for an API or feed request before its front cache answers it
 * (lib/http/page-cache.ts): null while the client is within its allowance, else the 429 the
 * route handlers would answer.
 */
export function rateLimitInFront(
  request: IncomingMessage,
  limit: number,
  trustedProxies = 0,
): { status: number; headers: OutgoingHttpHeaders; body: string } | null {
  const forwardedFor = request.headers["x-forwarded-for"];
  const realIp = request.headers["x-real-ip"];
  const decision = sharedRateLimiter(limit).take(
    clientKeyOf(
      Array.isArray(forwardedFor) ? forwardedFor.join(", ") : forwardedFor,
      Array.isArray(realIp) ? realIp[0] : realIp,
      trustedProxies,
    ),
  );
  if (decision.allowed) return null;
  const message = `api/rate-limit: too many requests this minute; retry in ${decision.retryAfter} s`;
  return {
    status: 429,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
      "retry-after": String(decision.retryAfter),
    },
    body: JSON.stringify({ error: { code: "RATE_LIMITED", message } }),
  };
}
