import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  balanceTags,
  parseFeed,
  parseFeedDate,
  prepareXml,
  rootElementName,
} from "@/lib/ingest/feeds";

const FEED_URL = "https://news.example.org/feeds/ai.xml";

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected parseFeed to fail");
}

describe("parseFeed: formats", () => {
  it("reads RSS 2.0 with content:encoded, dc:creator, categories and a relative link", async () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>AI &amp; Law &#8212; Daily</title>
  <link>https://news.example.org/</link>
  <atom:link href="https://news.example.org/feeds/ai.xml" rel="self" type="application/rss+xml"/>
  <language>en-us</language>
  <item>
    <title>OpenAI says DeepSeek &amp;quot;distilled&amp;quot; its models</title>
    <link>/2025/01/29/openai-deepseek</link>
    <guid isPermaLink="false">urn:news:42</guid>
    <description><![CDATA[<p>OpenAI says it has <b>evidence</b>.</p>]]></description>
    <content:encoded><![CDATA[<p>Full text &amp; more.</p>]]></content:encoded>
    <dc:creator>Jane Doe</dc:creator>
    <pubDate>Wed, 29 Jan 2025 08:15:00 +0700</pubDate>
    <category>AI</category><category>Law</category><category>AI</category>
  </item>
</channel>
</rss>`;
    const feed = await parseFeed(xml, FEED_URL);
    expect(feed.format).toBe("rss");
    expect(feed.title).toBe("AI & Law — Daily");
    expect(feed.siteUrl).toBe("https://news.example.org/");
    expect(feed.feedUrl).toBe("https://news.example.org/feeds/ai.xml");
    expect(feed.language).toBe("en-us");
    expect(feed.items).toHaveLength(1);
    const [item] = feed.items;
    expect(item.title).toBe('OpenAI says DeepSeek "distilled" its models');
    expect(item.url).toBe("https://news.example.org/2025/01/29/openai-deepseek");
    expect(item.guid).toBe("urn:news:42");
    expect(item.summary).toBe("<p>OpenAI says it has <b>evidence</b>.</p>");
    expect(item.contentHtml).toBe("<p>Full text &amp; more.</p>");
    expect(item.author).toBe("Jane Doe");
    expect(item.publishedAt?.toISOString()).toBe("2025-01-29T01:15:00.000Z");
    expect(item.categories).toEqual(["AI", "Law"]);
  });

  it("uses a permalink guid as the URL when an RSS item has no link, and RSS author names", async () => {
    const xml = `<rss version="0.92"><channel><title>t</title>
      <item><guid>https://example.com/a</guid><author>jd@example.com (Jane Doe)</author></item>
      <item><guid isPermaLink="false">https://example.com/b</guid><title>b</title></item></channel></rss>`;
    const feed = await parseFeed(xml, FEED_URL);
    expect(feed.items[0].url).toBe("https://example.com/a");
    expect(feed.items[0].author).toBe("Jane Doe");
    expect(feed.items[1].url).toBeNull();
  });

  it("reads RSS 1.0 (RDF) with rdf:about and dc:date", async () => {
    const xml = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.org/rss"><title>RDF news</title><link>https://example.org/</link></channel>
  <item rdf:about="https://example.org/item/1">
    <title>Authors sue model maker</title><link>https://example.org/item/1</link>
    <description>Copyright suit filed.</description><dc:date>2024-12-31T23:30:00-05:00</dc:date>
    <dc:subject>copyright</dc:subject>
  </item>
</rdf:RDF>`;
    const feed = await parseFeed(xml, FEED_URL);
    expect(feed.format).toBe("rdf");
    expect(feed.title).toBe("RDF news");
    expect(feed.items[0]).toMatchObject({
      guid: "https://example.org/item/1",
      url: "https://example.org/item/1",
      summary: "Copyright suit filed.",
      categories: ["copyright"],
    });
    expect(feed.items[0].publishedAt?.toISOString()).toBe("2025-01-01T04:30:00.000Z");
  });

  it("reads Atom 1.0, resolving links against nested xml:base, and keeps xhtml content markup", async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.com/base/" xml:lang="en">
  <title type="html">Lab &lt;em&gt;watch&lt;/em&gt;</title>
  <link rel="alternate" href="/"/><link rel="self" href="atom.xml"/>
  <id>urn:uuid:feed</id><updated>2025-02-01T00:00:00Z</updated>
  <entry xml:base="posts/">
    <title>Trade secrets &amp;amp; talent</title>
    <link rel="alternate" type="text/html" href="trade-secrets.html"/>
    <link rel="enclosure" href="https://cdn.example.com/a.mp3"/>
    <id>tag:blog.example.com,2025:1</id>
    <published>2025-01-31T10:00:00+01:00</published><updated>2025-02-01T10:00:00Z</updated>
    <author><name>Ann Author</name><email>ann@example.com</email></author>
    <category term="trade_secret" label="Trade secrets"/>
    <summary>Short &lt;b&gt;summary&lt;/b&gt;</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One <b>bold</b> claim.</p><p>Two</p></div></content>
  </entry>
</feed>`;
    const feed = await parseFeed(xml, FEED_URL);
    expect(feed.format).toBe("atom");
    expect(feed.title).toBe("Lab watch");
    expect(feed.siteUrl).toBe("https://blog.example.com/");
    expect(feed.feedUrl).toBe("https://blog.example.com/base/atom.xml");
    expect(feed.language).toBe("en");
    const [item] = feed.items;
    expect(item.url).toBe("https://blog.example.com/base/posts/trade-secrets.html");
    expect(item.title).toBe("Trade secrets & talent");
    expect(item.guid).toBe("tag:blog.example.com,2025:1");
    expect(item.author).toBe("Ann Author");
    expect(item.publishedAt?.toISOString()).toBe("2025-01-31T09:00:00.000Z");
    expect(item.summary).toBe("Short <b>summary</b>");
    expect(item.contentHtml).toContain("<p>One <b>bold</b> claim.</p><p>Two</p>");
    expect(item.categories).toEqual(["trade_secret"]);
  });

  it("reads Atom 0.3 (issued/modified, base64 content)", async () => {
    const xml = `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title>
      <link rel="alternate" type="text/html" href="http://old.example.com/"/>
      <entry><title>e</title><link rel="alternate" type="text/html" href="http://old.example.com/e"/>
      <id>old:1</id><issued>2004-01-01T19:48:21Z</issued><modified>2004-01-02T00:00:00Z</modified>
      <content type="text/html" mode="base64">PGI+aGk8L2I+</content></entry></feed>`;
    const feed = await parseFeed(xml, FEED_URL);
    expect(feed.items[0].publishedAt?.toISOString()).toBe("2004-01-01T19:48:21.000Z");
    expect(feed.items[0].contentHtml).toBe("<b>hi</b>");
    expect(feed.items[0].url).toBe("http://old.example.com/e");
  });

  it("reads JSON Feed 1.1 and 1.0", async () => {
    const v11 = JSON.stringify({
      version: "https://jsonfeed.org/version/1.1",
      title: "JSON &amp; friends",
      home_page_url: "https://j.example.com/",
      feed_url: "https://j.example.com/feed.json",
      language: "vi",
      authors: [{ name: "Feed Author" }],
      items: [
        {
          id: 7,
          url: "/p/7",
          title: "Chưng cất mô hình",
          content_html: "<p>html</p>",
          summary: "tóm tắt",
          date_published: "2025-01-29T12:00:00+07:00",
          tags: ["ai", "ai", "vi"],
        },
        {
          id: "8",
          content_text: "text only",
          date_modified: "2025-01-30T00:00:00Z",
          author: { name: "Old style" },
        },
      ],
    });
    const feed = await parseFeed(v11, "https://j.example.com/feed.json");
    expect(feed).toMatchObject({
      format: "json",
      title: "JSON & friends",
      siteUrl: "https://j.example.com/",
      feedUrl: "https://j.example.com/feed.json",
      language: "vi",
    });
    expect(feed.items[0]).toMatchObject({
      guid: "7",
      url: "https://j.example.com/p/7",
      title: "Chưng cất mô hình",
      summary: "tóm tắt",
      contentHtml: "<p>html</p>",
      author: "Feed Author",
      categories: ["ai", "vi"],
    });
    expect(feed.items[0].publishedAt?.toISOString()).toBe("2025-01-29T05:00:00.000Z");
    expect(feed.items[1]).toMatchObject({
      guid: "8",
      summary: "text only",
      contentHtml: null,
      author: "Old style",
    });
    expect(feed.items[1].publishedAt?.toISOString()).toBe("2025-01-30T00:00:00.000Z");
  });

  it("recovers a truncated feed and keeps the complete items", async () => {
    const xml = `<rss version="2.0"><channel><title>cut</title><item><title>one</title></item><item><title>two</title><description>half`;
    const feed = await parseFeed(xml, FEED_URL);
    expect(feed.items.map((i) => i.title)).toEqual(["one", "two"]);
  });

  it("decodes HTML named entities that XML does not define, and escapes bare ampersands", async () => {
    const xml = `<rss version="2.0"><channel><title>AT&T &hellip; caf&eacute; &nbsp;x</title>
      <item><link>https://e.com/?a=1&b=2</link><title>&lt;b&gt;Bold&lt;/b&gt; &amp;amp; co</title></item></channel></rss>`;
    const feed = await parseFeed(xml, FEED_URL);
    expect(feed.title).toBe("AT&T … café x");
    expect(feed.items[0].url).toBe("https://e.com/?a=1&b=2");
    expect(feed.items[0].title).toBe("Bold & co");
  });

  it("skips a bad item but keeps the others, and tolerates bad dates", async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><title>bad date</title><published>not a date</published><updated>yesterday-ish</updated></entry>
      <entry/><entry><title>ok</title><updated>2025-01-01T00:00:00Z</updated></entry></feed>`;
    const feed = await parseFeed(xml, FEED_URL);
    expect(feed.items.map((i) => i.title)).toEqual(["bad date", "ok"]);
    expect(feed.items[0].publishedAt).toBeNull();
  });
});

describe("parseFeed: errors", () => {
  it("raises FEED_EMPTY for blank bodies", async () => {
    expect((await errorOf(parseFeed("", FEED_URL))).code).toBe("FEED_EMPTY");
    expect((await errorOf(parseFeed(" \n\uFEFF ", FEED_URL))).code).toBe("FEED_EMPTY");
  });

  it("raises FEED_NOT_A_FEED for HTML, other XML, plain text and non-feed JSON", async () => {
    const html = "<!DOCTYPE html><html><head><title>x</title></head><body>hi</body></html>";
    for (const body of [
      html,
      "<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>",
      "hello",
      '{"error":"nope"}',
    ]) {
      const error = await errorOf(parseFeed(body, FEED_URL));
      expect(error.code).toBe("FEED_NOT_A_FEED");
      expect(error.message).toMatch(/^ingest\/feeds: /);
    }
  });

  it("raises FEED_INVALID, naming the stage, for unparseable documents", async () => {
    const xmlError = await errorOf(
      parseFeed(`<rss version=2.0><channel><title>x</title></channel></rss>`, FEED_URL),
    );
    expect(xmlError.code).toBe("FEED_INVALID");
    expect(xmlError.message).toMatch(/^ingest\/feeds: xml: /);
    const jsonError = await errorOf(
      parseFeed('{"version": "https://jsonfeed.org/version/1.1", items: [', FEED_URL),
    );
    expect(jsonError.code).toBe("FEED_INVALID");
    expect(jsonError.message).toMatch(/^ingest\/feeds: json: /);
  });

  it("never throws anything but an AppError on junk", async () => {
    const junk = [
      "<",
      "<rss",
      "<feed><",
      "<rss version='2.0'><channel><item><title>&#0;</title>",
      "{",
      "[1,2]",
      "<rdf:RDF>",
      "<rss>\u0000\u0001</rss>",
      "<feed xmlns='http://www.w3.org/2005/Atom'><entry><link/></entry></feed>",
    ];
    for (const body of junk) {
      try {
        await parseFeed(body, FEED_URL);
      } catch (error) {
        expect(error, JSON.stringify(body)).toBeInstanceOf(AppError);
      }
    }
  });
});

describe("parseFeed: XML attacks", () => {
  let server: Server;
  let hits = 0;
  let port = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits++;
      res.end("EXTERNAL-ENTITY-CONTENT");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("parses or refuses a billion-laughs feed in under a second and 50 MB", async () => {
    const levels = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++)
      levels.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}">`);
    const xml = `<?xml version="1.0"?><!DOCTYPE lolz [${levels.join("")}]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>`;
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    let outcome: unknown;
    try {
      outcome = await parseFeed(xml, FEED_URL);
    } catch (error) {
      outcome = error;
    }
    const elapsed = performance.now() - started;
    const grown = process.memoryUsage().heapUsed - heapBefore;
    expect(elapsed).toBeLessThan(1000);
    expect(grown).toBeLessThan(50 * 1024 * 1024);
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(AppError);
    } else {
      expect(JSON.stringify(outcome)).not.toMatch(/(lol){3}/);
    }
  });

  it("never fetches or inlines external entities (file:// and http://)", async () => {
    const xml = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY file SYSTEM "file:///etc/passwd">
  <!ENTITY web SYSTEM "http://127.0.0.1:${port}/xxe">
  <!ENTITY % param SYSTEM "http://127.0.0.1:${port}/dtd"> %param;
]>
<rss version="2.0"><channel><title>&file;</title>
<item><title>&web;</title><description>&file; &web;</description><link>https://e.com/x</link></item></channel></rss>`;
    let serialised: string;
    try {
      serialised = JSON.stringify(await parseFeed(xml, FEED_URL));
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      serialised = JSON.stringify({
        message: (error as Error).message,
        details: (error as AppError).details,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hits).toBe(0);
    expect(serialised).not.toContain("root:");
    expect(serialised).not.toContain("EXTERNAL-ENTITY-CONTENT");
  });

  it("does not let <__proto__> elements or JSON keys pollute Object.prototype", async () => {
    const xml = `<rss version="2.0"><channel><title>p</title><__proto__><polluted>yes</polluted></__proto__>
      <item><__proto__ polluted="yes"><polluted>yes</polluted></__proto__><constructor><prototype><polluted>yes</polluted></prototype></constructor>
      <title>x</title></item></channel></rss>`;
    const feed = await parseFeed(xml, FEED_URL);
    expect(feed.items[0].title).toBe("x");
    const json = `{"version":"https://jsonfeed.org/version/1.1","title":"j","__proto__":{"polluted":"yes"},
      "items":[{"id":"1","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}]}`;
    await parseFeed(json, FEED_URL);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("stays linear on pathological markup (deep nesting, many unclosed tags, long attributes)", async () => {
    // Timed against a peer in the same run, a well-formed feed of the same length, rather than
    // against the clock: the machine may be loaded, and a blow-up (quadratic or worse) is hundreds
    // of times slower than its peer whatever the load.
    const item = `<item><title>A &amp; B</title><link>https://e.org/a</link><description>&lt;p&gt;Words and more words.&lt;/p&gt;</description></item>`;
    const peerOf = (length: number) =>
      `<rss version="2.0"><channel><title>t</title>${item.repeat(Math.ceil(length / item.length))}</channel></rss>`;
    const elapsed = async (body: string) => {
      const started = performance.now();
      try {
        await parseFeed(body, FEED_URL);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
      }
      return performance.now() - started;
    };
    const bodies = [
      `<rss version="2.0"><channel>${"<a".repeat(200_000)}`,
      `<rss version="2.0"><channel><item>${"<b>".repeat(100_000)}</item></channel></rss>`,
      `<feed xmlns="http://www.w3.org/2005/Atom">${'<content type="xhtml">'.repeat(50_000)}`,
      `<rss version="2.0"><channel><title>${"&amp;".repeat(300_000)}</title></channel></rss>`,
    ];
    for (const body of bodies) {
      const peer = await elapsed(peerOf(body.length));
      const time = await elapsed(body);
      expect(time, body.slice(0, 60)).toBeLessThan(10 * peer + 250);
    }
  });
});

describe("helpers", () => {
  it("finds the root element after prolog, comments and DOCTYPE", () => {
    expect(
      rootElementName(`<?xml version="1.0"?><!-- c --><!DOCTYPE x [<!ENTITY a "<b>">]><rdf:RDF/>`),
    ).toBe("rdf:RDF");
    expect(rootElementName("just text")).toBeNull();
  });

  it("prepareXml removes the DOCTYPE and comments but keeps CDATA untouched", () => {
    const out = prepareXml(
      `<!DOCTYPE x [<!ENTITY a "b">]><r><!-- &bogus; --><![CDATA[a & b &c;]]>&c; &amp;</r>`,
    );
    expect(out).toBe("<r><![CDATA[a & b &c;]]>&amp;c; &amp;</r>");
  });

  it("balanceTags closes open elements and drops stray closers", () => {
    expect(balanceTags("<a><b>x</c></a>")).toBe("<a><b>x</b></a>");
    expect(balanceTags("<a><b>x")).toBe("<a><b>x</b></a>");
    expect(balanceTags("<a>x</a")).toBe("<a>x</a>");
  });

  it.each([
    ["Wed, 29 Jan 2025 08:15:00 +0700", "2025-01-29T01:15:00.000Z"],
    ["Wed, 29 Jan 2025 08:15:00 GMT", "2025-01-29T08:15:00.000Z"],
    ["29 Jan 25 08:15 EST", "2025-01-29T13:15:00.000Z"],
    ["Wed, 29 January 2025 08:15:00 PDT", "2025-01-29T15:15:00.000Z"],
    ["Wed,29 Jan 2025 08:15:00 +07:00", "2025-01-29T01:15:00.000Z"],
    ["Wed, 29 Jan 2025 08:15:00 Z", "2025-01-29T08:15:00.000Z"],
    ["Wed, 29 Jan 2025 08:15:00", "2025-01-29T08:15:00.000Z"],
    ["Wed, 29 Jan 2025 08:15:00 CEST", "2025-01-29T06:15:00.000Z"],
    ["Jan 29, 2025 8:15 PM", "2025-01-29T20:15:00.000Z"],
    ["2025-01-29T08:15:00Z", "2025-01-29T08:15:00.000Z"],
    ["2025-01-29T08:15:00.123+05:30", "2025-01-29T02:45:00.123Z"],
    ["2025-01-29 08:15:00-0300", "2025-01-29T11:15:00.000Z"],
    ["2025-01-29", "2025-01-29T00:00:00.000Z"],
    ["2025-01", "2025-01-01T00:00:00.000Z"],
    ["20250129T081500Z", "2025-01-29T08:15:00.000Z"],
  ])("parseFeedDate(%j) = %s", (input, expected) => {
    expect(parseFeedDate(input)?.toISOString()).toBe(expected);
  });

  it.each(["", "soon", "2025-13-45T99:00:00Z", "32 Foo 2025", "Wed, 29 Jan 2025 08:15:00 +9900"])(
    "parseFeedDate(%j) is null",
    (input) => {
      expect(parseFeedDate(input)).toBeNull();
    },
  );
});
