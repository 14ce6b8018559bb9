/**
 * Page latency under concurrent load: a database of N synthetic articles (bench/fill.ts) on SQLite
 * and on PostgreSQL, scripts/serve.ts against each (what `npm start` runs), then C concurrent clients
 * ask for one page for a few seconds each. The peer in the same run is the same server answering a
 * static asset: the framework's floor, so the ratio says what our queries and rendering cost.
 *
 * Each page is measured twice:
 * - "computed": a server started with PAGE_CACHE_SECONDS=0, so every request queries and renders
 *   (only the slow aggregates of lib/store/microcache.ts are still shared); plus the search page
 *   over the search bench's query mix, each client taking the next query;
 * - "shared": the shipped default, where a public page is answered again to every visitor for
 *   PAGE_CACHE_SECONDS (lib/http/page-cache.ts), which a benchmark asking for one URL always hits.
 * The busiest detail pages (story, article, entity, claim thread, claims overview) are timed too,
 * and their first view on a fresh server. Four clients by default: two cores serve them, and the
 * load generator runs on the same machine. Each measured load follows an unmeasured warm-up at the
 * same load (WARM_UP_SECONDS, and every query of the mix once).
 *
 *   npx tsx bench/pages.bench.ts [--articles 100000] [--concurrency 4] [--seconds 8] [--db sqlite|postgresql]
 *                                [--reuse DATABASE_URL]   (with --db: an already filled database, left as it is)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { createDb, type DatabaseKind } from "@/lib/store/db";
import { migrate } from "@/lib/store/migrate";
import { buildAppIfNeeded } from "@/scripts/build-app";
import { createScratchDatabase } from "@/scripts/support/scratch-db";
import { fillDatabase } from "./fill";
import { searchBenchQueries, settle } from "./search.bench";

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at !== -1 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

export async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => ok(typeof address === "object" && address ? address.port : 0));
    });
  });
}

interface Load {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  /**
   * The whole machine's busy CPU time per measured request, in ms: the server's, the database's
   * and this load generator's together. It holds no waiting, only work, so it tells a slower
   * machine from a costlier page: on cores half as fast it doubles, and the latencies with it.
   * Absent where /proc/stat cannot be read.
   */
  cpuMs?: number;
}

/** CPU time the machine has spent busy (every core, every process), in ms; null off Linux. */
function machineBusyMs(): number | null {
  try {
    const fields = readFileSync("/proc/stat", "utf8")
      .split("\n")[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // Idle and iowait (the 4th and 5th) left out.
    const [user, nice, system, , , irq, softirq, steal] = fields;
    // In USER_HZ ticks, 100 a second on Linux.
    return (
      ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 10
    );
  } catch {
    return null;
  }
}

/** Unmeasured load before each measured one: at least this long, and every URL of a list asked once. */
const WARM_UP_SECONDS = 2;

/**
 * C clients, each asking for the next of `urls` in turn (one URL: the same page again and again),
 * after a warm-up at the same load that is not measured: a server that has run for a while has
 * compiled the code a page runs and its database connections have read the tables' catalogue. The
 * search mix's first pass on a fresh server cost up to twice its second (a cold start is what
 * "first view on a fresh server" measures).
 */
async function load(urls: string | string[], concurrency: number, seconds: number): Promise<Load> {
  const list = Array.isArray(urls) ? urls : [urls];
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const run = (until: () => boolean, measure: boolean) =>
    Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (!until()) {
          const url = list[next++ % list.length]!;
          const t0 = performance.now();
          try {
            const response = await fetch(url);
            await response.arrayBuffer();
            if (measure && response.status !== 200) errors++;
          } catch {
            if (measure) errors++;
          }
          if (measure) latencies.push(performance.now() - t0);
        }
      }),
    );
  const warm = Date.now() + WARM_UP_SECONDS * 1000;
  await run(() => Date.now() >= warm && next >= list.length, false);
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  const busyBefore = machineBusyMs();
  await run(() => Date.now() >= deadline, true);
  const busyAfter = machineBusyMs();
  latencies.sort((a, b) => a - b);
  const pick = (q: number) =>
    Number(
      (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(1),
    );
  return {
    requests: latencies.length,
    errors,
    rps: Number((latencies.length / ((Date.now() - started) / 1000)).toFixed(1)),
    p50: pick(0.5),
    p95: pick(0.95),
    ...(busyBefore !== null && busyAfter !== null && latencies.length
      ? { cpuMs: Number(((busyAfter - busyBefore) / latencies.length).toFixed(1)) }
      : {}),
  };
}

/** The search bench's query mix (bench/search.bench.ts) as search page URLs, first pages only. */
function searchMixPaths(): string[] {
  return searchBenchQueries()
    .filter((query) => !query.secondPage && !query.options.includeDuplicates && query.q)
    .map(
      (query) =>
        `/search?${new URLSearchParams({ q: query.q, ...(query.options.sort ? { sort: query.options.sort } : {}) })}`,
    );
}

/**
 * The busiest detail pages of the filled database: the story with most articles, the newest
 * article, the entity in most articles, the thread with most sentences, and the claims overview.
 */
export async function detailPages(
  client: ReturnType<typeof createDb>,
): Promise<Record<string, string>> {
  const story = await client.story.findFirstOrThrow({
    orderBy: [{ articleCount: "desc" }, { id: "asc" }],
    select: { id: true },
  });
  const article = await client.article.findFirstOrThrow({
    where: { duplicateOfId: null },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  const [entity] = await client.mention.groupBy({
    by: ["entityId"],
    _count: { articleId: true },
    orderBy: { _count: { articleId: "desc" } },
    take: 1,
  });
  const [thread] = await client.claim.groupBy({
    by: ["claimantId", "targetId", "type"],
    _count: { id: true },
    orderBy: { _count: { id: "desc" } },
    take: 1,
  });
  const slug = async (id: number) =>
    (await client.entity.findUniqueOrThrow({ where: { id }, select: { slug: true } })).slug;
  return {
    "story page": `/stories/${story.id}`,
    "article page": `/articles/${article.id}`,
    "entity page": `/entities/${await slug(entity!.entityId)}`,
    "claim thread": `/claims/${await slug(thread!.claimantId)}/${await slug(thread!.targetId)}/${thread!.type}`,
    "claims overview": "/claims",
  };
}

/** Waits for a server to answer, up to `seconds` (a busy shared machine starts Next slowly). */
export async function waitUp(url: string, seconds = 60): Promise<void> {
  for (let i = 0; i < seconds * 4; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`bench/pages: ${url} did not come up`);
}

/** Runs the page benchmark on the given databases; returns the figures. */
export async function runPagesBench(
  options: {
    articles?: number;
    concurrency?: number;
    seconds?: number;
    kinds?: DatabaseKind[];
  } = {},
): Promise<Record<string, unknown>> {
  const articles = options.articles ?? Number(arg("articles", "100000"));
  const concurrency = options.concurrency ?? Number(arg("concurrency", "4"));
  const seconds = options.seconds ?? Number(arg("seconds", "8"));
  const kinds =
    options.kinds ??
    (arg("db", "")
      ? [arg("db", "") as DatabaseKind]
      : (["sqlite", "postgresql"] as DatabaseKind[]));
  buildAppIfNeeded(process.cwd(), (line) => console.log(`bench/pages: ${line}`));
  const results: Record<string, unknown> = { articles, concurrency, seconds };
  for (const kind of kinds) {
    // --reuse URL: a database this bench (or bench/fill.ts) filled before, kept as it is after.
    const reuse = arg("reuse", "");
    const db = reuse
      ? { url: reuse, drop: async () => undefined }
      : await createScratchDatabase(kind);
    let server: ChildProcess | undefined;
    try {
      await migrate(db.url);
      const client = createDb(db.url);
      const fill = reuse
        ? { reused: reuse, articles: await client.article.count() }
        : await fillDatabase(client, kind, articles, {
            onProgress: (n) =>
              n % 20000 === 0 && console.log(`bench/pages: ${kind}: ${n} articles`),
          });
      await settle(client, kind);
      const details = await detailPages(client);
      await client.$disconnect();
      const start = async (pageCacheSeconds?: string) => {
        const port = await freePort();
        const env: NodeJS.ProcessEnv = {
          ...process.env,
          DATABASE_URL: db.url,
          NEXT_TELEMETRY_DISABLED: "1",
          RATE_LIMIT_PER_MINUTE: "100000",
          LOG_LEVEL: "error",
        };
        if (pageCacheSeconds !== undefined) env.PAGE_CACHE_SECONDS = pageCacheSeconds;
        server = spawn(resolve("node_modules/.bin/tsx"), ["scripts/serve.ts"], {
          env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
          stdio: ["ignore", "ignore", "inherit"],
        });
        const base = `http://127.0.0.1:${port}`;
        await waitUp(base);
        for (let i = 0; i < 20; i++) await (await fetch(base)).arrayBuffer(); // warm-up
        return base;
      };
      const stop = async () => {
        server?.kill("SIGTERM");
        await new Promise((r) => setTimeout(r, 500));
        server = undefined;
      };
      const homeUrl = "/";
      const filteredUrl = "/?entity=deepseek&claim=distillation";
      const searchUrl = `/search?q=${encodeURIComponent("openai distillation")}`;
      // First, a server that shares nothing between visitors (PAGE_CACHE_SECONDS=0): every request
      // queries and renders, the cost of a view nobody else asked for in the last few seconds.
      let base = await start("0");
      // The first view of each detail page on a fresh server: what a visitor waits for when nobody
      // has asked for it in the last hour (their aggregates are shared for a minute, then refreshed behind).
      const firstView: Record<string, number> = {};
      for (const [name, path] of Object.entries(details)) {
        const t0 = performance.now();
        const response = await fetch(`${base}${path}`);
        await response.arrayBuffer();
        if (response.status !== 200)
          throw new Error(`bench/pages: ${path} answered ${response.status}`);
        firstView[name] = Number((performance.now() - t0).toFixed(1));
      }
      const computed: Record<string, Load> = {};
      computed.home = await load(`${base}${homeUrl}`, concurrency, seconds);
      computed["home filtered"] = await load(`${base}${filteredUrl}`, concurrency, seconds);
      computed.search = await load(`${base}${searchUrl}`, concurrency, seconds);
      const mix = searchMixPaths();
      computed["search, query mix"] = await load(
        mix.map((path) => `${base}${path}`),
        concurrency,
        seconds,
      );
      for (const [name, path] of Object.entries(details))
        computed[name] = await load(`${base}${path}`, concurrency, seconds);
      await stop();
      // Then the shipped default: a page is answered again to every visitor for PAGE_CACHE_SECONDS
      // (lib/http/page-cache.ts), so a view many readers open at once is rendered once.
      base = await start();
      const html = await (await fetch(base)).text();
      const asset = /href="(\/_next\/static\/[^"]+\.css)"/.exec(html)?.[1] ?? "/favicon.ico";
      const floor = await load(`${base}${asset}`, concurrency, seconds);
      const shared: Record<string, Load> = {};
      shared.home = await load(`${base}${homeUrl}`, concurrency, seconds);
      shared["home filtered"] = await load(`${base}${filteredUrl}`, concurrency, seconds);
      shared.search = await load(`${base}${searchUrl}`, concurrency, seconds);
      for (const [name, path] of Object.entries(details))
        shared[name] = await load(`${base}${path}`, concurrency, seconds);
      const row = {
        fill,
        floor,
        shared,
        computed,
        details,
        firstView,
        searchMixQueries: mix.length,
        homeVsFloorP95: Number((shared.home!.p95 / Math.max(0.1, floor.p95)).toFixed(1)),
      };
      results[kind] = row;
      console.log(
        `bench/pages: ${kind}: ${articles} articles, ${concurrency} clients; "shared": the default server, "computed": PAGE_CACHE_SECONDS=0`,
      );
      const format = (value: Load) =>
        `${String(value.rps).padStart(7)} req/s  p50 ${String(value.p50).padStart(6)}  p95 ${String(value.p95).padStart(6)} ms${value.cpuMs !== undefined ? `  cpu ${String(value.cpuMs).padStart(5)} ms/req` : ""}${value.errors ? `  errors ${value.errors}` : ""}`;
      console.log(`  ${"static asset (floor)".padEnd(22)} ${format(floor)}`);
      for (const name of Object.keys(computed)) {
        console.log(
          `  ${name.padEnd(22)} shared ${shared[name] ? format(shared[name]!) : `${"-".padStart(7)}`.padEnd(46)}   computed ${format(computed[name]!)}`,
        );
      }
      console.log(
        `  (search, query mix: ${mix.length} different searches from bench/search.bench.ts, each client taking the next)`,
      );
      console.log(
        `  first view on a fresh server: ${Object.entries(firstView)
          .map(([name, ms]) => `${name} ${ms} ms`)
          .join(", ")}`,
      );
    } finally {
      server?.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 500));
      await db.drop();
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runPagesBench();
}
