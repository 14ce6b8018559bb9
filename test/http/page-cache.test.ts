/**
 * The page cache's pure parts (lib/http/page-cache.ts): which requests may share an answer and
 * under what key, and how a rendered answer is kept and given a new nonce. The cache in front of
 * the real server is tested in test/browser/server.test.ts.
 */
import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { newNonce } from "@/lib/http/nonce";
import { gunzipSync } from "node:zlib";
import {
  gzipWithNonce,
  pageCacheKey,
  policyNonce,
  toCachedPage,
  withNonce,
} from "@/lib/http/page-cache";
import { contentSecurityPolicy } from "@/proxy";

function request(
  url: string,
  headers: Record<string, string> = {},
  method = "GET",
): IncomingMessage {
  const message = new IncomingMessage(new Socket());
  message.method = method;
  message.url = url;
  message.headers = { host: "news.example", ...headers };
  return message;
}

describe("pageCacheKey", () => {
  it("shares public pages between readers of the same language, time zone and address", () => {
    const key = pageCacheKey(request("/?entity=openai", { "accept-language": "en-GB,en;q=0.9" }));
    expect(key).not.toBeNull();
    expect(pageCacheKey(request("/?entity=openai", { "accept-language": "en-US" }))).toBe(key);
    expect(
      pageCacheKey(request("/?entity=openai", { "accept-language": "vi-VN,vi;q=0.9" })),
    ).not.toBe(key);
    expect(
      pageCacheKey(request("/?entity=openai", { "accept-language": "en", cookie: "dw_locale=vi" })),
    ).not.toBe(key);
    expect(
      pageCacheKey(
        request("/?entity=openai", { "accept-language": "en", cookie: "dw_tz=Asia%2FHo_Chi_Minh" }),
      ),
    ).not.toBe(key);
    expect(
      pageCacheKey(
        request("/?entity=openai", { "accept-language": "en", cookie: "dw_tz=Not%2FA_Zone" }),
      ),
    ).toBe(key);
    expect(pageCacheKey(request("/?entity=deepseek", { "accept-language": "en" }))).not.toBe(key);
    expect(
      pageCacheKey(request("/?entity=openai", { "accept-language": "en", host: "other.example" })),
    ).not.toBe(key);
    // With PUBLIC_URL set, feed links no longer depend on the Host the reader used.
    expect(pageCacheKey(request("/", { host: "a.example" }), "https://dw.example")).toBe(
      pageCacheKey(request("/", { host: "b.example" }), "https://dw.example"),
    );
  });

  it("keeps bots Next writes metadata into <head> for apart from browsers", () => {
    const browser = pageCacheKey(
      request("/stories/1", {
        "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36",
      }),
    );
    const bot = pageCacheKey(
      request("/stories/1", {
        "user-agent": "Mozilla/5.0 (compatible; Bingbot/2.0; +http://www.bing.com/bingbot.htm)",
      }),
    );
    expect(bot).not.toBeNull();
    expect(bot).not.toBe(browser);
  });

  it("never shares admin, API, feeds, files, HEAD, POST or the router's own requests", () => {
    for (const url of [
      "/admin",
      "/admin/sources/3/remove",
      "/api/v1/stories",
      "/feeds/latest.xml",
      "/_next/static/x.js",
      "/icon.svg",
    ]) {
      expect(pageCacheKey(request(url)), url).toBeNull();
    }
    expect(pageCacheKey(request("/", {}, "HEAD"))).toBeNull();
    expect(pageCacheKey(request("/", {}, "POST"))).toBeNull();
    expect(pageCacheKey(request("/", { rsc: "1" }))).toBeNull();
    expect(pageCacheKey(request("/", { "next-router-prefetch": "1" }))).toBeNull();
    expect(pageCacheKey(request("/", { purpose: "prefetch" }))).toBeNull();
    expect(pageCacheKey(request("/?_rsc=abc12"))).toBeNull();
    expect(pageCacheKey(request("/", { authorization: "Bearer x" }))).toBeNull();
    expect(pageCacheKey(request("/administrators-letter"))).not.toBeNull();
  });
});

describe("toCachedPage and withNonce", () => {
  const nonce = newNonce();
  const policy = contentSecurityPolicy(nonce);
  const body = `<!DOCTYPE html><html><head><script src="/a.js" nonce="${nonce}"></script></head><body><p>nonce-free text</p><script nonce="${nonce}">self.__next_f.push([1,"{\\"nonce\\":\\"${nonce}\\"}"])</script></body></html>`;
  const headers = {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": policy,
    link: `</a.css>; rel=preload; as="style"; nonce="${nonce}"`,
    "content-length": "123",
    "x-page-cache": "MISS",
  };

  it("keeps a 200 HTML answer cut at its nonce, and gives it a new one everywhere", () => {
    expect(policyNonce(policy)).toBe(nonce);
    const page = toCachedPage(200, headers, body)!;
    expect(page.parts).toHaveLength(4);
    expect(page.headers["content-length"]).toBeUndefined();
    expect(page.headers["x-page-cache"]).toBeUndefined();
    const other = newNonce();
    expect(other).not.toBe(nonce);
    const again = withNonce(page, other);
    expect(again.body).toBe(body.split(nonce).join(other));
    expect(again.body).not.toContain(nonce);
    expect(policyNonce(String(again.headers["content-security-policy"]))).toBe(other);
    expect(String(again.headers.link)).toContain(`nonce="${other}"`);
  });

  it("keeps nothing that must not be shared", () => {
    expect(toCachedPage(404, headers, body)).toBeNull();
    expect(toCachedPage(303, headers, body)).toBeNull();
    expect(toCachedPage(200, { ...headers, "content-type": "application/json" }, "{}")).toBeNull();
    expect(
      toCachedPage(200, { ...headers, "set-cookie": ["dw_locale=vi; Path=/"] }, body),
    ).toBeNull();
    const { "content-security-policy": _policy, ...withoutPolicy } = headers;
    expect(toCachedPage(200, withoutPolicy, body)).toBeNull();
  });
});

describe("gzipWithNonce", () => {
  it("joins parts deflated once around each new nonce into one valid gzip stream of the whole page", () => {
    const nonce = newNonce();
    const body = `<!doctype html><html lang="vi"><script nonce="${nonce}">1</script>${"<p>chưng cất — dữ liệu</p>".repeat(2000)}<script nonce="${nonce}">2</script></html>`;
    const page = toCachedPage(
      200,
      {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": contentSecurityPolicy(nonce),
      },
      body,
    )!;
    for (let i = 0; i < 3; i++) {
      const other = newNonce();
      const zipped = gzipWithNonce(page, other);
      expect(gunzipSync(zipped).toString("utf8")).toBe(withNonce(page, other).body);
      expect(zipped.length).toBeLessThan(Buffer.byteLength(body) / 5);
    }
    expect(page.deflated).toHaveLength(3);
  });
});
