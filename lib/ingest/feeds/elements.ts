/**
 * Elements every XML format shares and reads the same way, whatever the root: xml:base, titles,
 * RSS-style and Dublin Core authors, categories, dates, and the item loop in which one bad item is
 * skipped rather than fatal. The format modules (rss.ts, atom.ts, rdf.ts) read the rest.
 */
import type { FeedItem } from "@/lib/types";
import { parseFeedDate } from "./dates";
import { decodeHtmlEntities } from "./entities";
import { isRecord, nonEmpty, plainTitle, resolveUrl } from "./text";
import { attr, children, content, first, type XmlNode } from "./xml-tree";

/** Where a format's feed-level data and items sit in the tree, and the URL they resolve against. */
export interface Containers {
  root: XmlNode;
  channel: XmlNode;
  items: unknown[];
  base: string | null;
}

/** The feed's own URL as the base of last resort for relative links. */
export function documentBase(feedUrl: string): string | null {
  return resolveUrl(feedUrl, null);
}

/** The base URL inside `node`: its xml:base resolved against the base around it. */
export function withBase(base: string | null, node: unknown): string | null {
  const own = attr(node, "xml:base");
  return own ? (resolveUrl(own, base) ?? base) : base;
}

/**
 * The value of an Atom text or content construct (plain elements read as text). Atom 1.0
 * base64-encodes any type that is not text, HTML or XML; Atom 0.3 says so with mode="base64".
 */
export function textConstruct(node: unknown): string | null {
  const value = content(node);
  if (value === null) return null;
  const type = (attr(node, "type") ?? "text").toLowerCase();
  const base64 =
    (attr(node, "mode") ?? "").toLowerCase() === "base64" ||
    (type.includes("/") && !/^text\/|[+/]xml$|xhtml|html/.test(type));
  if (!base64) return value;
  const compact = value.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return value;
  return Buffer.from(compact, "base64").toString("utf8");
}

/** The title of a channel, feed, item or entry, as plain text. */
export function titleOf(node: unknown): string | null {
  return plainTitle(textConstruct(first(node, "title", "dc:title", "atom:title")));
}

/** RSS wants "email (Name)"; feeds also write "Name (email)", "Name <email>" or a bare name. */
function authorName(value: string): string {
  const emailFirst = /^\s*[^\s()<>@]+@[^\s()<>]+\s*\(([^()]+)\)\s*$/.exec(value);
  if (emailFirst) return emailFirst[1].trim();
  const nameFirst = /^\s*([^()<>]+?)\s*[(<]\s*[^\s()<>@]+@[^\s()<>]+\s*[)>]\s*$/.exec(value);
  if (nameFirst) return nameFirst[1].trim();
  return value.trim();
}

/** The author as RSS, Dublin Core and iTunes write it, as a plain name. */
export function rssAuthor(item: unknown): string | null {
  const value =
    nonEmpty(content(first(item, "dc:creator"))) ??
    nonEmpty(content(first(item, "author"))) ??
    nonEmpty(content(first(item, "itunes:author"))) ??
    nonEmpty(content(first(item, "dc:author")));
  return value ? plainTitle(authorName(value)) : null;
}

/** The item's categories (RSS, Atom, Dublin Core, iTunes), each once, in document order. */
function categoriesOf(item: unknown): string[] {
  const found: string[] = [];
  const nodes = [
    ...children(item, "category"),
    ...children(item, "dc:subject"),
    ...children(item, "itunes:category"),
  ];
  for (const cat of nodes) {
    const value = nonEmpty(
      attr(cat, "term") ?? attr(cat, "text") ?? attr(cat, "label") ?? content(cat),
    );
    if (value) found.push(decodeHtmlEntities(value));
  }
  return [...new Set(found)];
}

function dateOf(item: unknown, names: string[]): Date | null {
  for (const name of names) {
    for (const node of children(item, name)) {
      const date = parseFeedDate(content(node));
      if (date) return date;
    }
  }
  return null;
}

const PUBLISHED_FIELDS = [
  "pubDate",
  "published",
  "issued",
  "dc:date",
  "dcterms:issued",
  "dcterms:created",
  "created",
];
const UPDATED_FIELDS = ["updated", "modified", "dcterms:modified", "lastBuildDate", "atom:updated"];

/** What a format module reads itself; the rest of a FeedItem is read here. */
export type ItemCore = Pick<FeedItem, "guid" | "url" | "summary" | "contentHtml" | "author">;

/**
 * The item with its title, date (published, else updated) and categories, or null when it carries
 * nothing at all.
 */
export function completeItem(item: XmlNode, core: ItemCore): FeedItem | null {
  const { guid, url, summary, contentHtml, author } = core;
  const title = titleOf(item);
  const publishedAt = dateOf(item, PUBLISHED_FIELDS) ?? dateOf(item, UPDATED_FIELDS);
  const categories = categoriesOf(item);
  if (
    !title &&
    !url &&
    !summary &&
    !contentHtml &&
    !guid &&
    !author &&
    !publishedAt &&
    categories.length === 0
  ) {
    return null;
  }
  return { guid, url, title, summary, contentHtml, author, publishedAt, categories };
}

/** Converts each item element; one that is not an element or fails to convert is skipped. */
export function convertItems(
  items: unknown[],
  convert: (item: XmlNode) => FeedItem | null,
): FeedItem[] {
  const converted: FeedItem[] = [];
  for (const item of items) {
    if (!isRecord(item)) continue;
    try {
      const feedItem = convert(item);
      if (feedItem) converted.push(feedItem);
    } catch {
      // One malformed item never costs the rest of the feed.
    }
  }
  return converted;
}

/** A language tag as feeds write it (en_US, en-us) with underscores made hyphens. */
export function languageTag(value: string | null): string | null {
  return nonEmpty(value)?.replace(/_/g, "-") ?? null;
}
