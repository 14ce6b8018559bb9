/**
 * Relative dates ("this week", "on Wednesday", "hôm qua") in summary sentences. Each is true only
 * from the day its article was written: a story summary that joins sentences from articles weeks
 * apart would say "this week" of two different weeks, so there they are taken out (the story page
 * dates every article). Pure; the phrases are data per language, matched case-insensitively on
 * word boundaries.
 */
import { ENGLISH_WEEKDAYS } from "@/lib/text/calendar";

const EN_DAY = `(?:${ENGLISH_WEEKDAYS.join("|")})`;
const EN_PART = "(?:morning|afternoon|evening|night)";
const FR_DAY = "(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)";
const DE_DAY = "(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)";
const ES_DAY = "(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)";
const VI_DAY = "(?:thứ (?:hai|ba|tư|năm|sáu|bảy)|chủ nhật)";

/** Phrases per language, longest first where one contains another. */
const PHRASES: Record<string, string[]> = {
  en: [
    `(?:earlier|later|early|late) (?:this|last|next) (?:week|month|year|weekend)`,
    `(?:this|last|next|past) (?:week|month|year|weekend)`,
    `(?:earlier|later) (?:today|this ${EN_PART})`,
    `(?:on |last |this |next )?${EN_DAY}(?: ${EN_PART})?`,
    `(?:this ${EN_PART}|last night|yesterday|today|tomorrow|tonight)`,
    `(?:a|one|two|three) (?:days?|weeks?) ago`,
  ],
  vi: [
    `(?:đầu|cuối|giữa) (?:tuần|tháng|năm) (?:này|trước|qua|sau|tới)`,
    `(?:tuần|tháng) (?:này|trước|qua|tới|sau)`,
    `năm (?:nay|ngoái|qua|tới)`,
    `(?:vào )?(?:hôm |ngày )?${VI_DAY}(?: (?:tuần )?(?:này|trước|qua|tới))?`,
    `(?:hôm qua|hôm nay|sáng nay|chiều nay|tối nay|tối qua|đêm qua|ngày mai)`,
  ],
  fr: [
    `(?:cette|la) semaine(?: dernière| prochaine)?`,
    `(?:ce|le) mois(?: dernier| prochain)?`,
    `(?:l'année|l’année) dernière`,
    `${FR_DAY}(?: dernier| prochain)?`,
    `(?:hier|aujourd'hui|aujourd’hui|demain)`,
  ],
  de: [
    `(?:diese|letzte|vergangene|nächste) woche`,
    `(?:diesen|letzten|vergangenen|nächsten) monat`,
    `(?:am )?${DE_DAY}`,
    `(?:gestern|heute|morgen)`,
  ],
  es: [
    `(?:esta|la) semana(?: pasada| próxima)?`,
    `(?:este|el) mes(?: pasado| próximo)?`,
    `el año pasado`,
    `(?:el )?${ES_DAY}(?: pasado)?`,
    `(?:ayer|hoy|mañana)`,
  ],
};

const PATTERNS = new Map<string, RegExp>(
  Object.entries(PHRASES).map(([language, phrases]) => [
    language,
    // \p{L} boundaries rather than \b, which does not know Vietnamese letters.
    new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.join("|")})(?![\\p{L}\\p{N}'’])`, "giu"),
  ]),
);

/** True when the text carries a relative date of its language (none known: false). */
export function hasRelativeDate(text: string, language: string): boolean {
  const pattern = PATTERNS.get(language);
  if (!pattern) return false;
  pattern.lastIndex = 0;
  return pattern.test(text);
}

/**
 * The sentence without its relative dates, the punctuation around them tidied ("Last week, OpenAI
 * said" → "OpenAI said"; "sued on Wednesday, accusing" → "sued, accusing"). Unchanged when the
 * language has no list.
 */
export function withoutRelativeDates(text: string, language: string): string {
  const pattern = PATTERNS.get(language);
  if (!pattern) return text;
  const stripped = text
    .replace(pattern, "\u0000")
    // A phrase set off by commas, or opening the sentence with a comma after it.
    .replace(/^\s*\u0000\s*,\s*/u, "")
    .replace(/,\s*\u0000\s*,/gu, ",")
    .replace(/\s*\u0000/gu, "")
    .replace(/\s+([,.;:!?])/gu, "$1")
    .replace(/,([.;:!?])/gu, "$1")
    .replace(/\s{2,}/gu, " ")
    .trim();
  if (stripped === "") return text;
  return stripped.charAt(0).toLocaleUpperCase(language) + stripped.slice(1);
}
