/**
 * Character references: the HTML named entities real feeds use although XML does not define them,
 * and numeric references checked against the code points XML allows.
 */
import { load } from "cheerio";

const htmlEntityCache = new Map<string, string | null>();

/** The characters an HTML named entity stands for, or null when HTML does not know the name. */
export function htmlEntity(name: string): string | null {
  const cached = htmlEntityCache.get(name);
  if (cached !== undefined) return cached;
  // cheerio's parser knows the full HTML5 table; asking it once per name keeps us free of a table.
  const decoded = load(`<p>&${name};</p>`, null, false)("p").text();
  const value = decoded === `&${name};` ? null : decoded;
  if (htmlEntityCache.size < 5000) htmlEntityCache.set(name, value);
  return value;
}

/** True for a code point an XML 1.0 document may contain. */
export function validCodePoint(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** The string as numeric character references, one per code point. */
export function toCharRefs(value: string): string {
  let out = "";
  for (const ch of value) out += `&#${ch.codePointAt(0)};`;
  return out;
}

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
