/**
 * Feed serving speed at scale: a fresh SQLite database filled with N synthetic articles
 * (bench/fill.ts, default 100,000; FEEDS_BENCH_ARTICLES overrides), then each kind of feed of a
 * large filter served through its real route handler (query, render, ETag) many times. Target: the
 * median under 100 ms. Run: `npx tsx bench/feeds-serve.bench.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { GET as latestOrSearch } from "@/app/feeds/[file]/route";
import { GET as claimFeed } from "@/app/feeds/claims/[file]/route";
import { GET as digestFeed } from "@/app/feeds/digest/[file]/route";
import { GET as entityFeed } from "@/app/feeds/entities/[file]/route";
import { resetConfig } from "@/lib/config";
import { closeDb, createDb } from "@/lib/store/db";
import { migrate } from "@/lib/store/migrate";
import { fillDatabase } from "./fill";

type Handler = (
  request: Request,
  context: { params: Promise<{ file: string }> },
) => Promise<Response>;

const BASE = "http://localhost:3000";
const RUNS = 15;

async function time(
  handler: Handler,
  path: string,
  file: string,
  headers: Record<string, string> = {},
) {
  const call = async () => {
    const started = performance.now();
    const response = await handler(new Request(`${BASE}${path}`, { headers }), {
      params: Promise.resolve({ file }),
    });
    const body = await response.text();
    return {
      ms: performance.now() - started,
      status: response.status,
      bytes: body.length,
      etag: response.headers.get("etag"),
    };
  };
  const first = await call();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push((await call()).ms);
  samples.sort((a, b) => a - b);
  return {
    status: first.status,
    bytes: first.bytes,
    etag: first.etag,
    firstMs: Math.round(first.ms),
    medianMs: Math.round(samples[Math.floor(samples.length / 2)] * 10) / 10,
    p95Ms: Math.round(samples[Math.floor(samples.length * 0.95)] * 10) / 10,
  };
}

/** Fills a database, serves feeds of large filters, returns the figures. */
export async function runFeedsBench(): Promise<Record<string, unknown>> {
  const n = Number(process.env.FEEDS_BENCH_ARTICLES ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), "dw-feeds-bench-"));
  const url = `file:${join(dir, "bench.db")}`;
  try {
    await migrate(url);
    const db = createDb(url);
    const fill = await fillDatabase(db, "sqlite", n, {
      onProgress: (written) => written % 20_000 === 0 && console.log(`  filled ${written}`),
    });
    await db.$disconnect();
    const saved = {
      DATABASE_URL: process.env.DATABASE_URL,
      RATE_LIMIT_PER_MINUTE: process.env.RATE_LIMIT_PER_MINUTE,
    };
    process.env.DATABASE_URL = url;
    process.env.RATE_LIMIT_PER_MINUTE = "100000";
    resetConfig();
    await closeDb();
    const figures: Record<string, unknown> = { articles: n, fillSeconds: Math.round(fill.seconds) };
    const cases: [string, Handler, string, string][] = [
      ["latest.rss", latestOrSearch as Handler, "/feeds/latest.rss", "latest.rss"],
      ["entities/openai.rss", entityFeed as Handler, "/feeds/entities/openai.rss", "openai.rss"],
      [
        "entities/openai.atom?lang=en&limit=100",
        entityFeed as Handler,
        "/feeds/entities/openai.atom?lang=en&limit=100",
        "openai.atom",
      ],
      [
        "claims/distillation.json",
        claimFeed as Handler,
        "/feeds/claims/distillation.json",
        "distillation.json",
      ],
      [
        "search.rss?q=distillation",
        latestOrSearch as Handler,
        "/feeds/search.rss?q=distillation",
        "search.rss",
      ],
      [
        "digest/daily.rss?entity=openai",
        digestFeed as Handler,
        "/feeds/digest/daily.rss?entity=openai",
        "daily.rss",
      ],
      ["digest/weekly.rss", digestFeed as Handler, "/feeds/digest/weekly.rss", "weekly.rss"],
    ];
    for (const [name, handler, path, file] of cases) {
      const result = await time(handler, path, file);
      const notModified = await time(handler, path, file, { "If-None-Match": result.etag ?? "" });
      figures[name] = {
        ...result,
        etag: undefined,
        notModifiedMedianMs: notModified.medianMs,
        notModifiedStatus: notModified.status,
      };
      console.log(
        `  ${name}: ${result.status} ${result.bytes} B, median ${result.medianMs} ms, p95 ${result.p95Ms} ms (first ${result.firstMs} ms; 304 median ${notModified.medianMs} ms)`,
      );
    }
    await closeDb();
    process.env.DATABASE_URL = saved.DATABASE_URL;
    process.env.RATE_LIMIT_PER_MINUTE = saved.RATE_LIMIT_PER_MINUTE;
    resetConfig();
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const figures = await runFeedsBench();
  console.log(JSON.stringify(figures, null, 2));
}
