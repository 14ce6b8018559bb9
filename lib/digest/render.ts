/**
 * renderFeed: one FeedDocument (our shape) written as RSS 2.0, Atom 1.0 or JSON Feed 1.1, through
 * the `feed` package for the XML formats.
 *
 * Escaping: our titles and summaries are plain text. RSS readers and Atom (`type="html"`, which the
 * package always declares) read them as HTML, so they are HTML-escaped before they go in: a title
 * "<script>" reaches the reader as the text "<script>", never as markup. The package wraps these
 * fields in CDATA and splits any "]]>" inside, so the XML stays well formed. JSON Feed's title and
 * summary are plain text by definition and go in unescaped (JSON.stringify does the quoting).
 * contentHtml is HTML we built ourselves from escaped pieces.
 */
import { Feed } from "feed";
import type { FeedFormat } from "@/lib/urls";
import { escapeHtml } from "@/lib/text/html";

export interface FeedEntry {
  /** Never changes for the same article / period: readers deduplicate on it. */
  id: string;
  title: string;
  /** Plain text. */
  summary: string;
  /** HTML we built (every interpolated value escaped). */
  contentHtml: string;
  /** Where the item points (the original article). */
  link: string;
  published: Date;
  updated: Date;
  categories: { term: string; label: string; scheme: string }[];
  /** Optional author names (the outlet). */
  authors?: string[];
  /** The article's language, for JSON Feed. */
  language?: string;
  /** Our own page about the item (JSON Feed url is the item permalink; kept here for it). */
  permalink?: string;
}

export interface FeedDocument {
  id: string;
  title: string;
  description: string;
  /** Our HTML page that shows the same thing. */
  homeUrl: string;
  /** The feed's own absolute URLs, one per format. */
  selfUrls: Record<FeedFormat, string>;
  updated: Date;
  language?: string;
  items: FeedEntry[];
}

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

const GENERATOR = "DisputeWatch";

/** Drops characters XML 1.0 forbids (control characters other than tab and newlines, lone surrogates): one of them would make the whole feed unparsable. */
export function xmlSafe(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    "",
  );
}

/** Writes a feed document in one of the three formats. Deterministic: the same document gives the same bytes (ETags rely on it). */
export function renderFeed(document: FeedDocument, format: FeedFormat): string {
  if (format === "json") return renderJsonFeed(document);
  const feed = new Feed({
    id: document.id,
    title: xmlSafe(document.title),
    description: xmlSafe(document.description),
    link: document.homeUrl,
    updated: document.updated,
    generator: GENERATOR,
    language: document.language,
    copyright: "Summaries by DisputeWatch; articles belong to their publishers",
    author: { name: "DisputeWatch", link: document.homeUrl },
    feedLinks: format === "rss" ? { rss: document.selfUrls.rss } : { atom: document.selfUrls.atom },
  });
  for (const item of document.items) {
    feed.addItem({
      id: item.id,
      guid: item.id,
      title: escapeHtml(xmlSafe(item.title)),
      link: item.link,
      date: item.updated,
      published: item.published,
      description: escapeHtml(xmlSafe(item.summary)),
      content: xmlSafe(item.contentHtml),
      category: item.categories.map((category) => ({
        name: xmlSafe(category.label),
        term: category.term,
        scheme: category.scheme,
        domain: category.scheme,
      })),
      author: item.authors?.map((name) => ({ name: xmlSafe(name) })),
    });
  }
  return format === "rss" ? feed.rss2() : feed.atom1();
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1), written directly: the package only knows version 1. */
function renderJsonFeed(document: FeedDocument): string {
  const body = {
    version: "https://jsonfeed.org/version/1.1",
    title: document.title,
    home_page_url: document.homeUrl,
    feed_url: document.selfUrls.json,
    description: document.description,
    language: document.language,
    authors: [{ name: "DisputeWatch", url: document.homeUrl }],
    items: document.items.map((item) => ({
      id: item.id,
      url: item.permalink ?? item.link,
      external_url: item.permalink ? item.link : undefined,
      title: item.title,
      summary: item.summary,
      content_html: item.contentHtml,
      date_published: item.published.toISOString(),
      date_modified: item.updated.toISOString(),
      tags: item.categories.map((category) => category.label),
      language: item.language,
      authors: item.authors?.map((name) => ({ name })),
    })),
  };
  return JSON.stringify(body, null, 2);
}
