/**
 * The admin area's locale: the `lang` cookie when it names a locale we have, otherwise the first
 * supported language of Accept-Language, otherwise English.
 */
import { adminMessages, type AdminLocale, type AdminMessages } from "../../lib/i18n/messages/admin";

/** Picks a locale from a `lang` cookie value and an Accept-Language header. */
export function pickLocale(cookieLang: string | null | undefined, acceptLanguage: string | null | undefined): AdminLocale {
  if (cookieLang === "vi" || cookieLang === "en") return cookieLang;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.split("-")[0], q: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) if (entry.tag === "vi" || entry.tag === "en") return entry.tag;
  return "en";
}

/** The locale and strings for a request seen by a route handler. */
export function localeOfRequest(request: Request): { locale: AdminLocale; t: AdminMessages } {
  const cookie = /(?:^|;\s*)lang=([^;]*)/.exec(request.headers.get("cookie") ?? "")?.[1] ?? null;
  const locale = pickLocale(cookie, request.headers.get("accept-language"));
  return { locale, t: adminMessages[locale] };
}
