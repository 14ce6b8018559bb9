/**
 * RSS 0.9x and 2.0: `<rss><channel>` with `<item>` elements (a few old feeds put the items beside
 * the channel). RSS 1.0 (rdf.ts) shares the channel and item elements and so this reader; modules
 * (content:encoded, Dublin Core, iTunes, atom:link) are read where feeds put them.
 */
import type { FeedItem, ParsedFeed } from "@/lib/types";
import { alternateOf, readLinks, selfOf } from "./atom";
import {
  completeItem,
  convertItems,
  documentBase,
  languageTag,
  rssAuthor,
  titleOf,
  withBase,
  type Containers,
} from "./elements";
import { nonEmpty, resolveUrl } from "./text";
import { asNode, attr, children, content, first, type XmlNode } from "./xml-tree";

function convertItem(item: XmlNode, base: string | null): FeedItem | null {
  const itemBase = withBase(base, item);
  const guidNode = first(item, "guid");
  // RSS 1.0 names its items by rdf:about; some RSS 2.0 feeds carry it too.
  const guid = nonEmpty(content(guidNode)) ?? nonEmpty(attr(item, "rdf:about"));
  const linkNode = first(item, "link");
  let url =
    resolveUrl(content(linkNode), withBase(itemBase, linkNode)) ??
    alternateOf(readLinks(children(item, "atom:link"), itemBase));
  const permaLink = (attr(guidNode, "isPermaLink") ?? "true").toLowerCase() !== "false";
  if (!url && guid && permaLink && /^https?:\/\//i.test(guid)) url = resolveUrl(guid, null);
  return completeItem(item, {
    guid,
    url,
    summary: nonEmpty(
      content(first(item, "description", "dc:description", "summary", "itunes:summary")),
    ),
    contentHtml: nonEmpty(content(first(item, "content:encoded", "xhtml:body", "body", "content"))),
    author: rssAuthor(item),
  });
}

/** An RSS or RDF channel and its items in our shape. */
export function readChannel(format: "rss" | "rdf", containers: Containers): ParsedFeed {
  const { root, channel, items, base } = containers;
  // The channel's <link> is the site; an atom:link written without a prefix has an href instead.
  const linkNode = children(channel, "link").find((l) => typeof l === "string" || !attr(l, "href"));
  const atomLinks = children(channel, "atom:link");
  return {
    format,
    title: titleOf(channel),
    siteUrl: resolveUrl(content(linkNode), base) ?? alternateOf(readLinks(atomLinks, base)),
    feedUrl: selfOf(readLinks([...atomLinks, ...children(channel, "atom10:link")], base)),
    language: languageTag(
      nonEmpty(content(first(channel, "language", "dc:language"))) ?? attr(root, "xml:lang"),
    ),
    items: convertItems(items, (item) => convertItem(item, base)),
  };
}

/** Reads an RSS 0.9x/2.0 document (root `rss`) into our shape. */
export function readRss(document: XmlNode, feedUrl: string): ParsedFeed {
  const root = asNode(first(document, "rss"));
  const channel = asNode(first(root, "channel"));
  const items = children(channel, "item");
  return readChannel("rss", {
    root,
    channel,
    items: items.length > 0 ? items : children(root, "item"),
    base: withBase(withBase(documentBase(feedUrl), root), channel),
  });
}
