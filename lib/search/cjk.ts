/**
 * Chinese, Japanese and Korean text for search. These scripts write words without spaces
 * between them ("OpenAI指控DeepSeek蒸馏其模型"), so both indexes see a whole run as one token and
 * a word inside it ("蒸馏") is never found. As search engines without a dictionary do (Lucene's
 * CJK bigrams), a run is indexed as its overlapping character pairs ("蒸馏 馏其 其模 模型", kept in
 * Article.searchGrams and indexed with the body on both databases) and a query's run is matched
 * as the phrase of its pairs, or as the whole run where it stands alone as a token (an entity's
 * alias, a title written with spaces). A single character is matched as the start of a pair.
 */
import { foldText } from "./words";

/** One character of Han, Hiragana, Katakana or Hangul. */
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** Runs of those characters (the prolonged sound mark ー is Katakana's too). */
const CJK_RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+/gu;

/** Does the text hold a CJK character? */
export function hasCjk(text: string): boolean {
  return CJK_CHAR.test(text);
}

/** The overlapping character pairs of a run ("蒸馏模型" -> 蒸馏, 馏模, 模型); a lone character alone. */
export function bigramsOf(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  return chars.slice(0, -1).map((char, i) => char + chars[i + 1]!);
}

/**
 * The text an article's CJK runs are indexed by: every run's pairs, and the other words glued to
 * a run ("DeepSeek" of "OpenAI称DeepSeek蒸馏"), which the indexes otherwise see only inside one
 * long token; pieces apart by " ; " (so that a phrase does not run on from one run into the
 * next); '' when the texts hold no CJK.
 */
export function cjkSearchGrams(...texts: string[]): string {
  const pieces: string[] = [];
  for (const text of texts) {
    if (!hasCjk(text)) continue;
    for (const token of text.normalize("NFC").matchAll(/[\p{L}\p{N}\p{M}ー]+/gu)) {
      if (!hasCjk(token[0])) continue;
      for (const segment of cjkSegments(token[0]))
        pieces.push(segment.cjk ? bigramsOf(segment.text).join(" ") : foldText(segment.text));
    }
  }
  return pieces.join(" ; ");
}

/** A piece of a query word: a CJK run, or the letters and digits between runs. */
export interface CjkSegment {
  text: string;
  cjk: boolean;
}

/** A folded word split into its CJK runs and the rest ("起诉openai" -> 起诉 | openai). */
export function cjkSegments(word: string): CjkSegment[] {
  const text = word.normalize("NFC");
  const segments: CjkSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(CJK_RUNS)) {
    const at = match.index;
    if (at > last) segments.push({ text: text.slice(last, at), cjk: false });
    segments.push({ text: match[0], cjk: true });
    last = at + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), cjk: false });
  return segments;
}

/**
 * How a query term's words are matched, piece by piece, every piece required: runs of other
 * words as a phrase (`prefix`: its last word's start), a CJK run as itself or the phrase of its
 * pairs, a lone CJK character as the start of a pair.
 */
export type TermPiece =
  | { kind: "words"; words: string[]; prefix: boolean }
  | { kind: "run"; run: string; pairs: string[] }
  | { kind: "char"; char: string };

/** The pieces of a term's folded words (see TermPiece); one "words" piece when it has no CJK. */
export function termPieces(words: string[], prefix: boolean): TermPiece[] {
  if (!words.some(hasCjk)) return [{ kind: "words", words, prefix }];
  const pieces: TermPiece[] = [];
  let plain: string[] = [];
  const flush = (last: boolean) => {
    if (plain.length) pieces.push({ kind: "words", words: plain, prefix: last && prefix });
    plain = [];
  };
  for (const word of words) {
    for (const segment of cjkSegments(word)) {
      if (!segment.cjk) {
        plain.push(segment.text);
        continue;
      }
      flush(false);
      const pairs = bigramsOf(segment.text);
      pieces.push(
        pairs.length === 1 && [...segment.text].length === 1
          ? { kind: "char", char: segment.text }
          : { kind: "run", run: segment.text, pairs },
      );
    }
  }
  flush(true);
  return pieces;
}

/**
 * The words a highlighter compares: CJK characters one by one (a query's run then matches inside
 * the text's longer run), other words whole.
 */
export function splitCjkChars(words: string[]): string[] {
  return words.flatMap((word) =>
    hasCjk(word)
      ? cjkSegments(word).flatMap((segment) => (segment.cjk ? [...segment.text] : [segment.text]))
      : [word],
  );
}
