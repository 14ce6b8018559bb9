/**
 * Small text tools shared by the enrichment stages: sentence splitting with exact offsets,
 * word tokens, and diacritic folding. They are language-aware only where it pays (abbreviations
 * in English and Vietnamese, CJK punctuation); elsewhere they do no harm.
 */
import { ENGLISH_MONTH_ABBREVIATIONS } from "@/lib/text/calendar";

/** One sentence of a text; `text.slice(start, end) === sentence.text`. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

// Abbreviations that come before a name and so never end a sentence ("Mr. Altman", "TP. HCM").
const TITLE_ABBREVIATIONS = new Set(
  [
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "mt",
    "gen",
    "sen",
    "rep",
    "gov",
    "lt",
    "col",
    "capt",
    "sgt",
    "maj",
    "adm",
    "hon",
    "rev",
    "pres",
    "supt",
    "det",
    "insp",
    "messrs",
    "mme",
    "mlle",
    "vol",
    "fig",
    "art",
    "sec",
    "ch",
    "pp",
    "p",
    "para",
    "approx",
    "dept",
    "est",
    "ave",
    "blvd",
    "rd",
    ...ENGLISH_MONTH_ABBREVIATIONS,
    "e.g",
    "i.e",
    "cf",
    "vs",
    "v",
    "viz",
    "ca",
    // Vietnamese: city, ward, district, doctor, professor, master, associate professor.
    "tp",
    "ts",
    "ths",
    "pgs",
    "gs",
    "bs",
    "ks",
    "ls",
    "th.s",
    "pgs.ts",
    "gs.ts",
    "q",
    "p",
    "tt",
    "tx",
  ].map((s) => s.toLowerCase()),
);

// Abbreviations that may end a sentence ("... in the U.S. The company said"): they end one only
// when the next word is a typical sentence opener.
const TRAILING_ABBREVIATIONS = new Set([
  "inc",
  "corp",
  "ltd",
  "co",
  "llc",
  "plc",
  "bros",
  "etc",
  "u.s",
  "u.k",
  "u.n",
  "e.u",
  "d.c",
  "a.m",
  "p.m",
  "v.v",
  "jsc",
  "gmbh",
  "ag",
  "s.a",
  "n.v",
  "no",
  "nos",
  "al",
]);

// Words that typically open a sentence; after a trailing abbreviation they signal a boundary.
const SENTENCE_OPENERS = new Set([
  "the",
  "a",
  "an",
  "it",
  "its",
  "he",
  "she",
  "they",
  "we",
  "i",
  "you",
  "this",
  "that",
  "these",
  "those",
  "but",
  "and",
  "or",
  "so",
  "yet",
  "in",
  "on",
  "at",
  "for",
  "however",
  "meanwhile",
  "according",
  "his",
  "her",
  "their",
  "our",
  "there",
  "if",
  "when",
  "while",
  "as",
  "after",
  "before",
  "also",
  "still",
  "some",
  "many",
  "most",
  "both",
  "one",
  "last",
  "earlier",
  "later",
  "now",
  "then",
  "what",
  "why",
  "how",
  "no",
  "not",
  "under",
  "since",
  "during",
  "by",
  "with",
  "from",
  "to",
  // Vietnamese
  "các",
  "những",
  "theo",
  "tuy",
  "trong",
  "đây",
  "điều",
  "nhưng",
  "hiện",
  "khi",
  "nếu",
  "chúng",
  "họ",
  "một",
  "sau",
  "trước",
  "ngoài",
  "vì",
  "do",
  "tại",
  "với",
  "ông",
  "bà",
  "còn",
  "cũng",
  "đó",
  "này",
  "bên",
  "không",
  "đến",
  "từ",
  "năm",
  "hôm",
  "việc",
  "thế",
  "vậy",
  "tôi",
  "công",
  "người",
  "là",
]);

const CLOSING_PUNCTUATION = new Set([
  '"',
  "'",
  "”",
  "’",
  "»",
  "›",
  ")",
  "]",
  "}",
  "」",
  "』",
  "）",
]);
const CJK_TERMINATORS = new Set(["。", "！", "？", "｡"]);

function isTerminator(ch: string): boolean {
  return ch === "." || ch === "!" || ch === "?" || ch === "…" || CJK_TERMINATORS.has(ch);
}

function isLowerStart(ch: string): boolean {
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

// A word in lower case with a capital inside: a brand written that way (xAI, iPhone, eBay, macOS).
const CAMEL_BRAND = /^\p{Ll}{1,5}\p{Lu}/u;

/**
 * Whether the text at `at` goes on with the sentence before it: it starts in lower case, and not
 * with a brand written in lower case (a line or sentence may open with "xAI" or "iPhone").
 */
function continuesInLowerCase(text: string, at: number): boolean {
  return isLowerStart(text[at]) && !CAMEL_BRAND.test(text.slice(at, at + 8));
}

// Han, kana and Hangul: a "?" or "!" glued to one of them (before or after) ends a sentence as
// "？" does (CJK text typed with ASCII punctuation puts no space after it).
const CJK_CHAR = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u;

const WORD_BEFORE = /([\p{L}\p{N}\p{M}.]+)$/u;
const WORD_AFTER = /^[\s"“'‘(«]*([\p{L}\p{N}\p{M}]+)/u;

/** Whether the whitespace text[from, to) holds two line breaks. */
function isBlankLine(text: string, from: number, to: number): boolean {
  const first = text.indexOf("\n", from);
  return (
    first >= 0 &&
    first < to &&
    text.indexOf("\n", first + 1) < to &&
    text.indexOf("\n", first + 1) > first
  );
}

/**
 * Decides whether the full stop at `dot` ends a sentence, looking at the word it closes and at the
 * word that follows; abbreviation handling is why a plain regex split is not enough.
 */
function periodEndsSentence(text: string, dot: number, next: number): boolean {
  const before = WORD_BEFORE.exec(text.slice(Math.max(0, dot - 40), dot));
  if (!before) return true;
  const word = before[1].replace(/^\.+/, "");
  const lower = word.toLowerCase();
  // A single capital letter is an initial ("George R.R. Martin", "J. Smith").
  if (/^\p{Lu}$/u.test(word)) return false;
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word) && word.length <= 6 && !TRAILING_ABBREVIATIONS.has(lower)) {
    // Dotted initials such as "R.R" end a sentence only before an opener.
    return opensSentence(text, next);
  }
  if (TITLE_ABBREVIATIONS.has(lower)) return false;
  if (TRAILING_ABBREVIATIONS.has(lower)) return opensSentence(text, next);
  return true;
}

function opensSentence(text: string, next: number): boolean {
  const after = WORD_AFTER.exec(text.slice(next, next + 40));
  if (!after) return true;
  return SENTENCE_OPENERS.has(after[1].toLowerCase());
}

/**
 * Splits a text into sentences with exact offsets. Paragraph breaks (a blank line) always end a
 * sentence, and so does a single line break before a line that does not continue in lower case.
 * Within a line a terminator ends a sentence when whitespace and a non-lower-case start follow, except after known abbreviations (Mr., Dr., U.S., Inc., TP., v.v.) and initials.
 * A brand written in lower case with a capital inside (xAI, iPhone) counts as a sentence start.
 * 。！？ always end a sentence, and so do ASCII "!" and "?" glued to Han, kana or Hangul.
 * Decimals and dotted names (3.5, Character.AI) never split because no whitespace follows the dot.
 * `language` is accepted for callers that know it; the rules already cover English and Vietnamese
 * and stay neutral for other Latin-script languages and CJK.
 */
export function splitSentences(text: string, language?: string): Sentence[] {
  void language;
  const sentences: Sentence[] = [];
  const push = (start: number, end: number) => {
    while (start < end && /\s/u.test(text[start])) start++;
    while (end > start && /\s/u.test(text[end - 1])) end--;
    if (end > start) sentences.push({ text: text.slice(start, end), start, end });
  };

  let sentenceStart = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === "\n") {
      // Blank line: paragraph break.
      let j = i + 1;
      while (j < n && (text[j] === " " || text[j] === "\t" || text[j] === "\r")) j++;
      if (j < n && text[j] === "\n") {
        push(sentenceStart, i);
        while (j < n && /\s/u.test(text[j])) j++;
        sentenceStart = j;
        i = j;
        continue;
      }
      // A single line break ends a sentence when the next line does not continue it in lower
      // case: headings, list items and <br> lines are separate units; hard-wrapped prose mostly
      // continues in lower case.
      if (
        j < n &&
        !continuesInLowerCase(text, j) &&
        !/[,;(\-–]$/u.test(text.slice(sentenceStart, i).trimEnd())
      ) {
        push(sentenceStart, i);
        sentenceStart = j;
        i = j;
        continue;
      }
      i++;
      continue;
    }
    if (!isTerminator(ch)) {
      i++;
      continue;
    }
    // Swallow runs of terminators ("?!", "...") and closing quotes/brackets.
    let end = i + 1;
    while (end < n && (isTerminator(text[end]) || CLOSING_PUNCTUATION.has(text[end]))) end++;
    if (CJK_TERMINATORS.has(ch)) {
      push(sentenceStart, end);
      sentenceStart = end;
      i = end;
      continue;
    }
    if (end < n && !/\s/u.test(text[end])) {
      if (
        (ch === "!" || ch === "?") &&
        (CJK_CHAR.test(text[end]) || (i > 0 && CJK_CHAR.test(text[i - 1])))
      ) {
        push(sentenceStart, end);
        sentenceStart = end;
      }
      i = end;
      continue;
    }
    let next = end;
    while (next < n && /\s/u.test(text[next])) next++;
    if (next >= n) break;
    // A blank line after the terminator is a paragraph break, whatever the next paragraph starts with.
    if (next - end > 1 && isBlankLine(text, end, next)) {
      i = text.indexOf("\n", end);
      continue;
    }
    if (continuesInLowerCase(text, next)) {
      i = next;
      continue;
    }
    // A sentence-final punctuation mark followed by a closing quote then a lower-case word
    // ("?" he asked) was handled above; a lone full stop needs the abbreviation check.
    const lastMark = text.slice(i, end).replace(/[^.!?…]/gu, "");
    if (lastMark === "." && !periodEndsSentence(text, i, next)) {
      i = next;
      continue;
    }
    push(sentenceStart, end);
    sentenceStart = next;
    i = next;
  }
  push(sentenceStart, n);
  return sentences;
}

const TOKEN =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]|\p{sc=Hangul}+|[^\p{P}\p{S}\p{Z}\p{C}\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{sc=Hangul}]+(?:['’][\p{L}\p{M}]+)*/gu;

/**
 * Lower-cased word tokens: runs of Unicode letters, marks and digits (so a Vietnamese syllable with
 * its diacritics stays one token), with internal apostrophes kept and an English possessive "'s"
 * dropped. Han and kana characters become one token each, since those scripts do not space words;
 * a run of Hangul is one token; a run of other letters stops where one of those scripts starts
 * ("OpenAI指控" is openai 指 控).
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const normalised = text.normalize("NFC").toLowerCase();
  for (const match of normalised.matchAll(TOKEN)) {
    let token = match[0];
    if (token.endsWith("'s") || token.endsWith("’s")) token = token.slice(0, -2);
    if (token) tokens.push(token.replace(/’/gu, "'"));
  }
  return tokens;
}
