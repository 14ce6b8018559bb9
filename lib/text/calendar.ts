/**
 * English month and weekday names, lower case: the one list of them for every reader of dates in
 * text (sentence splitting keeps "Jan." inside a sentence, the entity tagger never takes a month
 * or a weekday for a name, search reads "January 2025" as a date range, story summaries drop
 * "on Monday"). Other languages' names stay with the one rule that uses them.
 */

/** The months, January first, each with its abbreviations ("may" has none). */
export const ENGLISH_MONTHS: readonly { name: string; abbreviations: readonly string[] }[] = [
  { name: "january", abbreviations: ["jan"] },
  { name: "february", abbreviations: ["feb"] },
  { name: "march", abbreviations: ["mar"] },
  { name: "april", abbreviations: ["apr"] },
  { name: "may", abbreviations: [] },
  { name: "june", abbreviations: ["jun"] },
  { name: "july", abbreviations: ["jul"] },
  { name: "august", abbreviations: ["aug"] },
  { name: "september", abbreviations: ["sep", "sept"] },
  { name: "october", abbreviations: ["oct"] },
  { name: "november", abbreviations: ["nov"] },
  { name: "december", abbreviations: ["dec"] },
];

/** "january" … "december". */
export const ENGLISH_MONTH_NAMES: readonly string[] = ENGLISH_MONTHS.map((m) => m.name);

/** "jan" … "dec", "sept" too. */
export const ENGLISH_MONTH_ABBREVIATIONS: readonly string[] = ENGLISH_MONTHS.flatMap(
  (m) => m.abbreviations,
);

/** Every English name and abbreviation of a month with its number (1-12). */
export const ENGLISH_MONTH_NUMBERS: Readonly<Record<string, number>> = Object.fromEntries(
  ENGLISH_MONTHS.flatMap((m, index) =>
    [m.name, ...m.abbreviations].map((word) => [word, index + 1] as const),
  ),
);

/** "monday" … "sunday". */
export const ENGLISH_WEEKDAYS: readonly string[] = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
];

/** "mon" … "sun". */
export const ENGLISH_WEEKDAY_ABBREVIATIONS: readonly string[] = ENGLISH_WEEKDAYS.map((day) =>
  day.slice(0, 3),
);
