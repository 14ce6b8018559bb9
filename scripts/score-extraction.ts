/**
 * Scores our extractor on the shared article-extraction benchmark (91 real news pages):
 *
 *   npx tsx scripts/score-extraction.ts [--out predictions.jsonl] [--per-page]
 *
 * Writes one JSON line {file, text} per page, then runs ../shared/bench/score-extraction.mjs on it,
 * which prints "F1 ... precision ... recall ... pages 91 missing 0". With --per-page it also lists
 * each page's own F1, worst first, to show where to look next.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { extractArticle } from "@/lib/ingest/extract";
import { bodyCounts } from "./support/extraction-scores";
import { SHARED_DIR } from "./support/shared";

/** Figures printed by the shared scorer. */
export interface ExtractionScore {
  f1: number;
  precision: number;
  recall: number;
  pages: number;
  missing: number;
  line: string;
}

/** Reads every benchmark page (gunzipped, as UTF-8) with its file name. */
export function loadBenchPages(): { file: string; html: string }[] {
  const dir = join(SHARED_DIR, "bench", "extraction", "html");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".html.gz") || f.endsWith(".html"))
    .sort()
    .map((file) => {
      const raw = readFileSync(join(dir, file));
      return { file, html: (file.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8") };
    });
}

/** Runs the extractor over the benchmark, scores it with the shared scorer and returns the figures. */
export function scoreExtraction(outPath?: string): ExtractionScore {
  const lines = loadBenchPages().map(({ file, html }) =>
    JSON.stringify({ file, text: extractArticle(html).text }),
  );
  const path = outPath ?? join(mkdtempSync(join(tmpdir(), "dw-score-")), "predictions.jsonl");
  writeFileSync(path, lines.join("\n") + "\n");
  const line = execFileSync(
    process.execPath,
    [join(SHARED_DIR, "bench", "score-extraction.mjs"), path],
    { encoding: "utf8" },
  ).trim();
  const number = (label: string) => Number(new RegExp(`${label} ([0-9.]+)`).exec(line)?.[1] ?? NaN);
  return {
    f1: number("F1"),
    precision: number("precision"),
    recall: number("recall"),
    pages: number("pages"),
    missing: number("missing"),
    line,
  };
}

/** Per-page precision/recall with the scorer's definition, for finding the worst pages. */
function perPage(predictionsPath: string): void {
  const truth = JSON.parse(
    readFileSync(join(SHARED_DIR, "bench", "extraction", "ground-truth.json"), "utf8"),
  ) as Record<string, { articleBody: string }>;
  const rows: [string, number, number, number][] = [];
  for (const line of readFileSync(predictionsPath, "utf8").trim().split("\n")) {
    const { file, text } = JSON.parse(line) as { file: string; text: string };
    const id = file.replace(/\.html(\.gz)?$/, "");
    // Shares of one page's shingles; precision and recall are the same as of the raw counts.
    const [tp, fp, fn] = bodyCounts(truth[id]?.articleBody ?? "", text);
    const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
    const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    rows.push([id.slice(0, 12), f1, precision, recall]);
  }
  rows.sort((a, b) => a[1] - b[1]);
  for (const [id, f1, p, r] of rows.slice(0, 25))
    console.log(`${id}  F1 ${f1.toFixed(3)}  P ${p.toFixed(3)}  R ${r.toFixed(3)}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf("--out");
  const out =
    outIndex >= 0
      ? args[outIndex + 1]
      : join(mkdtempSync(join(tmpdir(), "dw-score-")), "predictions.jsonl");
  const score = scoreExtraction(out);
  console.log(score.line);
  if (args.includes("--per-page")) perPage(out);
}
