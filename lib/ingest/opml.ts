/**
 * OPML import and export: the subscription lists feed readers exchange. Readers nest feeds in
 * folders (some in folders of folders); we keep one category per feed, the name of the folder the
 * feed sits in, because that is what every reader we import into or export to can show.
 *
 * Parsing uses cheerio's XML mode, which never loads a DTD or an external entity.
 */
import { load } from "cheerio";
import { AppError } from "@/lib/errors";

const STAGE = "ingest/opml";

/** One subscription of an OPML document. */
export interface OpmlOutline {
  title: string;
  xmlUrl: string;
  htmlUrl: string | null;
  /** The folder the feed sits in (the innermost one when folders nest), or null at the top level. */
  category: string | null;
}

/** OPML files are small; anything bigger is a mistake or an attack. */
const MAX_OPML_CHARS = 10_000_000;
const MAX_DEPTH = 64;

/** The fields of cheerio's (domhandler's) nodes that we read; nothing outside this file sees them. */
interface AnyNode {
  type: string;
}
interface Element extends AnyNode {
  name: string;
  attribs: Record<string, string>;
  children: AnyNode[];
}

function isElement(node: AnyNode): node is Element {
  return node.type === "tag";
}

/** Attribute lookup ignoring case: exports write xmlUrl, xmlurl and xmlURL. */
function attribute(element: Element, name: string): string | null {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(element.attribs)) {
    if (key.toLowerCase() === wanted) {
      const trimmed = value.replace(/\s+/g, " ").trim();
      return trimmed === "" ? null : trimmed;
    }
  }
  return null;
}

/** The last segment of the first path of an OPML 2.0 `category` attribute ("/Tech/AI,/x" -> "AI"). */
function categoryAttribute(element: Element): string | null {
  const value = attribute(element, "category");
  if (!value) return null;
  const firstPath = value.split(",")[0] ?? "";
  const segments = firstPath
    .split("/")
    .map((s) => s.trim())
    .filter(Boolean);
  return segments.length > 0 ? segments[segments.length - 1] : null;
}

/**
 * Reads the subscriptions of an OPML document, folders flattened into categories, in document
 * order, each feed URL once (the first occurrence wins). Raises AppError OPML_INVALID when the
 * document is not OPML.
 */
export function parseOpml(xml: string): OpmlOutline[] {
  if (typeof xml !== "string" || xml.trim() === "") {
    throw new AppError("OPML_INVALID", `${STAGE}: the document is empty`);
  }
  if (xml.length > MAX_OPML_CHARS) {
    throw new AppError(
      "OPML_INVALID",
      `${STAGE}: the document is larger than ${MAX_OPML_CHARS} characters`,
    );
  }
  let $: ReturnType<typeof load>;
  try {
    $ = load(xml, { xml: { xmlMode: true, decodeEntities: true } });
  } catch (error) {
    throw new AppError("OPML_INVALID", `${STAGE}: the document could not be parsed`, undefined, {
      cause: error,
    });
  }
  const root = ($.root().children().toArray() as unknown as AnyNode[]).find((node) =>
    isElement(node),
  ) as Element | undefined;
  if (!root || root.name.toLowerCase() !== "opml") {
    throw new AppError(
      "OPML_INVALID",
      `${STAGE}: the root element is <${root?.name ?? "none"}>, not <opml>`,
    );
  }
  const body = root.children.find(
    (node): node is Element => isElement(node) && node.name.toLowerCase() === "body",
  );
  if (!body) throw new AppError("OPML_INVALID", `${STAGE}: the document has no <body>`);

  const found: OpmlOutline[] = [];
  const seen = new Set<string>();
  const walk = (parent: Element, folder: string | null, depth: number) => {
    if (depth > MAX_DEPTH)
      throw new AppError("OPML_INVALID", `${STAGE}: outlines nested more than ${MAX_DEPTH} deep`);
    for (const node of parent.children) {
      if (!isElement(node) || node.name.toLowerCase() !== "outline") continue;
      const xmlUrl = attribute(node, "xmlUrl");
      const name = attribute(node, "title") ?? attribute(node, "text");
      if (xmlUrl) {
        if (!seen.has(xmlUrl)) {
          seen.add(xmlUrl);
          found.push({
            title: name ?? xmlUrl,
            xmlUrl,
            htmlUrl: attribute(node, "htmlUrl"),
            category: folder ?? categoryAttribute(node),
          });
        }
        continue;
      }
      // An outline without xmlUrl is a folder (or a plain link, which has no feeds inside).
      walk(node, name ?? folder, depth + 1);
    }
  };
  walk(body, null, 0);
  return found;
}

/** Escapes an attribute value, dropping characters XML 1.0 cannot carry at all. */
function escapeAttribute(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

function feedOutline(outline: OpmlOutline, indent: string): string {
  const title = escapeAttribute(outline.title);
  const html = outline.htmlUrl ? ` htmlUrl="${escapeAttribute(outline.htmlUrl)}"` : "";
  return `${indent}<outline type="rss" text="${title}" title="${title}" xmlUrl="${escapeAttribute(outline.xmlUrl)}"${html}/>`;
}

/**
 * Renders subscriptions as an OPML 2.0 document: one folder per category, feeds in the given order
 * (consecutive feeds of one category share a folder), so parseOpml gives the same list back.
 */
export function renderOpml(
  outlines: OpmlOutline[],
  title: string,
  created: Date = new Date(),
): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    "  <head>",
    `    <title>${escapeAttribute(title)}</title>`,
    `    <dateCreated>${created.toUTCString()}</dateCreated>`,
    "  </head>",
    "  <body>",
  ];
  let open: string | null = null;
  for (const outline of outlines) {
    const category = outline.category && outline.category.trim() !== "" ? outline.category : null;
    if (category !== open) {
      if (open !== null) lines.push("    </outline>");
      if (category !== null) {
        const name = escapeAttribute(category);
        lines.push(`    <outline text="${name}" title="${name}">`);
      }
      open = category;
    }
    lines.push(feedOutline(outline, category === null ? "    " : "      "));
  }
  if (open !== null) lines.push("    </outline>");
  lines.push("  </body>", "</opml>", "");
  return lines.join("\n");
}
