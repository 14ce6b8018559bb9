/**
 * Turning fetched bytes into text. The order follows what browsers and feed readers learned the hard
 * way: a byte-order mark beats everything, then the HTTP charset, then the document's own declaration
 * (XML prolog, <meta charset>, <meta http-equiv>), then statistical detection, then UTF-8. Declarations
 * lie often enough (a server-wide "iso-8859-1" in front of UTF-8 pages is the classic) that a declared
 * single-byte Latin charset loses to bytes that are valid multi-byte UTF-8.
 */
import chardet from "chardet";
import iconv from "iconv-lite";

/** What kind of document the bytes are, which decides where an in-document declaration can be. */
export type DocumentKind = "html" | "xml" | "json";

/** Charsets that map every byte to a character, so they never reject UTF-8 bytes. */
const SINGLE_BYTE_LATIN = new Set([
  "windows-1252", // TextDecoder's name for iso-8859-1, latin1, us-ascii, ascii too
  "iso-8859-15",
  "iso-8859-2",
  "windows-1250",
  "iso-8859-9",
  "windows-1254",
]);

/** A charset we can decode with: its canonical name and how. */
interface Decoder {
  name: string;
  decode(bytes: Buffer): string;
}

/**
 * Finds a decoder for a charset label, or null when neither TextDecoder nor iconv-lite knows it.
 * TextDecoder comes first because it implements the WHATWG rules (iso-8859-1 means windows-1252,
 * gb2312 means gbk) that real pages are written against.
 */
function decoderFor(label: string): Decoder | null {
  const cleaned = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, "")
    .trim();
  if (cleaned === "") return null;
  // UTF-16 without an endianness: TextDecoder assumes little-endian; callers pick the endianness first.
  if (/^utf-?32$|^ucs-?4$/.test(cleaned)) return decoderFor("utf-32be");
  if (/^utf-?32[-_]?(le|be)$/.test(cleaned)) {
    const name = cleaned.endsWith("le") ? "utf-32le" : "utf-32be";
    return { name, decode: (bytes) => iconv.decode(bytes, name, { stripBOM: true }) };
  }
  try {
    const probe = new TextDecoder(cleaned);
    // Node 20's TextDecoder decodes windows-1252 as ISO-8859-1 (0x93 becomes U+0093, not a curly
    // quote), so that one label goes through iconv-lite, which has the real table.
    if (probe.encoding === "windows-1252") {
      return {
        name: "windows-1252",
        decode: (bytes) => iconv.decode(bytes, "windows-1252", { stripBOM: true }),
      };
    }
    const name = probe.encoding;
    // WHATWG's "replacement" decoder (for iso-2022-kr and friends) just yields U+FFFD: not useful.
    if (name !== "replacement") {
      return { name, decode: (bytes) => new TextDecoder(name, { fatal: false }).decode(bytes) };
    }
  } catch {
    // not a WHATWG label; try iconv-lite below
  }
  if (iconv.encodingExists(cleaned)) {
    return { name: cleaned, decode: (bytes) => iconv.decode(bytes, cleaned, { stripBOM: true }) };
  }
  return null;
}

/** The charset a byte-order mark announces, if the bytes start with one. */
function charsetFromBom(bytes: Buffer): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return "utf-8";
  if (
    bytes.length >= 4 &&
    bytes[0] === 0xff &&
    bytes[1] === 0xfe &&
    bytes[2] === 0 &&
    bytes[3] === 0
  )
    return "utf-32le";
  if (
    bytes.length >= 4 &&
    bytes[0] === 0 &&
    bytes[1] === 0 &&
    bytes[2] === 0xfe &&
    bytes[3] === 0xff
  )
    return "utf-32be";
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  return null;
}

/**
 * Recognises UTF-16/32 without a BOM from the zero bytes around the first ASCII character (XML spec,
 * appendix F). No ASCII-compatible document starts with "<\0" or "\0<", so this beats any declaration.
 */
function charsetFromNullPattern(bytes: Buffer): string | null {
  if (bytes.length < 4) return null;
  const [a, b, c, d] = bytes;
  const ascii = (x: number) => x > 0 && x < 0x80;
  if (a === 0 && b === 0 && c === 0 && ascii(d)) return "utf-32be";
  if (ascii(a) && b === 0 && c === 0 && d === 0) return "utf-32le";
  if (a === 0 && ascii(b) && c === 0 && ascii(d)) return "utf-16be";
  if (ascii(a) && b === 0 && ascii(c) && d === 0) return "utf-16le";
  return null;
}

/** The share of zero bytes in the first 4 KB. */
function zeroShare(bytes: Buffer): number {
  const limit = Math.min(bytes.length, 4096);
  let zeros = 0;
  for (let i = 0; i < limit; i++) if (bytes[i] === 0) zeros++;
  return limit === 0 ? 0 : zeros / limit;
}

/** Guesses the endianness of BOM-less UTF-16 labelled only "utf-16" from where the zero bytes sit. */
function utf16Endianness(bytes: Buffer): "utf-16le" | "utf-16be" {
  let evenZeros = 0;
  let oddZeros = 0;
  const limit = Math.min(bytes.length, 4096);
  for (let i = 0; i < limit; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) evenZeros++;
      else oddZeros++;
    }
  }
  // RFC 2781: without a BOM, big-endian is the default.
  return oddZeros > evenZeros ? "utf-16le" : "utf-16be";
}

/** Reads the charset parameter of a Content-Type value, tolerating quotes and stray spaces. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /(?:^|;)\s*charset\s*=\s*("[^"]*"|'[^']*'|[^;\s]+)/i.exec(contentType);
  if (!match) return null;
  const value = match[1].replace(/^["']|["']$/g, "").trim();
  return value === "" ? null : value;
}

/** The encoding named in an XML prolog (`<?xml version="1.0" encoding="..."?>`), if any. */
function charsetFromXmlProlog(head: string): string | null {
  const prolog = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i.exec(head);
  return prolog ? prolog[1] : null;
}

/** The charset named by `<meta charset>` or `<meta http-equiv="content-type" content="...">`. */
function charsetFromMeta(head: string): string | null {
  const metas = head.match(/<meta\b[^>]*>/gi) ?? [];
  for (const tag of metas) {
    const direct = /\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(tag);
    if (direct) return direct[1];
  }
  return null;
}

/** Counts what the bytes look like as UTF-8: valid multi-byte sequences and invalid bytes. */
function utf8Profile(bytes: Buffer): { multiByte: number; invalid: number } {
  let multiByte = 0;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let min = 0;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else {
      invalid++;
      i++;
      continue;
    }
    if (i + need >= bytes.length) {
      // a sequence cut by the end of the buffer: it will become U+FFFD
      invalid++;
      break;
    }
    let code = b & (0x3f >> need);
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if ((next & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      code = (code << 6) | (next & 0x3f);
    }
    if (ok && code >= min && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) {
      multiByte++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { multiByte, invalid };
}

/**
 * True when the bytes are UTF-8 beyond reasonable doubt: real multi-byte sequences and no (or almost
 * no) invalid ones. Text in a single-byte charset almost never forms valid UTF-8 sequences by chance.
 */
function looksLikeUtf8(bytes: Buffer): boolean {
  const { multiByte, invalid } = utf8Profile(bytes);
  return multiByte > 0 && invalid * 20 <= multiByte;
}

/**
 * True when the bytes are clearly not UTF-8: more invalid sequences than valid multi-byte ones (text in
 * a legacy charset forms the odd valid pair by chance, as KOI8-R "её" does, but not many).
 */
function clearlyNotUtf8(bytes: Buffer): boolean {
  const { multiByte, invalid } = utf8Profile(bytes);
  return invalid > multiByte;
}

/** Picks the document kind from the Content-Type when the caller did not say. */
function kindFromContentType(contentType: string | null): DocumentKind | null {
  const type = (contentType ?? "").toLowerCase();
  if (type.includes("json")) return "json";
  if (type.includes("xml") || type.includes("rss") || type.includes("atom")) return "xml";
  if (type.includes("html")) return "html";
  return null;
}

/**
 * Second-guesses a declared charset: a declared single-byte Latin charset loses to valid multi-byte
 * UTF-8, and a declared UTF-8 loses when the bytes are clearly not UTF-8 (then null: keep looking).
 */
function checkDeclared(declared: Decoder, bytes: Buffer): Decoder | null {
  if (SINGLE_BYTE_LATIN.has(declared.name) && looksLikeUtf8(bytes)) return decoderFor("utf-8");
  if (declared.name === "utf-8" && clearlyNotUtf8(bytes)) return null;
  // UTF-16/32 text (markup above all) is full of zero bytes; a declaration of it on bytes without
  // them is a copy-paste error, and obeying it would turn the page into CJK noise.
  if (declared.name.startsWith("utf-16") || declared.name.startsWith("utf-32")) {
    return zeroShare(bytes) >= 0.1 ? declared : null;
  }
  return declared;
}

/** Runs chardet on the bytes and returns the first suggestion we can decode with reasonable confidence. */
function detectCharset(bytes: Buffer): Decoder | null {
  const sample = bytes.length > 65_536 ? bytes.subarray(0, 65_536) : bytes;
  for (const guess of chardet.analyse(sample)) {
    if (guess.confidence < 10) break;
    const decoder = decoderFor(guess.name);
    if (decoder && !decoder.name.startsWith("utf-16") && !decoder.name.startsWith("utf-32"))
      return decoder;
  }
  return null;
}

/**
 * Decodes a fetched (or local) document to text and names the charset used. `contentType` is the HTTP
 * Content-Type (or null for a file); `kind` says where an in-document declaration may sit and is
 * inferred from the Content-Type when omitted. Invalid bytes become U+FFFD; this never throws.
 */
export function decodeBody(
  body: Buffer,
  contentType: string | null,
  kind?: DocumentKind,
): { text: string; charset: string } {
  const utf8 = decoderFor("utf-8") as Decoder;
  if (body.length === 0) return { text: "", charset: "utf-8" };
  const finish = (decoder: Decoder) => {
    const text = decoder.decode(body);
    // windows-1258 writes Vietnamese tones as combining marks; NFC makes "ệ" one character again, so
    // search and comparison match text that arrived precomposed in UTF-8.
    return {
      text: decoder.name === "windows-1258" ? text.normalize("NFC") : text,
      charset: decoder.name,
    };
  };

  const bom = charsetFromBom(body);
  if (bom) return finish(decoderFor(bom) as Decoder);
  const wide = charsetFromNullPattern(body);
  if (wide) return finish(decoderFor(wide) as Decoder);

  const headerLabel = charsetFromContentType(contentType);
  if (headerLabel) {
    const isBareUtf16 = /^(utf-?16|ucs-?2|unicode)$/i.test(headerLabel.trim());
    const declared = isBareUtf16 ? decoderFor(utf16Endianness(body)) : decoderFor(headerLabel);
    const checked = declared ? checkDeclared(declared, body) : null;
    if (checked) return finish(checked);
  }

  const effectiveKind = kind ?? kindFromContentType(contentType);
  if (effectiveKind !== "json") {
    // Declarations are ASCII, so reading the head as latin1 finds them whatever the real charset is.
    const head = body.subarray(0, 16_384).toString("latin1");
    const inDocument =
      effectiveKind === "xml"
        ? charsetFromXmlProlog(head)
        : effectiveKind === "html"
          ? charsetFromMeta(head)
          : (charsetFromXmlProlog(head) ?? charsetFromMeta(head));
    const declared = inDocument ? decoderFor(inDocument) : null;
    const checked = declared ? checkDeclared(declared, body) : null;
    if (checked) return finish(checked);
  }

  const profile = utf8Profile(body);
  if (profile.invalid === 0 || profile.invalid * 20 <= profile.multiByte) return finish(utf8);
  if (effectiveKind === "json") return finish(utf8); // RFC 8259: JSON is UTF-8
  return finish(detectCharset(body) ?? utf8);
}

/** windows-1252's characters for the bytes 0x80–0x9f, which UTF-8 continuation bytes become. */
const CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
/** The byte of each character of {@link CP1252_HIGH}. */
const CP1252_HIGH_BYTES = [
  0x80, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8e, 0x91, 0x92, 0x93,
  0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9e, 0x9f,
];
const CONTINUATION = `[\\u0080-\\u00bf${CP1252_HIGH}]`;
/**
 * A UTF-8 sequence of 2–4 bytes read one byte per character as windows-1252 or Latin-1. Two-byte
 * sequences only from the leads of Latin-1, Latin Extended-A and Cyrillic (Â Ã Ä Å Ð Ñ): other
 * capitals before a quote or a symbol ("CAFÉ»") are real text far more often than mojibake.
 */
const MISREAD_UTF8 = new RegExp(
  `(?:[\\u00c2-\\u00c5\\u00d0\\u00d1]${CONTINUATION}|[\\u00e0-\\u00ef]${CONTINUATION}{2}|[\\u00f0-\\u00f4]${CONTINUATION}{3})+`,
  "g",
);

/**
 * The bytes a misread run came from: windows-1252's own characters for 0x80–0x9f, and every other
 * character below U+0100 as its code (the five bytes windows-1252 leaves undefined come through as
 * C1 controls, as browsers decode them).
 */
function misreadBytes(run: string): Uint8Array {
  const bytes = new Uint8Array(run.length);
  for (let i = 0; i < run.length; i++) {
    const high = CP1252_HIGH.indexOf(run[i]);
    bytes[i] = high >= 0 ? CP1252_HIGH_BYTES[high] : run.charCodeAt(i);
  }
  return bytes;
}

/**
 * Repairs text that went through a wrong decoding before it reached us: UTF-8 bytes read as
 * windows-1252 ("fÃ¼r" for "für", "â€™" for "’"), as publishers' databases and forum software
 * sometimes store it, once or twice over. A run is replaced only when its characters, written back
 * as windows-1252 bytes, are valid UTF-8, so correct text (a real "Ã" before a symbol) stays.
 */
export function repairMojibake(text: string): string {
  let current = text;
  for (let round = 0; round < 2; round++) {
    MISREAD_UTF8.lastIndex = 0;
    if (!MISREAD_UTF8.test(current)) break;
    const next = current.replace(MISREAD_UTF8, (run) => {
      const bytes = misreadBytes(run);
      try {
        return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        return run;
      }
    });
    if (next === current) break;
    current = next;
  }
  return current;
}
