/**
 * XML safety, applied to every XML feed before the parser sees it. The DOCTYPE and its internal
 * subset are removed, so no entity is ever declared: nothing expands (no billion laughs) and
 * nothing external is read (no XXE). HTML named entities become numeric references and stray
 * ampersands are escaped (the parser is strict about both, real feeds are not), and Atom xhtml
 * constructs are wrapped in CDATA so their markup reaches us as one string in document order.
 * Every pass is linear in the size of the document.
 */
import { htmlEntity, toCharRefs, validCodePoint } from "./entities";

/** Bigger bodies are refused rather than parsed: a feed this size is an accident or an attack. */
export const MAX_FEED_CHARS = 20_000_000;

const XML_ENTITIES = new Set(["amp", "lt", "gt", "quot", "apos"]);

/** End of a `<!...>` declaration, honouring quotes and a bracketed internal subset. */
export function skipDeclaration(xml: string, start: number): number {
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

/** Makes entity references acceptable to a strict XML parser without changing what they mean. */
function fixEntities(segment: string): string {
  if (!segment.includes("&")) return segment;
  // XML's own five references are already right; skipping them in the pattern spares a callback
  // per reference in entity-escaped HTML, which is most of what descriptions are made of.
  return segment.replace(
    /&(?!(?:amp|lt|gt|quot|apos);)(#[0-9]{1,8};|#[xX][0-9a-fA-F]{1,8};|[A-Za-z][A-Za-z0-9]{0,31};)?/g,
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
