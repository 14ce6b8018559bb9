import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseFeed } from "@/lib/ingest/feeds";
import { acceptLooseFeed } from "@/lib/ingest/feeds/lenient";
import type { FeedItem } from "@/lib/types";

const FEED_URL = "https://news.example.org/feed";

function item(title: string | null): FeedItem {
  return {
    guid: null,
    url: "https://news.example.org/1",
    title,
    summary: null,
    contentHtml: null,
    author: null,
    publishedAt: null,
    categories: [],
  };
}

describe("the lenient second reading", () => {
  it("keeps a feed with mistyped closing tags an error (FEED_INVALID), with no title taken from it", async () => {
    const malformed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken news</titel><link>http://news.example/</link><item><title>One</titl><link>http://news.example/1</link></item></channel></rss>`;
    let error: unknown;
    try {
      await parseFeed(malformed, FEED_URL);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("FEED_INVALID");
    expect((error as AppError).message).toMatch(/^ingest\/feeds: xml: /);
    expect((error as AppError).details).toEqual({ feedUrl: FEED_URL });
  });

  it("drops an item title that swallowed other elements and keeps the sound items", async () => {
    const xml = `<rss version="2.0"><channel><title>News</title>
      <item><title>One</titl><link>https://news.example.org/1</link><guid>g1</guid></item>
      <item><title>Two</title><link>https://news.example.org/2</link></item></channel></rss>`;
    const feed = await parseFeed(xml, FEED_URL);
    expect(feed.title).toBe("News");
    expect(feed.items.map((i) => i.title)).toEqual([null, "Two"]);
    expect(feed.items[1].url).toBe("https://news.example.org/2");
  });

  it("accepts a loose reading only with items, and then without suspicious titles", () => {
    const feed = {
      format: "rss" as const,
      title: "A title with <b>markup</b> left in",
      siteUrl: null,
      feedUrl: null,
      language: null,
      items: [] as FeedItem[],
    };
    expect(acceptLooseFeed(feed)).toBeNull();
    const loose = acceptLooseFeed({
      ...feed,
      items: [item("Fine"), item("x".repeat(301)), item("see https://e.org")],
    });
    expect(loose?.title).toBeNull();
    expect(loose?.items.map((i) => i.title)).toEqual(["Fine", null, null]);
  });
});
