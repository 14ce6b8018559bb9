/**
 * Conditional GET for feeds and API answers. The ETag is a hash of the body we would send; bodies
 * are deterministic (feed dates come from the data, never from the clock), so an unchanged feed
 * keeps its ETag and a reader polling every few minutes gets 304s.
 */
import { createHash } from "node:crypto";

/** A strong ETag for a body. */
export function etagFor(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

/** True when If-None-Match names this ETag (or "*"); weak comparison, as RFC 9110 asks for GET. */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((candidate) => {
    const value = candidate.trim();
    return value === "*" || value.replace(/^W\//, "") === bare;
  });
}

/**
 * True when the client's copy is current: If-None-Match decides when present (RFC 9110 §13.2.2),
 * otherwise If-Modified-Since against Last-Modified at one-second precision.
 */
export function isNotModified(request: Request, etag: string, lastModified: Date | null): boolean {
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch !== null) return etagMatches(ifNoneMatch, etag);
  const ifModifiedSince = request.headers.get("if-modified-since");
  if (!ifModifiedSince || !lastModified) return false;
  const since = Date.parse(ifModifiedSince);
  if (Number.isNaN(since)) return false;
  return Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

export interface CacheableBody {
  body: string;
  contentType: string;
  lastModified: Date | null;
  /** Seconds; default 300. */
  maxAge?: number;
  headers?: Record<string, string>;
}

/** 200 with ETag, Last-Modified and Cache-Control, or 304 with the same validators when the client's copy is current. */
export function conditionalResponse(request: Request, answer: CacheableBody): Response {
  const etag = etagFor(answer.body);
  const headers = new Headers(answer.headers);
  headers.set("ETag", etag);
  headers.set("Cache-Control", `public, max-age=${answer.maxAge ?? 300}`);
  headers.set("Vary", "Accept-Encoding");
  if (answer.lastModified) headers.set("Last-Modified", answer.lastModified.toUTCString());
  if (isNotModified(request, etag, answer.lastModified))
    return new Response(null, { status: 304, headers });
  headers.set("Content-Type", answer.contentType);
  headers.set("X-Content-Type-Options", "nosniff");
  return new Response(answer.body, { status: 200, headers });
}
