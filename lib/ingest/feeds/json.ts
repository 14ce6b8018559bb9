/**
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1): a JSON object with `version` and an
 * `items` array. Read with JSON.parse, which builds plain data and never touches prototypes.
 */
import { errorMessage } from "@/lib/errors";
import type { FeedItem, ParsedFeed } from "@/lib/types";
import { parseFeedDate } from "./dates";
import { feedError } from "./errors";
import { isRecord, nonEmpty, plainTitle, resolveUrl } from "./text";

/** A string or finite number as a trimmed string; null for anything else or blank. */
function str(value: unknown): string | null {
  if (typeof value === "string") return nonEmpty(value);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/** The first author's name (else URL) of a JSON Feed 1.1 `authors` list or 1.0 `author`. */
function jsonAuthor(value: unknown): string | null {
  if (Array.isArray(value)) {
    for (const a of value) {
      const name = jsonAuthor(a);
      if (name) return name;
    }
    return null;
  }
  if (isRecord(value)) return str(value.name) ?? str(value.url);
  return str(value);
}

/**
 * Reads a JSON Feed into our shape. Raises FEED_INVALID for text that is not JSON and
 * FEED_NOT_A_FEED for JSON that is not a JSON Feed; a bad item is skipped.
 */
export function parseJsonFeed(body: string, feedUrl: string): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (error) {
    throw feedError("FEED_INVALID", "json", errorMessage(error), { feedUrl });
  }
  const version = isRecord(doc) ? str(doc.version) : null;
  const looksLikeJsonFeed =
    isRecord(doc) &&
    ((version && /jsonfeed\.org\/version\//i.test(version)) || Array.isArray(doc.items));
  if (!isRecord(doc) || !looksLikeJsonFeed) {
    throw feedError("FEED_NOT_A_FEED", "json", "the JSON document is not a JSON Feed", { feedUrl });
  }
  const declaredFeedUrl = resolveUrl(str(doc.feed_url), feedUrl);
  const base = resolveUrl(feedUrl, null) ?? declaredFeedUrl;
  const items: FeedItem[] = [];
  for (const entry of Array.isArray(doc.items) ? doc.items : []) {
    if (!isRecord(entry)) continue;
    try {
      const tags = Array.isArray(entry.tags)
        ? entry.tags.map(str).filter((t): t is string => t !== null)
        : [];
      const contentText = typeof entry.content_text === "string" ? entry.content_text : null;
      const item: FeedItem = {
        guid: str(entry.id),
        url: resolveUrl(str(entry.url), base) ?? resolveUrl(str(entry.external_url), base),
        title: plainTitle(str(entry.title)),
        summary: str(entry.summary) ?? nonEmpty(contentText),
        contentHtml: str(entry.content_html),
        author:
          jsonAuthor(entry.authors) ??
          jsonAuthor(entry.author) ??
          jsonAuthor(doc.authors) ??
          jsonAuthor(doc.author),
        publishedAt:
          parseFeedDate(str(entry.date_published)) ?? parseFeedDate(str(entry.date_modified)),
        categories: [...new Set(tags)],
      };
      if (item.title || item.url || item.summary || item.contentHtml || item.guid) items.push(item);
    } catch {
      // skip the bad item
    }
  }
  return {
    format: "json",
    title: plainTitle(str(doc.title)),
    siteUrl: resolveUrl(str(doc.home_page_url), base),
    feedUrl: declaredFeedUrl,
    language: str(doc.language),
    items,
  };
}
