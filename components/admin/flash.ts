/**
 * The outcome of a form post, carried to the admin page in the redirect's query string (forms
 * work without JavaScript, so the page after the redirect is where the message shows). Only known
 * message keys and error codes are shown, so a crafted link cannot put arbitrary sentences there.
 */
import { adminErrorText, adminMessages, format, type AdminLocale } from "@/lib/i18n/messages/admin";

const NOTICE_KEYS = [
  "added",
  "addedDiscovered",
  "alreadyThere",
  "pausedDone",
  "resumed",
  "refreshed",
  "refreshUnchanged",
  "refreshFailed",
  "removed",
  "imported",
  "loggedOut",
  "sampleRemoved",
  "retried",
] as const;
export type NoticeKey = (typeof NOTICE_KEYS)[number];
const VALUE_KEYS = [
  "title",
  "from",
  "items",
  "stored",
  "added",
  "existing",
  "invalid",
  "articles",
  "stories",
  "sources",
  "status",
] as const;

/** A path with the outcome in its query: `notice` (a message key) or `error` (an error code), plus values. */
export function flashPath(
  path: string,
  flash: {
    notice?: NoticeKey;
    error?: string;
    values?: Record<string, string | number | null | undefined>;
  },
): string {
  const params = new URLSearchParams();
  if (flash.notice) params.set("notice", flash.notice);
  if (flash.error) params.set("error", flash.error);
  for (const [key, value] of Object.entries(flash.values ?? {})) {
    if (value !== null && value !== undefined && value !== "")
      params.set(key, String(value).slice(0, 300));
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

export interface Flash {
  kind: "notice" | "error";
  text: string;
  /** For an error of the add-source form (the URL it was given comes back): shown beside the form. */
  forAddForm: boolean;
}

/** The message a page should show for its query, or null. */
export function readFlash(
  locale: AdminLocale,
  query: Record<string, string | string[] | undefined>,
): Flash | null {
  const one = (key: string) => {
    const value = query[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const t = adminMessages[locale];
  const error = one("error");
  if (error && /^[A-Z_]{2,40}$/.test(error))
    return {
      kind: "error",
      text: `${t.errorPrefix} ${adminErrorText(locale, error, { status: one("status") })}`,
      forAddForm: one("form") === "add",
    };
  const notice = one("notice");
  if (notice && (NOTICE_KEYS as readonly string[]).includes(notice)) {
    const values: Record<string, string> = {};
    for (const key of VALUE_KEYS) values[key] = one(key) ?? "";
    return { kind: "notice", text: format(t[notice as NoticeKey], values), forAddForm: false };
  }
  return null;
}
