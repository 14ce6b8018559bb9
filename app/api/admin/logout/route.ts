/** POST /api/admin/logout: ends the session (the cookie is cleared; its value is not usable elsewhere). */
import { clearSessionCookieHeader, isHttps } from "@/lib/auth";
import { ok, seeOther } from "@/lib/http/respond";
import { flashPath } from "@/components/admin/flash";
import { refuse, transportOf, wantsJson } from "@/app/api/admin/guard";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const refused = refuse(request, { mutation: true, session: false });
  if (refused) return refused;
  const cookie = clearSessionCookieHeader(isHttps(request, transportOf()));
  if (wantsJson(request)) return ok({ ok: true }, { "set-cookie": cookie });
  return seeOther(flashPath("/admin/login", { notice: "loggedOut" }), { "set-cookie": cookie });
}
