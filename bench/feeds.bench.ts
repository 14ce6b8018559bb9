/**
 * Parse throughput of parseFeed on the 31 real-world feeds of rss-parser's test suite
 * (../shared/bench/feeds/rss-parser/test/input), decoded once up front so only parsing is timed:
 *
 *   npx tsx bench/feeds.bench.ts
 *
 * `runFeedsBench` is what a top-level bench runner calls.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { decodeBody } from "@/lib/ingest/charset";
import { sharedPath } from "@/scripts/support/shared";
import { parseFeed } from "@/lib/ingest/feeds";

export interface FeedsBenchResult {
  feeds: number;
  rounds: number;
  megabytes: number;
  items: number;
  seconds: number;
  feedsPerSecond: number;
  megabytesPerSecond: number;
}

/** Parses every real-world feed `rounds` times after one warm-up round and reports throughput. */
export async function runFeedsBench(rounds = 10): Promise<FeedsBenchResult> {
  const dir = sharedPath("bench", "feeds", "rss-parser", "test", "input");
  const texts = readdirSync(dir)
    .sort()
    .map((file) => ({ file, text: decodeBody(readFileSync(join(dir, file)), null, "xml").text }));
  const parseAll = async () => {
    let items = 0;
    for (const { file, text } of texts) {
      try {
        items += (await parseFeed(text, `https://feeds.example.org/${file}`)).items.length;
      } catch {
        // a non-feed in the set (an HTML page) costs its detection time only
      }
    }
    return items;
  };
  await parseAll();
  const started = performance.now();
  let items = 0;
  for (let i = 0; i < rounds; i++) items = await parseAll();
  const seconds = (performance.now() - started) / 1000;
  const megabytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t.text), 0) / 1e6;
  return {
    feeds: texts.length,
    rounds,
    megabytes,
    items,
    seconds,
    feedsPerSecond: (texts.length * rounds) / seconds,
    megabytesPerSecond: (megabytes * rounds) / seconds,
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await runFeedsBench();
  console.log(
    `parseFeed: ${result.feeds} feeds (${result.megabytes.toFixed(2)} MB, ${result.items} items) x ${result.rounds}: ` +
      `${result.feedsPerSecond.toFixed(0)} feeds/s, ${result.megabytesPerSecond.toFixed(1)} MB/s`,
  );
}
