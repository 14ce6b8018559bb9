import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { canonicaliseUrl, sameCanonicalUrl } from "@/lib/ingest/normalise";

describe("canonicaliseUrl", () => {
  it.each([
    [
      "HTTPS://WWW.Example.COM:443/News/Story/?b=2&a=1#top",
      "https://www.example.com/News/Story?a=1&b=2",
    ],
    ["http://example.com:80/", "http://example.com/"],
    ["http://example.com:8080/a/", "http://example.com:8080/a"],
    [
      "https://news.example.com/a?utm_source=x&utm_medium=email&UTM_Campaign=y&id=5&fbclid=1&gclid=2&dclid=3&msclkid=4",
      "https://news.example.com/a?id=5",
    ],
    [
      "https://e.com/a?mc_cid=1&mc_eid=2&igshid=3&yclid=4&_ga=5&ref=hn&ref_src=twsrc&spm=a.b.c&x=1",
      "https://e.com/a?x=1",
    ],
    ["https://e.com/a?wt_mc=rss.developer.beitrag.atom", "https://e.com/a"],
    ["https://e.com/search?q=deep+seek&page", "https://e.com/search?page&q=deep+seek"],
    // AMP variants
    [
      "https://www.example.com/2025/01/29/openai-deepseek/amp/",
      "https://www.example.com/2025/01/29/openai-deepseek",
    ],
    ["https://www.bbc.com/news/amp/technology-123", "https://www.bbc.com/news/technology-123"],
    ["https://example.com/story.amp.html", "https://example.com/story.html"],
    ["https://example.com/story?amp", "https://example.com/story"],
    ["https://example.com/story?amp=1&id=2", "https://example.com/story?id=2"],
    ["https://example.com/story?outputType=amp", "https://example.com/story"],
    [
      "https://amp.theguardian.com/technology/2025/jan/29/x",
      "https://theguardian.com/technology/2025/jan/29/x",
    ],
    [
      "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/x/amp/",
      "https://www.example.com/news/x",
    ],
    [
      "https://www.google.com/amp/s/www.example.com/news/x.amp.html",
      "https://www.example.com/news/x.html",
    ],
    // IDN hosts stay punycoded; paths keep their case
    ["https://Bücher.example/Über", "https://xn--bcher-kva.example/%C3%9Cber"],
    ["https://xn--bcher-kva.example/", "https://xn--bcher-kva.example/"],
    [
      "https://vnexpress.net/openai-cao-buoc-deepseek-4843245.html?utm_source=facebook#box_comment",
      "https://vnexpress.net/openai-cao-buoc-deepseek-4843245.html",
    ],
  ])("%s -> %s", (input, expected) => {
    expect(canonicaliseUrl(input)).toBe(expected);
  });

  it("resolves relative URLs against a base", () => {
    expect(canonicaliseUrl("../b/?utm_source=x", "https://e.com/a/c/")).toBe("https://e.com/a/b");
  });

  it("raises FETCH_BAD_URL for things that are not URLs and leaves non-http schemes alone", () => {
    expect(() => canonicaliseUrl("not a url")).toThrow(AppError);
    expect(() => canonicaliseUrl("")).toThrow(/ingest\/normalise/);
    expect(canonicaliseUrl("mailto:a@b.c")).toBe("mailto:a@b.c");
  });

  it("treats AMP and tracked copies as the same page", () => {
    expect(sameCanonicalUrl("https://e.com/x/amp?utm_source=t", "https://E.com/x/#c")).toBe(true);
    expect(sameCanonicalUrl("https://e.com/x?id=1", "https://e.com/x?id=2")).toBe(false);
    expect(sameCanonicalUrl("nope", "nope")).toBe(false);
  });
});

const trackerKey = fc.constantFrom(
  "utm_source",
  "utm_medium",
  "UTM_CAMPAIGN",
  "fbclid",
  "gclid",
  "dclid",
  "msclkid",
  "mc_cid",
  "mc_eid",
  "igshid",
  "yclid",
  "_ga",
  "ref",
  "ref_src",
  "spm",
  "amp",
);
const plainKey = fc
  .stringMatching(/^[a-z][a-z0-9]{0,6}$/)
  .filter((k) => !/^(utm_|pk_|mtm_|ga_|sc_|ref$|amp$|spm$|scm$|smid$|ncid$|ocid$|xtor$)/.test(k));
const messyUrl = fc
  .record({
    url: fc.webUrl({ withQueryParameters: true, withFragments: true }),
    upper: fc.boolean(),
    trackers: fc.array(fc.tuple(trackerKey, fc.stringMatching(/^[a-zA-Z0-9._-]{0,8}$/)), {
      maxLength: 3,
    }),
    params: fc.array(fc.tuple(plainKey, fc.stringMatching(/^[a-zA-Z0-9]{0,5}$/)), { maxLength: 3 }),
    amp: fc.constantFrom("", "/amp", "/amp/", ".amp.html", "/"),
    ampHost: fc.boolean(),
  })
  .map(({ url, upper, trackers, params, amp, ampHost }) => {
    const u = new URL(url);
    if (ampHost && u.hostname.split(".").length >= 2 && !/^\d+\.\d+\.\d+\.\d+$/.test(u.hostname))
      u.hostname = `amp.${u.hostname}`;
    u.pathname = u.pathname.replace(/\/$/, "") + amp;
    for (const [k, v] of [...trackers, ...params]) u.searchParams.append(k, v);
    const href = u.href;
    return upper ? href.replace(/^https?:\/\/[^/]+/, (m) => m.toUpperCase()) : href;
  });

describe("canonicaliseUrl properties", () => {
  it("is idempotent", () => {
    fc.assert(
      fc.property(messyUrl, (url) => {
        const once = canonicaliseUrl(url);
        expect(canonicaliseUrl(once)).toBe(once);
      }),
      { numRuns: 1500 },
    );
  });

  it("leaves no fragment, no tracker, a lower-case host, sorted parameters and no trailing slash", () => {
    fc.assert(
      fc.property(messyUrl, (url) => {
        const canon = new URL(canonicaliseUrl(url));
        expect(canon.hash).toBe("");
        expect(canon.hostname).toBe(canon.hostname.toLowerCase());
        const keys = [...canon.searchParams.keys()];
        for (const key of keys)
          expect(key.toLowerCase()).not.toMatch(
            /^(utm_|fbclid$|gclid$|dclid$|msclkid$|mc_cid$|mc_eid$|igshid$|yclid$|_ga$|ref$|ref_src$|spm$|amp$)/,
          );
        const pairs = canon.search.replace(/^\?/, "").split("&").filter(Boolean);
        expect([...pairs].sort()).toEqual(pairs);
        if (canon.pathname !== "/") expect(canon.pathname.endsWith("/")).toBe(false);
        expect(canon.pathname.split("/")).not.toContain("amp");
      }),
      { numRuns: 1500 },
    );
  });

  it("keeps every content parameter, with its value", () => {
    const withParams = fc.record({
      url: fc.webUrl(),
      params: fc.array(fc.tuple(plainKey, fc.stringMatching(/^[a-zA-Z0-9]{0,5}$/)), {
        minLength: 1,
        maxLength: 4,
      }),
    });
    fc.assert(
      fc.property(withParams, ({ url, params }) => {
        const u = new URL(url);
        for (const [k, v] of params) u.searchParams.append(k, v);
        const after = new URL(canonicaliseUrl(u.href)).searchParams;
        for (const [k, v] of params) expect(after.getAll(k)).toContain(v);
      }),
      { numRuns: 500 },
    );
  });
});
