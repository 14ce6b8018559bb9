/**
 * Cross-site request refusal for every state-changing request: the Origin header (or, when a
 * browser sent none, the Referer) must name this very host, or the configured public URL when the
 * app runs behind a proxy that rewrites Host. A request with neither header is refused too: every
 * browser that submits our forms sends one, so only a forged or stripped request lacks both.
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
export function originProblem(headers: Headers, publicUrl?: string | null): string | null {
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
  if (host && claimed.host.toLowerCase() === host) return null;
  const trusted = publicUrl ? originOf(publicUrl) : null;
  if (trusted && trusted.origin === claimed.origin) return null;
  return `the request came from ${claimed.origin}, not from this site`;
}

/** True when the request's Origin (or Referer) is this site. */
export function isSameOrigin(request: Request, publicUrl?: string | null): boolean {
  return originProblem(request.headers, publicUrl) === null;
}
