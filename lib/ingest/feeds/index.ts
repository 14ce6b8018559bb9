/**
 * Feed parsing: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 and JSON Feed 1.0/1.1, each converted
 * into our ParsedFeed / FeedItem at this edge. `parseFeed` detects the format (format.ts) and runs
 * one switch over it: JSON Feed is read by json.ts; an XML document is made safe (xml-safety.ts),
 * parsed into a tree (xml-tree.ts, xml2js in strict mode), given one lenient second chance when it
 * is broken (lenient.ts), and read by its format's module (rss.ts, atom.ts, rdf.ts; the elements
 * they share in elements.ts, dates in dates.ts).
 */
import { errorMessage, isAppError } from "@/lib/errors";
import type { ParsedFeed } from "@/lib/types";
import { readAtom } from "./atom";
import { feedError, type FeedStep } from "./errors";
import { detectFeedFormat, type XmlFeedFormat } from "./format";
import { parseJsonFeed } from "./json";
import { acceptLooseFeed, balanceTags } from "./lenient";
import { readRdf } from "./rdf";
import { readRss } from "./rss";
import { prepareXml } from "./xml-safety";
import { parseXmlTree, type XmlNode } from "./xml-tree";

export { parseFeedDate } from "./dates";
export { decodeHtmlEntities } from "./entities";
export { rootElementName } from "./format";
export { balanceTags } from "./lenient";
export { plainTitle } from "./text";
export { prepareXml } from "./xml-safety";

/**
 * Parses a decoded feed document into our shape.
 *
 * Raises AppError FEED_EMPTY for a blank body, FEED_NOT_A_FEED for an HTML page, other XML or JSON
 * that is not a JSON Feed, and FEED_INVALID when the document cannot be parsed; never anything
 * else. One malformed item is skipped, not fatal.
 */
export async function parseFeed(text: string, feedUrl: string): Promise<ParsedFeed> {
  let step: FeedStep = "detect";
  try {
    const detected = detectFeedFormat(text, feedUrl);
    if (detected.format === "json") {
      step = "json";
      return parseJsonFeed(detected.body, feedUrl);
    }
    step = "prepare";
    const xml = prepareXml(detected.body);
    step = "xml";
    let document: XmlNode;
    try {
      document = await parseXmlTree(xml, detected.root);
    } catch (strictError) {
      let balanced: XmlNode;
      try {
        balanced = await parseXmlTree(balanceTags(xml), detected.root);
      } catch {
        throw strictError;
      }
      step = "convert";
      const loose = acceptLooseFeed(readXmlFeed(balanced, detected.format, feedUrl));
      if (!loose) {
        step = "xml";
        throw strictError;
      }
      return loose;
    }
    step = "convert";
    return readXmlFeed(document, detected.format, feedUrl);
  } catch (error) {
    if (isAppError(error)) throw error;
    const message = errorMessage(error).split("\n")[0];
    throw feedError("FEED_INVALID", step, message, { feedUrl }, error);
  }
}

/** The one switch over the XML formats: each module reads its own tree into our shape. */
function readXmlFeed(document: XmlNode, format: XmlFeedFormat, feedUrl: string): ParsedFeed {
  switch (format) {
    case "rss":
      return readRss(document, feedUrl);
    case "atom":
      return readAtom(document, feedUrl);
    case "rdf":
      return readRdf(document, feedUrl);
  }
}
