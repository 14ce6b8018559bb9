/**
 * Feed parsing: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0 and JSON Feed 1.0/1.1, all converted into
 * our ParsedFeed / FeedItem at this edge. XML goes through rss-parser's parseString (xml2js over
 * sax) on text that is already decoded; JSON Feed is ours because rss-parser cannot read it.
 *
 * Before any XML reaches the parser it is made harmless and more parseable (see prepareXml): the
 * DOCTYPE and its internal subset are removed (no entity expansion, so no billion laughs and no
 * external entities), HTML named entities become numeric references and stray ampersands are
 * escaped (sax is strict about both, real feeds are not), and Atom xhtml constructs are wrapped in
 * CDATA so their markup survives xml2js, which would otherwise lose the order of mixed content.
 */
import Parser from "rss-parser";
import { load } from "cheerio";
import { AppError, isAppError, errorMessage } from "@/lib/errors";
import type { FeedFormat, FeedItem, ParsedFeed } from "@/lib/types";

const STAGE = "ingest/feeds";

/** Bigger bodies are refused rather than parsed: a feed this size is an accident or an attack. */
const MAX_FEED_CHARS = 20_000_000;

/**
 * Parses a decoded feed document into our shape.
 *
 * Raises AppError FEED_EMPTY for a blank body, FEED_NOT_A_FEED for an HTML page, other XML or JSON
 * that is not a JSON Feed, and FEED_INVALID when the document cannot be parsed; never anything
 * else. One malformed item is skipped, not fatal.
 */
export async function parseFeed(text: string, feedUrl: string): Promise<ParsedFeed> {
  let stage = "detect";
  try {
    if (typeof text !== "string" || text.replace(/^\uFEFF/, "").trim() === "") {
      throw new AppError("FEED_EMPTY", `${STAGE}: the body is empty`, { feedUrl });
    }
    if (text.length > MAX_FEED_CHARS) {
      throw new AppError(
        "FEED_INVALID",
        `${STAGE}: detect: the body is larger than ${MAX_FEED_CHARS} characters`,
        {
          feedUrl,
        },
      );
    }
    const body = text.replace(/^\uFEFF/, "").replace(/^\s+/, "");
    if (body.startsWith("{") || body.startsWith("[")) {
      stage = "json";
      return parseJsonFeed(body, feedUrl);
    }
    if (!body.startsWith("<")) {
      throw new AppError("FEED_NOT_A_FEED", `${STAGE}: detect: the body is neither XML nor JSON`, {
        feedUrl,
      });
    }
    const root = rootElementName(body);
    const format = formatForRoot(root);
    if (!format) {
      throw new AppError(
        "FEED_NOT_A_FEED",
        `${STAGE}: detect: the root element <${root ?? "?"}> is not RSS, RDF or Atom`,
        { feedUrl, root },
      );
    }
    stage = "prepare";
    const xml = prepareXml(body);
    stage = "xml";
    let raw: RawTree;
    try {
      raw = await parseXmlTree(xml);
    } catch (strictError) {
      // Real feeds arrive truncated or with stray and unclosed tags; feedparser reads them loosely,
      // so we give the document one more chance with its tags balanced before giving up.
      try {
        raw = await parseXmlTree(balanceTags(xml));
      } catch {
        throw strictError;
      }
      // A loose reading that finds no item is not a healthy empty feed: mistyped closing tags fold
      // the whole document into the channel's title. It stays an error (counted, backed off, paused).
      stage = "convert";
      const loose = convertXmlFeed(raw, format, feedUrl);
      if (loose.items.length === 0) {
        stage = "xml";
        throw strictError;
      }
      return {
        ...loose,
        title: saneTitle(loose.title),
        items: loose.items.map((item) => ({ ...item, title: saneTitle(item.title) })),
      };
    }
    stage = "convert";
    return convertXmlFeed(raw, format, feedUrl);
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError(
      "FEED_INVALID",
      `${STAGE}: ${stage}: ${errorMessage(error).split("\n")[0]}`,
      { feedUrl },
      {
        cause: error,
      },
    );
  }
}

/** A title read loosely, or null when it has swallowed markup or other elements' text. */
function saneTitle(title: string | null): string | null {
  if (!title) return title;
  return title.length > 300 || /<\/?[a-z][^>]*>|https?:\/\//i.test(title) ? null : title;
}

// ---------------------------------------------------------------------------------------------
// Format detection

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

function formatForRoot(root: string | null): FeedFormat | null {
  if (!root) return null;
  const local = root.includes(":") ? root.slice(root.indexOf(":") + 1) : root;
  // rss-parser dispatches on these exact keys, so a prefixed Atom root (atom:feed) is not ours.
  if (root === "rss") return "rss";
  if (root === "feed") return "atom";
  if (root === "rdf:RDF") return "rdf";
  if (
    local.toLowerCase() === "rss" ||
    local.toLowerCase() === "rdf" ||
    local.toLowerCase() === "feed"
  ) {
    return null;
  }
  return null;
}

/** End of a `<!...>` declaration, honouring quotes and a bracketed internal subset. */
function skipDeclaration(xml: string, start: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start + 2; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === "[") {
      depth++;
    } else if (c === "]") {
      depth = Math.max(0, depth - 1);
    } else if (c === ">" && depth === 0) {
      return i + 1;
    }
  }
  return xml.length;
}

// ---------------------------------------------------------------------------------------------
// XML preparation (the security-relevant part)

const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);
const htmlEntityCache = new Map<string, string | null>();

/** The characters an HTML named entity stands for, or null when HTML does not know the name. */
function htmlEntity(name: string): string | null {
  const cached = htmlEntityCache.get(name);
  if (cached !== undefined) return cached;
  // cheerio's parser knows the full HTML5 table; asking it once per name keeps us free of a table.
  const decoded = load(`<p>&${name};</p>`, null, false)("p").text();
  const value = decoded === `&${name};` ? null : decoded;
  if (htmlEntityCache.size < 5000) htmlEntityCache.set(name, value);
  return value;
}

function validCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function toCharRefs(value: string): string {
  let out = "";
  for (const ch of value) out += `&#${ch.codePointAt(0)};`;
  return out;
}

/** Makes entity references acceptable to a strict XML parser without changing what they mean. */
function fixEntities(segment: string): string {
  return segment.replace(
    /&(#[0-9]{1,8};|#[xX][0-9a-fA-F]{1,8};|[A-Za-z][A-Za-z0-9]{0,31};)?/g,
    (_m, ref?: string) => {
      if (!ref) return "&amp;";
      if (ref.startsWith("#")) {
        const cp =
          ref[1] === "x" || ref[1] === "X"
            ? parseInt(ref.slice(2, -1), 16)
            : parseInt(ref.slice(1, -1), 10);
        // Windows-1252 code points in numeric references are what the author meant (feedparser agrees).
        if (cp >= 0x80 && cp <= 0x9f) {
          const mapped = new TextDecoder("windows-1252").decode(new Uint8Array([cp]));
          return toCharRefs(mapped);
        }
        return validCodePoint(cp) ? `&${ref}` : "&#xFFFD;";
      }
      const name = ref.slice(0, -1);
      if (XML_ENTITIES.has(name)) return `&${ref}`;
      const value = htmlEntity(name);
      // An unknown name (including one a removed DTD declared) stays visible as text, never expanded.
      return value === null ? `&amp;${ref}` : toCharRefs(value);
    },
  );
}

const XHTML_CONSTRUCT =
  /<((?:[A-Za-z_][\w.-]*:)?(?:content|summary|title|subtitle|tagline|rights|copyright|info))(\s[^<>]*?)?(\/?)>/g;

/** Wraps the markup of Atom `type="xhtml"` constructs in CDATA so it reaches us as a string. */
function wrapXhtml(xml: string): string {
  let out = "";
  let last = 0;
  XHTML_CONSTRUCT.lastIndex = 0;
  for (let m = XHTML_CONSTRUCT.exec(xml); m; m = XHTML_CONSTRUCT.exec(xml)) {
    const attrs = m[2] ?? "";
    if (m[3] === "/" || !/\btype\s*=\s*["'](?:xhtml|application\/xhtml\+xml)["']/i.test(attrs))
      continue;
    const innerStart = m.index + m[0].length;
    const close = xml.indexOf(`</${m[1]}`, innerStart);
    if (close < 0) break;
    const inner = xml.slice(innerStart, close);
    if (inner.includes("<![CDATA[")) continue;
    out +=
      xml.slice(last, innerStart) + "<![CDATA[" + inner.replace(/]]>/g, "]]]]><![CDATA[>") + "]]>";
    last = close;
    XHTML_CONSTRUCT.lastIndex = close;
  }
  return out + xml.slice(last);
}

/**
 * Removes the DOCTYPE (with any internal subset), comments and entity trouble from an XML
 * document. Runs in linear time; CDATA sections are copied untouched.
 */
export function prepareXml(xml: string): string {
  const source = wrapXhtml(xml);
  const parts: string[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const lt = source.indexOf("<!", i);
    if (lt < 0) {
      parts.push(fixEntities(source.slice(i)));
      break;
    }
    parts.push(fixEntities(source.slice(i, lt)));
    if (source.startsWith("<![CDATA[", lt)) {
      const end = source.indexOf("]]>", lt + 9);
      const stop = end < 0 ? n : end + 3;
      parts.push(end < 0 ? source.slice(lt) + "]]>" : source.slice(lt, stop));
      i = stop;
    } else if (source.startsWith("<!--", lt)) {
      const end = source.indexOf("-->", lt + 4);
      i = end < 0 ? n : end + 3;
    } else {
      // <!DOCTYPE ...> and any other declaration: dropped, so nothing it declares is ever used.
      i = skipDeclaration(source, lt);
    }
  }
  return parts.join("");
}

// Attribute text stops at the next "<", so one failed match never scans past it: linear overall.
const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:[^<>"']|"[^"<]*"|'[^'<]*')*)(\/?)>|<!\[CDATA\[|<!--|<\?/g;
const MAX_DEPTH = 256;

/**
 * Repairs the tag structure of a broken XML document: stray closing tags are dropped, elements
 * left open are closed where an ancestor closes and at the end, a final unterminated tag is
 * completed. Linear in the size of the document (the open-element stack is capped).
 */
export function balanceTags(xml: string): string {
  let source = xml.trimEnd();
  const tail = /<\/?([A-Za-z_][\w.:-]*)\s*$/.exec(source);
  if (tail)
    source = source.slice(0, tail.index) + (tail[0].startsWith("</") ? `</${tail[1]}>` : "");
  const stack: string[] = [];
  const out: string[] = [];
  let last = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(source); m; m = TAG.exec(source)) {
    if (m[0] === "<![CDATA[" || m[0] === "<!--" || m[0] === "<?") {
      const terminator = m[0] === "<![CDATA[" ? "]]>" : m[0] === "<!--" ? "-->" : "?>";
      const end = source.indexOf(terminator, TAG.lastIndex);
      if (end < 0) {
        // An unterminated CDATA section or comment swallows the rest, as it would in a browser.
        out.push(source.slice(last), terminator);
        last = source.length;
        break;
      }
      TAG.lastIndex = end + terminator.length;
      continue;
    }
    const [whole, closing, name] = m;
    const selfClosing = whole.endsWith("/>");
    if (closing) {
      const at = stack.lastIndexOf(name);
      out.push(source.slice(last, m.index));
      if (at >= 0) {
        while (stack.length > at + 1) out.push(`</${stack.pop()}>`);
        stack.pop();
        out.push(whole);
      }
      last = m.index + whole.length;
    } else if (!selfClosing) {
      if (stack.length >= MAX_DEPTH) throw new Error("elements nested too deeply");
      stack.push(name);
    }
  }
  out.push(source.slice(last));
  while (stack.length > 0) out.push(`</${stack.pop()}>`);
  return out.join("");
}

// ---------------------------------------------------------------------------------------------
// rss-parser: it parses and dispatches on the root; we keep its raw xml2js tree as well, because
// its built objects drop xml:base, Atom text types, rdf:about and most dates.

type XmlNode = Record<string, unknown>;
type RawTree = Record<string, unknown>;

interface RssParserInternals {
  buildAtomFeed(xmlObj: RawTree): unknown;
  buildRSS0_9(xmlObj: RawTree): unknown;
  buildRSS1(xmlObj: RawTree): unknown;
  buildRSS2(xmlObj: RawTree): unknown;
  parseString(xml: string): Promise<unknown>;
}

/** rss-parser with its builders wrapped, so that a builder's crash (bad date) does not lose the feed. */
function makeParser(capture: { tree: RawTree | null }): RssParserInternals {
  const parser = new Parser({
    defaultRSS: 2,
    xml2js: { strict: true },
  }) as unknown as RssParserInternals;
  for (const method of ["buildAtomFeed", "buildRSS0_9", "buildRSS1", "buildRSS2"] as const) {
    const original = parser[method].bind(parser);
    parser[method] = (xmlObj: RawTree) => {
      capture.tree = xmlObj;
      try {
        return original(xmlObj);
      } catch {
        return { items: [] };
      }
    };
  }
  return parser;
}

async function parseXmlTree(xml: string): Promise<RawTree> {
  const capture: { tree: RawTree | null } = { tree: null };
  const parser = makeParser(capture);
  await parser.parseString(xml);
  if (!capture.tree) throw new Error("the XML parser produced no document");
  return capture.tree;
}

// ---------------------------------------------------------------------------------------------
// Raw xml2js node helpers

function isNode(value: unknown): value is XmlNode {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** xml2js turns an empty element into "", which for a container means "no children". */
function asNode(value: unknown): XmlNode {
  return isNode(value) ? value : {};
}

function children(node: unknown, name: string): unknown[] {
  if (!isNode(node)) return [];
  const value = node[name];
  if (Array.isArray(value)) return value;
  return value === undefined ? [] : [value];
}

function first(node: unknown, ...names: string[]): unknown {
  for (const name of names) {
    const list = children(node, name);
    if (list.length > 0) return list[0];
  }
  return undefined;
}

function attr(node: unknown, name: string): string | null {
  if (!isNode(node)) return null;
  const attrs = node.$;
  if (!isNode(attrs)) return null;
  const value = attrs[name];
  return typeof value === "string" ? value : null;
}

function escapeXmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Re-serialises element children xml2js split up (unescaped HTML in a description). */
function serialise(name: string, node: unknown): string {
  if (typeof node === "string") return `<${name}>${escapeXmlText(node)}</${name}>`;
  if (!isNode(node)) return "";
  const attrs = isNode(node.$)
    ? Object.entries(node.$)
        .map(([k, v]) => ` ${k}="${escapeXmlText(String(v)).replace(/"/g, "&quot;")}"`)
        .join("")
    : "";
  return `<${name}${attrs}>${innerMarkup(node)}</${name}>`;
}

function innerMarkup(node: XmlNode): string {
  let out = typeof node._ === "string" ? escapeXmlText(node._) : "";
  for (const [key, value] of Object.entries(node)) {
    if (key === "$" || key === "_") continue;
    for (const child of Array.isArray(value) ? value : [value]) out += serialise(key, child);
  }
  return out;
}

/** The string content of an element: its text, or its re-serialised markup when it has children. */
function content(node: unknown): string | null {
  if (node === undefined || node === null) return null;
  if (typeof node === "string") return node;
  if (!isNode(node)) return null;
  const hasChildren = Object.keys(node).some((k) => k !== "$" && k !== "_");
  if (!hasChildren) return typeof node._ === "string" ? node._ : "";
  return innerMarkup(node);
}

function nonEmpty(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/** Decodes HTML character references (named and numeric) in a string. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(
    /&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{0,31});/g,
    (whole, ref: string) => {
      if (ref.startsWith("#")) {
        const cp =
          ref[1] === "x" || ref[1] === "X"
            ? parseInt(ref.slice(2), 16)
            : parseInt(ref.slice(1), 10);
        return validCodePoint(cp) ? String.fromCodePoint(cp) : whole;
      }
      return htmlEntity(ref) ?? whole;
    },
  );
}

/** A title as plain text: tags stripped, entities decoded, whitespace collapsed. */
export function plainTitle(value: string | null): string | null {
  if (value === null) return null;
  // Titles are one line; a longer "title" is junk or an attack, and capping keeps the regexes cheap.
  const capped = value.length > 4000 ? value.slice(0, 4000) : value;
  const stripped = /<[A-Za-z/!]/.test(capped)
    ? capped
        .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "")
        .replace(/<!--[\s\S]*?(?:-->|$)/g, "")
        .replace(/<[^>]*>/g, "")
    : capped;
  return nonEmpty(decodeHtmlEntities(stripped).replace(/\s+/g, " "));
}

/** Resolves `href` against `base`; null when it is not a usable URL. */
function resolveUrl(href: string | null, base: string | null): string | null {
  const value = nonEmpty(href);
  if (!value) return null;
  try {
    return base ? new URL(value, base).href : new URL(value).href;
  } catch {
    try {
      return new URL(value).href;
    } catch {
      return null;
    }
  }
}

function withBase(base: string | null, node: unknown): string | null {
  const own = attr(node, "xml:base");
  return own ? (resolveUrl(own, base) ?? base) : base;
}

// ---------------------------------------------------------------------------------------------
// Dates

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  AST: -240,
  ADT: -180,
  NST: -210,
  NDT: -150,
  BST: 60,
  IST: 330,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  WEST: 60,
  MSK: 180,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  ICT: 420,
  AEST: 600,
  AEDT: 660,
  ACST: 570,
  AWST: 480,
  NZST: 720,
  NZDT: 780,
};

function zoneOffsetMinutes(zone: string): number | null {
  const z = zone.trim().replace(/^\(|\)$/g, "");
  if (z === "") return 0; // no zone given: RFC 822 readers, like every feed reader, assume UTC
  const numeric = /^(?:GMT|UTC|UT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(z);
  if (numeric) {
    const sign = numeric[1] === "-" ? -1 : 1;
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? 0);
    if (hours > 14 || minutes > 59) return null;
    return sign * (hours * 60 + minutes);
  }
  const named = ZONES[z.toUpperCase().split(/\s+/)[0]];
  if (named !== undefined) return named;
  // RFC 822 military zones are notoriously misused; RFC 2822 says to read them as UTC.
  if (/^[A-IK-Za-ik-z]$/.test(z)) return 0;
  return null;
}

function utcDate(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  off: number,
) {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  const time = Date.UTC(y, mo, d, h, mi, Math.min(s, 59), ms) - off * 60_000;
  const date = new Date(time);
  if (Number.isNaN(time) || date.getUTCFullYear() < 1900 || date.getUTCFullYear() > 2200)
    return null;
  return date;
}

/**
 * Parses a feed date (RFC 822/2822 with odd zones and two-digit years, W3CDTF/ISO 8601 including
 * partial dates) into a UTC Date, or null when the string is not a date we can trust.
 */
export function parseFeedDate(input: string | null | undefined): Date | null {
  if (!input) return null;
  if (input.length > 200) return null;
  const s = input.trim().replace(/\s+/g, " ");
  if (!s) return null;
  const iso =
    /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      s,
    ) ??
    /^(\d{4})(\d{2})(\d{2})(?:[Tt](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      s,
    );
  if (iso) {
    const [, y, mo, d, h, mi, sec, frac, zone] = iso;
    const off = zone ? zoneOffsetMinutes(zone.toUpperCase()) : 0;
    if (off === null) return null;
    const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
    return utcDate(
      Number(y),
      Number(mo ?? 1) - 1,
      Number(d ?? 1),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(sec ?? 0),
      Math.min(ms, 999),
      off,
    );
  }
  const rfc =
    /^(?:[A-Za-z]{2,10}\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,10})\.?,?[\s-]+(\d{2,4}),?(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(.*)$/.exec(
      s,
    );
  const rfcMonthFirst =
    rfc ??
    /^(?:[A-Za-z]{2,10}\.?,?\s*)?([A-Za-z]{3,10})\.?\s+(\d{1,2}),?\s+(\d{4}),?(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(.*)$/.exec(
      s,
    );
  if (rfcMonthFirst) {
    const m = rfcMonthFirst;
    const [dayStr, monStr] = rfc ? [m[1], m[2]] : [m[2], m[1]];
    const month = MONTHS[monStr.slice(0, 3).toLowerCase()];
    if (month !== undefined) {
      let year = Number(m[3]);
      if (m[3].length === 2) year += year < 50 ? 2000 : 1900;
      else if (m[3].length === 3) year += 1900;
      let zone = (m[7] ?? "").trim();
      let hour = Number(m[4] ?? 0);
      const ampm = /^(AM|PM)\b\s*/i.exec(zone);
      if (ampm) {
        if (ampm[1].toUpperCase() === "PM" && hour < 12) hour += 12;
        if (ampm[1].toUpperCase() === "AM" && hour === 12) hour = 0;
        zone = zone.slice(ampm[0].length);
      }
      const off = zoneOffsetMinutes(zone);
      if (off === null && /^[+-]\d/.test(zone)) return null; // a numeric zone out of range is a broken date
      if (off !== null) {
        return utcDate(
          year,
          month,
          Number(dayStr),
          hour,
          Number(m[5] ?? 0),
          Number(m[6] ?? 0),
          0,
          off,
        );
      }
    }
  }
  const fallback = Date.parse(/(?:Z|[+-]\d{2}:?\d{2}|GMT|UTC)\b/i.test(s) ? s : `${s} UTC`);
  if (Number.isNaN(fallback)) return null;
  const date = new Date(fallback);
  return date.getUTCFullYear() < 1900 || date.getUTCFullYear() > 2200 ? null : date;
}

// ---------------------------------------------------------------------------------------------
// XML feeds → ParsedFeed

interface Containers {
  root: XmlNode;
  channel: XmlNode;
  items: unknown[];
  base: string | null;
}

function containers(raw: RawTree, format: FeedFormat, feedUrl: string): Containers {
  const fallbackBase = resolveUrl(feedUrl, null);
  if (format === "atom") {
    const root = asNode(first(raw, "feed"));
    return {
      root,
      channel: root,
      items: children(root, "entry"),
      base: withBase(fallbackBase, root),
    };
  }
  if (format === "rdf") {
    const root = asNode(first(raw, "rdf:RDF"));
    const channel = first(root, "channel");
    const channelNode = isNode(channel) ? channel : {};
    const items = children(root, "item");
    // Some RDF feeds put their items inside the channel; accept both.
    return {
      root,
      channel: channelNode,
      items: items.length > 0 ? items : children(channelNode, "item"),
      base: withBase(withBase(fallbackBase, root), channelNode),
    };
  }
  const root = asNode(first(raw, "rss"));
  const channel = first(root, "channel");
  const channelNode = isNode(channel) ? channel : {};
  const items = children(channelNode, "item");
  return {
    root,
    channel: channelNode,
    items: items.length > 0 ? items : children(root, "item"),
    base: withBase(withBase(fallbackBase, root), channelNode),
  };
}

/** The Atom text construct or RSS element as a plain title. */
function titleOf(node: unknown): string | null {
  return plainTitle(atomContent(node));
}

function atomLinks(
  node: unknown,
  base: string | null,
): { rel: string; type: string | null; href: string | null }[] {
  const links: { rel: string; type: string | null; href: string | null }[] = [];
  for (const link of [
    ...children(node, "link"),
    ...children(node, "atom:link"),
    ...children(node, "atom10:link"),
  ]) {
    const href = attr(link, "href") ?? (typeof link === "string" ? link : null);
    links.push({
      rel: attr(link, "rel") ?? "alternate",
      type: attr(link, "type"),
      href: resolveUrl(href, withBase(base, link)),
    });
  }
  return links;
}

function alternateLink(node: unknown, base: string | null): string | null {
  const links = atomLinks(node, base).filter((l) => l.href);
  const alternates = links.filter((l) => l.rel === "alternate");
  const html = alternates.find((l) => !l.type || /html/i.test(l.type));
  return (html ?? alternates[0])?.href ?? null;
}

function personName(node: unknown): string | null {
  if (node === undefined) return null;
  if (typeof node === "string") return nonEmpty(node);
  const name = nonEmpty(content(first(node, "name", "atom:name")));
  const email = nonEmpty(content(first(node, "email", "atom:email")));
  if (name) return decodeHtmlEntities(name);
  return email ?? nonEmpty(content(node));
}

/** RSS wants "email (Name)"; feeds also write "Name (email)", "Name <email>" or a bare name. */
function authorName(value: string): string {
  const emailFirst = /^\s*[^\s()<>@]+@[^\s()<>]+\s*\(([^()]+)\)\s*$/.exec(value);
  if (emailFirst) return emailFirst[1].trim();
  const nameFirst = /^\s*([^()<>]+?)\s*[(<]\s*[^\s()<>@]+@[^\s()<>]+\s*[)>]\s*$/.exec(value);
  if (nameFirst) return nameFirst[1].trim();
  return value.trim();
}

function rssAuthor(item: unknown): string | null {
  const value =
    nonEmpty(content(first(item, "dc:creator"))) ??
    nonEmpty(content(first(item, "author"))) ??
    nonEmpty(content(first(item, "itunes:author"))) ??
    nonEmpty(content(first(item, "dc:author")));
  return value ? plainTitle(authorName(value)) : null;
}

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

/**
 * The value of an Atom content construct. Atom 1.0 base64-encodes any type that is not text, HTML
 * or XML; Atom 0.3 says so with mode="base64".
 */
function atomContent(node: unknown): string | null {
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

function convertItem(item: unknown, format: FeedFormat, base: string | null): FeedItem | null {
  if (!isNode(item)) return null;
  const itemBase = withBase(base, item);
  let guid: string | null;
  let url: string | null;
  let summary: string | null;
  let contentHtml: string | null;
  let author: string | null;
  if (format === "atom") {
    guid = nonEmpty(content(first(item, "id", "guid")));
    url = alternateLink(item, itemBase);
    const summaryNode = first(item, "summary", "atom:summary");
    const contentNode = first(item, "content", "atom:content");
    summary = nonEmpty(atomContent(summaryNode));
    contentHtml = nonEmpty(atomContent(contentNode));
    const textType = (n: unknown) => (attr(n, "type") ?? "text").toLowerCase();
    // A text construct of type "text" is plain text; escape it so consumers can treat both as HTML.
    if (contentHtml && textType(contentNode) === "text") contentHtml = escapeXmlText(contentHtml);
    author =
      personName(first(item, "author", "atom:author")) ??
      personName(first(first(item, "source"), "author")) ??
      rssAuthor(item);
  } else {
    const guidNode = first(item, "guid");
    guid =
      nonEmpty(content(guidNode)) ?? (format === "rdf" ? nonEmpty(attr(item, "rdf:about")) : null);
    if (!guid && format === "rss") guid = nonEmpty(attr(item, "rdf:about"));
    url = resolveUrl(content(first(item, "link")), withBase(itemBase, first(item, "link")));
    if (!url) url = alternateLink({ link: children(item, "atom:link") }, itemBase);
    const permaLink = (attr(guidNode, "isPermaLink") ?? "true").toLowerCase() !== "false";
    if (!url && guid && permaLink && /^https?:\/\//i.test(guid)) url = resolveUrl(guid, null);
    summary = nonEmpty(
      content(first(item, "description", "dc:description", "summary", "itunes:summary")),
    );
    contentHtml = nonEmpty(
      content(first(item, "content:encoded", "xhtml:body", "body", "content")),
    );
    author = rssAuthor(item);
  }
  const title = titleOf(first(item, "title", "dc:title", "atom:title"));
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
  return {
    guid,
    url,
    title,
    summary,
    contentHtml,
    author,
    publishedAt,
    categories,
  };
}

function convertXmlFeed(raw: RawTree, format: FeedFormat, feedUrl: string): ParsedFeed {
  const { root, channel, items, base } = containers(raw, format, feedUrl);
  let siteUrl: string | null;
  let selfUrl: string | null;
  let language: string | null;
  if (format === "atom") {
    siteUrl = alternateLink(channel, base);
    selfUrl = atomLinks(channel, base).find((l) => l.rel === "self" && l.href)?.href ?? null;
    language = attr(root, "xml:lang");
  } else {
    const linkNode = children(channel, "link").find(
      (l) => typeof l === "string" || !attr(l, "href"),
    );
    siteUrl =
      resolveUrl(content(linkNode), base) ??
      alternateLink({ link: children(channel, "atom:link") }, base);
    selfUrl =
      atomLinks(
        { link: [...children(channel, "atom:link"), ...children(channel, "atom10:link")] },
        base,
      ).find((l) => l.rel === "self" && l.href)?.href ?? null;
    language =
      nonEmpty(content(first(channel, "language", "dc:language"))) ?? attr(root, "xml:lang");
  }
  const converted: FeedItem[] = [];
  for (const item of items) {
    try {
      const feedItem = convertItem(item, format, base);
      if (feedItem) converted.push(feedItem);
    } catch {
      // One malformed item never costs the rest of the feed.
    }
  }
  return {
    format,
    title: titleOf(first(channel, "title", "dc:title", "atom:title")),
    siteUrl,
    feedUrl: selfUrl,
    language: nonEmpty(language)?.replace(/_/g, "-") ?? null,
    items: converted,
  };
}

// ---------------------------------------------------------------------------------------------
// JSON Feed 1.0 / 1.1

function str(value: unknown): string | null {
  if (typeof value === "string") return nonEmpty(value);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

function jsonAuthor(value: unknown): string | null {
  if (Array.isArray(value)) {
    for (const a of value) {
      const name = jsonAuthor(a);
      if (name) return name;
    }
    return null;
  }
  if (isNode(value)) return str(value.name) ?? str(value.url);
  return str(value);
}

function parseJsonFeed(body: string, feedUrl: string): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (error) {
    throw new AppError("FEED_INVALID", `${STAGE}: json: ${errorMessage(error)}`, { feedUrl });
  }
  const version = isNode(doc) ? str(doc.version) : null;
  const looksLikeJsonFeed =
    isNode(doc) &&
    ((version && /jsonfeed\.org\/version\//i.test(version)) || Array.isArray(doc.items));
  if (!isNode(doc) || !looksLikeJsonFeed) {
    throw new AppError("FEED_NOT_A_FEED", `${STAGE}: json: the JSON document is not a JSON Feed`, {
      feedUrl,
    });
  }
  const declaredFeedUrl = resolveUrl(str(doc.feed_url), feedUrl);
  const base = resolveUrl(feedUrl, null) ?? declaredFeedUrl;
  const items: FeedItem[] = [];
  for (const entry of Array.isArray(doc.items) ? doc.items : []) {
    if (!isNode(entry)) continue;
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
