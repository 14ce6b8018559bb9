/**
 * What a reader means by the words they type, read before the words are matched: "copyright
 * lawsuits 2025" is the claim type copyright in the year 2025, "OpenAI vs DeepSeek" is two parties
 * (the "vs" is no word to find), "distilled" finds "distillation". Pure: a parsed query in, a
 * parsed query out, with notes saying what was read, so the page can show it.
 *
 * - Stop words (English, Vietnamese, French, German, Spanish, Italian, Russian) and "v.", "vs",
 *   "versus" are dropped, unless nothing else is left.
 * - A year (1990–2099), a month with its year ("January 2025", "jan 2025", "tháng 1 2025",
 *   "1/2025", "2025-01") become a date range, unless the query has after:/before: already.
 * - The words that only say somebody accuses or sues (accuse, sue, lawsuit, violation, kiện,
 *   cáo buộc…) are dropped, as every claim carries them; with one of them, words and phrases
 *   naming a claim type (data in CLAIM_WORDS: copyright, "terms of service", "bản quyền"…) become
 *   the claim filter ("copyright lawsuits"). Without, they stay words to match, with their
 *   forms, so "chưng cất" still finds and marks the sentence that says it; "ToS" and "terms of
 *   service", rarely written out in articles, are the claim filter always.
 * - Other words match their word forms: a word gets its Snowball stem (English for plain Latin,
 *   French, German or Spanish by their letters, Russian for Cyrillic; lib/search/stems.ts), which
 *   the store turns into the indexed words sharing it ("lawsuits" → lawsuit, lawsuits). Names
 *   (one word or several, "Stability AI"), Vietnamese words (folded as the index folds them) and
 *   short words are matched whole. Stop words are compared as typed, so the Vietnamese "dữ" is no
 *   French "du".
 */
import { ENGLISH_MONTH_NUMBERS } from "@/lib/text/calendar";
import { foldMarks } from "@/lib/text/fold";
import { CLAIM_TYPES } from "@/lib/types";
import type { ParsedQuery, SearchTerm } from "./query";
import { queryStem } from "./stems";

export interface QueryNote {
  kind: "date" | "claim" | "dropped" | "forms";
  /** What was read: a date range (after/before), a claim type, a dropped word, or a word's forms ("lawsuit, lawsuits"). */
  text: string;
}

export interface Interpretation {
  query: ParsedQuery;
  notes: QueryNote[];
  /** True when the reader's words say they look for an accusation (accuse, sue, kiện…). */
  claimIntent: boolean;
}

/** A word folded as both indexes fold it. */
const foldWord = foldMarks;

function foldedWords(text: string): string[] {
  return foldWord(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Stop words of other languages, compared as typed: folded, the Vietnamese "dữ" would be "du". */
const STOP_WORDS = new Set([
  // English
  "a",
  "an",
  "the",
  "of",
  "in",
  "on",
  "for",
  "to",
  "and",
  "or",
  "with",
  "by",
  "at",
  "from",
  "about",
  "is",
  "are",
  "was",
  "were",
  "be",
  "been",
  "who",
  "whom",
  "whose",
  "what",
  "which",
  "did",
  "does",
  "do",
  "has",
  "have",
  "had",
  "that",
  "this",
  "it",
  "its",
  "against",
  "over",
  "how",
  "why",
  "when",
  "news",
  "any",
  "all",
  // French, German, Spanish, Italian
  "le",
  "la",
  "les",
  "des",
  "du",
  "de",
  "et",
  "un",
  "une",
  "contre",
  "der",
  "die",
  "das",
  "und",
  "gegen",
  "ein",
  "eine",
  "el",
  "los",
  "las",
  "y",
  "contra",
  "il",
  "lo",
  "gli",
  "e",
  "di",
  // Russian
  "и",
  "в",
  "на",
  "против",
  "о",
]);
/** Stop words that are also Vietnamese syllables written without their marks (dữ, để, y tế, lo…). */
const VIETNAMESE_SYLLABLES = new Set([
  "du",
  "de",
  "la",
  "le",
  "lo",
  "di",
  "y",
  "e",
  "o",
  "an",
  "the",
  "do",
]);
/** Vietnamese stop words, compared as typed (folded, "bị" would be "bí" of "bí mật" too). */
const VIETNAMESE_STOP_WORDS = new Set([
  "và",
  "của",
  "các",
  "những",
  "là",
  "cho",
  "với",
  "về",
  "trong",
  "gì",
  "đã",
  "đang",
  "bị",
  "được",
  "này",
  "đó",
  "một",
  "ai",
]);
const VERSUS = new Set(["v", "vs", "versus", "contra", "против", "doi", "dau"].map(foldWord));

/**
 * Words and phrases (folded, space-separated) that name a claim type, by type. Prefixes end in
 * "*". Kept as data: adding a synonym is one string.
 */
export const CLAIM_WORDS: Record<string, string[]> = {
  distillation: ["distill*", "distil*", "chung cat", "蒸馏", "дистилляц*"],
  tos_violation: [
    "tos",
    "terms of service",
    "terms of use",
    "terms-of-service",
    "usage policy",
    "dieu khoan su dung",
    "dieu khoan dich vu",
    "vi pham dieu khoan",
  ],
  copyright: [
    "copyright*",
    "ban quyen",
    "vi pham ban quyen",
    "版权",
    "著作权",
    "urheberrecht*",
    "droit d auteur",
    "derechos de autor",
    "авторск*",
  ],
  ip_theft: [
    "ip theft",
    "intellectual property",
    "so huu tri tue",
    "danh cap",
    "steal*",
    "stole",
    "stolen",
    "theft",
  ],
  trade_secret: ["trade secret*", "bi mat kinh doanh", "bi mat thuong mai", "商业秘密"],
  data_scraping: ["scrap*", "crawl*", "thu thap du lieu", "cao du lieu"],
  privacy: ["privacy", "gdpr", "personal data", "quyen rieng tu", "du lieu ca nhan", "datenschutz"],
  export_control: ["export control*", "export ban*", "kiem soat xuat khau", "出口管制"],
  antitrust: [
    "antitrust",
    "anti trust",
    "monopol*",
    "competition law",
    "chong doc quyen",
    "doc quyen",
    "反垄断",
  ],
  defamation: ["defam*", "libel*", "slander*", "phi bang"],
};

/** Words that only say somebody accuses or sues: every claim carries them (also corrected to by "did you mean"). */
export const CLAIM_VERBS = [
  "accus*",
  "alleg*",
  "sue",
  "sued",
  "sues",
  "suing",
  "lawsuit*",
  "suit",
  "suits",
  "litigation",
  "complaint*",
  "claim*",
  "dispute*",
  "violat*",
  "breach*",
  "infring*",
  "vi pham",
  "kien",
  "vu kien",
  "khoi kien",
  "cao buoc",
  "to cao",
  "tranh chap",
  "起诉",
  "指控",
  "诉讼",
  "訴訟",
  "poursuit*",
  "klage*",
  "verklagt",
  "demanda*",
  "иск*",
];

/** Claim words that are the claim filter even with no claim verb beside them. */
const ALWAYS_FILTER = new Set(["tos", "terms of service", "terms of use", "terms-of-service"]);

/** Claim-type values typed after `claim:` that are not our slugs. */
const CLAIM_VALUE_ALIASES: Record<string, string> = {
  tos: "tos_violation",
  "terms-of-service": "tos_violation",
  terms_of_service: "tos_violation",
  "terms of service": "tos_violation",
  "tos-violation": "tos_violation",
  "ip-theft": "ip_theft",
  ip: "ip_theft",
  "trade-secret": "trade_secret",
  "trade-secrets": "trade_secret",
  trade_secrets: "trade_secret",
  "data-scraping": "data_scraping",
  scraping: "data_scraping",
  "export-control": "export_control",
  "export-controls": "export_control",
  export_controls: "export_control",
  distill: "distillation",
};

/**
 * A `claim:` value as one of our claim types: the slug itself, its hyphenated or short forms
 * (tos, terms-of-service), or a word or phrase of CLAIM_WORDS; null when it names none.
 */
export function claimTypeOf(value: string): string | null {
  const lower = value.trim().toLowerCase();
  if ((CLAIM_TYPES as readonly string[]).includes(lower)) return lower;
  if (CLAIM_VALUE_ALIASES[lower]) return CLAIM_VALUE_ALIASES[lower]!;
  const underscored = lower.replace(/[-\s]+/g, "_");
  if ((CLAIM_TYPES as readonly string[]).includes(underscored)) return underscored;
  const words = foldedWords(value);
  for (const [type, phrases] of Object.entries(CLAIM_WORDS)) {
    for (const phrase of phrases)
      if (matchLength(phrase.split(" "), words, 0) === words.length && words.length > 0)
        return type;
  }
  return null;
}

/** How many words of `words` from `at` a pattern (words, a trailing "*" a prefix) covers; 0 when it does not match. */
function matchLength(pattern: string[], words: string[], at: number): number {
  if (at + pattern.length > words.length) return 0;
  for (let k = 0; k < pattern.length; k++) {
    const want = pattern[k]!;
    const word = words[at + k]!;
    if (want.endsWith("*") ? !word.startsWith(want.slice(0, -1)) : word !== want) return 0;
  }
  return pattern.length;
}

const CLAIM_PATTERNS: { type: string | null; words: string[]; always?: boolean }[] = [
  ...Object.entries(CLAIM_WORDS).flatMap(([type, phrases]) =>
    phrases.map((phrase) => ({
      type,
      always: ALWAYS_FILTER.has(phrase),
      words: foldedWords(phrase).map((w, i, all) =>
        i === all.length - 1 && phrase.endsWith("*") ? `${w}*` : w,
      ),
    })),
  ),
  ...CLAIM_VERBS.map((phrase) => ({
    type: null,
    words: foldedWords(phrase).map((w, i, all) =>
      i === all.length - 1 && phrase.endsWith("*") ? `${w}*` : w,
    ),
  })),
].sort((a, b) => b.words.length - a.words.length);

const MONTHS: Record<string, number> = {
  ...ENGLISH_MONTH_NUMBERS,
  janvier: 1,
  fevrier: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  decembre: 12,
  januar: 1,
  februar: 2,
  marz: 3,
  juni: 6,
  juli: 7,
  oktober: 10,
  dezember: 12,
  enero: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  septiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
};

const isYear = (word: string) => /^(19[9]\d|20\d\d)$/.test(word);
const isoDay = (year: number, month: number) =>
  new Date(Date.UTC(year, month - 1, 1)).toISOString().slice(0, 10);

/** A date range from words at `at`: [after, before, words used], or null. */
function dateAt(words: string[], raws: string[], at: number): [string, string, number] | null {
  const word = words[at]!;
  const raw = raws[at] ?? "";
  const next = words[at + 1];
  // 2025-01, 1/2025, 01.2025 typed as one token.
  const iso = /^(\d{4})-(\d{1,2})$/.exec(raw) ?? null;
  const slashed = /^(\d{1,2})[/.](\d{4})$/.exec(raw);
  const monthYear = iso
    ? [Number(iso[1]), Number(iso[2])]
    : slashed
      ? [Number(slashed[2]), Number(slashed[1])]
      : null;
  if (monthYear && monthYear[1]! >= 1 && monthYear[1]! <= 12 && isYear(String(monthYear[0]))) {
    const [year, month] = monthYear as [number, number];
    return [
      isoDay(year, month),
      isoDay(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1),
      1,
    ];
  }
  const monthRange = (year: number, month: number, used: number): [string, string, number] => [
    isoDay(year, month),
    isoDay(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1),
    used,
  ];
  // January 2025, jan 2025
  if (MONTHS[word] && next && isYear(next)) return monthRange(Number(next), MONTHS[word]!, 2);
  // tháng 1 2025, tháng 1/2025 (the slash splits into words too)
  if (
    word === "thang" &&
    next &&
    /^\d{1,2}$/.test(next) &&
    Number(next) >= 1 &&
    Number(next) <= 12 &&
    words[at + 2] &&
    isYear(words[at + 2]!)
  ) {
    return monthRange(Number(words[at + 2]), Number(next), 3);
  }
  // năm 2025, 2025
  if (word === "nam" && next && isYear(next))
    return [isoDay(Number(next), 1), isoDay(Number(next) + 1, 1), 2];
  if (isYear(word) && raw.replace(/[^\d]/g, "") === word)
    return [isoDay(Number(word), 1), isoDay(Number(word) + 1, 1), 1];
  return null;
}

/** Reads a parsed query as the reader means it (see the file comment). */
export function interpretQuery(
  parsed: ParsedQuery,
  names?: ReadonlyMap<string, string>,
): Interpretation {
  const withForms = (term: SearchTerm) => formsOf(term, names);
  const notes: QueryNote[] = [];
  const query: ParsedQuery = { ...parsed, claimTypes: [...parsed.claimTypes], clauses: [] };
  let claimIntent = false;
  // Single plain words form runs in which phrases ("terms of service", "tháng 1 2025") are read.
  const single = parsed.clauses.map((clause) =>
    clause.length === 1 && !clause[0]!.phrase ? clause[0]! : null,
  );
  const words = single.map((term) => (term ? foldedWords(term.text).join(" ") || "" : ""));
  const raws = single.map((term) => term?.text ?? "");
  const used = new Array<boolean>(parsed.clauses.length).fill(false);
  const hasDates = parsed.after !== null || parsed.before !== null;
  // Does the reader ask about accusations? Then claim words are the claim filter.
  const verbs = CLAIM_PATTERNS.filter((pattern) => pattern.type === null);
  for (let i = 0; i < words.length && !claimIntent; i++) {
    if (!single[i]) continue;
    let end = i;
    while (end < words.length && single[end]) end++;
    claimIntent = verbs.some((pattern) => matchLength(pattern.words, words.slice(i, end), 0) > 0);
  }
  // Words that together make a name of several words ("Stability AI") are matched whole,
  // their words neither stop words nor stemmed ("AI" is also the Vietnamese "who").
  const whole = new Set<number>();
  for (let i = 0; names && i < words.length; i++)
    for (let length = 2; length <= 4 && i + length <= words.length; length++) {
      const run = words.slice(i, i + length);
      if (run.every((word, k) => word && single[i + k]) && names.has(run.join(" ")))
        for (let k = 0; k < length; k++) whole.add(i + k);
    }
  for (let i = 0; i < parsed.clauses.length; i++) {
    if (!single[i] || used[i] || whole.has(i)) continue;
    // The run of single words from here (a word folding to several, "1/2025", stays one).
    let end = i;
    while (end < parsed.clauses.length && single[end] && !used[end]) end++;
    const run = words.slice(i, end);
    const date = !hasDates && !query.after ? dateAt(run, raws.slice(i, end), 0) : null;
    if (date) {
      [query.after, query.before] = [date[0], date[1]];
      notes.push({ kind: "date", text: `${date[0]}..${date[1]}` });
      for (let k = 0; k < date[2]; k++) used[i + k] = true;
      continue;
    }
    const claim = CLAIM_PATTERNS.map((pattern) => ({
      pattern,
      length: matchLength(pattern.words, run, 0),
    })).find(
      (hit) => hit.length > 0 && (hit.pattern.type === null || claimIntent || hit.pattern.always),
    );
    if (claim) {
      if (claim.pattern.type) {
        if (!query.claimTypes.includes(claim.pattern.type))
          query.claimTypes.push(claim.pattern.type);
        notes.push({ kind: "claim", text: claim.pattern.type });
      } else {
        notes.push({ kind: "dropped", text: raws.slice(i, i + claim.length).join(" ") });
      }
      for (let k = 0; k < claim.length; k++) used[i + k] = true;
      continue;
    }
    const typed = raws[i]!.normalize("NFC")
      .toLowerCase()
      .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    // "du lieu" is "dữ liệu" typed without marks: a stop word that is also a Vietnamese
    // syllable stays beside another short word.
    const beside = [raws[i - 1], raws[i + 1]].some(
      (raw, k) => raw && single[i - 1 + 2 * k] && /^[a-z]{1,5}$/i.test(raw),
    );
    const stop = STOP_WORDS.has(typed) && !(VIETNAMESE_SYLLABLES.has(typed) && beside);
    if (stop || VERSUS.has(words[i]!) || VIETNAMESE_STOP_WORDS.has(typed)) {
      used[i] = true;
      notes.push({ kind: "dropped", text: raws[i]! });
    }
  }
  const kept = parsed.clauses.filter((_, i) => !used[i]);
  if (
    kept.length === 0 &&
    query.claimTypes.length === parsed.claimTypes.length &&
    parsed.clauses.length > 0 &&
    !query.after
  ) {
    // Nothing but stop words or claim verbs: search for them after all.
    return {
      query: {
        ...parsed,
        clauses: parsed.clauses.map((clause, i) => (whole.has(i) ? clause : clause.map(withForms))),
      },
      notes: [],
      claimIntent,
    };
  }
  query.clauses = parsed.clauses.flatMap((clause, i) =>
    used[i] ? [] : [whole.has(i) ? clause : clause.map(withForms)],
  );
  return { query, notes, claimIntent };
}

/**
 * A plain word matched by its forms: its Snowball stem (lib/search/stems.ts), which the store
 * turns into the indexed words sharing it. A name (`names`, folded) stays whole.
 */
function formsOf(term: SearchTerm, names?: ReadonlyMap<string, string>): SearchTerm {
  if (term.phrase || term.prefix || term.stem) return term;
  const words = foldedWords(term.text);
  if (words.length !== 1 || names?.has(words[0]!)) return term;
  const stem = queryStem(term.text.replace(/[^\p{L}\p{N}]+/gu, ""));
  return stem ? { ...term, stem } : term;
}
