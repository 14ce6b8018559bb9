/**
 * Cross-site request refusal for every state-changing request: the Origin header (or, when a
 * browser sent none, the Referer) must name this very origin (scheme, host and port: the Host header
 * with the scheme the request was served over), or the configured public URL when the app runs
 * behind a proxy that rewrites Host. A request with neither header is refused too: every browser
 * that submits our forms sends one, so only a forged or stripped request lacks both.
 *
 * Whether a request was served over https is never the client's word: our server speaks plain HTTP,
 * so it is https only when PUBLIC_URL says so or a proxy of ours (TRUSTED_PROXIES) says so in
 * X-Forwarded-Proto. That decides the Origin's scheme, the session cookie's Secure flag and HSTS.
 */

function originOf(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/**
 * Why a request's origin is refused, or null when it is allowed. `publicUrl` is PUBLIC_URL (the
 * origin users reach the app at); the request's own Host header is always allowed.
 */
export function originProblem(
  headers: Headers,
  publicUrl?: string | null,
  options: { https?: boolean } = {},
): string | null {
  const origin = headers.get("origin");
  const referer = headers.get("referer");
  let claimed: URL | null;
  if (origin !== null && origin !== "") {
    if (origin === "null") return "the request came from an opaque origin";
    claimed = originOf(origin);
    if (!claimed) return "the Origin header is not an http(s) origin";
  } else if (referer) {
    claimed = originOf(referer);
    if (!claimed) return "the Referer header is not an http(s) URL";
  } else {
    return "the request carries neither an Origin nor a Referer header";
  }
  const host = headers.get("host")?.toLowerCase();
  const own = host ? originOf(`${options.https ? "https" : "http"}://${host}`) : null;
  if (own && claimed.origin === own.origin) return null;
  const trusted = publicUrl ? originOf(publicUrl) : null;
  if (trusted && trusted.origin === claimed.origin) return null;
  return `the request came from ${claimed.origin}, not from this site`;
}

/** True when the request's Origin (or Referer) is this site. */
export function isSameOrigin(
  request: Request,
  publicUrl?: string | null,
  options: { https?: boolean } = {},
): boolean {
  return originProblem(request.headers, publicUrl, options) === null;
}

/**
 * True when the request reached the app over https: PUBLIC_URL is an https URL, or a proxy of ours
 * (`trustedProxies` > 0) set X-Forwarded-Proto to https. With no trusted proxy the header is the
 * client's own and ignored. Proxies that append rather than set it leave the scheme the outermost
 * one saw `trustedProxies` entries from the right.
 */
export function servedOverHttps(
  headers: Headers,
  options: { publicUrl?: string | null; trustedProxies?: number },
): boolean {
  if (options.publicUrl && originOf(options.publicUrl)?.protocol === "https:") return true;
  const proxies = options.trustedProxies ?? 0;
  if (proxies <= 0) return false;
  const entries = (headers.get("x-forwarded-proto") ?? "")
    .split(",")
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
  if (entries.length === 0) return false;
  return entries[Math.max(0, entries.length - proxies)] === "https";
}

/** The Strict-Transport-Security value sent with every answer served over https. */
export const HSTS_VALUE = "max-age=31536000";

/**
 * What the web server (scripts/serve.ts) does for the transport before anyone reads a request: a
 * client's own X-Forwarded-Proto is dropped when no proxy of ours is in front (so neither we nor Next
 * take its word for https), and an answer served over https gets HSTS.
 */
export function applyTransportSecurity(
  request: { headers: Record<string, string | string[] | undefined> },
  response: { setHeader(name: string, value: string): unknown },
  options: { publicUrl?: string | null; trustedProxies: number },
): void {
  if (options.trustedProxies <= 0) delete request.headers["x-forwarded-proto"];
  const proto = request.headers["x-forwarded-proto"];
  const headers = new Headers();
  if (proto !== undefined)
    headers.set("x-forwarded-proto", Array.isArray(proto) ? proto.join(", ") : proto);
  if (servedOverHttps(headers, options))
    response.setHeader("Strict-Transport-Security", HSTS_VALUE);
}
