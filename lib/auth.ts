/**
 * The admin session: one shared secret (ADMIN_TOKEN), no user table. A login checks the token in
 * constant time and sets a cookie whose value is an expiry time signed with a key derived from the
 * token, so changing ADMIN_TOKEN logs every session out and nothing needs storing on the server.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { servedOverHttps } from "./http/origin";

/** The name of the session cookie. */
export const SESSION_COOKIE = "dw_admin";
/** How long a session lasts. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const VERSION = "v1";

function sha256(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

/**
 * True when `given` equals `expected`. Both are hashed first so timingSafeEqual compares equal
 * lengths: neither the token's length nor its matching prefix shows in the time taken.
 */
export function tokenMatches(given: string, expected: string | undefined | null): boolean {
  if (!expected) return false;
  return timingSafeEqual(sha256(given), sha256(expected));
}

/** A session key per token: the token itself never signs anything directly. */
function sessionKey(token: string): Buffer {
  return createHmac("sha256", token).update("disputewatch admin session").digest();
}

function sign(token: string, payload: string): string {
  return createHmac("sha256", sessionKey(token)).update(payload).digest("base64url");
}

/** A signed session value that expires SESSION_TTL_MS after `now`: "v1.<expiry ms>.<HMAC>". */
export function createSessionValue(token: string, now = Date.now()): string {
  const payload = `${VERSION}.${now + SESSION_TTL_MS}`;
  return `${payload}.${sign(token, payload)}`;
}

/** True when `value` was signed with this token and has not expired. */
export function verifySessionValue(
  value: string | undefined | null,
  token: string | undefined | null,
  now = Date.now(),
): boolean {
  if (!value || !token) return false;
  const parts = value.split(".");
  if (parts.length !== 3 || parts[0] !== VERSION || !/^\d{1,16}$/.test(parts[1])) return false;
  const expiry = Number(parts[1]);
  // An expiry further out than one TTL cannot come from us (or comes from a clock gone wrong).
  if (expiry <= now || expiry > now + SESSION_TTL_MS) return false;
  const expected = Buffer.from(sign(token, `${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2]);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Reads one cookie from a Cookie header. */
export function readCookie(cookieHeader: string | null | undefined, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return null;
}

/** True when the request carries a valid session cookie for this token. */
export function hasSession(
  request: Request,
  token: string | undefined | null,
  now = Date.now(),
): boolean {
  return verifySessionValue(readCookie(request.headers.get("cookie"), SESSION_COOKIE), token, now);
}

/**
 * True when the session cookie must be Secure: the app is served over https by PUBLIC_URL's scheme
 * or a trusted proxy's X-Forwarded-Proto (lib/http/origin.ts). The request's own URL and a client's
 * X-Forwarded-Proto do not count: the server behind them speaks plain HTTP and anyone can send the
 * header.
 */
export function isHttps(
  request: Request,
  options: { publicUrl?: string | null; trustedProxies?: number } = {},
): boolean {
  return servedOverHttps(request.headers, options);
}

/** The Set-Cookie header that starts a session. */
export function sessionCookieHeader(value: string, secure: boolean): string {
  const parts = [
    `${SESSION_COOKIE}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${Math.floor(SESSION_TTL_MS / 1000)}`,
  ];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

/** The Set-Cookie header that ends a session. */
export function clearSessionCookieHeader(secure: boolean): string {
  const parts = [
    `${SESSION_COOKIE}=`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    "Max-Age=0",
    "Expires=Thu, 01 Jan 1970 00:00:00 GMT",
  ];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}
