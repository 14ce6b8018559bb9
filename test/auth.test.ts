import { describe, expect, it } from "vitest";
import {
  clearSessionCookieHeader,
  createSessionValue,
  hasSession,
  isHttps,
  readCookie,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  sessionCookieHeader,
  tokenMatches,
  verifySessionValue,
} from "@/lib/auth";

const TOKEN = "correct-horse-battery-staple";

describe("tokenMatches", () => {
  it("accepts the token and refuses anything else, whatever the length", () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(tokenMatches(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(tokenMatches("", TOKEN)).toBe(false);
  });
  it("refuses everything when no token is configured", () => {
    expect(tokenMatches("", undefined)).toBe(false);
    expect(tokenMatches("", "")).toBe(false);
  });
});

describe("session values", () => {
  const now = Date.UTC(2025, 0, 29, 12);
  it("verify with the same token before expiry", () => {
    const value = createSessionValue(TOKEN, now);
    expect(value).toMatch(/^v1\.\d+\.[A-Za-z0-9_-]+$/);
    expect(verifySessionValue(value, TOKEN, now + 1000)).toBe(true);
    expect(verifySessionValue(value, TOKEN, now + SESSION_TTL_MS - 1)).toBe(true);
  });
  it("expire after 12 hours", () => {
    const value = createSessionValue(TOKEN, now);
    expect(SESSION_TTL_MS).toBe(12 * 3600 * 1000);
    expect(verifySessionValue(value, TOKEN, now + SESSION_TTL_MS)).toBe(false);
  });
  it("stop working when the token changes", () => {
    expect(
      verifySessionValue(createSessionValue(TOKEN, now), "another-token-entirely", now + 1000),
    ).toBe(false);
  });
  it("refuse a changed expiry, a changed signature and malformed values", () => {
    const value = createSessionValue(TOKEN, now);
    const [version, expiry, mac] = value.split(".");
    expect(verifySessionValue(`${version}.${Number(expiry) + 1000}.${mac}`, TOKEN, now)).toBe(
      false,
    );
    const flipped = mac.slice(0, -1) + (mac.endsWith("A") ? "B" : "A");
    expect(verifySessionValue(`${version}.${expiry}.${flipped}`, TOKEN, now)).toBe(false);
    for (const bad of ["", "v1", "v1.x.y", `v2.${expiry}.${mac}`, `${value}.extra`])
      expect(verifySessionValue(bad, TOKEN, now)).toBe(false);
    expect(verifySessionValue(value, undefined, now)).toBe(false);
  });
  it("refuse an expiry beyond one session length (a forged far-future value)", () => {
    const value = createSessionValue(TOKEN, now + 10 * SESSION_TTL_MS);
    expect(verifySessionValue(value, TOKEN, now)).toBe(false);
  });
});

describe("cookies", () => {
  it("set HttpOnly, SameSite=Strict, Path=/ and 12 h, Secure only over https", () => {
    const header = sessionCookieHeader("v1.1.abc", false);
    expect(header).toContain(`${SESSION_COOKIE}=v1.1.abc`);
    for (const part of ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"])
      expect(header).toContain(part);
    expect(header).not.toContain("Secure");
    expect(sessionCookieHeader("v", true)).toContain("Secure");
    expect(clearSessionCookieHeader(false)).toContain("Max-Age=0");
  });
  it("are read from the Cookie header", () => {
    expect(readCookie("a=1; dw_admin=v1.2.x; b=3", "dw_admin")).toBe("v1.2.x");
    expect(readCookie("a=1", "dw_admin")).toBeNull();
    const value = createSessionValue(TOKEN);
    const request = new Request("http://localhost/admin", {
      headers: { cookie: `lang=vi; ${SESSION_COOKIE}=${value}` },
    });
    expect(hasSession(request, TOKEN)).toBe(true);
    expect(hasSession(new Request("http://localhost/admin"), TOKEN)).toBe(false);
  });
  it("know https from PUBLIC_URL's scheme or a trusted proxy's header only", () => {
    const forwarded = new Request("http://example.org/", {
      headers: { "x-forwarded-proto": "https" },
    });
    expect(
      isHttps(new Request("http://example.org/"), { publicUrl: "https://disputes.example.org" }),
    ).toBe(true);
    expect(isHttps(forwarded, { trustedProxies: 1 })).toBe(true);
    // A client's own header, with no proxy of ours in front, is not believed; nor is the URL Next built.
    expect(isHttps(forwarded)).toBe(false);
    expect(isHttps(forwarded, { trustedProxies: 0, publicUrl: "http://localhost:3000" })).toBe(
      false,
    );
    expect(isHttps(new Request("https://example.org/"))).toBe(false);
    expect(isHttps(new Request("http://example.org/"))).toBe(false);
  });
});
