/**
 * Interface language and date formatting. Pure: the locale comes from a cookie value and an
 * Accept-Language header handed in by the caller (lib/i18n/server.ts reads them in a request).
 */
import { en, type Messages } from "./messages/en";
import { vi } from "./messages/vi";

export const LOCALES = ["en", "vi"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** Cookie holding the reader's explicit choice; it wins over Accept-Language. */
export const LOCALE_COOKIE = "dw_locale";
/** Cookie holding an IANA time zone for dates; UTC without it. */
export const TZ_COOKIE = "dw_tz";
/** Query parameter the proxy turns into LOCALE_COOKIE (a plain link switches language, no script). */
export const LOCALE_PARAM = "ui";

const MESSAGES: Record<Locale, Messages> = { en, vi };

/** True for a locale we have messages for. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The interface locale: the cookie when it names one of ours, else the best Accept-Language match
 * by q-value (primary subtag only: "vi-VN" is vi), else English.
 */
export function pickLocale(
  cookie: string | undefined | null,
  acceptLanguage: string | undefined | null,
): Locale {
  if (isLocale(cookie)) return cookie;
  const ranges = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      return {
        tag: (tag ?? "").trim().toLowerCase().split("-")[0] ?? "",
        q: q ? Number(q[1]) : 1,
        index,
      };
    })
    .filter((range) => range.tag && range.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const range of ranges) if (isLocale(range.tag)) return range.tag;
  return DEFAULT_LOCALE;
}

/** The messages of a locale. */
export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}

/** A valid IANA time zone from a cookie value, or UTC. */
export function pickTimeZone(value: string | undefined | null): string {
  if (!value) return "UTC";
  if (FORMATTERS.has(`en|${value}`) || FORMATTERS.has(`vi|${value}`)) return value;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value;
  } catch {
    return "UTC";
  }
}

/**
 * Formatters per locale and time zone, made once: building an Intl.DateTimeFormat costs more
 * than formatting hundreds of dates, and every page needs them. Bounded, since the time zone
 * comes from a cookie.
 */
const FORMATTERS = new Map<string, ReturnType<typeof makeDateFormatters>>();
const MAX_FORMATTERS = 200;

/** Date formatters bound to a locale and time zone (Intl does the Vietnamese month names and order). */
export function dateFormatters(
  locale: Locale,
  timeZone: string,
): ReturnType<typeof makeDateFormatters> {
  const key = `${locale}|${timeZone}`;
  let formatters = FORMATTERS.get(key);
  if (!formatters) {
    formatters = makeDateFormatters(locale, timeZone);
    if (FORMATTERS.size >= MAX_FORMATTERS) FORMATTERS.clear();
    FORMATTERS.set(key, formatters);
  }
  return formatters;
}

function makeDateFormatters(locale: Locale, timeZone: string) {
  const tag = locale === "vi" ? "vi-VN" : "en-GB";
  const day = new Intl.DateTimeFormat(tag, {
    timeZone,
    day: "numeric",
    month: "long",
    year: "numeric",
  });
  const short = new Intl.DateTimeFormat(tag, {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
  });
  const weekday = new Intl.DateTimeFormat(tag, {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  });
  const dateTime = new Intl.DateTimeFormat(tag, {
    timeZone,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
  const month = new Intl.DateTimeFormat(tag, { timeZone, month: "short", year: "numeric" });
  const wrap = (f: Intl.DateTimeFormat) => (value: Date | string | null | undefined) => {
    if (value === null || value === undefined) return "";
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? "" : f.format(date);
  };
  /** YYYY-MM-DD of a date in the time zone (for grouping by the reader's day). */
  const isoDayFormat = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  const isoDay = (value: Date) => isoDayFormat.format(value);
  return {
    day: wrap(day),
    short: wrap(short),
    weekday: wrap(weekday),
    dateTime: wrap(dateTime),
    month: wrap(month),
    isoDay,
  };
}

export type DateFormatters = ReturnType<typeof makeDateFormatters>;

const DISPLAY_NAMES = new Map<Locale, Intl.DisplayNames>();

/**
 * A language's name from its code in the interface language, for the languages our messages do not
 * name (articles come in any language): "fr" is "French", or "tiếng Pháp" in running Vietnamese
 * text. A code Intl does not know stays as it is.
 */
function languageName(locale: Locale, code: string): string {
  let names = DISPLAY_NAMES.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: "language", fallback: "none" });
    DISPLAY_NAMES.set(locale, names);
  }
  try {
    const name = code === "und" ? undefined : names.of(code);
    if (!name || name === code) return code;
    return locale === "vi" ? name.charAt(0).toLocaleLowerCase("vi") + name.slice(1) : name;
  } catch {
    return code; // not a well-formed language tag
  }
}

/** Everything a page needs to speak the reader's language. */
export interface Ui {
  locale: Locale;
  t: Messages;
  timeZone: string;
  dates: DateFormatters;
  /** A claim type in words ("distillation" -> "chưng cất mô hình"). */
  claimType(type: string): string;
  stance(stance: string): string;
  kind(kind: string): string;
  language(code: string): string;
  /** A quoted sentence: in quotation marks, unless it carries double quotes of its own. */
  quote(sentence: string): string;
}

/** Builds the Ui of a locale and time zone. */
export function makeUi(locale: Locale, timeZone = "UTC"): Ui {
  const t = messagesFor(locale);
  return {
    locale,
    t,
    timeZone,
    dates: dateFormatters(locale, timeZone),
    claimType: (type) => t.claimTypes[type] ?? type.replace(/_/g, " "),
    stance: (stance) => t.stances[stance] ?? stance,
    kind: (kind) => t.kinds[kind] ?? kind,
    language: (code) => t.languages[code] ?? languageName(locale, code),
    quote: quoteSentence,
  };
}

/**
 * A sentence in “ ” marks. One that quotes somebody itself ("\"We know…,\" OpenAI said") is shown
 * as it is: marks around it would stand next to its own.
 */
export function quoteSentence(sentence: string): string {
  return /["“”«»„]/.test(sentence) ? sentence : `“${sentence}”`;
}
