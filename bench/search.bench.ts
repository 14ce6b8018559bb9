/**
 * Search latency at scale, on SQLite and on PostgreSQL: fills a fresh database of each kind with
 * N synthetic articles (bench/fill.ts; PostgreSQL is a throwaway database on 127.0.0.1:5432,
 * dropped after), then times searchArticles (page + total + facets + snippets, what the search
 * page needs) over a fixed mix of ~200 queries: single words common and rare, Vietnamese with and
 * without diacritics, phrases, OR, field filters with and without words, filters only, sort by
 * date, second pages. Each query's wall time and CPU time (this process's, plus on PostgreSQL the
 * server processes' of the database, from /proc schedstat) are reported by class, with the load
 * average: on a loaded machine CPU time is the steadier figure.
 *
 *   npx tsx bench/search.bench.ts [--articles 100000] [--kinds sqlite,postgresql]
 *                                 [--reuse DATABASE_URL]   (a database bench/fill.ts filled, kept as it is)
 *
 * `runSearchBench` is what the top-level bench runner calls.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, type DatabaseKind, type Db } from "@/lib/store/db";
import { migrate } from "@/lib/store/migrate";
import { parseConfig } from "@/lib/config";
import { optimizeSearchIndex, searchArticles, type SearchOptions } from "@/lib/store/search";
import { createScratchDatabase } from "@/scripts/support/scratch-db";
import { BENCH_ENTITIES, fillDatabase } from "./fill";

/** The configured default off-topic threshold, as the search page passes it. */
const minRelevance = parseConfig({}).RELEVANCE_THRESHOLD;

export interface SearchBenchOptions {
  articles?: number;
  kinds?: DatabaseKind[];
  /** Timed passes over the query mix (after one warm-up pass). */
  rounds?: number;
  /** An already filled database (bench/fill.ts) to time instead of a fresh one; it is not dropped. */
  reuse?: string;
}

interface BenchQuery {
  category: string;
  q: string;
  /** Everything but the relevance threshold, which every query takes from the configuration. */
  options: Omit<SearchOptions, "minRelevance">;
  /** Fetch the second page (with the first page's cursor) and time that. */
  secondPage?: boolean;
}

/** The query mix: fixed, so runs are comparable. */
export function searchBenchQueries(): BenchQuery[] {
  const queries: BenchQuery[] = [];
  const add = (
    category: string,
    list: string[],
    options: Omit<SearchOptions, "minRelevance"> = {},
    secondPage = false,
  ) => {
    for (const q of list) queries.push({ category, q, options, secondPage });
  };
  const entityNames = BENCH_ENTITIES.map((e) => e.name);
  add("word-common", [
    "openai",
    "deepseek",
    "lawsuit",
    "copyright",
    "model",
    "microsoft",
    "china",
    "court",
    "data",
    "dữ liệu",
    "analysts",
    "statement",
  ]);
  add("word-rare", [
    "injunction",
    "testimony",
    "semafor",
    "midjourney",
    "getty",
    "umg",
    "defamation",
    "hangzhou",
    "delaware",
    "diffamation",
    "phỉ báng",
    "SDNY",
  ]);
  add("entity-name-as-word", entityNames.slice(0, 24));
  add("vietnamese-folded", [
    "chung cat",
    "chưng cất",
    "vi pham ban quyen",
    "vi phạm bản quyền",
    "da nang",
    "Đà Nẵng",
    "trung quoc",
    "bí mật kinh doanh",
    "tri tue nhan tao",
    "kiểm soát xuất khẩu",
  ]);
  add("two-three-words", [
    "openai deepseek",
    "deepseek distillation",
    "copyright lawsuit",
    "microsoft openai investigation",
    "nvidia chips export",
    "anthropic authors",
    "google antitrust",
    "meta llama",
    "musk openai lawsuit",
    "deep seek",
    "sam altman statement",
    "training data scraping",
    "federal court manhattan",
    "privacy regulators europe",
    "r1 model",
  ]);
  add("phrase", [
    '"terms of service"',
    '"trade secrets"',
    '"export controls on chips"',
    '"chưng cất mô hình"',
    '"copyright infringement"',
    '"request for comment"',
    '"national security risks"',
    '"new york times"',
    '"deep seek"',
    '"million dollars in damages"',
  ]);
  add("or", [
    "openai OR anthropic",
    "copyright OR defamation",
    "chung cat OR distillation",
    "nvidia OR chips",
    "getty OR midjourney",
  ]);
  add("words+filters", [
    "openai lang:vi",
    "copyright after:2025-01-01",
    "lawsuit entity:openai",
    "distillation entity:deepseek after:2025-01-01 before:2025-03-01",
    "chips claim:export_control",
    "court source:reuters.com",
    "statement lang:en before:2024-01-01",
    "mô hình lang:vi entity:openai",
    "damages claim:copyright entity:new-york-times",
    "musk entity:xai",
    "investigation lang:fr",
    "data source:vnexpress.net",
    "copyright lawsuit after:2024-06-01 before:2024-09-01",
    "deepseek claim:distillation lang:vi",
    "model entity:openai entity:microsoft",
  ]);
  add("filters-only", [
    "entity:openai",
    "entity:deepseek",
    "claim:distillation",
    "claim:copyright",
    "lang:vi",
    "lang:fr",
    "source:reuters.com",
    "after:2025-01-01 before:2025-02-01",
    "entity:openai entity:deepseek",
    "entity:anthropic claim:copyright",
    "entity:nvidia lang:en",
    "source:tuoitre.vn after:2024-01-01",
    "claim:privacy",
    'entity:"Deep Seek"',
    "",
  ]);
  add(
    "sort-date",
    [
      "openai",
      "copyright lawsuit",
      "chưng cất",
      "deepseek",
      '"terms of service"',
      "court",
      "google antitrust",
    ],
    { sort: "date" },
  );
  add("second-page", ["openai", "copyright", "entity:openai", "chung cat", "lawsuit"], {}, true);
  add("second-page-date", ["openai", "entity:deepseek", "model"], { sort: "date" }, true);
  add("no-match", [
    "zzyzx",
    "quantum blockchain metaverse",
    '"openai denies copyright of the moon"',
  ]);
  add("include-duplicates", ["openai", "copyright"], {
    includeDuplicates: true,
    includeOffTopic: true,
  });
  // Pad to ~200 with combinations drawn deterministically from the lists above.
  const words = [
    "openai",
    "deepseek",
    "copyright",
    "lawsuit",
    "chips",
    "data",
    "court",
    "model",
    "privacy",
    "regulators",
    "google",
    "meta",
  ];
  const filters = [
    "lang:en",
    "lang:vi",
    "entity:openai",
    "claim:copyright",
    "after:2024-01-01",
    "before:2024-06-01",
    "source:bloomberg.com",
    "",
  ];
  for (let i = queries.length, k = 0; i < 200; i++, k++) {
    const q =
      `${words[k % words.length]} ${words[(k * 5 + 3) % words.length]} ${filters[(k * 3) % filters.length]}`.trim();
    queries.push({ category: "mixed", q, options: k % 4 === 0 ? { sort: "date" } : {} });
  }
  return queries;
}

/**
 * PostgreSQL: write out what the fill left in shared buffers now (CHECKPOINT), rather than while
 * queries are timed; a bulk load's checkpoint otherwise lands in the middle of the measurements.
 */
export async function settle(db: Db, kind: DatabaseKind): Promise<void> {
  if (kind !== "postgresql") return;
  try {
    await db.$executeRawUnsafe(`CHECKPOINT`);
  } catch {
    // Not allowed for this role: the figures may then carry a checkpoint's writes.
  }
}

/** The PostgreSQL server processes connected to this database (the bench's pool). */
async function backendPids(db: Db): Promise<number[]> {
  const rows = await db.$queryRawUnsafe<{ pid: number }[]>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
  );
  return rows.map((row) => Number(row.pid));
}

/**
 * CPU time these local processes have run, in ms (Linux /proc/PID/schedstat, nanoseconds); 0 where
 * it cannot be read (another machine, another OS).
 */
function serverCpuMs(pids: number[]): number {
  let ns = 0;
  for (const pid of pids) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // Gone, or not on this machine.
    }
  }
  return ns / 1e6;
}

/** A database filled before (bench/fill.ts): migrated to the current schema, kept after. */
async function reusedDatabase(url: string): Promise<{ db: Db; drop(): Promise<void> }> {
  await migrate(url);
  const db = createDb(url);
  return { db, drop: () => db.$disconnect() };
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summarise(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? 0),
  };
}

async function benchKind(
  kind: DatabaseKind,
  articles: number,
  rounds: number,
  reuse?: string,
): Promise<Record<string, unknown>> {
  const database = reuse ? await reusedDatabase(reuse) : await createScratchDatabase(kind);
  try {
    const fillStarted = performance.now();
    let lastReport = 0;
    const fill = reuse
      ? { reused: true, articles: await database.db.article.count(), seconds: 0 }
      : await fillDatabase(database.db, kind, articles, {
          onProgress: (written) => {
            if (written - lastReport >= 10_000 || written === articles) {
              lastReport = written;
              console.log(
                `  ${kind}: ${written} articles (${((performance.now() - fillStarted) / 1000).toFixed(0)} s)`,
              );
            }
          },
        });
    const optimizeStarted = performance.now();
    await optimizeSearchIndex(database.db);
    await settle(database.db, kind);
    const optimizeSeconds = (performance.now() - optimizeStarted) / 1000;

    const queries = searchBenchQueries();
    const cursors = new Map<number, string | null>();
    const perCategory = new Map<string, number[]>();
    const all: number[] = [];
    // CPU per query, less noisy than wall time on a loaded machine: this process's (on SQLite all
    // the work), plus on PostgreSQL the server processes' serving this database (schedstat).
    const allCpu: number[] = [];
    const cpuPerCategory = new Map<string, number[]>();
    const loadBefore = loadavg()[0]!;
    const slowest: { q: string; ms: number }[] = [];
    let totalHits = 0;
    let approximateFacets = 0;
    for (let round = 0; round <= rounds; round++) {
      for (const [index, query] of queries.entries()) {
        if (query.secondPage && !cursors.has(index)) {
          cursors.set(
            index,
            (await searchArticles(database.db, query.q, { minRelevance, ...query.options }))
              .nextCursor,
          );
        }
        const options = query.secondPage
          ? { minRelevance, ...query.options, cursor: cursors.get(index) ?? null }
          : { minRelevance, ...query.options };
        const backends = kind === "postgresql" ? await backendPids(database.db) : [];
        const serverStarted = serverCpuMs(backends);
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        const result = await searchArticles(database.db, query.q, options);
        const ms = performance.now() - started;
        const cpu = process.cpuUsage(cpuStarted);
        const serverMs = serverCpuMs(backends) - serverStarted;
        if (round === 0) continue; // warm-up
        all.push(ms);
        allCpu.push((cpu.user + cpu.system) / 1000 + serverMs);
        const list = perCategory.get(query.category) ?? [];
        list.push(ms);
        perCategory.set(query.category, list);
        const cpuList = cpuPerCategory.get(query.category) ?? [];
        cpuList.push((cpu.user + cpu.system) / 1000 + serverMs);
        cpuPerCategory.set(query.category, cpuList);
        slowest.push({
          q: `${query.q}${options.sort ? ` [${options.sort}]` : ""}${query.secondPage ? " [page 2]" : ""}`,
          ms: Math.round(ms * 10) / 10,
        });
        totalHits += result.total;
        if (result.facetScope < result.total) approximateFacets++;
      }
    }
    slowest.sort((a, b) => b.ms - a.ms);
    return {
      fill: {
        ...fill,
        seconds: Math.round(fill.seconds),
        articlesPerSecond: Math.round(articles / fill.seconds),
        optimizeSeconds: Math.round(optimizeSeconds * 10) / 10,
      },
      queries: queries.length,
      rounds,
      loadAverage: [loadBefore, loadavg()[0]!].map((x) => Math.round(x * 10) / 10),
      latencyMs: summarise(all),
      cpuMs: summarise(allCpu),
      byCategory: Object.fromEntries(
        [...perCategory].map(([category, times]) => [
          category,
          { ...summarise(times), cpuP95: summarise(cpuPerCategory.get(category) ?? []).p95 },
        ]),
      ),
      slowest: slowest.slice(0, 8),
      meanTotal: Math.round(totalHits / all.length),
      queriesWithSampledFacets: approximateFacets / rounds,
    };
  } finally {
    await database.drop();
  }
}

/** Fills each database kind with `articles` synthetic articles and times the query mix on it. */
export async function runSearchBench(
  options: SearchBenchOptions = {},
): Promise<Record<string, unknown>> {
  const articles = options.articles ?? 100_000;
  const kinds = options.kinds ?? ["sqlite", "postgresql"];
  const rounds = options.rounds ?? 3;
  const result: Record<string, unknown> = { articles, goal: "p95 <= 50 ms" };
  for (const kind of kinds) {
    console.log(`search bench: ${kind}, ${articles} articles`);
    result[kind] = await benchKind(kind, articles, rounds, options.reuse);
    console.log(JSON.stringify(result[kind], null, 2));
  }
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index === -1 ? undefined : argv[index + 1];
  };
  const articles = value("--articles") ? Number(value("--articles")) : undefined;
  const rounds = value("--rounds") ? Number(value("--rounds")) : undefined;
  const reuse = value("--reuse");
  const kinds = reuse
    ? [reuse.startsWith("file:") ? "sqlite" : ("postgresql" as DatabaseKind)]
    : (value("--kinds")?.split(",") as DatabaseKind[] | undefined);
  const result = await runSearchBench({ articles, kinds, rounds, reuse });
  console.log(JSON.stringify({ articles: result.articles }, null, 0));
  process.exit(0);
}
