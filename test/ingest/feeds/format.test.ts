import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { detectFeedFormat } from "@/lib/ingest/feeds/format";
import { MAX_FEED_CHARS } from "@/lib/ingest/feeds/xml-safety";

const FEED_URL = "https://news.example.org/feed";

function refusal(text: string): AppError {
  try {
    detectFeedFormat(text, FEED_URL);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected detectFeedFormat to refuse the body");
}

describe("detectFeedFormat", () => {
  it("names JSON Feed by its first character and XML formats by their root element", () => {
    expect(detectFeedFormat('\uFEFF  {"items": []}', FEED_URL)).toEqual({
      format: "json",
      body: '{"items": []}',
    });
    expect(detectFeedFormat(`<?xml version="1.0"?>\n<!-- c --><rss/>`, FEED_URL)).toMatchObject({
      format: "rss",
      root: "rss",
    });
    expect(detectFeedFormat(`<feed xmlns="http://www.w3.org/2005/Atom"/>`, FEED_URL)).toMatchObject(
      { format: "atom", root: "feed" },
    );
    expect(detectFeedFormat(`<!DOCTYPE x [<!ENTITY a "<b>">]><rdf:RDF/>`, FEED_URL)).toMatchObject({
      format: "rdf",
      root: "rdf:RDF",
    });
  });

  it("refuses roots the readers do not read, naming the root", () => {
    for (const [body, root] of [
      ["<atom:feed xmlns:atom='http://www.w3.org/2005/Atom'/>", "atom:feed"],
      ["<RSS version='2.0'/>", "RSS"],
      ["<constructor/>", "constructor"],
      ["<html><body>hi</body></html>", "html"],
    ]) {
      const error = refusal(body);
      expect(error.code).toBe("FEED_NOT_A_FEED");
      expect(error.message).toBe(
        `ingest/feeds: detect: the root element <${root}> is not RSS, RDF or Atom`,
      );
      expect(error.details).toEqual({ feedUrl: FEED_URL, root });
    }
  });

  it("refuses blank, oversized and non-markup bodies with their own codes", () => {
    expect(refusal(" \n\uFEFF").code).toBe("FEED_EMPTY");
    const huge = refusal(`<rss>${" ".repeat(MAX_FEED_CHARS)}</rss>`);
    expect(huge.code).toBe("FEED_INVALID");
    expect(huge.message).toMatch(/^ingest\/feeds: detect: the body is larger than/);
    expect(refusal("plain words").code).toBe("FEED_NOT_A_FEED");
  });
});
