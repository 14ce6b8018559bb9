/**
 * Throughput of analyzeArticle (language, entities, claims, summary, relevance) on ~5 KB news
 * texts, on one core. Texts are the true article bodies of the shared extraction benchmark (real
 * English news, read in place) cut or repeated to ~5 KB, plus the Vietnamese founding seed.
 *
 *   npx tsx bench/analyze.bench.ts        prints a JSON line
 */

import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { analyzeArticle, loadAnalysisResources } from "@/lib/enrich/analyze";
import { sharedPath } from "@/scripts/support/shared";

const TARGET_CHARS = 4_900;

function toSize(text: string, size: number): string {
  let body = text;
  while (body.length < size) body = `${body}\n\n${text}`;
  // Cut at a word boundary so the last sentence is merely short, not a broken token.
  const cut = body.lastIndexOf(" ", size);
  return body.slice(0, cut > size * 0.8 ? cut : size);
}

/** The benchmark corpus: real article texts of about 5 KB each. */
function loadCorpus(): Array<{ text: string; title: string | null }> {
  const truth = JSON.parse(
    readFileSync(sharedPath("bench", "extraction", "ground-truth.json"), "utf8"),
  ) as Record<string, { articleBody: string }>;
  const corpus = Object.values(truth)
    .map((entry) => entry.articleBody)
    .filter((body) => body.length > 800)
    .map((body) => ({ text: toSize(body, TARGET_CHARS), title: null }));
  const seed = readFileSync(sharedPath("seeds", "000_bb0ccbdd8d08316c.txt"), "utf8");
  corpus.push({ text: toSize(seed, TARGET_CHARS), title: null });
  return corpus;
}

/**
 * Runs the benchmark: one warm-up pass (the knowledge base loads once per process), then passes
 * over the corpus until about `seconds` have elapsed. Returns articles/s, KB/s and per-article
 * latency percentiles.
 */
export async function runAnalyzeBench(
  options: { seconds?: number } = {},
): Promise<Record<string, unknown>> {
  const seconds = options.seconds ?? 3;
  const corpus = loadCorpus();
  const warmStart = performance.now();
  const resources = loadAnalysisResources();
  for (const article of corpus) analyzeArticle(article, resources);
  const warmMs = performance.now() - warmStart;

  const latencies: number[] = [];
  let bytes = 0;
  let claims = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (const article of corpus) {
      const t0 = performance.now();
      const analysis = analyzeArticle(article, resources);
      latencies.push(performance.now() - t0);
      bytes += Buffer.byteLength(article.text, "utf8");
      claims += analysis.claims.length;
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return {
    bench: "enrich/analyzeArticle",
    articles: latencies.length,
    corpusArticles: corpus.length,
    meanArticleKB: Number((bytes / latencies.length / 1024).toFixed(2)),
    articlesPerSecond: Number((latencies.length / elapsed).toFixed(1)),
    kbPerSecond: Number((bytes / 1024 / elapsed).toFixed(1)),
    p50Ms: Number(percentile(50).toFixed(2)),
    p95Ms: Number(percentile(95).toFixed(2)),
    warmupPassMs: Number(warmMs.toFixed(0)),
    claimsPerArticle: Number((claims / latencies.length).toFixed(2)),
    goalArticlesPerSecond: 100,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runAnalyzeBench()
    .then((result) => console.log(JSON.stringify(result)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
