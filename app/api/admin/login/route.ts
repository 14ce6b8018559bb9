/**
 * POST /api/admin/login: checks the token from the login form and starts a session. Wrong tokens
 * are limited per address and overall, with lockouts that back off (lib/http/login-limit.ts); a
 * locked-out login answers 429 with Retry-After before its token is looked at.
 */
import { clientKey } from "@/lib/api/rate-limit";
import { createSessionValue, isHttps, sessionCookieHeader, tokenMatches } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { sharedLoginLimiter, type LoginLock } from "@/lib/http/login-limit";
import { ok, seeOther } from "@/lib/http/respond";
import { localeOfRequest } from "@/components/admin/locale";
import { loginFailedPage } from "@/components/admin/login-failed";
import { adminToken, refuse, transportOf, wantsJson } from "@/app/api/admin/guard";

export const dynamic = "force-dynamic";

/** A wrong guess costs this long, which makes guessing by the thousand slow. */
const FAILURE_DELAY_MS = 600;

/** This process's login limiter: its share of the configured limits (the web workers take requests in turn). */
function limiter() {
  const config = getConfig();
  const share = (limit: number) => Math.max(1, Math.ceil(limit / config.DW_WEB_WORKERS));
  return sharedLoginLimiter({
    maxFailures: share(config.LOGIN_MAX_FAILURES),
    maxFailuresGlobal: share(config.LOGIN_MAX_FAILURES_GLOBAL),
    lockoutMs: config.LOGIN_LOCKOUT_SECONDS * 1000,
  });
}

function lockedOut(request: Request, lock: LoginLock): Response {
  const message =
    lock.scope === "address"
      ? `admin: too many wrong tokens from this address; try again in ${lock.retryAfter} s`
      : `admin: too many wrong tokens; every login is paused for ${lock.retryAfter} s`;
  const headers = { "cache-control": "no-store", "retry-after": String(lock.retryAfter) };
  if (wantsJson(request)) {
    return new Response(JSON.stringify({ error: { code: "RATE_LIMITED", message } }), {
      status: 429,
      headers: { ...headers, "content-type": "application/json; charset=utf-8" },
    });
  }
  const { locale, t } = localeOfRequest(request);
  return new Response(
    loginFailedPage(locale, t, t.loginLocked.replace("{seconds}", String(lock.retryAfter))),
    { status: 429, headers: { ...headers, "content-type": "text/html; charset=utf-8" } },
  );
}

export async function POST(request: Request): Promise<Response> {
  const refused = refuse(request, { mutation: true, session: false });
  if (refused) return refused;
  let given = "";
  try {
    const form = await request.formData();
    const value = form.get("token");
    given = typeof value === "string" ? value.trim() : "";
  } catch {
    given = "";
  }
  // Check, compare and count in one tick, so guesses sent in parallel are each counted.
  const address = clientKey(request, getConfig().TRUSTED_PROXIES);
  const limits = limiter();
  const lock = limits.check(address);
  if (lock) return lockedOut(request, lock);
  if (!tokenMatches(given, adminToken())) {
    limits.fail(address);
    await new Promise((resolve) =>
      setTimeout(resolve, FAILURE_DELAY_MS + Math.floor(Math.random() * 200)),
    );
    if (wantsJson(request)) {
      return new Response(
        JSON.stringify({ error: { code: "UNAUTHORIZED", message: "admin: wrong token" } }),
        {
          status: 401,
          headers: {
            "content-type": "application/json; charset=utf-8",
            "cache-control": "no-store",
          },
        },
      );
    }
    // Back to the login page, which shows why in the app's own frame; reloading it posts nothing.
    return seeOther(`/admin/login?login=${given === "" ? "missing" : "wrong"}`, {
      "cache-control": "no-store",
    });
  }
  limits.succeed(address);
  const cookie = sessionCookieHeader(
    createSessionValue(adminToken()!),
    isHttps(request, transportOf()),
  );
  if (wantsJson(request)) return ok({ ok: true }, { "set-cookie": cookie });
  return seeOther("/admin", { "set-cookie": cookie });
}
