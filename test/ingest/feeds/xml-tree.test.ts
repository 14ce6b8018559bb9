import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { attr, children, content, first, parseXmlTree } from "@/lib/ingest/feeds/xml-tree";

describe("parseXmlTree", () => {
  it("gives the document keyed by its root, attributes under $ and mixed content re-serialised", async () => {
    const document = await parseXmlTree(
      `<rss version="2.0"><channel><title>T</title><item><description>Read <b class="x">this</b> &amp; that</description></item></channel></rss>`,
      "rss",
    );
    expect(Object.keys(document)).toEqual(["rss"]);
    const rss = first(document, "rss");
    expect(attr(rss, "version")).toBe("2.0");
    const channel = first(rss, "channel");
    expect(content(first(channel, "title"))).toBe("T");
    const item = children(channel, "item")[0];
    // xml2js keeps text and child elements apart; the markup comes back escaped and whole.
    expect(content(first(item, "description"))).toBe('Read  &amp; that<b class="x">this</b>');
  });

  it("rejects a malformed document and one whose root is not the one detected", async () => {
    await expect(parseXmlTree("<rss><channel></rss>", "rss")).rejects.toThrow(/close tag/i);
    await expect(parseXmlTree("<feed/>", "rss")).rejects.toThrow("no <rss> document");
  });

  it("reads only an element's own children, never names every object inherits", async () => {
    const document = await parseXmlTree("<rss><channel><title>t</title></channel></rss>", "rss");
    const channel = first(first(document, "rss"), "channel");
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(children(channel, name)).toEqual([]);
    }
  });
});

describe("dependencies", () => {
  it("no module under lib/ imports rss-parser (only tests read our feeds with it)", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (
          /\.tsx?$/.test(name) &&
          /from\s+["']rss-parser["']/.test(readFileSync(path, "utf8"))
        )
          offenders.push(path);
      }
    };
    walk(join(process.cwd(), "lib"));
    expect(offenders).toEqual([]);
  });
});
