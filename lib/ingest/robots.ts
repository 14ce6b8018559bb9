/**
 * robots.txt, cached per origin. We only read feeds and the articles they link to, which is what robots
 * rules are for; a site that disallows our agent is skipped. Missing robots.txt (404 and other 4xx)
 * means everything is allowed (RFC 9309). A 5xx or network failure also allows, but is cached briefly
 * so we ask again soon: refusing a whole site because its robots.txt hiccupped would lose more than it
 * protects.
 */
import robotsParser from "robots-parser";
import { isAppError } from "@/lib/errors";

/** Fetches a robots.txt URL; throws AppError (FETCH_HTTP_STATUS with details.status, ...) on failure. */
export type RobotsFetcher = (robotsUrl: string, signal?: AbortSignal) => Promise<{ text: string }>;

/** What robots.txt says about one URL. */
export interface RobotsVerdict {
  allowed: boolean;
  /** Crawl-delay for our agent in ms, when the file sets one. */
  crawlDelayMs: number | null;
}

/** How long answers are kept. */
export interface RobotsCacheOptions {
  /** Lifetime of a fetched robots.txt (default 24 h, the RFC 9309 upper bound). */
  ttlMs?: number;
  /** Lifetime of an "allow because the fetch failed" answer (default 10 min). */
  errorTtlMs?: number;
  /** Origins kept at most; the oldest is dropped first (default 2000). */
  maxEntries?: number;
}

type Rules = ReturnType<typeof robotsParser> | null; // null = allow everything

interface Entry {
  rules: Rules;
  expires: number;
}

/** Google and RFC 9309 both stop reading robots.txt at 500 KiB. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

/** A per-origin robots.txt cache; one instance is shared by every fetch of a process. */
export class RobotsCache {
  private readonly ttlMs: number;
  private readonly errorTtlMs: number;
  private readonly maxEntries: number;
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Rules>>();

  /** Creates an empty cache. */
  constructor(options: RobotsCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 24 * 3600_000;
    this.errorTtlMs = options.errorTtlMs ?? 10 * 60_000;
    this.maxEntries = options.maxEntries ?? 2000;
  }

  /**
   * Says whether `userAgent` may fetch `url`, fetching the origin's robots.txt through `fetcher` when
   * it is not cached. Matching uses the product token of the agent ("DisputeWatch/0.1 (...)" matches
   * "User-agent: DisputeWatch"), falling back to the "*" group as robots-parser does.
   */
  async check(
    url: string,
    userAgent: string,
    fetcher: RobotsFetcher,
    signal?: AbortSignal,
  ): Promise<RobotsVerdict> {
    const origin = new URL(url).origin;
    const rules = await this.rulesFor(origin, fetcher, signal);
    if (!rules) return { allowed: true, crawlDelayMs: null };
    const token = productToken(userAgent);
    const allowed = rules.isAllowed(url, token);
    const delay = rules.getCrawlDelay(token);
    return {
      allowed: allowed !== false,
      crawlDelayMs:
        typeof delay === "number" && Number.isFinite(delay) && delay > 0 ? delay * 1000 : null,
    };
  }

  /** Forgets everything (tests, or after the user edits a source). */
  clear(): void {
    this.entries.clear();
  }

  private async rulesFor(
    origin: string,
    fetcher: RobotsFetcher,
    signal?: AbortSignal,
  ): Promise<Rules> {
    const cached = this.entries.get(origin);
    if (cached && cached.expires > Date.now()) return cached.rules;
    let pending = this.inFlight.get(origin);
    if (!pending) {
      pending = this.load(origin, fetcher, signal).finally(() => this.inFlight.delete(origin));
      this.inFlight.set(origin, pending);
    }
    return pending;
  }

  private async load(origin: string, fetcher: RobotsFetcher, signal?: AbortSignal): Promise<Rules> {
    const robotsUrl = `${origin}/robots.txt`;
    let rules: Rules = null;
    let ttl = this.ttlMs;
    try {
      const { text } = await fetcher(robotsUrl, signal);
      rules = robotsParser(robotsUrl, text);
    } catch (error) {
      if (signal?.aborted) throw error;
      const status = isAppError(error, "FETCH_HTTP_STATUS") ? Number(error.details?.status) : NaN;
      // 4xx: the site has no robots.txt for us, which allows everything for the full TTL.
      // Anything else (5xx, 429, timeouts, network, too large): allow now, ask again soon.
      if (!(status >= 400 && status < 500)) ttl = this.errorTtlMs;
    }
    this.entries.delete(origin);
    this.entries.set(origin, { rules, expires: Date.now() + ttl });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return rules;
  }
}

/** "DisputeWatch/0.1 (+https://...)" -> "DisputeWatch": the token robots.txt groups are written for. */
export function productToken(userAgent: string): string {
  const token = userAgent.trim().split(/[/\s]/)[0];
  return token || "*";
}
