/**
 * The lenient fallback. Real feeds arrive truncated or with stray and unclosed tags; feedparser reads
 * them loosely, so a document the strict parser refuses gets one more chance with its tags balanced.
 * What that reading yields is trusted less: a title that swallowed markup or other elements' text
 * is dropped, and a reading with no item at all is no feed (mistyped closing tags fold the whole
 * document into the channel's title), so it stays an error.
 */
import type { ParsedFeed } from "@/lib/types";

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

/** A title read loosely, or null when it has swallowed markup or other elements' text. */
function saneTitle(title: string | null): string | null {
  if (!title) return title;
  return title.length > 300 || /<\/?[a-z][^>]*>|https?:\/\//i.test(title) ? null : title;
}

/**
 * A feed read from a balanced document, with suspicious titles dropped; null when it found no
 * item, which the caller reports as the strict parser's error.
 */
export function acceptLooseFeed(feed: ParsedFeed): ParsedFeed | null {
  if (feed.items.length === 0) return null;
  return {
    ...feed,
    title: saneTitle(feed.title),
    items: feed.items.map((item) => ({ ...item, title: saneTitle(item.title) })),
  };
}
