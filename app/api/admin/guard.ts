/**
 * The checks every admin route handler makes before it does anything: the admin area is enabled,
 * a state-changing request comes from this site, and the caller holds a session.
 */
import { hasSession } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { AppError, errorMessage } from "@/lib/errors";
import { originProblem, servedOverHttps } from "@/lib/http/origin";
import { forbidden, fromError, seeOther, unauthorized } from "@/lib/http/respond";
import { requestLogger } from "@/lib/log";

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

/**
 * The skeleton of an admin form post (behind a session, from this site): `run` answers, told
 * whether the caller wants JSON. What it throws is logged when it was not raised on purpose
 * (`logPrefix` names the route, or says what it was doing), then answered as the API's error body to a script, or for a form
 * as a redirect to `failedPath(code)`, the page to go back to with the error's code.
 */
export async function adminPost(
  request: Request,
  handlers: {
    logPrefix: string | (() => string);
    failedPath: (code: string, error: unknown) => string;
  },
  run: (asJson: boolean) => Promise<Response>,
): Promise<Response> {
  const refused = refuse(request, { mutation: true });
  if (refused) return refused;
  const asJson = wantsJson(request);
  try {
    return await run(asJson);
  } catch (error) {
    if (!(error instanceof AppError)) {
      const prefix =
        typeof handlers.logPrefix === "string" ? handlers.logPrefix : handlers.logPrefix();
      requestLogger(request).error(`${prefix}: ${errorMessage(error)}`);
    }
    if (asJson) return fromError(error);
    return seeOther(
      handlers.failedPath(error instanceof AppError ? error.code : "INTERNAL", error),
    );
  }
}
