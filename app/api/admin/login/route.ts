/** POST /api/admin/login: checks the token from the login form and starts a session. */
import { createSessionValue, isHttps, sessionCookieHeader, tokenMatches } from "../../../../lib/auth";
import { ok, seeOther } from "../../../../lib/http/respond";
import { localeOfRequest } from "../../../../components/admin/locale";
import { loginFailedPage } from "../../../../components/admin/login-failed";
import { adminToken, refuse, wantsJson } from "../guard";

export const dynamic = "force-dynamic";

/** A wrong guess costs this long, which makes guessing by the thousand slow. */
const FAILURE_DELAY_MS = 600;

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
  if (!tokenMatches(given, adminToken())) {
    await new Promise((resolve) => setTimeout(resolve, FAILURE_DELAY_MS + Math.floor(Math.random() * 200)));
    const { locale, t } = localeOfRequest(request);
    if (wantsJson(request)) {
      return new Response(JSON.stringify({ error: { code: "UNAUTHORIZED", message: "admin: wrong token" } }), {
        status: 401,
        headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
      });
    }
    return new Response(loginFailedPage(locale, t, given === "" ? t.loginMissing : t.loginFailed), {
      status: 401,
      headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
    });
  }
  const cookie = sessionCookieHeader(createSessionValue(adminToken()!), isHttps(request));
  if (wantsJson(request)) return ok({ ok: true }, { "set-cookie": cookie });
  return seeOther("/admin", { "set-cookie": cookie });
}
