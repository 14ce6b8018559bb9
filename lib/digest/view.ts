/**
 * Reading the feed URL scheme of lib/urls.ts back in the feed route handlers (a path segment's
 * name and format, slugs, claim types, story ids, a digest's view), each bad part a BAD_REQUEST or
 * NOT_FOUND naming it, and the title of a view.
 */
import { AppError } from "@/lib/errors";
import { SLUG_PATTERN, type Filters } from "@/lib/filters";
import { parseRowId } from "@/lib/http/input";
import { makeUi } from "@/lib/i18n";
import { CLAIM_TYPES, type ClaimType } from "@/lib/types";
import { FEED_EXTENSION, type FeedFormat, type FeedView } from "@/lib/urls";

/** A feed route's last segment: NAME.rss, NAME.atom or NAME.json. */
const FEED_FILE = new RegExp(`^(.+)${FEED_EXTENSION.source}`);

/** Splits a route segment such as "12.atom" into its name and format; NOT_FOUND when the extension is not a feed format. */
export function parseFeedFile(file: string): { name: string; format: FeedFormat } {
  const decoded = safeDecode(file);
  const match = FEED_FILE.exec(decoded);
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
  if (!SLUG_PATTERN.test(slug))
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
