import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { charsetFromContentType, decodeBody, repairMojibake } from "@/lib/ingest/charset";
import { sharedPath } from "@/scripts/support/shared";

// Vietnamese as windows-1258 spells it: base letter plus a combining tone mark (ệ = ê + U+0323).
const VI_1258_SOURCE =
  "Vi\u00ea\u0323t Nam: OpenAI ca\u0301o buô\u0323c DeepSeek chưng câ\u0301t mô hi\u0300nh qua API";
const VI_NFC = "Việt Nam: OpenAI cáo buộc DeepSeek chưng cất mô hình qua API";
const RU =
  "Компания OpenAI заявила, что китайская лаборатория DeepSeek использовала дистилляцию её моделей через API.";

describe("decodeBody: byte-order marks", () => {
  it("uses a UTF-8 BOM and strips it", () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("<p>héllo</p>")]);
    expect(decodeBody(body, "text/html; charset=iso-8859-1")).toEqual({
      text: "<p>héllo</p>",
      charset: "utf-8",
    });
  });

  it("decodes UTF-16LE with a BOM even when the header says otherwise", () => {
    const body = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("<html>Việt Nam — 中文</html>", "utf16le"),
    ]);
    expect(decodeBody(body, "text/html; charset=utf-8")).toEqual({
      text: "<html>Việt Nam — 中文</html>",
      charset: "utf-16le",
    });
  });

  it("decodes UTF-16BE with a BOM", () => {
    const le = Buffer.from("<rss>Trung Quốc</rss>", "utf16le");
    const be = Buffer.from(le).swap16();
    const body = Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
    expect(decodeBody(body, null, "xml")).toEqual({
      text: "<rss>Trung Quốc</rss>",
      charset: "utf-16be",
    });
  });

  it("decodes UTF-32LE and UTF-32BE with a BOM (through iconv-lite: TextDecoder has no UTF-32)", () => {
    const le = iconv.encode("<feed>Ωmega 🚀</feed>", "utf32le", { addBOM: true });
    const be = iconv.encode("<feed>Ωmega 🚀</feed>", "utf32be", { addBOM: true });
    expect(decodeBody(le, null)).toEqual({ text: "<feed>Ωmega 🚀</feed>", charset: "utf-32le" });
    expect(decodeBody(be, null)).toEqual({ text: "<feed>Ωmega 🚀</feed>", charset: "utf-32be" });
  });

  it("recognises BOM-less UTF-16 XML from its zero bytes", () => {
    const body = Buffer.from('<?xml version="1.0" encoding="utf-16"?><rss>ă</rss>', "utf16le");
    expect(decodeBody(body, "application/xml")).toEqual({
      text: '<?xml version="1.0" encoding="utf-16"?><rss>ă</rss>',
      charset: "utf-16le",
    });
  });
});

describe("decodeBody: declarations", () => {
  it("follows the Content-Type charset (windows-1252 curly quotes and pound sign)", () => {
    const body = Buffer.from([0x41, 0x20, 0xa3, 0x93, 0x74, 0x65, 0x73, 0x74, 0x94]);
    expect(decodeBody(body, 'text/xml; charset="windows-1252"')).toEqual({
      text: "A £“test”",
      charset: "windows-1252",
    });
  });

  it("decodes a windows-1258 Vietnamese page declared by <meta charset> and returns NFC text", () => {
    const html = `<html><head><meta charset="windows-1258"><title>Tin</title></head><body><p>${VI_1258_SOURCE}</p></body></html>`;
    const result = decodeBody(iconv.encode(html, "windows-1258"), "text/html");
    expect(result.charset).toBe("windows-1258");
    expect(result.text).toContain(VI_NFC);
  });

  it("decodes windows-1258 declared by <meta http-equiv=Content-Type>", () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body>${VI_1258_SOURCE}</body></html>`;
    const result = decodeBody(iconv.encode(html, "windows-1258"), null, "html");
    expect(result.charset).toBe("windows-1258");
    expect(result.text).toContain(VI_NFC);
  });

  it("decodes windows-1258 declared in the HTTP header", () => {
    const result = decodeBody(
      iconv.encode(`<p>${VI_1258_SOURCE}</p>`, "windows-1258"),
      "text/html; charset=windows-1258",
    );
    expect(result).toEqual({ text: `<p>${VI_NFC}</p>`, charset: "windows-1258" });
  });

  it("decodes KOI8-R declared in the XML prolog", () => {
    const xml = `<?xml version="1.0" encoding="KOI8-R"?><rss><title>${RU}</title></rss>`;
    const result = decodeBody(iconv.encode(xml, "koi8-r"), "application/rss+xml");
    expect(result.charset).toBe("koi8-r");
    expect(result.text).toContain(RU);
  });

  it("decodes Big5 declared in the header", () => {
    const text = "<p>人工智慧公司指控蒸餾模型</p>";
    expect(decodeBody(iconv.encode(text, "big5"), "text/html; charset=big5")).toEqual({
      text,
      charset: "big5",
    });
  });

  it("lets the header win over the document's own declaration", () => {
    const xml = '<?xml version="1.0" encoding="utf-8"?><r>\u00e9</r>';
    const result = decodeBody(
      iconv.encode(xml, "windows-1252"),
      "application/xml; charset=windows-1252",
    );
    expect(result).toEqual({ text: xml, charset: "windows-1252" });
  });

  it("ignores a bogus header charset and falls through to the document", () => {
    const html = '<meta charset="windows-1251"><p>Привет</p>';
    const result = decodeBody(
      iconv.encode(html, "windows-1251"),
      "text/html; charset=x-no-such-thing",
    );
    expect(result).toEqual({ text: html, charset: "windows-1251" });
  });

  it("does not look for <meta> in JSON", () => {
    const json = JSON.stringify({ title: '<meta charset="koi8-r"> Việt' });
    expect(decodeBody(Buffer.from(json), "application/feed+json")).toEqual({
      text: json,
      charset: "utf-8",
    });
  });
});

describe("decodeBody: declarations that lie", () => {
  it("prefers UTF-8 when the header says iso-8859-1 but the bytes are valid UTF-8 Vietnamese", () => {
    const html = `<html><body><p>${VI_NFC}</p></body></html>`;
    expect(decodeBody(Buffer.from(html, "utf8"), "text/html; charset=iso-8859-1")).toEqual({
      text: html,
      charset: "utf-8",
    });
  });

  it("prefers UTF-8 when <meta> says windows-1252 but the bytes are valid UTF-8", () => {
    const html = `<meta charset="windows-1252"><p>Die Modelle wurden „destilliert“ – sagt OpenAI</p>`;
    expect(decodeBody(Buffer.from(html, "utf8"), null).charset).toBe("utf-8");
    expect(decodeBody(Buffer.from(html, "utf8"), null).text).toBe(html);
  });

  it("keeps a declared Latin charset when the bytes are not UTF-8", () => {
    const body = iconv.encode("<p>café déjà</p>", "latin1");
    expect(decodeBody(body, "text/html; charset=iso-8859-1")).toEqual({
      text: "<p>café déjà</p>",
      charset: "windows-1252",
    });
  });

  it("distrusts a declared UTF-8 when no byte sequence is valid UTF-8 and uses <meta> instead", () => {
    const html = '<meta charset="koi8-r"><p>' + RU + "</p>";
    const result = decodeBody(iconv.encode(html, "koi8-r"), "text/html; charset=utf-8");
    expect(result.charset).toBe("koi8-r");
    expect(result.text).toContain(RU);
  });

  it("ignores a UTF-16 header on a page without zero bytes, but obeys it on real BOM-less UTF-16", () => {
    const html = "<p>plain ASCII page, wrongly labelled</p>";
    expect(decodeBody(Buffer.from(html), "text/html; charset=utf-16")).toEqual({
      text: html,
      charset: "utf-8",
    });
    const cjk = "中文标题: OpenAI accuses DeepSeek";
    expect(decodeBody(Buffer.from(cjk, "utf16le"), "text/plain; charset=utf-16le")).toEqual({
      text: cjk,
      charset: "utf-16le",
    });
    const be = Buffer.from(cjk, "utf16le").swap16();
    expect(decodeBody(be, "text/plain; charset=utf-16")).toEqual({
      text: cjk,
      charset: "utf-16be",
    });
  });

  it("ignores <meta charset=utf-16> on an ASCII-compatible page", () => {
    const html = '<meta charset="utf-16"><p>plain</p>';
    expect(decodeBody(Buffer.from(html), null)).toEqual({ text: html, charset: "utf-8" });
  });
});

describe("decodeBody: detection and robustness", () => {
  it("detects KOI8-R with no declaration at all", () => {
    const result = decodeBody(iconv.encode(`<p>${RU}</p>`, "koi8-r"), null);
    expect(result.charset).toBe("koi8-r");
    expect(result.text).toContain(RU);
  });

  it("detects undeclared windows-1258 Vietnamese", () => {
    const result = decodeBody(
      iconv.encode(`<p>${VI_1258_SOURCE}</p>`, "windows-1258"),
      "text/html",
    );
    expect(result.charset).toBe("windows-1258");
    expect(result.text).toContain(VI_NFC);
  });

  it("defaults to UTF-8 for ASCII and for UTF-8 without declarations", () => {
    expect(decodeBody(Buffer.from("<p>plain</p>"), null)).toEqual({
      text: "<p>plain</p>",
      charset: "utf-8",
    });
    expect(decodeBody(Buffer.from(`<p>${VI_NFC}</p>`), "text/html")).toEqual({
      text: `<p>${VI_NFC}</p>`,
      charset: "utf-8",
    });
  });

  it("turns invalid bytes into U+FFFD in mostly-UTF-8 text", () => {
    const body = Buffer.concat([
      Buffer.from("Việt Nam và Trung Quốc "),
      Buffer.from([0xff]),
      Buffer.from(" chưng cất"),
    ]);
    const result = decodeBody(body, "text/html; charset=utf-8");
    expect(result.charset).toBe("utf-8");
    expect(result.text).toBe("Việt Nam và Trung Quốc \ufffd chưng cất");
  });

  it("returns empty text for an empty body", () => {
    expect(decodeBody(Buffer.alloc(0), "text/html; charset=utf-8")).toEqual({
      text: "",
      charset: "utf-8",
    });
  });

  it("never throws on arbitrary bytes and arbitrary content types", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom(
          null,
          "text/html",
          "text/html; charset=utf-16",
          "application/xml; charset=utf-32",
          "text/plain; charset=big5",
          "application/json",
        ),
        fc.constantFrom<"html" | "xml" | "json" | undefined>("html", "xml", "json", undefined),
        (bytes, contentType, kind) => {
          const result = decodeBody(Buffer.from(bytes), contentType, kind);
          expect(typeof result.text).toBe("string");
          expect(result.charset.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("reads charset parameters written every odd way", () => {
    expect(charsetFromContentType("text/xml;charset= 'us-ascii'")).toBe("us-ascii");
    expect(charsetFromContentType('application/xml;charset = "UTF-8"')).toBe("UTF-8");
    expect(charsetFromContentType("text/xml; charset:iso-8859-1")).toBeNull();
    expect(charsetFromContentType("text/xml;")).toBeNull();
    expect(charsetFromContentType(null)).toBeNull();
  });
});

// The feedparser encoding suite (read in place from the shared benchmark folder). Its expectations
// follow RFC 3023, which RFC 7303 replaced: a text/* type without charset no longer means us-ascii.
// We also name charsets as TextDecoder (the WHATWG Encoding standard) does.
describe("decodeBody on the feedparser encoding suite", () => {
  const index = JSON.parse(
    readFileSync(sharedPath("bench", "feeds", "index.json"), "utf8"),
  ) as Array<{
    path: string;
    category: string;
    expect: string;
    http_headers: Record<string, string> | null;
  }>;
  const WHATWG_NAMES: Record<string, string> = {
    "us-ascii": "windows-1252",
    "iso-8859-1": "windows-1252",
    gb18030: "gbk",
  };
  const cases = index
    .filter((entry) => entry.category === "encoding" && /encoding == '/.test(entry.expect))
    .map((entry) => {
      const file = resolve(sharedPath("bench", "feeds"), entry.path);
      const body = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
      const contentType = entry.http_headers?.["Content-type"] ?? null;
      let expected = /encoding == '([^']+)'/.exec(entry.expect)?.[1] ?? "";
      const rfc3023Default =
        contentType !== null && /^text\//i.test(contentType) && !/charset\s*=/i.test(contentType);
      if (rfc3023Default) {
        const prolog = /<\?xml[^>]*encoding=["']([^"']+)/.exec(body.toString("latin1"))?.[1];
        expected = prolog ? prolog.toLowerCase() : "utf-8";
      }
      return { path: entry.path, body, contentType, expected: WHATWG_NAMES[expected] ?? expected };
    });

  it("has the suite's cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases.map((c) => [c.path, c] as const))("%s", (_path, c) => {
    expect(decodeBody(c.body, c.contentType, "xml").charset).toBe(c.expected);
  });

  it("decodes the EUC-KR and windows-1252 samples to the expected characters", () => {
    const euc = decodeBody(
      readFileSync(sharedPath("bench", "feeds", "encoding", "euc-kr-item.xml")),
      null,
      "xml",
    );
    expect(euc.text).toContain("\ub144");
    const win = decodeBody(
      readFileSync(sharedPath("bench", "feeds", "encoding", "http_text_xml_charset_2.xml")),
      "text/xml; charset=windows-1252",
      "xml",
    );
    expect(win.text).toContain("This is a \u00a3\u201ctest.\u201d");
  });
});

describe("repairMojibake", () => {
  /** Text encoded as UTF-8 and read as windows-1252, undefined bytes as C1 controls (as browsers do). */
  const misread = (text: string) =>
    [...Buffer.from(text, "utf8")]
      .map((byte) => {
        const char = iconv.decode(Buffer.from([byte]), "windows-1252");
        return char === "\ufffd" ? String.fromCharCode(byte) : char;
      })
      .join("");

  it("turns UTF-8 read as windows-1252, once or twice over, back into the text", () => {
    const words = ["für", "Hochgefühl", "scheiß", "it’s", "Über", "привет", "łąka", "中文", "😀"];
    for (const word of words) {
      const once = misread(word);
      const twice = misread(once);
      expect(repairMojibake(`vor ${once} nach`)).toBe(`vor ${word} nach`);
      // Twice over, a 4-byte sequence's second reading has leads this leaves alone (Ë before œ).
      if (word !== "😀") expect(repairMojibake(twice)).toBe(word);
    }
  });

  it("leaves correct text alone, accented capitals before quotes included", () => {
    for (const text of ["São Paulo", "naïve café", "«CAFÉ»", "ÉTÉ”", "Ã ©", "Ægir ¶ 5", "ESPAÑA»"])
      expect(repairMojibake(text)).toBe(text);
  });

  it("keeps any string's length bounded and never throws", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        expect(repairMojibake(text).length).toBeLessThanOrEqual(text.length);
      }),
    );
  });
});
