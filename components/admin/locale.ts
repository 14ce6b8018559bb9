/**
 * The admin area's locale, chosen exactly as the public pages choose theirs (lib/i18n): the
 * reader's locale cookie, then Accept-Language, then English.
 */
import { LOCALE_COOKIE, pickLocale } from "@/lib/i18n";
import { adminMessages, type AdminLocale, type AdminMessages } from "@/lib/i18n/messages/admin";
import { readCookie } from "@/lib/auth";

/** The locale and strings for a request seen by a route handler. */
export function localeOfRequest(request: Request): { locale: AdminLocale; t: AdminMessages } {
  const locale = pickLocale(
    readCookie(request.headers.get("cookie"), LOCALE_COOKIE),
    request.headers.get("accept-language"),
  );
  return { locale, t: adminMessages[locale] };
}
