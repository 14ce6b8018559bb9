import { describe, expect, it } from "vitest";
import { isSameOrigin, originProblem } from "../../lib/http/origin";

function post(headers: Record<string, string>): Request {
  return new Request("http://127.0.0.1:3000/api/admin/sources", { method: "POST", headers });
}

describe("originProblem", () => {
  it("allows an Origin naming the request's own host", () => {
    expect(isSameOrigin(post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toBe(true);
    expect(isSameOrigin(post({ host: "News.Example.org", origin: "https://news.example.org" }))).toBe(true);
  });
  it("refuses a foreign Origin, another port and an opaque origin", () => {
    expect(originProblem(post({ host: "127.0.0.1:3000", origin: "https://evil.example" }).headers)).toMatch(/evil\.example/);
    expect(isSameOrigin(post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:4000" }))).toBe(false);
    expect(isSameOrigin(post({ host: "127.0.0.1:3000", origin: "null" }))).toBe(false);
    expect(isSameOrigin(post({ host: "127.0.0.1:3000", origin: "chrome-extension://abc" }))).toBe(false);
  });
  it("refuses a request with neither Origin nor Referer", () => {
    expect(originProblem(post({ host: "127.0.0.1:3000" }).headers)).toMatch(/neither/);
  });
  it("falls back to the Referer when there is no Origin", () => {
    expect(isSameOrigin(post({ host: "127.0.0.1:3000", referer: "http://127.0.0.1:3000/admin?x=1" }))).toBe(true);
    expect(isSameOrigin(post({ host: "127.0.0.1:3000", referer: "https://evil.example/admin" }))).toBe(false);
  });
  it("does not let a look-alike host through", () => {
    expect(isSameOrigin(post({ host: "example.org", origin: "https://example.org.evil.example" }))).toBe(false);
    expect(isSameOrigin(post({ host: "example.org", origin: "https://evilexample.org" }))).toBe(false);
  });
  it("allows PUBLIC_URL's origin behind a proxy that rewrites Host, and nothing else", () => {
    const behindProxy = post({ host: "127.0.0.1:3000", origin: "https://disputes.example.org" });
    expect(isSameOrigin(behindProxy)).toBe(false);
    expect(isSameOrigin(behindProxy, "https://disputes.example.org/")).toBe(true);
    expect(isSameOrigin(post({ host: "127.0.0.1:3000", origin: "http://disputes.example.org" }), "https://disputes.example.org")).toBe(false);
  });
});
