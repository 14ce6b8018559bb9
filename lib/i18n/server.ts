/**
 * The reader's Ui inside a request: locale from the cookie or Accept-Language, time zone from its
 * cookie. Reading headers makes the page dynamic, which the CSP nonce needs anyway.
 */
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, makeUi, pickLocale, pickTimeZone, TZ_COOKIE, type Ui } from "./index";

/** The Ui of the current request. */
export async function getUi(): Promise<Ui> {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  const locale = pickLocale(jar.get(LOCALE_COOKIE)?.value, head.get("accept-language"));
  return makeUi(locale, pickTimeZone(jar.get(TZ_COOKIE)?.value));
}

/** The path and query of the current request, as the proxy recorded it (for the language switch). */
export async function currentUrl(): Promise<string> {
  const head = await headers();
  return head.get("x-dw-url") ?? "/";
}
