/**
 * What a feed is about (a "view") and the URL scheme that names it. One place builds and reads
 * feed URLs, so the subscribe button, the OPML export, autodiscovery links and the route handlers
 * can never disagree:
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
 */
import { AppError } from "@/lib/errors";
import { filtersToParams, type Filters } from "@/lib/filters";
import { parseRowId } from "@/lib/http/input";
import { makeUi } from "@/lib/i18n";
import { CLAIM_TYPES, type ClaimType } from "@/lib/types";

export const FEED_FORMATS = ["rss", "atom", "json"] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];
export const DIGEST_PERIODS = ["daily", "weekly"] as const;
export type DigestPeriod = (typeof DIGEST_PERIODS)[number];

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

const SLUG = /^[\p{L}\p{N}][\p{L}\p{N}:._-]{0,99}$/u;

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

/** Splits a route segment such as "12.atom" into its name and format; NOT_FOUND when the extension is not a feed format. */
export function parseFeedFile(file: string): { name: string; format: FeedFormat } {
  const decoded = safeDecode(file);
  const match = /^(.+)\.(rss|atom|json)$/.exec(decoded);
  if (!match)
    throw new AppError(
      "NOT_FOUND",
      `digest/view: no feed named "${decoded}" (expected NAME.rss, NAME.atom or NAME.json)`,
    );
  return { name: match[1], format: match[2] as FeedFormat };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new AppError("BAD_REQUEST", "digest/view: the feed path is not valid percent-encoding");
  }
}

/** A slug from a path segment, or BAD_REQUEST. */
export function parseSlug(value: string, parameter: string): string {
  const slug = safeDecode(value).trim().toLowerCase();
  if (!SLUG.test(slug))
    throw new AppError(
      "BAD_REQUEST",
      `invalid parameter ${parameter}: expected an entity slug such as openai`,
      { parameter },
    );
  return slug;
}

/** A claim type from a path segment or parameter, or BAD_REQUEST naming the allowed values. */
export function parseClaimType(value: string, parameter = "claim"): ClaimType {
  const type = safeDecode(value).trim().toLowerCase();
  if (!(CLAIM_TYPES as readonly string[]).includes(type)) {
    throw new AppError(
      "BAD_REQUEST",
      `invalid parameter ${parameter}: expected one of ${CLAIM_TYPES.join(", ")}`,
      { parameter },
    );
  }
  return type as ClaimType;
}

/** A story id from a path segment or parameter, or BAD_REQUEST. */
export function parseStoryId(value: string, parameter = "story"): number {
  if (!/^\d{1,12}$/.test(value.trim()))
    throw new AppError(
      "BAD_REQUEST",
      `invalid parameter ${parameter}: expected a story id (a positive integer)`,
      { parameter },
    );
  const id = parseRowId(value);
  if (id === null)
    throw new AppError(
      "BAD_REQUEST",
      `invalid parameter ${parameter}: expected a story id (a positive integer)`,
      { parameter },
    );
  return id;
}

/** A search query parameter: required, trimmed, bounded. */
export function parseQueryText(value: string | null): string {
  const q = (value ?? "").trim();
  if (q === "")
    throw new AppError("BAD_REQUEST", "invalid parameter q: a search feed needs a query (q=...)", {
      parameter: "q",
    });
  if (q.length > 500)
    throw new AppError("BAD_REQUEST", "invalid parameter q: at most 500 characters", {
      parameter: "q",
    });
  return q;
}

/**
 * The view a digest URL names in its query string (story=, thread=, q=); entity and claim views
 * are ordinary filters there, so a digest without any of these is the "latest" view narrowed by filters.
 */
export function digestViewFromParams(params: URLSearchParams): FeedView {
  const named = ["story", "thread", "q"].filter((key) => params.get(key) !== null);
  if (named.length > 1)
    throw new AppError(
      "BAD_REQUEST",
      `invalid parameter ${named[1]}: a digest follows one of story, thread or q`,
      { parameter: named[1] },
    );
  const story = params.get("story");
  if (story !== null) return { kind: "story", id: parseStoryId(story) };
  const thread = params.get("thread");
  if (thread !== null) {
    const parts = thread.split("/");
    if (parts.length !== 3)
      throw new AppError("BAD_REQUEST", "invalid parameter thread: expected claimant/target/type", {
        parameter: "thread",
      });
    return {
      kind: "thread",
      claimant: parseSlug(parts[0], "thread"),
      target: parseSlug(parts[1], "thread"),
      type: parseClaimType(parts[2], "thread"),
    };
  }
  if (params.get("q") !== null) return { kind: "search", q: parseQueryText(params.get("q")) };
  return { kind: "latest" };
}

/** Feed titles are English: a feed has no reader's language to follow. */
const FEED_UI = makeUi("en");

/** Words joined as a reader would say them: "A", "A and B", "A, B and C". */
function spokenList(words: string[], last = "and"): string {
  return words.length <= 1
    ? (words[0] ?? "")
    : `${words.slice(0, -1).join(", ")} ${last} ${words[words.length - 1]}`;
}

/**
 * The filters of a feed in words, for its title: "DeepSeek, claims of distillation, in
 * Vietnamese, from 2025-01-01 to 2025-01-31". `entityNames` maps slugs to names (a slug the store
 * does not know is shown as it is). Empty without filters.
 */
export function describeFilters(
  filters: Partial<Filters>,
  entityNames: ReadonlyMap<string, string> = new Map(),
): string {
  const parts: string[] = [];
  if (filters.entity?.length)
    parts.push(spokenList(filters.entity.map((slug) => entityNames.get(slug) ?? slug)));
  if (filters.claim?.length)
    parts.push(
      `claims of ${spokenList(
        filters.claim.map((type) => FEED_UI.claimType(type)),
        "or",
      )}`,
    );
  if (filters.source) parts.push(`from ${filters.source}`);
  if (filters.lang) parts.push(`in ${FEED_UI.language(filters.lang)}`);
  if (filters.from && filters.to) parts.push(`from ${filters.from} to ${filters.to}`);
  else if (filters.from) parts.push(`since ${filters.from}`);
  else if (filters.to) parts.push(`until ${filters.to}`);
  return parts.join(", ");
}

/** A human title for a view, given the names the store resolved (entity name, story title). */
export function viewTitle(view: FeedView, subject: string | null): string {
  const label = (type: string) => FEED_UI.claimType(type);
  switch (view.kind) {
    case "latest":
      return "Latest articles";
    case "story":
      return `Story: ${subject ?? `#${view.id}`}`;
    case "entity":
      return `Entity: ${subject ?? view.slug}`;
    case "claim":
      return `Claims of ${label(view.type)}`;
    case "thread":
      return `Thread: ${subject ?? `${view.claimant} → ${view.target}`} (${label(view.type)})`;
    case "search":
      return `Search: ${view.q}`;
  }
}
