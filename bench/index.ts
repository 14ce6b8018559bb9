/**
 * `npm run bench [-- NAME...]`: every benchmark, each measuring us against a peer in the same run
 * where there is one, printing its figures and writing them all to bench-results/latest.json.
 * Names: extract, feeds, entities, analyze, search, feeds-serve, pages, load, ingest.
 */
import { mkdirSync, writeFileSync } from "node:fs";

type Bench = () => Promise<unknown>;

const BENCHES: Record<string, Bench> = {
  extract: async () => (await import("./extract.bench")).runExtractBench(),
  feeds: async () => (await import("./feeds.bench")).runFeedsBench(),
  analyze: async () => (await import("./analyze.bench")).runAnalyzeBench(),
  search: async () => (await import("./search.bench")).runSearchBench(),
  "feeds-serve": async () => (await import("./feeds-serve.bench")).runFeedsBench(),
  pages: async () => (await import("./pages.bench")).runPagesBench(),
  load: async () => (await import("./load.bench")).runLoadBench(),
  ingest: async () => (await import("./ingest.bench")).runIngestBench(),
};

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const unknown = wanted.filter((name) => !(name in BENCHES));
if (unknown.length) {
  console.error(
    `bench: unknown benchmark ${unknown.join(", ")}; known: ${Object.keys(BENCHES).join(", ")}`,
  );
  process.exit(2);
}
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
  console.log(`\n== ${name}`);
  const started = Date.now();
  results[name] = await BENCHES[name]();
  console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
mkdirSync("bench-results", { recursive: true });
writeFileSync("bench-results/latest.json", `${JSON.stringify(results, null, 2)}\n`);
console.log("\nbench: figures written to bench-results/latest.json");
