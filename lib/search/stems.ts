/**
 * Word forms for search: Snowball stems (snowball-stemmers, plain JS, the same on both
 * databases). An article's words are kept under their stem in its language (`SearchLexeme`,
 * written with the article); a query word's stem then names the indexed words that share it,
 * which are matched as exact words: "lawsuits" finds "lawsuit" and "lawsuits", "distilled" finds
 * "distillation", and neither a short stem nor a name is stretched into a prefix ("Stability"
 * does not find "stable"). Vietnamese is not stemmed (its words are matched whole, folded), nor
 * are Chinese, Japanese and Korean (character pairs, lib/search/cjk.ts). Pure.
 */
import snowball from "snowball-stemmers";
import { foldMarks } from "@/lib/text/fold";

/** Article language code → Snowball algorithm, for the languages that have one. */
export const STEM_LANGUAGES: Readonly<Record<string, string>> = {
  en: "english",
  fr: "french",
  de: "german",
  es: "spanish",
  it: "italian",
  pt: "portuguese",
  ru: "russian",
  nl: "dutch",
  sv: "swedish",
  da: "danish",
  no: "norwegian",
  nb: "norwegian",
  fi: "finnish",
  tr: "turkish",
  ro: "romanian",
  hu: "hungarian",
  ca: "catalan",
  cs: "czech",
};

const STEMMERS = new Map<string, ReturnType<typeof snowball.newStemmer>>();
function stemmer(language: string) {
  let found = STEMMERS.get(language);
  if (!found) {
    found = snowball.newStemmer(language);
    STEMMERS.set(language, found);
  }
  return found;
}

/** Shortest word kept under its stem; shorter words are matched whole. */
export const MIN_STEMMED_LENGTH = 3;
const MAX_WORD_LENGTH = 40;

/** Stems worked out lately, per language and word: an archive's words repeat a lot. */
const RECENT = new Map<string, string>();
const RECENT_MAX = 100_000;

/** A word's stem in a Snowball language, folded as the indexes fold words. */
export function stemOf(language: string, word: string): string {
  const lower = word.normalize("NFC").toLowerCase();
  const key = `${language} ${lower}`;
  let stem = RECENT.get(key);
  if (stem === undefined) {
    stem = foldMarks(stemmer(language).stem(lower));
    if (RECENT.size >= RECENT_MAX) RECENT.clear();
    RECENT.set(key, stem);
  }
  return stem;
}

/** A word as one indexed word (folded), or null when folding does not leave one word of letters. */
function indexedWord(word: string): string | null {
  const folded = foldMarks(word).normalize("NFC");
  return /^\p{L}+$/u.test(folded) ? folded : null;
}

export interface Lexeme {
  language: string;
  stem: string;
  word: string;
}

/**
 * The distinct words of an article's texts under their stems, in the article's language
 * (nothing for a language without a stemmer). Words with digits and very short words are left out.
 */
export function articleLexemes(
  languageCode: string | null | undefined,
  ...texts: (string | null | undefined)[]
): Lexeme[] {
  const language = languageCode ? STEM_LANGUAGES[languageCode.toLowerCase()] : undefined;
  if (!language) return [];
  const seen = new Map<string, Lexeme>();
  for (const text of texts) {
    if (!text) continue;
    for (const raw of text
      .normalize("NFC")
      .toLowerCase()
      .match(/\p{L}+/gu) ?? []) {
      if (raw.length < MIN_STEMMED_LENGTH || raw.length > MAX_WORD_LENGTH || seen.has(raw))
        continue;
      const word = indexedWord(raw);
      if (!word) continue;
      seen.set(raw, { language, stem: stemOf(language, raw), word });
    }
  }
  const unique = new Map<string, Lexeme>();
  for (const lexeme of seen.values()) unique.set(`${lexeme.stem} ${lexeme.word}`, lexeme);
  return [...unique.values()];
}

/** Letters that only Vietnamese writes among the Latin scripts we stem. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu;

/** The Snowball language a query word as typed is read in, or null when it is matched whole. */
export function queryStemLanguage(raw: string): string | null {
  if (raw.length < MIN_STEMMED_LENGTH) return null;
  if (/\p{Script=Cyrillic}/u.test(raw))
    return /^\p{Script=Cyrillic}+$/u.test(raw) ? "russian" : null;
  if (!/^[\p{Script=Latin}]+$/u.test(raw) || VIETNAMESE.test(raw)) return null;
  if (/[äöüß]/iu.test(raw)) return "german";
  if (/[ñ]/iu.test(raw)) return "spanish";
  if (/[éèêëçàîïôûù]/iu.test(raw)) return "french";
  if (/^[a-z]+$/iu.test(raw)) return "english";
  return null;
}

/** A query word's stem, or null when the word is matched whole (Vietnamese, CJK, digits, short). */
export function queryStem(raw: string): { language: string; stem: string } | null {
  const language = queryStemLanguage(raw);
  return language ? { language, stem: stemOf(language, raw) } : null;
}
