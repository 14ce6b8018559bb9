/**
 * The URLs we build: the feed URL scheme (what a feed is about, a "view", and the path and query
 * that name it) and the host name shown for an article's URL. The subscribe button, autodiscovery
 * links, the OPML export, feed documents and the JSON API all link feeds through `feedLinks`, and
 * the feed route handlers read the same scheme back with lib/digest/view.ts, so they cannot
 * disagree:
 *
 *   /feeds/latest.{rss,atom,json}                              every on-topic article
 *   /feeds/stories/{id}.{fmt}                                  one story
 *   /feeds/entities/{slug}.{fmt}                               articles naming an entity
 *   /feeds/claims/{type}.{fmt}                                 articles carrying a claim type
 *   /feeds/threads/{claimant}/{target}/{type}.{fmt}            one claim thread
 *   /feeds/search.{fmt}?q=...                                  a search query
 *   /feeds/digest/{daily|weekly}.{fmt}?...                     digests of any of the above
 *   /feeds/opml?feed=/feeds/...&feed=...                       OPML of chosen feeds
 *
 * Filters (entity, claim, source, lang, from, to) go in the query string of every feed. A digest
 * names its view in the query string: story=12, thread=claimant/target/type, q=..., and the entity
 * and claim views are plain filters (entity=openai, claim=distillation).
 *
 * The pages an entity or a claim thread has are named here too (`entityPath`, `threadPath`), for
 * every page and component that links them.
 */
import { filtersToParams, type Filters } from "@/lib/filters";
import type { ClaimType } from "@/lib/types";

export const FEED_FORMATS = ["rss", "atom", "json"] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];
/** A feed path's extension, the format captured: `.rss`, `.atom` or `.json` at the end. */
export const FEED_EXTENSION = new RegExp(`\\.(${FEED_FORMATS.join("|")})$`);
export const DIGEST_PERIODS = ["daily", "weekly"] as const;
export type DigestPeriod = (typeof DIGEST_PERIODS)[number];

/** What a feed is about besides its filters. */
export type FeedView =
  | { kind: "latest" }
  | { kind: "story"; id: number }
  | { kind: "entity"; slug: string }
  | { kind: "claim"; type: ClaimType }
  | { kind: "thread"; claimant: string; target: string; type: ClaimType }
  | { kind: "search"; q: string };

export interface FeedLinks {
  rss: string;
  atom: string;
  json: string;
  dailyDigest(format?: FeedFormat): string;
  weeklyDigest(format?: FeedFormat): string;
}

/** The path (no query) of a view's feed in a format. */
export function feedPath(view: FeedView, format: FeedFormat): string {
  switch (view.kind) {
    case "latest":
      return `/feeds/latest.${format}`;
    case "story":
      return `/feeds/stories/${view.id}.${format}`;
    case "entity":
      return `/feeds/entities/${encodeURIComponent(view.slug)}.${format}`;
    case "claim":
      return `/feeds/claims/${view.type}.${format}`;
    case "thread":
      return `/feeds/threads/${encodeURIComponent(view.claimant)}/${encodeURIComponent(view.target)}/${view.type}.${format}`;
    case "search":
      return `/feeds/search.${format}`;
  }
}

/** The query parameters that name a view inside a digest URL (the digest path names only the period). */
export function viewToDigestParams(view: FeedView): URLSearchParams {
  const params = new URLSearchParams();
  switch (view.kind) {
    case "story":
      params.set("story", String(view.id));
      break;
    case "entity":
      params.append("entity", view.slug);
      break;
    case "claim":
      params.append("claim", view.type);
      break;
    case "thread":
      params.set("thread", `${view.claimant}/${view.target}/${view.type}`);
      break;
    case "search":
      params.set("q", view.q);
      break;
  }
  return params;
}

function withQuery(path: string, ...parts: URLSearchParams[]): string {
  const merged = new URLSearchParams();
  for (const part of parts)
    for (const [key, value] of part) {
      // A filter that repeats the view (entity=openai on the openai feed) adds nothing.
      if (![...merged.entries()].some(([k, v]) => k === key && v === value))
        merged.append(key, value);
    }
  const query = merged.toString();
  return query ? `${path}?${query}` : path;
}

/**
 * Every URL a reader can subscribe to for a view and its filters. `base` is the public URL
 * (absolute links for the subscribe button and OPML) or "" for site-relative links.
 */
export function feedLinks(view: FeedView, filters: Partial<Filters> = {}, base = ""): FeedLinks {
  const filterParams = filtersToParams(filters);
  const viewQuery =
    view.kind === "search" ? new URLSearchParams({ q: view.q }) : new URLSearchParams();
  const feed = (format: FeedFormat) =>
    base + withQuery(feedPath(view, format), viewQuery, filterParams);
  const digest = (period: DigestPeriod, format: FeedFormat) =>
    base + withQuery(`/feeds/digest/${period}.${format}`, viewToDigestParams(view), filterParams);
  return {
    rss: feed("rss"),
    atom: feed("atom"),
    json: feed("json"),
    dailyDigest: (format: FeedFormat = "rss") => digest("daily", format),
    weeklyDigest: (format: FeedFormat = "rss") => digest("weekly", format),
  };
}

/** The host of a URL without "www.", for naming a source that has no name; the URL itself when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return url;
  }
}

/** The page of an entity: /entities/{slug}. */
export function entityPath(slug: string): string {
  return `/entities/${encodeURIComponent(slug)}`;
}

/** The page of a claim thread: /claims/{claimant}/{target}/{type}. */
export function threadPath(claimant: string, target: string, type: string): string {
  return `/claims/${encodeURIComponent(claimant)}/${encodeURIComponent(target)}/${type}`;
}
