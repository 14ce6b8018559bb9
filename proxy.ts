/**
 * Next 16 proxy (formerly middleware), in front of every page:
 * - a fresh CSP nonce per request, passed to Next in the request headers so it tags its own
 *   scripts, and the policy plus a few hardening headers on the response;
 * - the language switch: `?ui=vi` sets the locale cookie and redirects to the same URL without it,
 *   so a plain link switches language without any client script;
 * - bad timeline and search parameters answer 400 with the message here, because a server
 *   component cannot choose its status code and must never turn them into a 500;
 * - a request id (lib/http/request-id.ts) for what reaches Next, when scripts/serve.ts has not set one.
 */
import { NextResponse, type NextRequest } from "next/server";
import { isAppError } from "./lib/errors";
import { decodeCursor, isCursor, searchCursorKind } from "./lib/cursor";
import { parseClaimTableParams, parseFilters } from "./lib/filters";
import { checkRequestTarget, rejectionResponse } from "./lib/http/input";
import { newNonce } from "./lib/http/nonce";
import { REQUEST_ID_HEADER, requestIdFor } from "./lib/http/request-id";
import { isLocale, LOCALE_COOKIE, LOCALE_PARAM, makeUi, pickLocale } from "./lib/i18n";
import { hasSearchTerms, parseSearchQuery } from "./lib/search/query";
import { interpretQuery } from "./lib/search/understand";
import { escapeHtml } from "./lib/text/html";

/** The Content-Security-Policy for a nonce; dev mode alone needs eval (React's dev tooling). */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

/** The message of a 400 for a page's query string, or null when the page can render it. */
export function badRequestMessage(pathname: string, params: URLSearchParams): string | null {
  try {
    if (pathname === "/") {
      const filters = parseFilters(params);
      if (filters.cursor) decodeCursor(filters.cursor, "time");
    } else if (pathname === "/search") {
      const sort = params.get("sort");
      if (sort && sort !== "relevance" && sort !== "date")
        return "invalid parameter sort: expected relevance or date";
      const query = parseSearchQuery(params.get("q") ?? "");
      const effective = hasSearchTerms(interpretQuery(query).query)
        ? (sort ?? "relevance")
        : "date";
      const cursor = params.get("cursor");
      if (
        cursor &&
        !isCursor(cursor, searchCursorKind(effective === "date" ? "date" : "relevance"))
      )
        return "invalid parameter cursor: expected a cursor from a previous page";
    } else if (pathname === "/claims") {
      parseClaimTableParams(params);
    } else if (
      /^\/claims\/[^/]+\/[^/]+\/[^/]+\/?$/.test(pathname) ||
      /^\/stories\/[^/]+\/?$/.test(pathname)
    ) {
      const page = params.get("page");
      if (page !== null && !/^[1-9]\d{0,5}$/.test(page))
        return "invalid parameter page: expected a page number from 1";
    }
    return null;
  } catch (error) {
    if (isAppError(error, "BAD_REQUEST")) return error.message;
    throw error;
  }
}

function badRequestPage(message: string, request: NextRequest): string {
  const ui = makeUi(
    pickLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get("accept-language")),
  );
  const back = request.nextUrl.pathname === "/search" ? "/search" : "/";
  return `<!doctype html><html lang="${ui.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(ui.t.errors.badRequest)} · DisputeWatch</title><meta name="color-scheme" content="light dark">
<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
code{overflow-wrap:anywhere}a{color:#0b5cad}@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}a{color:#6cb6ff}}</style></head>
<body><main><h1>400 · ${escapeHtml(ui.t.errors.badRequest)}</h1><p role="alert"><code>${escapeHtml(message)}</code></p>
<p><a href="${back}">${escapeHtml(back === "/" ? ui.t.errors.home : ui.t.search.title)}</a></p></main></body></html>`;
}

/** Applies the security headers every answer carries. */
function secure(response: NextResponse, csp: string): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("X-Frame-Options", "DENY");
  return response;
}

/** The proxy itself (see the file comment). */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const url = request.nextUrl;

  // The input boundary (lib/http/input.ts); scripts/serve.ts runs it first, this covers `next start`.
  const target = `${url.pathname}${url.search}`;
  const rejected = checkRequestTarget(target);
  if (rejected) {
    const answer = rejectionResponse(target, rejected);
    return secure(
      new NextResponse(answer.body, { status: answer.status, headers: answer.headers }),
      csp,
    );
  }

  const wanted = url.searchParams.get(LOCALE_PARAM);
  if (wanted !== null && request.method === "GET") {
    const target = url.clone();
    target.searchParams.delete(LOCALE_PARAM);
    const response = NextResponse.redirect(target, 303);
    if (isLocale(wanted)) {
      response.cookies.set(LOCALE_COOKIE, wanted, {
        path: "/",
        maxAge: 60 * 60 * 24 * 365,
        sameSite: "lax",
        httpOnly: true,
      });
    }
    return secure(response, csp);
  }

  const message = badRequestMessage(url.pathname, url.searchParams);
  if (message !== null) {
    return secure(
      new NextResponse(badRequestPage(message, request), {
        status: 400,
        headers: { "content-type": "text/html; charset=utf-8" },
      }),
      csp,
    );
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.set("x-dw-url", `${url.pathname}${url.search}`);
  // scripts/serve.ts has set the request id already; a server started otherwise gets one here.
  const requestId = requestIdFor(request.headers.get(REQUEST_ID_HEADER), true);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("X-Request-Id", requestId);
  return secure(response, csp);
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
