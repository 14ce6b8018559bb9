/**
 * Speed and memory of our extractor against @mozilla/readability + jsdom on the 91 pages of the
 * shared extraction benchmark (../shared/bench/extraction/html):
 *
 *   npx tsx bench/extract.bench.ts
 *
 * Each extractor runs in its own child process (node --expose-gc), so peak RSS and heap belong to
 * one extractor alone. Both get the same warm-up (the first 10 pages) before the timed pass over
 * all pages. `runExtractBench` is what a top-level bench runner calls.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { sharedPath } from "@/scripts/support/shared";

type Engine = "ours" | "readability";

interface WorkerResult {
  engine: Engine;
  pages: number;
  seconds: number;
  pagesPerSecond: number;
  peakRssMb: number;
  peakHeapMb: number;
  textChars: number;
}

function loadPages(): string[] {
  const dir = sharedPath("bench", "extraction", "html");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".html.gz"))
    .sort()
    .map((f) => gunzipSync(readFileSync(join(dir, f))).toString("utf8"));
}

async function makeExtractor(engine: Engine): Promise<(html: string) => string> {
  if (engine === "ours") {
    const { extractArticle } = await import("@/lib/ingest/extract");
    return (html) => extractArticle(html).text;
  }
  const { JSDOM, VirtualConsole } = await import("jsdom");
  const { Readability } = await import("@mozilla/readability");
  // jsdom reports every stylesheet it cannot parse; that noise is not part of the measurement.
  const virtualConsole = new VirtualConsole();
  return (html) => {
    const dom = new JSDOM(html, { url: "https://example.com/", virtualConsole });
    try {
      return new Readability(dom.window.document).parse()?.textContent ?? "";
    } finally {
      dom.window.close();
    }
  };
}

/** Runs inside the child process: warm up, then time one pass over every page. */
async function runWorker(engine: Engine): Promise<WorkerResult> {
  const pages = loadPages();
  const extract = await makeExtractor(engine);
  const gc = (globalThis as { gc?: () => void }).gc;
  for (const html of pages.slice(0, 10)) extract(html);
  gc?.();
  let peakHeap = process.memoryUsage().heapUsed;
  let textChars = 0;
  const start = process.hrtime.bigint();
  for (const html of pages) {
    textChars += extract(html).length;
    const heap = process.memoryUsage().heapUsed;
    if (heap > peakHeap) peakHeap = heap;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return {
    engine,
    pages: pages.length,
    seconds: round(seconds, 3),
    pagesPerSecond: round(pages.length / seconds, 1),
    // maxRSS is in kilobytes and covers the whole child: loading the pages plus the extractor.
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
    peakHeapMb: round(peakHeap / 1024 / 1024, 1),
    textChars,
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function runChild(engine: Engine): WorkerResult {
  const self = fileURLToPath(import.meta.url);
  const out = execFileSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", self, "--worker", engine],
    {
      encoding: "utf8",
      maxBuffer: 16 * 1024 * 1024,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const line = out.trim().split("\n").pop() ?? "{}";
  return JSON.parse(line) as WorkerResult;
}

/**
 * Measures both extractors, each in its own process, and returns pages/s, peak RSS and heap for
 * each and the speed ratio (ours / Readability). The product target is a ratio of at least 10, with
 * our peak memory no higher than before.
 */
export async function runExtractBench(): Promise<Record<string, unknown>> {
  const ours = runChild("ours");
  const readability = runChild("readability");
  return {
    name: "extract",
    pages: ours.pages,
    ours,
    readability,
    speedRatio: round(ours.pagesPerSecond / readability.pagesPerSecond, 2),
    target: ">= 10x faster than readability+jsdom",
  };
}

const isMain =
  process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const workerIndex = process.argv.indexOf("--worker");
  if (workerIndex >= 0) {
    const engine = process.argv[workerIndex + 1] === "readability" ? "readability" : "ours";
    runWorker(engine).then((result) => console.log(JSON.stringify(result)));
  } else {
    runExtractBench().then((result) => {
      const ours = result.ours as WorkerResult;
      const readability = result.readability as WorkerResult;
      const row = (r: WorkerResult) =>
        `${r.engine.padEnd(12)} ${String(r.pagesPerSecond).padStart(8)} pages/s  ${String(r.seconds).padStart(7)} s  peak RSS ${r.peakRssMb} MB  peak heap ${r.peakHeapMb} MB`;
      console.log(`extract bench: ${ours.pages} pages from ../shared/bench/extraction`);
      console.log(row(ours));
      console.log(row(readability));
      console.log(`speed ratio (ours / readability+jsdom): ${result.speedRatio}x`);
      console.log(JSON.stringify(result));
    });
  }
}
