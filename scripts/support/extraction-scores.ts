/**
 * The two extraction scorers, ported from the shared folder so that a half of a corpus, or one
 * page, can be scored without writing files:
 *
 * - {@link scoreBodies}: `../shared/bench/score-extraction.mjs` (multisets of 4-word shingles, each
 *   page's true/false positives and misses normalised to sum 1, precision and recall averaged over
 *   pages, F1 from the two means);
 * - {@link scoreSegments}: `../shared/bench/score-trafilatura.py` (whitespace-normalised substring
 *   matching of segments to keep and to drop, counted over all segments of all pages).
 *
 * `npm run eval:extract -- --check` runs the originals on the whole of each corpus and compares.
 */

/** Precision, recall and F1 of one scoring. */
export interface Score {
  precision: number;
  recall: number;
  f1: number;
  pages: number;
}

const words = (text: string) => text.match(/[\p{L}\p{N}_]+/gu) ?? [];

function shingleCounts(text: string): Map<string, number> {
  const w = words(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, w.length - 3);
  for (let i = 0; i < last; i++) {
    const key = w.slice(i, i + 4).join("\u0001");
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** One page's shingle counts against the expected body, normalised to sum 1: [tp, fp, fn]. */
export function bodyCounts(expected: string, actual: string): [number, number, number] {
  const t = shingleCounts(expected);
  const p = shingleCounts(actual);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const a = t.get(key) ?? 0;
    const b = p.get(key) ?? 0;
    tp += Math.min(a, b);
    fp += Math.max(0, b - a);
    fn += Math.max(0, a - b);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [0, 0, 0];
}

const ratio = (tp: number, other: number, fp: number, fn: number) =>
  fp === 0 && fn === 0 ? 1 : tp === 0 && other === 0 ? 0 : tp / (tp + other);
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);

/** Scores extracted bodies against expected ones, as the article-extraction benchmark does. */
export function scoreBodies(pages: { expected: string; actual: string }[]): Score {
  const precisions: number[] = [];
  const recalls: number[] = [];
  for (const { expected, actual } of pages) {
    const [tp, fp, fn] = bodyCounts(expected, actual);
    if (tp + fp > 0) precisions.push(ratio(tp, fp, fp, fn));
    if (tp + fn > 0) recalls.push(ratio(tp, fn, fp, fn));
  }
  const precision = mean(precisions);
  const recall = mean(recalls);
  const f1 = (2 * precision * recall) / (precision + recall || 1);
  return { precision, recall, f1, pages: pages.length };
}

/** Python's `re.sub(r'\s+', ' ', t).strip()`: the whitespace str.isspace() knows, not U+FEFF. */
export function normaliseSegment(text: string): string {
  return text
    .replace(
      /[\t\n\v\f\r \u001c-\u001f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g,
      " ",
    )
    .replace(/^ | $/g, "");
}

/** Which segments of one page the text keeps: found "with" and found "without" segments. */
export function segmentHits(
  page: { with: string[]; without: string[] },
  text: string,
): { kept: string[]; missed: string[]; leaked: string[] } {
  const haystack = normaliseSegment(text);
  const kept: string[] = [];
  const missed: string[] = [];
  for (const segment of page.with)
    (haystack.includes(normaliseSegment(segment)) ? kept : missed).push(segment);
  const leaked = page.without.filter((segment) => haystack.includes(normaliseSegment(segment)));
  return { kept, missed, leaked };
}

/** Scores extracted texts on segments to keep and to drop, as trafilatura's evaluation does. */
export function scoreSegments(
  pages: { with: string[]; without: string[]; actual: string }[],
): Score & { truePositives: number; falsePositives: number; falseNegatives: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const page of pages) {
    const { kept, missed, leaked } = segmentHits(page, page.actual);
    tp += kept.length;
    fn += missed.length;
    fp += leaked.length;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    precision,
    recall,
    f1,
    pages: pages.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
  };
}
