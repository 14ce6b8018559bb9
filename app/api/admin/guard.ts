/**
 * The checks every admin route handler makes before it does anything: the admin area is enabled,
 * a state-changing request comes from this site, and the caller holds a session.
 */
import { hasSession } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { originProblem, servedOverHttps } from "@/lib/http/origin";
import { forbidden, unauthorized } from "@/lib/http/respond";

/** The admin token, or null when the admin area is disabled. */
export function adminToken(): string | null {
  return getConfig().ADMIN_TOKEN ?? null;
}

/**
 * A refusal for this request, or null when it may go on. `mutation` adds the Origin check;
 * `session` (default true) requires a logged-in caller.
 */
export function refuse(
  request: Request,
  options: { mutation: boolean; session?: boolean },
): Response | null {
  const config = getConfig();
  const token = config.ADMIN_TOKEN;
  if (!token)
    return forbidden(
      "admin: the admin area is disabled; set ADMIN_TOKEN (at least 12 characters) and restart",
    );
  if (options.mutation) {
    const problem = originProblem(request.headers, config.PUBLIC_URL ?? null, {
      https: servedOverHttps(request.headers, transportOf()),
    });
    if (problem)
      return forbidden(
        `admin: refused, ${problem} (behind a proxy, set PUBLIC_URL to the address users open)`,
      );
  }
  if (options.session !== false && !hasSession(request, token))
    return unauthorized("admin: login required");
  return null;
}

/** What decides whether a request was served over https (PUBLIC_URL, trusted proxies): for the Origin check and the cookie. */
export function transportOf(): { publicUrl: string | null; trustedProxies: number } {
  const config = getConfig();
  return { publicUrl: config.PUBLIC_URL ?? null, trustedProxies: config.TRUSTED_PROXIES };
}

/** True when the caller asked for JSON rather than a page (scripts rather than forms). */
export function wantsJson(request: Request): boolean {
  const accept = request.headers.get("accept") ?? "";
  return accept.includes("application/json") && !accept.includes("text/html");
}
