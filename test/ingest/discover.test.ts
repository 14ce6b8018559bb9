import { describe, expect, it } from "vitest";
import { discoverFeeds } from "@/lib/ingest/discover";

const PAGE = "https://news.example.com/tech/ai/";

describe("discoverFeeds", () => {
  it("returns rel=alternate feeds of every format, resolved, deduplicated, in page order", () => {
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/rss+xml" title="RSS" href="/feed/">
      <link rel="alternate" type="application/atom+xml" title="Atom" href="atom.xml">
      <link rel="ALTERNATE" type="Application/Feed+JSON" href="https://news.example.com/feed.json">
      <link rel="alternate" type="application/json" title="JSON Feed" href="//cdn.example.com/ai.json">
      <link rel="alternate" type="application/rss+xml" href="https://news.example.com/feed/#dup">
      <link rel="alternate" type="text/html" hreflang="vi" href="/vi/">
      <link rel="alternate" type="application/json+oembed" href="/oembed?url=x">
      <link rel="alternate" type="application/json" href="https://news.example.com/wp-json/wp/v2/posts/12">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head><body><a href="/other.rss">other</a></body></html>`;
    expect(discoverFeeds(html, PAGE)).toEqual([
      "https://news.example.com/feed/",
      "https://news.example.com/tech/ai/atom.xml",
      "https://news.example.com/feed.json",
      "https://cdn.example.com/ai.json",
    ]);
  });

  it("resolves against <base href>", () => {
    const html = `<head><base href="https://static.example.org/blog/"><link rel="alternate" type="application/atom+xml" href="atom.xml"></head>`;
    expect(discoverFeeds(html, PAGE)).toEqual(["https://static.example.org/blog/atom.xml"]);
  });

  it("falls back to same-site links that look like feeds when the page declares none", () => {
    const html = `<body>
      <a href="/about">About</a><a href="/feed">RSS</a><a href="https://www.news.example.com/tech/rss.xml">XML</a>
      <a href="https://elsewhere.example.net/feed/">someone else's feed</a><a href="/feed">again</a>
      <a href="/posts/how-to-write-a-feed-reader">post</a></body>`;
    expect(discoverFeeds(html, PAGE)).toEqual([
      "https://news.example.com/feed",
      "https://www.news.example.com/tech/rss.xml",
    ]);
  });

  it("finds nothing in pages without feeds or in junk, and never throws", () => {
    expect(
      discoverFeeds("<html><head><title>x</title></head><body>no feeds</body></html>", PAGE),
    ).toEqual([]);
    expect(discoverFeeds("", PAGE)).toEqual([]);
    expect(discoverFeeds("<<<>>>&&&", "not a url")).toEqual([]);
  });
});
