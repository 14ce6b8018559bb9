/**
 * The input boundary every request crosses before a page, the API or a feed sees it
 * (`checkRequestTarget`, run by scripts/serve.ts before Next reads the URL, and by proxy.ts for a
 * server started any other way), and the small readers the routes themselves use on what passed it.
 *
 * What it refuses is what the routes cannot answer sensibly and the databases must never see:
 * percent-encoding that does not decode (Next answers those with a bare 500), a NUL byte anywhere
 * (PostgreSQL's text type cannot hold one and fails the whole query), ids outside the 32-bit integer
 * column they are looked up in (PostgreSQL fails the query on 2147483648), and values far longer than
 * anything we link to. Everything else passes to the route's own validation (zod in lib/filters.ts,
 * lib/api/schemas.ts), which names the parameter.
 */
import { errorBody } from "@/lib/errors";
import { escapeHtml } from "@/lib/text/html";

/** The largest id a row can have: ids are 32-bit integer columns on PostgreSQL (and SQLite's are kept in step). */
export const MAX_ROW_ID = 2_147_483_647;

/** Longest request target (path and query, as sent) we read; our own links stay far below it. */
export const MAX_URL_LENGTH = 4096;

/** Longest decoded path segment: slugs are at most 100 characters, feed files add an extension. */
export const MAX_SEGMENT_LENGTH = 200;

/** Longest decoded query value: the search box takes 500 characters, an OPML bundle's feed URL more. */
export const MAX_QUERY_VALUE_LENGTH = 2000;

/** Query parameters that carry a row id wherever they appear. */
const ID_PARAMETERS = ["story"];

/** A refused request: the status to answer and a message that names what was wrong. */
export interface InputRejection {
  status: 400 | 404;
  message: string;
}

/**
 * A path segment decoded, or null when its percent-encoding does not decode (`%FF`, `%zz`, a lone
 * `%`) or it decodes to a NUL. Next hands routes their segments already decoded once, so a route
 * decoding again turns `%2500` into a NUL the boundary never saw: this is the check that catches it.
 */
export function decodePathSegment(raw: string): string | null {
  try {
    const decoded = decodeURIComponent(raw);
    return hasNul(decoded) ? null : decoded;
  } catch {
    return null;
  }
}

/** A row id from a path segment or parameter: a positive integer that fits the id column, else null. */
export function parseRowId(raw: string | null | undefined): number | null {
  if (typeof raw !== "string" || !/^[1-9]\d{0,9}$/.test(raw.trim())) return null;
  const id = Number(raw.trim());
  return id <= MAX_ROW_ID ? id : null;
}

/**
 * Route templates whose path segment is a row id: a request for one that cannot exist is a 404,
 * not a query. `[1-9]\d*` are the ids we could hold; anything else there is left to the route (which
 * answers 404 or 400 as it always has).
 */
const ID_ROUTES: RegExp[] = [
  /^\/stories\/(\d+)\/?$/,
  /^\/articles\/(\d+)\/?$/,
  /^\/api\/v1\/stories\/(\d+)\/?$/,
  /^\/feeds\/stories\/(\d+)\.(?:rss|atom|json)$/,
  /^\/admin\/sources\/(\d+)\/remove\/?$/,
  /^\/api\/admin\/sources\/(\d+)\/[^/]+\/?$/,
];

/**
 * True when a page cursor (`?cursor=`, base64url) names a row id the id column cannot hold: the
 * timeline's "time:id" and the search's {"id": …}. Such a cursor came from no page of ours, and
 * PostgreSQL fails the query it would start. Anything else is left to the routes' own checks.
 */
function cursorIdOutOfRange(value: string): boolean {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(value)) return false;
  const text = Buffer.from(value, "base64url").toString("utf8");
  const keyset = /^-?\d+:(\d+)$/.exec(text);
  if (keyset) return Number(keyset[1]) > MAX_ROW_ID;
  const id = /"id"\s*:\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)/i.exec(text);
  return id !== null && Math.abs(Number(id[1])) > MAX_ROW_ID;
}

function hasNul(text: string): boolean {
  return text.includes("\u0000");
}

/**
 * Checks a request target (`request.url` as node:http gives it: path and query, undecoded). Returns
 * null when the routes may read it, or the status and message to answer with.
 */
export function checkRequestTarget(target: string): InputRejection | null {
  if (target.length > MAX_URL_LENGTH)
    return { status: 400, message: `the address is longer than ${MAX_URL_LENGTH} characters` };
  const queryAt = target.indexOf("?");
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? "" : target.slice(queryAt + 1);
  for (const raw of path.split("/")) {
    const segment = decodePathSegment(raw);
    if (segment === null) return { status: 400, message: "the path is not valid percent-encoding" };
    if (hasNul(segment)) return { status: 400, message: "the path contains a NUL character" };
    if (segment.length > MAX_SEGMENT_LENGTH)
      return {
        status: 404,
        message: `no page has a path segment longer than ${MAX_SEGMENT_LENGTH} characters`,
      };
    // An escaped dot segment (%2e%2e) is no page of ours; Next would resolve it to another route.
    if (segment === "." || segment === "..")
      return { status: 404, message: "no page has a dot segment in its path" };
  }
  for (const route of ID_ROUTES) {
    const match = route.exec(path);
    if (match && parseRowId(match[1]) === null)
      return { status: 404, message: `no such id: ${match[1].slice(0, 20)}` };
  }
  // URLSearchParams never throws: a malformed escape in a query stays as written, which is harmless.
  const params = new URLSearchParams(query);
  for (const [name, value] of params) {
    if (hasNul(name) || hasNul(value))
      return {
        status: 400,
        message: `invalid parameter ${safeName(name)}: it contains a NUL character`,
      };
    if (value.length > MAX_QUERY_VALUE_LENGTH)
      return {
        status: 400,
        message: `invalid parameter ${safeName(name)}: longer than ${MAX_QUERY_VALUE_LENGTH} characters`,
      };
    if (
      ID_PARAMETERS.includes(name) &&
      value.trim() !== "" &&
      /^\s*\d+\s*$/.test(value) &&
      parseRowId(value) === null
    ) {
      return {
        status: 400,
        message: `invalid parameter ${name}: expected an id from 1 to ${MAX_ROW_ID}`,
      };
    }
    if (name === "cursor" && cursorIdOutOfRange(value.trim()))
      return {
        status: 400,
        message: "invalid parameter cursor: expected a cursor from a previous page",
      };
  }
  return null;
}

function safeName(name: string): string {
  return name.replace(/[^\w.-]/g, "?").slice(0, 40);
}

/** The headers every answer of the boundary carries, as proxy.ts gives every page (no script runs here). */
export const REJECTION_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Cache-Control": "no-store",
};

/**
 * The answer to a refused request: the API's `{error: {code, message}}` under /api/, a short page
 * elsewhere (a feed reader shows either as an error), with the security headers.
 */
export function rejectionResponse(
  target: string,
  rejection: InputRejection,
): { status: number; headers: Record<string, string>; body: string } {
  const code = rejection.status === 404 ? "NOT_FOUND" : "BAD_REQUEST";
  if (target.startsWith("/api/")) {
    return {
      status: rejection.status,
      headers: { ...REJECTION_HEADERS, "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify(errorBody(code, rejection.message)),
    };
  }
  const title = rejection.status === 404 ? "404 · Not found" : "400 · Bad request";
  return {
    status: rejection.status,
    headers: { ...REJECTION_HEADERS, "Content-Type": "text/html; charset=utf-8" },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · DisputeWatch</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}a{color:#0b5cad}</style></head>
<body><main><h1>${title}</h1><p role="alert">${escapeHtml(rejection.message)}</p><p><a href="/">DisputeWatch</a></p></main></body></html>`,
  };
}

/**
 * The security headers that do not depend on the page, set on every answer before Next or the page
 * cache writes theirs (proxy.ts sets the same ones and the per-page policy on what it handles), so
 * whatever Next answers by itself (a file it does not have, a path it normalises) carries them too.
 */
export function setBaselineHeaders(response: {
  setHeader(name: string, value: string): unknown;
}): void {
  response.setHeader("X-Content-Type-Options", "nosniff");
  response.setHeader("X-Frame-Options", "DENY");
  response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
}

/**
 * The boundary as the custom server runs it, before Next parses the URL: answers a refused request
 * itself and returns true, or returns false for the routes to handle. Never throws.
 */
export function refuseBadInput(
  request: { url?: string; method?: string },
  response: {
    headersSent: boolean;
    writeHead(status: number, headers: Record<string, string>): unknown;
    end(body?: string): unknown;
  },
): boolean {
  const target = request.url ?? "/";
  const rejection = checkRequestTarget(target);
  if (rejection === null) return false;
  const answer = rejectionResponse(target, rejection);
  if (!response.headersSent)
    response.writeHead(answer.status, {
      ...answer.headers,
      "Content-Length": String(Buffer.byteLength(answer.body)),
    });
  response.end(request.method === "HEAD" ? undefined : answer.body);
  return true;
}
