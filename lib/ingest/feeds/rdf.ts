/**
 * RSS 1.0 (RDF): `<rdf:RDF>` with the `<channel>` and the `<item>` elements side by side, items
 * named by rdf:about. Its elements are RSS's, so rss.ts reads the channel and items.
 */
import type { ParsedFeed } from "@/lib/types";
import { documentBase, withBase } from "./elements";
import { readChannel } from "./rss";
import { asNode, children, first, type XmlNode } from "./xml-tree";

/** Reads an RSS 1.0 document (root `rdf:RDF`) into our shape. */
export function readRdf(document: XmlNode, feedUrl: string): ParsedFeed {
  const root = asNode(first(document, "rdf:RDF"));
  const channel = asNode(first(root, "channel"));
  const items = children(root, "item");
  // Some RDF feeds put their items inside the channel; accept both.
  return readChannel("rdf", {
    root,
    channel,
    items: items.length > 0 ? items : children(channel, "item"),
    base: withBase(withBase(documentBase(feedUrl), root), channel),
  });
}
