/**
 * Digest periods (days and ISO weeks, Monday first) in a time zone. Pure: the caller passes "now"
 * and the zone. Periods are calendar days of the zone, so a day across a DST change is 23 or 25
 * hours long, as a reader there expects.
 */
import { AppError } from "@/lib/errors";
import type { DigestPeriod } from "@/lib/urls";

export interface Period {
  /** "2025-01-15" for a day, "2025-W03" for an ISO week: stable, goes into the item id. */
  key: string;
  /** Inclusive start instant. */
  start: Date;
  /** Exclusive end instant. */
  end: Date;
  /** First and last local calendar dates (YYYY-MM-DD), for titles and timeline links. */
  firstDate: string;
  lastDate: string;
}

/** Checks an IANA time zone name; BAD_REQUEST naming `parameter` when the runtime does not know it. */
export function parseTimeZone(value: string, parameter = "tz"): string {
  const zone = value.trim();
  if (zone === "" || zone.length > 64)
    throw new AppError(
      "BAD_REQUEST",
      `invalid parameter ${parameter}: expected an IANA time zone such as Asia/Ho_Chi_Minh`,
      { parameter },
    );
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    // The name as given, not ICU's canonical one (Asia/Ho_Chi_Minh would come back Asia/Saigon): it goes into ids.
    return zone;
  } catch {
    throw new AppError(
      "BAD_REQUEST",
      `invalid parameter ${parameter}: unknown time zone "${zone}" (expected an IANA name such as Asia/Ho_Chi_Minh)`,
      { parameter },
    );
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(
  instant: number,
  zone: string,
): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(instant)))
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  return {
    y: parts.year,
    m: parts.month,
    d: parts.day,
    h: parts.hour === 24 ? 0 : parts.hour,
    mi: parts.minute,
    s: parts.second,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  const w = wallClock(instant, zone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s) - Math.floor(instant / 1000) * 1000;
}

/** The instant a local calendar date begins in a zone (midnight, or the first valid time after a gap). */
function startOfLocalDate(y: number, m: number, d: number, zone: string): Date {
  const naive = Date.UTC(y, m - 1, d);
  let guess = naive - offsetAt(naive, zone);
  // Twice: the offset at the first guess can differ from the one at the answer across a DST change.
  guess = naive - offsetAt(guess, zone);
  const w = wallClock(guess, zone);
  if (w.d !== d) guess = naive - offsetAt(guess + 3_600_000, zone);
  return new Date(guess);
}

function isoDate(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}

/** The period (day or ISO week) containing an instant, in a zone. */
export function periodOf(instant: Date, period: DigestPeriod, zone: string): Period {
  const w = wallClock(instant.getTime(), zone);
  // Calendar arithmetic on a UTC-midnight stand-in for the local date.
  let first = Date.UTC(w.y, w.m - 1, w.d);
  let days = 1;
  let key = isoDate(first);
  if (period === "weekly") {
    const weekday = (new Date(first).getUTCDay() + 6) % 7; // Monday 0
    first -= weekday * 86_400_000;
    days = 7;
    // ISO week: the week belongs to the year of its Thursday.
    const thursday = new Date(first + 3 * 86_400_000);
    const year = thursday.getUTCFullYear();
    const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
    key = `${year}-W${String(week).padStart(2, "0")}`;
  }
  const last = first + (days - 1) * 86_400_000;
  const after = first + days * 86_400_000;
  const startDate = new Date(first);
  const endDate = new Date(after);
  return {
    key,
    start: startOfLocalDate(
      startDate.getUTCFullYear(),
      startDate.getUTCMonth() + 1,
      startDate.getUTCDate(),
      zone,
    ),
    end: startOfLocalDate(
      endDate.getUTCFullYear(),
      endDate.getUTCMonth() + 1,
      endDate.getUTCDate(),
      zone,
    ),
    firstDate: isoDate(first),
    lastDate: isoDate(last),
  };
}

/** The current period and the `count - 1` completed ones before it, newest first. */
export function recentPeriods(
  now: Date,
  period: DigestPeriod,
  zone: string,
  count: number,
): Period[] {
  const periods: Period[] = [];
  let cursor = now;
  for (let i = 0; i < count; i++) {
    const current = periodOf(cursor, period, zone);
    periods.push(current);
    cursor = new Date(current.start.getTime() - 1);
  }
  return periods;
}
