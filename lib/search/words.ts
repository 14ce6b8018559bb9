/**
 * Words as both search indexes see them: runs of letters and digits, case and diacritics folded
 * (đ to d as well), the same on the query side, the index side and in highlighting.
 */
import { foldMarks as foldWord } from "@/lib/text/fold";

/** A text folded as the indexes fold it. */
export const foldText = foldWord;

/** The words of a text the way both indexes see them (runs of letters and digits, folded). */
export function wordsOf(text: string): string[] {
  // NFC again: folding decomposes Hangul syllables into letters the indexes never see.
  return (
    foldWord(text)
      .normalize("NFC")
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}
