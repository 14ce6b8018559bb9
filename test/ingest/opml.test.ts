import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseOpml, renderOpml, type OpmlOutline } from "@/lib/ingest/opml";

const readerExport = readFileSync(
  join(process.cwd(), "test", "fixtures", "opml", "netnewswire-nested.opml"),
  "utf8",
);

describe("parseOpml", () => {
  const outlines = parseOpml(readerExport);

  it("reads every feed of a reader export once, in document order", () => {
    expect(outlines.map((o) => o.title)).toEqual([
      "Daring Fireball",
      "Import AI",
      "Lawfare",
      "ChatGPT Is Eating the World — AI copyright cases",
      "CourtListener: OpenAI dockets",
      "The Verge – AI",
      "Ars Technica",
      "TechCrunch AI",
      "heise online Newsticker",
      "VnExpress - Số hóa",
      "Tuổi Trẻ Online - Công nghệ",
      "Simon Willison's Weblog",
      "JSON Feed example",
    ]);
  });

  it("flattens nested folders into the name of the folder each feed sits in", () => {
    const byTitle = new Map(outlines.map((o) => [o.title, o]));
    expect(byTitle.get("Daring Fireball")?.category).toBeNull();
    expect(byTitle.get("Import AI")?.category).toBe("AI & Policy");
    expect(byTitle.get("CourtListener: OpenAI dockets")?.category).toBe("Courts & Lawsuits");
    expect(byTitle.get("The Verge – AI")?.category).toBe("AI & Policy");
    expect(byTitle.get("VnExpress - Số hóa")?.category).toBe("Tiếng Việt");
  });

  it("decodes attribute entities and keeps URLs as written", () => {
    const docket = outlines.find((o) => o.title.startsWith("CourtListener"));
    expect(docket).toEqual({
      title: "CourtListener: OpenAI dockets",
      xmlUrl: "https://www.courtlistener.com/feed/search/?q=%22OpenAI%22&type=r",
      htmlUrl: "https://www.courtlistener.com/",
      category: "Courts & Lawsuits",
    });
  });

  it("handles attribute case, text-only titles, OPML 2.0 category attributes and missing htmlUrl", () => {
    const xml = `<opml version="2.0"><head/><body>
      <outline text="Only text" xmlURL="https://a.example/feed"/>
      <outline title="With category" xmlUrl="https://b.example/feed" category="/News/Tech,/Other"/>
    </body></opml>`;
    expect(parseOpml(xml)).toEqual([
      { title: "Only text", xmlUrl: "https://a.example/feed", htmlUrl: null, category: null },
      { title: "With category", xmlUrl: "https://b.example/feed", htmlUrl: null, category: "Tech" },
    ]);
  });

  it.each([
    ["empty", ""],
    ["not XML", "this is not opml"],
    ["HTML", "<!DOCTYPE html><html><body><p>hi</p></body></html>"],
    ["an RSS feed", `<rss version="2.0"><channel><title>x</title></channel></rss>`],
    ["OPML without body", `<opml version="2.0"><head><title>x</title></head></opml>`],
  ])("raises OPML_INVALID for %s", (_name, xml) => {
    try {
      parseOpml(xml);
      throw new Error("expected OPML_INVALID");
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("OPML_INVALID");
      expect((error as AppError).message).toMatch(/^ingest\/opml: /);
    }
  });

  it("never expands entities from a DOCTYPE", () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY a "AAAAAAAAAA">
      <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
      <opml version="2.0"><body><outline title="&x;&b;" xmlUrl="https://e.example/feed"/></body></opml>`;
    const [outline] = parseOpml(xml);
    expect(outline.xmlUrl).toBe("https://e.example/feed");
    expect(outline.title).not.toContain("root:");
    expect(outline.title).not.toContain("AAAAAAAAAA");
  });
});

describe("renderOpml", () => {
  it("round-trips the reader export: parse -> render -> parse gives the same outlines", () => {
    const outlines = parseOpml(readerExport);
    const rendered = renderOpml(outlines, "DisputeWatch subscriptions");
    expect(parseOpml(rendered)).toEqual(outlines);
    expect(rendered).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
    expect(rendered).toContain("<title>DisputeWatch subscriptions</title>");
  });

  it("escapes everything that needs it and still round-trips", () => {
    const tricky: OpmlOutline[] = [
      {
        title: `Quotes "and" <tags> & 'apostrophes'\tand\nnewlines`,
        xmlUrl: "https://e.example/f?a=1&b=<2>",
        htmlUrl: null,
        category: null,
      },
      {
        title: "In a folder",
        xmlUrl: "https://e.example/g",
        htmlUrl: "https://e.example/",
        category: `R&D "labs"`,
      },
      { title: "Back at top", xmlUrl: "https://e.example/h", htmlUrl: null, category: null },
      {
        title: "Folder again",
        xmlUrl: "https://e.example/i",
        htmlUrl: null,
        category: `R&D "labs"`,
      },
    ];
    const rendered = renderOpml(
      tricky,
      "Title with <b> & \u0001 control",
      new Date("2025-01-29T00:00:00Z"),
    );
    expect(rendered).toContain("<title>Title with &lt;b&gt; &amp;  control</title>");
    expect(rendered).toContain("<dateCreated>Wed, 29 Jan 2025 00:00:00 GMT</dateCreated>");
    expect(rendered).not.toMatch(/="[^"]*[<>][^"]*"/);
    const reparsed = parseOpml(rendered);
    // Titles are read back with whitespace collapsed, as every title from an import is.
    expect(reparsed[0].title).toBe(`Quotes "and" <tags> & 'apostrophes' and newlines`);
    expect(reparsed.slice(1)).toEqual(tricky.slice(1));
    expect(reparsed.map((o) => o.xmlUrl)).toEqual(tricky.map((o) => o.xmlUrl));
    expect(parseOpml(renderOpml(reparsed, "again"))).toEqual(reparsed);
  });

  it("renders an empty list as a valid, empty document", () => {
    expect(parseOpml(renderOpml([], "empty"))).toEqual([]);
  });
});
