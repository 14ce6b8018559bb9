/**
 * Duplicate detection. Exact copies share a contentHash; near copies (a wire story republished
 * with another site's header, footer and "read more" box) have simhashes a few bits apart. Both
 * work on normalised text so that case, spacing and Unicode composition (Vietnamese arrives both
 * precomposed and decomposed) never make two copies look different.
 */
import { createHash, hash } from "node:crypto";

/**
 * Hamming distance up to which two simhashes count as the same story. Measured on the texts in
 * test/fixtures/dedupe (see test/ingest/dedupe.test.ts): a 400-word wire story republished with
 * another site's header, byline and footer (22 % added words) lands 9 bits from the original, the
 * same story cut by two paragraphs 10 bits, the Vietnamese pair 7; a different article on the same
 * dispute, with the same names and vocabulary, lands 33–38 bits away, as unrelated texts do (random
 * 64-bit values differ in 32 ± 4 bits, so P(d ≤ 12) is about 1e-6 per pair). 3, the textbook value
 * for web-scale crawls of near-identical pages, misses every republished copy we measured.
 */
export const NEAR_DUPLICATE_THRESHOLD = 12;

/** Text reduced to what identifies it: NFKC, case-folded, whitespace collapsed. */
export function normaliseText(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

/** SHA-256 (hex) of the normalised text: equal for copies that differ only in case and spacing. */
export function contentHash(text: string): string {
  return createHash("sha256").update(normaliseText(text), "utf8").digest("hex");
}

/** Words as Unicode letters, marks and digits, so "chưng cất" is two words, not four fragments. */
export function words(text: string): string[] {
  return normaliseText(text).match(/[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu) ?? [];
}

/**
 * 64-bit simhash (16 hex digits) over word 3-shingles. Each shingle's MD5 votes on every bit; MD5 is
 * here for its even spread of bits, not for security.
 */
export function simhash(text: string): string {
  const tokens = words(text);
  const shingles: string[] = [];
  if (tokens.length < 3) {
    if (tokens.length > 0) shingles.push(tokens.join(" "));
  } else {
    for (let i = 0; i + 3 <= tokens.length; i++)
      shingles.push(`${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]}`);
  }
  const votes = new Int32Array(64);
  for (const shingle of shingles) {
    // The one-shot hash: a Hash object per shingle cost more than the rest of ingest's CPU for it.
    const digest = hash("md5", shingle, "buffer");
    for (let byte = 0; byte < 8; byte++) {
      const value = digest[byte];
      for (let bit = 0; bit < 8; bit++) votes[byte * 8 + bit] += value & (1 << (7 - bit)) ? 1 : -1;
    }
  }
  let hex = "";
  for (let nibble = 0; nibble < 16; nibble++) {
    let value = 0;
    for (let bit = 0; bit < 4; bit++) value = (value << 1) | (votes[nibble * 4 + bit] > 0 ? 1 : 0);
    hex += value.toString(16);
  }
  return hex;
}

const POPCOUNT = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/** Number of differing bits between two simhashes (hex strings; the shorter is left-padded). */
export function hammingDistance(a: string, b: string): number {
  const length = Math.max(a.length, b.length);
  const left = a.padStart(length, "0").toLowerCase();
  const right = b.padStart(length, "0").toLowerCase();
  let distance = 0;
  for (let i = 0; i < length; i++) {
    const x = parseInt(left[i], 16);
    const y = parseInt(right[i], 16);
    if (Number.isNaN(x) || Number.isNaN(y))
      throw new TypeError(`ingest/dedupe: not a hex simhash: ${a} / ${b}`);
    distance += POPCOUNT[x ^ y];
  }
  return distance;
}

/**
 * True when two texts are the same story: identical after normalisation, or simhashes within
 * `threshold` bits (see NEAR_DUPLICATE_THRESHOLD for why 12).
 */
export function isNearDuplicate(
  a: string,
  b: string,
  threshold = NEAR_DUPLICATE_THRESHOLD,
): boolean {
  if (normaliseText(a) === normaliseText(b)) return true;
  if (words(a).length === 0 || words(b).length === 0) return false;
  return hammingDistance(simhash(a), simhash(b)) <= threshold;
}
