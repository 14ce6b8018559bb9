/**
 * Atom 1.0 and 0.3: `<feed>` with `<entry>` elements, links as `<link rel href type>`, people as
 * `<author><name>`, text constructs typed text, html, xhtml (kept whole by xml-safety.ts) or
 * base64. RSS feeds borrow Atom's links (`atom:link`), so those readers are exported.
 */
import type { FeedItem, ParsedFeed } from "@/lib/types";
import {
  completeItem,
  convertItems,
  documentBase,
  languageTag,
  rssAuthor,
  textConstruct,
  titleOf,
  withBase,
} from "./elements";
import { decodeHtmlEntities } from "./entities";
import { escapeXmlText, nonEmpty, resolveUrl } from "./text";
import { asNode, attr, children, content, first, type XmlNode } from "./xml-tree";

/** One `<link>`, its href resolved against the xml:base around it. */
export interface AtomLink {
  rel: string;
  type: string | null;
  href: string | null;
}

/** Reads link elements (Atom's, or RSS's bare-text ones, whose text is the href). */
export function readLinks(elements: unknown[], base: string | null): AtomLink[] {
  return elements.map((link) => {
    const href = attr(link, "href") ?? (typeof link === "string" ? link : null);
    return {
      rel: attr(link, "rel") ?? "alternate",
      type: attr(link, "type"),
      href: resolveUrl(href, withBase(base, link)),
    };
  });
}

/** Every link of an element, whichever prefix it is written with. */
function atomLinks(node: unknown, base: string | null): AtomLink[] {
  return readLinks(
    [...children(node, "link"), ...children(node, "atom:link"), ...children(node, "atom10:link")],
    base,
  );
}

/** The page a set of links points readers to: the HTML alternate, else the first alternate. */
export function alternateOf(links: AtomLink[]): string | null {
  const alternates = links.filter((l) => l.href && l.rel === "alternate");
  const html = alternates.find((l) => !l.type || /html/i.test(l.type));
  return (html ?? alternates[0])?.href ?? null;
}

/** The feed's own address, from its rel="self" link. */
export function selfOf(links: AtomLink[]): string | null {
  return links.find((l) => l.rel === "self" && l.href)?.href ?? null;
}

/** An Atom person construct as a name (else its email, else its text). */
function personName(node: unknown): string | null {
  if (node === undefined) return null;
  if (typeof node === "string") return nonEmpty(node);
  const name = nonEmpty(content(first(node, "name", "atom:name")));
  const email = nonEmpty(content(first(node, "email", "atom:email")));
  if (name) return decodeHtmlEntities(name);
  return email ?? nonEmpty(content(node));
}

function convertEntry(entry: XmlNode, base: string | null): FeedItem | null {
  const entryBase = withBase(base, entry);
  const contentNode = first(entry, "content", "atom:content");
  let contentHtml = nonEmpty(textConstruct(contentNode));
  // A text construct of type "text" is plain text; escape it so consumers can treat both as HTML.
  if (contentHtml && (attr(contentNode, "type") ?? "text").toLowerCase() === "text") {
    contentHtml = escapeXmlText(contentHtml);
  }
  return completeItem(entry, {
    guid: nonEmpty(content(first(entry, "id", "guid"))),
    url: alternateOf(atomLinks(entry, entryBase)),
    summary: nonEmpty(textConstruct(first(entry, "summary", "atom:summary"))),
    contentHtml,
    author:
      personName(first(entry, "author", "atom:author")) ??
      personName(first(first(entry, "source"), "author")) ??
      rssAuthor(entry),
  });
}

/** Reads an Atom document (root `feed`) into our shape. */
export function readAtom(document: XmlNode, feedUrl: string): ParsedFeed {
  const feed = asNode(first(document, "feed"));
  const base = withBase(documentBase(feedUrl), feed);
  const links = atomLinks(feed, base);
  return {
    format: "atom",
    title: titleOf(feed),
    siteUrl: alternateOf(links),
    feedUrl: selfOf(links),
    language: languageTag(attr(feed, "xml:lang")),
    items: convertItems(children(feed, "entry"), (entry) => convertEntry(entry, base)),
  };
}
