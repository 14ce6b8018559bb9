/**
 * `npm run eval:extract`: the article extractor on both shared extraction corpora, each split once
 * into a development half and a held-out half (scripts/support/extraction-corpora.ts):
 *
 *   npm run eval:extract [-- --check] [-- --verbose [--split dev|held] [--corpus body|segments]]
 *
 * Prints F1, precision and recall per half and for the whole of the article-extraction benchmark
 * (`../shared/bench/extraction/`, shingle F1) and of trafilatura's evaluation set
 * (`../shared/bench/trafilatura-eval/`, segments kept and dropped). Rules are tuned on the
 * development halves; the held-out figures are the honest ones.
 *
 * --check also runs the shared scorers themselves (score-extraction.mjs, and score-trafilatura.py
 * with python3) on the whole of each corpus and fails unless they agree with ours to three decimals.
 * --verbose lists, for the development half unless --split says otherwise, the worst pages of the
 * benchmark and every segment missed (-) or boilerplate kept (+) on trafilatura's pages.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractArticle } from "@/lib/ingest/extract";
import { loadBodyCorpus, loadSegmentCorpus, type Half } from "@/scripts/support/extraction-corpora";
import {
  bodyCounts,
  scoreBodies,
  scoreSegments,
  segmentHits,
  type Score,
} from "@/scripts/support/extraction-scores";
import { sharedPath } from "@/scripts/support/shared";

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const verbose = args.includes("--verbose");
const check = args.includes("--check");
const split = (option("--split") ?? "dev") as Half;
const only = option("--corpus");
if (split !== "dev" && split !== "held") {
  console.error("eval:extract: --split takes dev or held");
  process.exit(2);
}
if (only && only !== "body" && only !== "segments") {
  console.error("eval:extract: --corpus takes body or segments");
  process.exit(2);
}

const line = (label: string, half: string, s: Score) =>
  `${label.padEnd(26)} ${(half === "held" ? "held-out" : half).padEnd(8)} pages ${String(s.pages).padStart(3)}  F1 ${s.f1.toFixed(3)}  precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}`;
const halves = ["dev", "held", "all"] as const;
const inHalf = (half: (typeof halves)[number]) => (page: { half: Half }) =>
  half === "all" || page.half === half;
let disagreements = 0;

function compare(label: string, ours: number, theirs: number): void {
  const same = ours.toFixed(3) === theirs.toFixed(3);
  if (!same) disagreements++;
  console.log(
    `  ${label}: ours ${ours.toFixed(3)}, shared scorer ${theirs.toFixed(3)}${same ? "" : "  DIFFERENT"}`,
  );
}

const scratch = check ? mkdtempSync(join(tmpdir(), "dw-eval-extract-")) : "";

if (only !== "segments") {
  const pages = loadBodyCorpus().map((page) => ({
    ...page,
    actual: extractArticle(page.html).text,
  }));
  for (const half of halves)
    console.log(line("article-extraction bench", half, scoreBodies(pages.filter(inHalf(half)))));
  if (check) {
    const path = join(scratch, "bodies.jsonl");
    writeFileSync(path, pages.map((p) => JSON.stringify({ id: p.id, text: p.actual })).join("\n"));
    const out = execFileSync(
      process.execPath,
      [sharedPath("bench", "score-extraction.mjs"), path],
      { encoding: "utf8" },
    );
    compare("article-extraction F1", scoreBodies(pages).f1, Number(/F1 ([0-9.]+)/.exec(out)?.[1]));
  }
  if (verbose) {
    const rows = pages
      .filter((p) => p.half === split)
      .map((p) => {
        const [tp, fp, fn] = bodyCounts(p.expected, p.actual);
        return { id: p.id, precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1) };
      })
      .filter((r) => r.precision < 0.97 || r.recall < 0.97)
      .sort((a, b) => a.precision + a.recall - b.precision - b.recall);
    for (const r of rows)
      console.log(
        `  ${r.id.slice(0, 16)}  precision ${r.precision.toFixed(3)}  recall ${r.recall.toFixed(3)}`,
      );
  }
}

if (only !== "body") {
  const pages = loadSegmentCorpus().map((page) => ({
    ...page,
    actual: extractArticle(page.html, { url: page.url }).text,
  }));
  for (const half of halves)
    console.log(
      line("trafilatura evaluation set", half, scoreSegments(pages.filter(inHalf(half)))),
    );
  if (check) {
    const path = join(scratch, "segments.jsonl");
    writeFileSync(
      path,
      pages.map((p) => JSON.stringify({ file: `${p.id}.html.gz`, text: p.actual })).join("\n"),
    );
    const out = execFileSync(
      "python3",
      [
        sharedPath("bench", "score-trafilatura.py"),
        sharedPath("bench", "trafilatura-eval", "evaldata.json"),
        path,
      ],
      { encoding: "utf8" },
    );
    compare("trafilatura-eval F1", scoreSegments(pages).f1, Number(/F1 ([0-9.]+)/.exec(out)?.[1]));
  }
  if (verbose) {
    for (const page of pages.filter((p) => p.half === split)) {
      const { missed, leaked } = segmentHits(page, page.actual);
      if (missed.length === 0 && leaked.length === 0) continue;
      console.log(`  ${page.id}`);
      for (const s of missed) console.log(`    - ${s.slice(0, 100)}`);
      for (const s of leaked) console.log(`    + ${s.slice(0, 100)}`);
    }
  }
}

if (scratch) rmSync(scratch, { recursive: true, force: true });
if (disagreements > 0) {
  console.error("eval:extract: our scorers disagree with the shared ones");
  process.exit(1);
}
