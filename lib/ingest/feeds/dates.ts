/**
 * Feed dates: RFC 822/2822 (RSS) with the odd zones and two-digit years real feeds write, and
 * W3CDTF/ISO 8601 (Atom, Dublin Core, JSON Feed) including partial dates, read as UTC.
 */

const MONTHS: Record<string, number> = {
  jan: 0,
  feb: 1,
  mar: 2,
  apr: 3,
  may: 4,
  jun: 5,
  jul: 6,
  aug: 7,
  sep: 8,
  oct: 9,
  nov: 10,
  dec: 11,
};

const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  AST: -240,
  ADT: -180,
  NST: -210,
  NDT: -150,
  BST: 60,
  IST: 330,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  WEST: 60,
  MSK: 180,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  ICT: 420,
  AEST: 600,
  AEDT: 660,
  ACST: 570,
  AWST: 480,
  NZST: 720,
  NZDT: 780,
};

function zoneOffsetMinutes(zone: string): number | null {
  const z = zone.trim().replace(/^\(|\)$/g, "");
  if (z === "") return 0; // no zone given: RFC 822 readers, like every feed reader, assume UTC
  const numeric = /^(?:GMT|UTC|UT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(z);
  if (numeric) {
    const sign = numeric[1] === "-" ? -1 : 1;
    const hours = Number(numeric[2]);
    const minutes = Number(numeric[3] ?? 0);
    if (hours > 14 || minutes > 59) return null;
    return sign * (hours * 60 + minutes);
  }
  const named = ZONES[z.toUpperCase().split(/\s+/)[0]];
  if (named !== undefined) return named;
  // RFC 822 military zones are notoriously misused; RFC 2822 says to read them as UTC.
  if (/^[A-IK-Za-ik-z]$/.test(z)) return 0;
  return null;
}

function utcDate(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  off: number,
) {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return null;
  const time = Date.UTC(y, mo, d, h, mi, Math.min(s, 59), ms) - off * 60_000;
  const date = new Date(time);
  if (Number.isNaN(time) || date.getUTCFullYear() < 1900 || date.getUTCFullYear() > 2200)
    return null;
  return date;
}

/**
 * Parses a feed date (RFC 822/2822 with odd zones and two-digit years, W3CDTF/ISO 8601 including
 * partial dates) into a UTC Date, or null when the string is not a date we can trust.
 */
export function parseFeedDate(input: string | null | undefined): Date | null {
  if (!input) return null;
  if (input.length > 200) return null;
  const s = input.trim().replace(/\s+/g, " ");
  if (!s) return null;
  const iso =
    /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[Tt ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      s,
    ) ??
    /^(\d{4})(\d{2})(\d{2})(?:[Tt](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      s,
    );
  if (iso) {
    const [, y, mo, d, h, mi, sec, frac, zone] = iso;
    const off = zone ? zoneOffsetMinutes(zone.toUpperCase()) : 0;
    if (off === null) return null;
    const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
    return utcDate(
      Number(y),
      Number(mo ?? 1) - 1,
      Number(d ?? 1),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(sec ?? 0),
      Math.min(ms, 999),
      off,
    );
  }
  const rfc =
    /^(?:[A-Za-z]{2,10}\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,10})\.?,?[\s-]+(\d{2,4}),?(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(.*)$/.exec(
      s,
    );
  const rfcMonthFirst =
    rfc ??
    /^(?:[A-Za-z]{2,10}\.?,?\s*)?([A-Za-z]{3,10})\.?\s+(\d{1,2}),?\s+(\d{4}),?(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(.*)$/.exec(
      s,
    );
  if (rfcMonthFirst) {
    const m = rfcMonthFirst;
    const [dayStr, monStr] = rfc ? [m[1], m[2]] : [m[2], m[1]];
    const month = MONTHS[monStr.slice(0, 3).toLowerCase()];
    if (month !== undefined) {
      let year = Number(m[3]);
      if (m[3].length === 2) year += year < 50 ? 2000 : 1900;
      else if (m[3].length === 3) year += 1900;
      let zone = (m[7] ?? "").trim();
      let hour = Number(m[4] ?? 0);
      const ampm = /^(AM|PM)\b\s*/i.exec(zone);
      if (ampm) {
        if (ampm[1].toUpperCase() === "PM" && hour < 12) hour += 12;
        if (ampm[1].toUpperCase() === "AM" && hour === 12) hour = 0;
        zone = zone.slice(ampm[0].length);
      }
      const off = zoneOffsetMinutes(zone);
      if (off === null && /^[+-]\d/.test(zone)) return null; // a numeric zone out of range is a broken date
      if (off !== null) {
        return utcDate(
          year,
          month,
          Number(dayStr),
          hour,
          Number(m[5] ?? 0),
          Number(m[6] ?? 0),
          0,
          off,
        );
      }
    }
  }
  const fallback = Date.parse(/(?:Z|[+-]\d{2}:?\d{2}|GMT|UTC)\b/i.test(s) ? s : `${s} UTC`);
  if (Number.isNaN(fallback)) return null;
  const date = new Date(fallback);
  return date.getUTCFullYear() < 1900 || date.getUTCFullYear() > 2200 ? null : date;
}
