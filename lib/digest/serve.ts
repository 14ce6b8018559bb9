/**
 * Feeds and digests end to end: the route handlers call serveFeed / serveDigest / serveOpml with
 * the request and what the path named; this module parses the filters, enforces the rate limit,
 * reads the store, renders and answers with validators (ETag, Last-Modified, 304).
 *
 * Digest periods: the current (incomplete) period is included, titled "(so far)", under the same
 * id it keeps once complete, so a reader that polls sees the day as soon as something happens;
 * `?complete=1` serves completed periods only, for readers that want each period once and final.
 * Daily digests cover the last 14 days, weekly ones the last 8 ISO weeks; a period with no article
 * yields no item. The zone is DIGEST_TIME_ZONE unless `?tz=` names another IANA zone.
 */
import { enforceRateLimit } from "@/lib/api/rate-limit";
import { conditionalResponse } from "@/lib/api/etag";
import { handle } from "@/lib/http/respond";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { filtersToParams, parseFilters, type Filters } from "@/lib/filters";
import { decodePathSegment } from "@/lib/http/input";
import { servedOverHttps } from "@/lib/http/origin";
import { sharedAnswer } from "@/lib/http/shared-answer";
import { renderOpml, type OpmlOutline } from "@/lib/ingest/opml";
import { parseSearchQuery } from "@/lib/search/query";
import { narrowQueryByFilters } from "@/lib/search/with-filters";
import type { Db } from "@/lib/store/db";
import { getDb } from "@/lib/store/db";
import type { ArticleScope } from "@/lib/store/feeds/article-where";
import { getFeedArticlesByIds } from "@/lib/store/feeds/get-feed-articles-by-ids";
import { getEntityNames, getFeedSubject } from "@/lib/store/feeds/get-feed-subject";
import { listFeedArticles, type FeedArticle } from "@/lib/store/feeds/list-feed-articles";
import { searchArticles } from "@/lib/store/search";
import { articleEntry, digestEntry, emptyDigestEntry } from "./items";
import { parseTimeZone, recentPeriods } from "./periods";
import { FEED_CONTENT_TYPES, renderFeed, type FeedDocument, type FeedEntry } from "./render";
import {
  FEED_EXTENSION,
  feedLinks,
  type DigestPeriod,
  type FeedFormat,
  type FeedView,
} from "@/lib/urls";
import {
  describeFilters,
  digestViewFromParams,
  parseClaimType,
  parseQueryText,
  parseSlug,
  parseStoryId,
  viewTitle,
} from "./view";

/** Items in a feed when the URL gives no limit (at most 100 with ?limit=). */
export const DEFAULT_FEED_ITEMS = 50;
/** How many periods a digest looks back over, current one included. */
export const DIGEST_PERIOD_COUNT: Record<DigestPeriod, number> = { daily: 14, weekly: 8 };
/** Articles a digest reads at most (newest first); a digest is a summary, not an archive. */
export const DIGEST_MAX_ARTICLES = 3000;

export interface FeedContext {
  db: Db;
  /** Public base URL, no trailing slash. */
  base: string;
  minRelevance: number;
}

function scopeOf(view: FeedView): ArticleScope | null {
  return view.kind === "search" ? null : view;
}

/** Articles of a view, newest first; search views go through the search index with the filters folded into the query. */
async function viewArticles(
  ctx: FeedContext,
  view: FeedView,
  filters: Filters,
  take: number,
  since?: Date,
): Promise<FeedArticle[]> {
  const scope = scopeOf(view);
  if (scope)
    return listFeedArticles(ctx.db, scope, filters, {
      take,
      minRelevance: ctx.minRelevance,
      since,
    });
  const query = narrowQueryByFilters(parseSearchQuery((view as { q: string }).q), filters, since);
  const result = await searchArticles(ctx.db, query, {
    sort: "date",
    limit: Math.min(100, take),
    minRelevance: ctx.minRelevance,
    // A feed shows entries only: no facets, no count.
    facets: false,
    total: false,
  });
  const articles = await getFeedArticlesByIds(
    ctx.db,
    result.hits.map((hit) => hit.articleId),
  );
  return since ? articles.filter((article) => article.publishedAt >= since) : articles;
}

function newestUpdate(entries: FeedEntry[]): Date | null {
  let newest: Date | null = null;
  for (const entry of entries) if (!newest || entry.updated > newest) newest = entry.updated;
  return newest;
}

/** The HTML page showing what a view shows (the feed's home link). */
function homePage(base: string, view: FeedView, filters: Filters): string {
  const query = filtersToParams(filters).toString();
  const suffix = query ? `?${query}` : "";
  switch (view.kind) {
    case "story":
      return `${base}/stories/${view.id}${suffix}`;
    case "entity":
      return `${base}/entities/${encodeURIComponent(view.slug)}${suffix}`;
    case "claim":
      return `${base}/claims/${view.type}${suffix}`;
    case "thread":
      return `${base}/claims/${view.type}?${new URLSearchParams({ claimant: view.claimant, target: view.target, ...Object.fromEntries(filtersToParams(filters)) })}`;
    case "search":
      return `${base}/search?${new URLSearchParams({ q: view.q, ...Object.fromEntries(filtersToParams(filters)) })}`;
    default:
      return `${base}/${suffix}`;
  }
}

/** A view's title with its filters in words: "Latest articles (DeepSeek, claims of distillation)". */
async function titleOf(ctx: FeedContext, view: FeedView, filters: Filters): Promise<string> {
  const scope = scopeOf(view);
  const [subject, names] = await Promise.all([
    scope ? getFeedSubject(ctx.db, scope) : null,
    getEntityNames(ctx.db, filters.entity),
  ]);
  const note = describeFilters(filters, names);
  return `${viewTitle(view, subject)}${note ? ` (${note})` : ""}`;
}

/** Percent-encoded text made readable for a title; text whose escapes do not decode is shown as written. */
function readable(encoded: string): string {
  const decoded = decodePathSegment(encoded);
  return decoded ?? encoded;
}

/** The feed document of a view and its filters. */
export async function buildFeedDocument(
  ctx: FeedContext,
  view: FeedView,
  filters: Filters,
  take: number,
): Promise<FeedDocument> {
  const title = await titleOf(ctx, view, filters);
  const articles = await viewArticles(ctx, view, filters, take);
  const items = articles.map((article) => articleEntry(article, ctx.base));
  const links = feedLinks(view, filters, ctx.base);
  return {
    id: links.atom,
    title: `DisputeWatch — ${title}`,
    description: `${title}: news about disputes between AI developers, from DisputeWatch.`,
    homeUrl: homePage(ctx.base, view, filters),
    selfUrls: { rss: links.rss, atom: links.atom, json: links.json },
    updated: newestUpdate(items) ?? new Date(0),
    items,
  };
}

/** The digest document of a view: one item per period with something in it. */
export async function buildDigestDocument(
  ctx: FeedContext,
  view: FeedView,
  filters: Filters,
  period: DigestPeriod,
  options: { zone: string; now: Date; completeOnly: boolean; defaultZone: string },
): Promise<FeedDocument> {
  const title = await titleOf(ctx, view, filters);
  let periods = recentPeriods(options.now, period, options.zone, DIGEST_PERIOD_COUNT[period]);
  if (options.completeOnly) periods = periods.slice(1);
  const oldest = periods[periods.length - 1];
  const articles = oldest
    ? await viewArticles(ctx, view, filters, DIGEST_MAX_ARTICLES, oldest.start)
    : [];
  const links = feedLinks(view, filters, ctx.base);
  const digestUrl = (format: FeedFormat) =>
    period === "daily" ? links.dailyDigest(format) : links.weeklyDigest(format);
  const scopeKey =
    digestUrl("rss")
      .slice(ctx.base.length)
      .replace(/^\/feeds\/digest\/\w+\.rss\??/, "") || "all";
  const timelineQuery = filtersToParams({
    ...filters,
    ...(view.kind === "entity" ? { entity: [...new Set([view.slug, ...filters.entity])] } : {}),
    ...(view.kind === "claim" ? { claim: [...new Set([view.type, ...filters.claim])] } : {}),
  }).toString();
  const items: FeedEntry[] = [];
  for (const [index, current] of periods.entries()) {
    const inPeriod = articles.filter(
      (article) => article.publishedAt >= current.start && article.publishedAt < current.end,
    );
    const entry = digestEntry(inPeriod, current, period, {
      base: ctx.base,
      scopeKey,
      complete: options.completeOnly || index > 0,
      timelineQuery,
      zone: options.zone,
    });
    if (entry) items.push(entry);
  }
  if (items.length === 0) {
    // An empty digest looks broken in a reader: one item says why it is empty.
    const [newest] = await viewArticles(ctx, view, filters, 1);
    items.push(
      emptyDigestEntry(newest ?? null, periods, period, {
        base: ctx.base,
        scopeKey,
        zone: options.zone,
        filtered: view.kind !== "latest" || filtersToParams(filters).toString() !== "",
      }),
    );
  }
  const zoneSuffix =
    options.zone === options.defaultZone ? "" : `tz=${encodeURIComponent(options.zone)}`;
  const withZone = (url: string) =>
    zoneSuffix ? `${url}${url.includes("?") ? "&" : "?"}${zoneSuffix}` : url;
  return {
    id: withZone(digestUrl("atom")),
    title: `DisputeWatch ${period} digest — ${title}`,
    description: `A ${period === "daily" ? "daily" : "weekly"} summary of the top stories (${options.zone}).`,
    homeUrl: homePage(ctx.base, view, filters),
    selfUrls: {
      rss: withZone(digestUrl("rss")),
      atom: withZone(digestUrl("atom")),
      json: withZone(digestUrl("json")),
    },
    updated: newestUpdate(items) ?? periods[0]?.start ?? new Date(0),
    items,
  };
}

/**
 * The address feed links start with: PUBLIC_URL when it is set, else the address this request
 * reached (a reader on another machine cannot follow links to the default http://localhost:PORT).
 */
export function feedBase(request: Request): string {
  const config = getConfig();
  if (config.PUBLIC_URL) return config.publicUrl;
  // The Host the reader sent (Next builds request.url from its own host name); only a plain
  // host[:port] is taken, so a crafted header cannot put anything else into the links.
  const host = request.headers.get("host") ?? "";
  if (!/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.test(host)) return config.publicUrl;
  const https = servedOverHttps(request.headers, { trustedProxies: config.TRUSTED_PROXIES });
  return `${https ? "https" : "http"}://${host.toLowerCase()}`;
}

function contextFor(request: Request): FeedContext {
  const config = getConfig();
  return {
    db: getDb(),
    base: feedBase(request),
    minRelevance: config.RELEVANCE_THRESHOLD,
  };
}

function feedTake(params: URLSearchParams, filters: Filters): number {
  return params.has("limit") ? filters.limit : DEFAULT_FEED_ITEMS;
}

/** Answers a feed request for a view in a format. */
export function serveFeed(request: Request, view: FeedView, format: FeedFormat): Promise<Response> {
  return handle(request, async () => {
    enforceRateLimit(request, getConfig().rateLimitPerProcess, getConfig().TRUSTED_PROXIES);
    const params = new URL(request.url).searchParams;
    const filters = parseFilters(params);
    // The links inside depend on the address asked for when PUBLIC_URL is unset.
    return answerDocument(request, format, `feed:${feedBase(request)}`, () =>
      buildFeedDocument(contextFor(request), view, filters, feedTake(params, filters)),
    );
  });
}

/**
 * One document per URL (and key) for everyone polling it (lib/http/shared-answer.ts), rendered in
 * the format and answered with its validators (ETag, Last-Modified, 304).
 */
async function answerDocument(
  request: Request,
  format: FeedFormat,
  key: string,
  build: () => Promise<FeedDocument>,
): Promise<Response> {
  const { body, lastModified } = await sharedAnswer(
    request,
    async () => {
      const document = await build();
      return {
        body: renderFeed(document, format),
        lastModified: document.items.length ? document.updated : null,
      };
    },
    key,
  );
  return conditionalResponse(request, {
    body,
    contentType: FEED_CONTENT_TYPES[format],
    lastModified,
  });
}

/** Answers a digest request: the view and the filters come from the query string. */
export function serveDigest(
  request: Request,
  view: FeedView,
  period: DigestPeriod,
  format: FeedFormat,
  now: Date = new Date(),
): Promise<Response> {
  return handle(request, async () => {
    const config = getConfig();
    enforceRateLimit(request, config.rateLimitPerProcess, config.TRUSTED_PROXIES);
    const params = new URL(request.url).searchParams;
    const filters = parseFilters(params);
    const tz = params.get("tz");
    const zone = tz !== null ? parseTimeZone(tz) : config.DIGEST_TIME_ZONE;
    const complete = params.get("complete");
    if (complete !== null && !["0", "1", "true", "false"].includes(complete)) {
      throw new AppError("BAD_REQUEST", "invalid parameter complete: expected 1 or 0", {
        parameter: "complete",
      });
    }
    // Shared per URL and minute: a digest's periods follow the clock.
    const key = `digest:${feedBase(request)}:${Math.floor(now.getTime() / 60_000)}`;
    return answerDocument(request, format, key, () =>
      buildDigestDocument(contextFor(request), view, filters, period, {
        zone,
        now,
        completeOnly: complete === "1" || complete === "true",
        defaultZone: config.DIGEST_TIME_ZONE,
      }),
    );
  });
}

/** A path of one of our feeds (the OPML route itself is none). */
const OUR_FEED_PATH = new RegExp(`^/feeds/(?!opml).+${FEED_EXTENSION.source}`);

/** How many feeds one OPML export may list. */
export const MAX_OPML_FEEDS = 100;

/**
 * An OPML document of chosen feeds: each `feed` parameter is one of our feed paths (with its
 * query). Foreign URLs are refused: this is an export of our feeds, not an open redirector of titles.
 */
export function buildFeedsOpml(feeds: string[], base: string, created: Date): string {
  if (feeds.length === 0)
    throw new AppError(
      "BAD_REQUEST",
      "invalid parameter feed: name at least one feed, e.g. feed=/feeds/latest.rss",
      { parameter: "feed" },
    );
  if (feeds.length > MAX_OPML_FEEDS)
    throw new AppError("BAD_REQUEST", `invalid parameter feed: at most ${MAX_OPML_FEEDS} feeds`, {
      parameter: "feed",
    });
  const outlines: OpmlOutline[] = feeds.map((raw) => {
    let url: URL;
    try {
      url = new URL(raw, `${base}/`);
    } catch {
      throw new AppError("BAD_REQUEST", `invalid parameter feed: "${raw}" is not a URL`, {
        parameter: "feed",
      });
    }
    if (url.origin !== new URL(base).origin || !OUR_FEED_PATH.test(url.pathname)) {
      throw new AppError(
        "BAD_REQUEST",
        `invalid parameter feed: "${raw}" is not one of our feeds (/feeds/....rss|atom|json)`,
        { parameter: "feed" },
      );
    }
    return {
      title: `DisputeWatch: ${outlineTitle(url)}`,
      xmlUrl: url.toString(),
      htmlUrl: `${base}/`,
      category: "DisputeWatch",
    };
  });
  return renderOpml(outlines, "DisputeWatch feeds", created);
}

/** The view a path under /feeds/ names (null when it names none), and whether it is a digest. */
function viewOfFeedPath(url: URL): { view: FeedView; digest: DigestPeriod | null } | null {
  const parts = url.pathname
    .replace(/^\/feeds\//, "")
    .replace(FEED_EXTENSION, "")
    .split("/")
    .map(readable);
  const params = url.searchParams;
  try {
    if (parts.length === 1 && parts[0] === "latest")
      return { view: { kind: "latest" }, digest: null };
    if (parts.length === 1 && parts[0] === "search")
      return { view: { kind: "search", q: parseQueryText(params.get("q")) }, digest: null };
    if (parts.length === 2 && parts[0] === "entities")
      return { view: { kind: "entity", slug: parseSlug(parts[1]!, "slug") }, digest: null };
    if (parts.length === 2 && parts[0] === "claims")
      return { view: { kind: "claim", type: parseClaimType(parts[1]!) }, digest: null };
    if (parts.length === 2 && parts[0] === "stories")
      return { view: { kind: "story", id: parseStoryId(parts[1]!) }, digest: null };
    if (parts.length === 4 && parts[0] === "threads")
      return {
        view: {
          kind: "thread",
          claimant: parseSlug(parts[1]!, "claimant"),
          target: parseSlug(parts[2]!, "target"),
          type: parseClaimType(parts[3]!, "type"),
        },
        digest: null,
      };
    if (
      parts.length === 2 &&
      parts[0] === "digest" &&
      (parts[1] === "daily" || parts[1] === "weekly")
    )
      return { view: digestViewFromParams(params), digest: parts[1] };
  } catch {
    return null;
  }
  return null;
}

/** An OPML outline's title for one of our feed URLs, in words as the feed's own title has it. */
function outlineTitle(url: URL): string {
  const named = viewOfFeedPath(url);
  let note = "";
  try {
    note = describeFilters(parseFilters(url.searchParams));
  } catch {
    note = readable(url.search.slice(1)).replace(/&/g, ", ");
  }
  const title = named
    ? `${named.digest ? `${named.digest === "daily" ? "Daily" : "Weekly"} digest — ` : ""}${viewTitle(named.view, null)}`
    : readable(url.pathname.replace(/^\/feeds\//, "").replace(FEED_EXTENSION, ""));
  return `${title}${note ? ` (${note})` : ""}`;
}

/** Answers /feeds/opml?feed=...: the chosen feeds as an OPML file to import into a reader. */
export function serveOpml(request: Request): Promise<Response> {
  return handle(request, async () => {
    const config = getConfig();
    enforceRateLimit(request, config.rateLimitPerProcess, config.TRUSTED_PROXIES);
    const feeds = new URL(request.url).searchParams.getAll("feed");
    // A fixed creation date keeps the document (and its ETag) the same for the same list.
    const body = buildFeedsOpml(feeds, feedBase(request), new Date(0));
    return conditionalResponse(request, {
      body,
      contentType: "text/x-opml; charset=utf-8",
      lastModified: null,
      headers: { "Content-Disposition": 'attachment; filename="disputewatch-feeds.opml"' },
    });
  });
}
