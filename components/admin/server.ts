/**
 * What every admin page needs to know about its request, read through next/headers: the locale,
 * whether the admin area is enabled, and whether the visitor holds a session.
 */
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { SESSION_COOKIE, verifySessionValue } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { adminMessages, type AdminLocale, type AdminMessages } from "@/lib/i18n/messages/admin";
import { LOCALE_COOKIE, pickLocale } from "@/lib/i18n";
import { readFlash, type Flash } from "./flash";

export interface AdminPageContext {
  locale: AdminLocale;
  t: AdminMessages;
  enabled: boolean;
  loggedIn: boolean;
}

/** The locale, the strings and the session state of the current request. */
export async function adminPageContext(): Promise<AdminPageContext> {
  const jar = await cookies();
  const head = await headers();
  const locale = pickLocale(jar.get(LOCALE_COOKIE)?.value, head.get("accept-language"));
  const token = getConfig().ADMIN_TOKEN;
  return {
    locale,
    t: adminMessages[locale],
    enabled: Boolean(token),
    loggedIn: verifySessionValue(jar.get(SESSION_COOKIE)?.value, token),
  };
}

/** The context of a page that needs a session: without one, the visitor goes to the login page. */
export async function requireAdminPage(): Promise<AdminPageContext> {
  const context = await adminPageContext();
  if (!context.enabled || !context.loggedIn) redirect("/admin/login");
  return context;
}

/** An admin page's search parameters, as Next hands them to it. */
export type AdminSearchParams = Promise<Record<string, string | string[] | undefined>>;

/** requireAdminPage, with the page's query and the outcome of the last form post it carries. */
export async function requireAdminPageWithFlash(searchParams: AdminSearchParams): Promise<
  AdminPageContext & {
    query: Record<string, string | string[] | undefined>;
    flash: Flash | null;
  }
> {
  const context = await requireAdminPage();
  const query = await searchParams;
  return { ...context, query, flash: readFlash(context.locale, query) };
}

/** A date and time for the admin tables, in UTC so every admin reads the same thing. */
export function formatWhen(locale: AdminLocale, date: Date | null): string | null {
  if (!date) return null;
  return `${new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date)} UTC`;
}
