/**
 * Format detection, before anything is parsed: a blank or oversized body is refused, `{` or `[`
 * means JSON Feed, and an XML document's format is named by its root element.
 */
import type { FeedFormat } from "@/lib/types";
import { feedError } from "./errors";
import { MAX_FEED_CHARS, skipDeclaration } from "./xml-safety";

/** The XML formats, each with its reader in index.ts. */
export type XmlFeedFormat = Exclude<FeedFormat, "json">;

/** What detection found: the body without BOM and leading blanks, and how to read it. */
export type DetectedFeed =
  { format: "json"; body: string } | { format: XmlFeedFormat; body: string; root: string };

// The readers look the root up by its qualified name as written, so only these roots are read
// (a prefixed Atom root, atom:feed, is refused as before).
const XML_ROOTS: Record<string, XmlFeedFormat> = { rss: "rss", feed: "atom", "rdf:RDF": "rdf" };

/** The name of the document's root element, skipping the prolog, comments, PIs and a DOCTYPE. */
export function rootElementName(xml: string): string | null {
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) return null;
    if (xml.startsWith("<?", lt)) {
      const end = xml.indexOf("?>", lt + 2);
      if (end < 0) return null;
      i = end + 2;
    } else if (xml.startsWith("<!--", lt)) {
      const end = xml.indexOf("-->", lt + 4);
      if (end < 0) return null;
      i = end + 3;
    } else if (xml.startsWith("<!", lt)) {
      i = skipDeclaration(xml, lt);
    } else {
      const match = /^<([A-Za-z_][\w.:-]*)/.exec(xml.slice(lt, lt + 200));
      return match ? match[1] : null;
    }
  }
  return null;
}

/**
 * Names the format of a decoded feed body. Raises FEED_EMPTY for a blank body, FEED_INVALID for
 * one over MAX_FEED_CHARS, and FEED_NOT_A_FEED for text that is neither XML nor JSON or XML whose
 * root is not RSS, RDF or Atom.
 */
export function detectFeedFormat(text: string, feedUrl: string): DetectedFeed {
  if (typeof text !== "string" || text.replace(/^\uFEFF/, "").trim() === "") {
    throw feedError("FEED_EMPTY", null, "the body is empty", { feedUrl });
  }
  if (text.length > MAX_FEED_CHARS) {
    throw feedError(
      "FEED_INVALID",
      "detect",
      `the body is larger than ${MAX_FEED_CHARS} characters`,
      { feedUrl },
    );
  }
  const body = text.replace(/^\uFEFF/, "").replace(/^\s+/, "");
  if (body.startsWith("{") || body.startsWith("[")) return { format: "json", body };
  if (!body.startsWith("<")) {
    throw feedError("FEED_NOT_A_FEED", "detect", "the body is neither XML nor JSON", { feedUrl });
  }
  const root = rootElementName(body);
  const format = root !== null && Object.hasOwn(XML_ROOTS, root) ? XML_ROOTS[root] : null;
  if (root === null || format === null) {
    throw feedError(
      "FEED_NOT_A_FEED",
      "detect",
      `the root element <${root ?? "?"}> is not RSS, RDF or Atom`,
      { feedUrl, root },
    );
  }
  return { format, body, root };
}
