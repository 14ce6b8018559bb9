import { describe, expect, it } from "vitest";
import {
  applyTransportSecurity,
  HSTS_VALUE,
  isSameOrigin,
  originProblem,
  servedOverHttps,
} from "@/lib/http/origin";

function post(headers: Record<string, string>): Request {
  return new Request("http://127.0.0.1:3000/api/admin/sources", { method: "POST", headers });
}

describe("originProblem", () => {
  it("allows an Origin naming the request's own host", () => {
    expect(isSameOrigin(post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toBe(
      true,
    );
    expect(
      isSameOrigin(post({ host: "News.Example.org", origin: "https://news.example.org" }), null, {
        https: true,
      }),
    ).toBe(true);
    expect(
      isSameOrigin(
        post({ host: "news.example.org:443", origin: "https://news.example.org" }),
        null,
        { https: true },
      ),
    ).toBe(true);
  });
  it("refuses a foreign Origin, another port and an opaque origin", () => {
    expect(
      originProblem(post({ host: "127.0.0.1:3000", origin: "https://evil.example" }).headers),
    ).toMatch(/evil\.example/);
    expect(isSameOrigin(post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:4000" }))).toBe(
      false,
    );
    expect(isSameOrigin(post({ host: "127.0.0.1:3000", origin: "null" }))).toBe(false);
    expect(isSameOrigin(post({ host: "127.0.0.1:3000", origin: "chrome-extension://abc" }))).toBe(
      false,
    );
  });
  it("refuses a request with neither Origin nor Referer", () => {
    expect(originProblem(post({ host: "127.0.0.1:3000" }).headers)).toMatch(/neither/);
  });
  it("falls back to the Referer when there is no Origin", () => {
    expect(
      isSameOrigin(post({ host: "127.0.0.1:3000", referer: "http://127.0.0.1:3000/admin?x=1" })),
    ).toBe(true);
    expect(
      isSameOrigin(post({ host: "127.0.0.1:3000", referer: "https://evil.example/admin" })),
    ).toBe(false);
  });
  it("does not let a look-alike host through", () => {
    expect(
      isSameOrigin(post({ host: "example.org", origin: "https://example.org.evil.example" })),
    ).toBe(false);
    expect(isSameOrigin(post({ host: "example.org", origin: "https://evilexample.org" }))).toBe(
      false,
    );
  });
  it("allows PUBLIC_URL's origin behind a proxy that rewrites Host, and nothing else", () => {
    const behindProxy = post({ host: "127.0.0.1:3000", origin: "https://disputes.example.org" });
    expect(isSameOrigin(behindProxy)).toBe(false);
    expect(isSameOrigin(behindProxy, "https://disputes.example.org/")).toBe(true);
    expect(
      isSameOrigin(
        post({ host: "127.0.0.1:3000", origin: "http://disputes.example.org" }),
        "https://disputes.example.org",
      ),
    ).toBe(false);
  });
});

describe("the Origin's scheme and port", () => {
  it("refuses the right host over the wrong scheme", () => {
    // Over plain HTTP, a page served at https://host cannot be ours, and the other way round.
    expect(
      isSameOrigin(post({ host: "news.example.org", origin: "https://news.example.org" })),
    ).toBe(false);
    expect(
      isSameOrigin(post({ host: "news.example.org", origin: "http://news.example.org" }), null, {
        https: true,
      }),
    ).toBe(false);
    expect(
      originProblem(
        post({ host: "news.example.org", referer: "https://news.example.org/admin" }).headers,
      ),
    ).toMatch(/https:\/\/news\.example\.org/);
  });
  it("refuses the right host and scheme on another port, default ports included", () => {
    expect(
      isSameOrigin(post({ host: "news.example.org", origin: "http://news.example.org:8080" })),
    ).toBe(false);
    expect(
      isSameOrigin(post({ host: "news.example.org:8080", origin: "http://news.example.org" })),
    ).toBe(false);
    expect(
      isSameOrigin(post({ host: "news.example.org", origin: "http://news.example.org:80" })),
    ).toBe(true);
    expect(
      isSameOrigin(
        post({ host: "127.0.0.1:3000", origin: "https://disputes.example.org:8443" }),
        "https://disputes.example.org",
      ),
    ).toBe(false);
  });
});

describe("servedOverHttps and HSTS", () => {
  const headers = (proto?: string) => new Headers(proto ? { "x-forwarded-proto": proto } : {});
  it("believes PUBLIC_URL's scheme and a trusted proxy, never the client alone", () => {
    expect(servedOverHttps(headers(), { publicUrl: "https://d.example.org" })).toBe(true);
    expect(servedOverHttps(headers("https"), { publicUrl: "http://localhost:3000" })).toBe(false);
    expect(servedOverHttps(headers("https"), { trustedProxies: 1 })).toBe(true);
    expect(servedOverHttps(headers("http"), { trustedProxies: 1 })).toBe(false);
    // Appending proxies: the client wrote "https", our one proxy appended what it saw.
    expect(servedOverHttps(headers("https, http"), { trustedProxies: 1 })).toBe(false);
    expect(servedOverHttps(headers("https, http"), { trustedProxies: 2 })).toBe(true);
  });
  it("drops a client's X-Forwarded-Proto without a trusted proxy, and sends HSTS only over https", () => {
    const sent: Record<string, string> = {};
    const response = { setHeader: (name: string, value: string) => (sent[name] = value) };
    const direct = {
      headers: { "x-forwarded-proto": "https" } as Record<string, string | undefined>,
    };
    applyTransportSecurity(direct, response, { trustedProxies: 0 });
    expect(direct.headers["x-forwarded-proto"]).toBeUndefined();
    expect(sent["Strict-Transport-Security"]).toBeUndefined();
    const proxied = {
      headers: { "x-forwarded-proto": "https" } as Record<string, string | undefined>,
    };
    applyTransportSecurity(proxied, response, { trustedProxies: 1 });
    expect(proxied.headers["x-forwarded-proto"]).toBe("https");
    expect(sent["Strict-Transport-Security"]).toBe(HSTS_VALUE);
    const configured: Record<string, string> = {};
    applyTransportSecurity(
      { headers: {} },
      { setHeader: (n: string, v: string) => (configured[n] = v) },
      { trustedProxies: 0, publicUrl: "https://d.example.org" },
    );
    expect(configured["Strict-Transport-Security"]).toBe(HSTS_VALUE);
  });
});
