/**
 * Case and diacritic folding: the one place that says which differences a comparison of words
 * ignores. Two strengths, because two kinds of reader need them:
 *
 * - `foldMarks` is how both search indexes fold (SQLite FTS5 `remove_diacritics 2`, PostgreSQL
 *   `unaccent`): combining marks go, and Vietnamese đ, which Unicode does not decompose, becomes d.
 *   Query words compared with indexed words must be folded exactly this way and no further.
 * - `foldDiacritics` also maps the other letters that carry no combining mark (ø ł ß æ œ ı) and
 *   recomposes the result, for matching names and cue words inside our own analysis.
 */

/** Lower case, combining marks removed, đ as d ("Chưng Cất" → "chung cat", "Đà" → "da"). */
export function foldMarks(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}

const SPECIAL_FOLDS: Record<string, string> = {
  đ: "d",
  ø: "o",
  ł: "l",
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ı: "i",
};

/**
 * Lower-cases and strips diacritics ("chưng cất" → "chung cat", "Đà" → "da", "Łódź" → "lodz") so
 * matching can ignore them. Letters that are not base-plus-mark in Unicode (đ, ø, ł) are mapped by hand.
 */
export function foldDiacritics(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đøłßæœı]/gu, (ch) => SPECIAL_FOLDS[ch] ?? ch)
    .normalize("NFC");
}
