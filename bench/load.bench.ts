/**
 * The web app under load: autocannon at 32 connections (by default) on every public page, the API
 * lists and the feeds, against scripts/serve.ts as `npm start` runs it (its default page cache, one
 * process per core), on a database of N synthetic articles (bench/fill.ts) on SQLite and on
 * PostgreSQL; each route first with the web app alone, then while an ingest worker (scripts/worker.ts)
 * fetches, analyses and stores new articles from a local feed site the whole time. The peer in the
 * same run is the same server answering a static file (a CSS file of the build): the floor every
 * route is measured against.
 *
 * Per route: requests per second, p99 latency, errors (connection errors and answers other than
 * 200), timeouts, and the share of the floor's requests per second. The bar (issue 17): 0 errors,
 * 0 timeouts, p99 at most 1 s and at least a tenth of the floor, on both databases, with and
 * without the worker. A worker phase in which the worker stored no article while the routes were
 * measured (or exited) misses the bar whatever the routes did, and the run exits non-zero. After
 * the worker phase: what the worker stored in all, originals and duplicates, and how many originals
 * it placed into stories (of the filled archive, or new ones).
 *
 * Each route gets a warm-up before it is measured, as load tests do: single requests on new
 * connections until every web process answers it from its copy, then WARM_UP_SECONDS at the same
 * connections; what is measured is the app serving a route many readers keep asking for, not its
 * first view on a fresh process (bench/pages.bench.ts times that, and each route's first answer
 * is printed too).
 *
 *   npx tsx bench/load.bench.ts [--articles 100000] [--connections 32] [--seconds 10]
 *                               [--db sqlite|postgresql] [--ingest both|off|on]
 *                               [--reuse DATABASE_URL]  (with --db: a database filled before by
 *                                 bench/fill.ts; the worker phase adds articles to it)
 *                               [--only NAME,NAME]      (routes whose name contains one of these)
 *                               [--worker-log warn]     (the worker's LOG_LEVEL; its lines go to stderr)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, get as httpGet, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import autocannon from "autocannon";
import { createDb, type DatabaseKind, type Db } from "@/lib/store/db";
import { migrate } from "@/lib/store/migrate";
import { addSource, listSources, removeSource } from "@/lib/store/sources";
import { buildAppIfNeeded } from "@/scripts/build-app";
import { createScratchDatabase } from "@/scripts/support/scratch-db";
import { fillDatabase, syntheticArticle } from "./fill";
import { detailPages, freePort, waitUp } from "./pages.bench";
import { settle } from "./search.bench";

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at !== -1 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

/** The figures of one route under load. */
export interface RouteLoad {
  path: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  timeouts: number;
  /** rps as a share of the static file's in the same phase. */
  ofFloor: number;
  /** p99 as a multiple of the static file's in the same phase (the machine's own tail under load). */
  p99OfFloor: number;
  /** Meets the bar: answers came, 0 errors, 0 timeouts, p99 <= 1 s, at least a tenth of the floor. */
  ok: boolean;
  /** Milliseconds to the first answer of the route, before its warm-up. */
  firstMs?: number;
}

const TIMEOUT_SECONDS = 10;
/** How long the first request of a route may take before the route is measured without it. */
const FIRST_ANSWER_SECONDS = 120;
/** Traffic on a route before it is measured (not counted). */
const WARM_UP_SECONDS = 2;
/** How long the worker phase waits for the worker's first article before it measures anyway. */
const FIRST_ARTICLE_SECONDS = 120;
/** The title prefix of the feeds this benchmark adds for the worker (removed again afterwards). */
const LOAD_FEED_TITLE = "Load feed";

/** autocannon on one URL for `seconds`: every answer but a 200 counts as an error. */
async function hammer(
  url: string,
  connections: number,
  seconds: number,
): Promise<Omit<RouteLoad, "path" | "ofFloor" | "p99OfFloor" | "ok">> {
  const headers = { "accept-language": "en", "accept-encoding": "gzip" };
  let client = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: TIMEOUT_SECONDS,
    headers,
    // Each connection is a reader of its own, as a proxy in front of the app reports it
    // (TRUSTED_PROXIES=1 below): the API's and feeds' rate limit is per reader, and one address
    // for all of them used up RATE_LIMIT_PER_MINUTE's maximum within a few routes (thousands of
    // 429s on the API routes measured after a minute of others).
    setupClient: (connection: { setHeaders: (headers: Record<string, string>) => void }) =>
      connection.setHeaders({
        ...headers,
        "x-forwarded-for": `10.1.${client >> 8}.${client++ & 255}`,
      }),
  });
  return {
    rps: Number(result.requests.average.toFixed(1)),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
    timeouts: result.timeouts,
  };
}

/** Reporters the feed site's pages name in their bylines (invented). */
const BYLINES: Record<string, string[]> = {
  en: ["Jane Holloway", "Marcus Webb", "Priya Natarajan", "Tom Okafor", "Elena Ruiz"],
  vi: ["Nguyễn Minh Anh", "Trần Quốc Bảo", "Lê Thu Hà", "Phạm Đức Long"],
  fr: ["Claire Dubois", "Julien Marchand", "Sophie Lefèvre"],
};

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[char]!,
  );
}

/**
 * Page `n` of the feed site: a news article of its own (bench/fill.ts's generator, seeded by the
 * run and n) with a title, a byline, a publication date within the last three days, several
 * paragraphs about an AI dispute naming entities and claims (English, Vietnamese or French), and
 * the site's navigation and footer around it; no canonical address, so its own address is the
 * article's.
 */
export function feedSitePage(run: number, n: number): string {
  const article = syntheticArticle((Math.imul(n + 1, 0x9e3779b1) ^ run) >>> 0);
  const published = new Date(Date.now() - (n % 72) * 3_600_000 - (n % 60) * 60_000);
  const names = BYLINES[article.language] ?? BYLINES.en!;
  const byline = names[n % names.length]!;
  const paragraphs: string[] = [];
  for (let i = 0; i < article.sentences.length; i += 3)
    paragraphs.push(`<p>${escapeHtml(article.sentences.slice(i, i + 3).join(" "))}</p>`);
  const title = escapeHtml(article.title);
  const site = escapeHtml(article.sourceName);
  return `<!DOCTYPE html>
<html lang="${article.language}">
<head>
<meta charset="utf-8">
<title>${title} | ${site}</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="${site}">
<meta property="og:title" content="${title}">
<meta name="author" content="${escapeHtml(byline)}">
<meta property="article:published_time" content="${published.toISOString()}">
</head>
<body>
<header><nav><a href="/">${site}</a> <a href="/technology">Technology</a> <a href="/business">Business</a></nav></header>
<main>
<article>
<h1>${title}</h1>
<p class="byline">By <span class="author">${escapeHtml(byline)}</span>, <time datetime="${published.toISOString()}">${published.toUTCString()}</time></p>
${paragraphs.join("\n")}
</article>
</main>
<footer><p>&copy; ${site}. All rights reserved.</p></footer>
</body>
</html>`;
}

/**
 * A feed site on 127.0.0.1 that never runs dry: each feed lists 50 articles it has never listed
 * before, each a news page of its own (feedSitePage), so the worker fetches, extracts, analyses,
 * deduplicates, places in stories and stores for as long as it runs.
 */
async function startFeedSite(): Promise<{
  base: string;
  served: () => number;
  close: () => Promise<void>;
}> {
  // In every article's address and text: a database reused from an earlier run (--reuse) keeps
  // that run's articles, and the same address or text again would be an article already stored.
  const started = Date.now();
  const run = started.toString(36);
  let next = 0;
  let served = 0;
  const server: Server = createServer((request, response) => {
    const url = request.url ?? "/";
    const feed = /^\/feed\/(\d+)\.xml$/.exec(url);
    if (feed) {
      const base = `http://${request.headers.host}`;
      const items = Array.from({ length: 50 }, () => {
        const n = next++;
        return `<item><title>Dispute report ${n}</title><link>${base}/article/${run}-${n}</link><guid>${base}/article/${run}-${n}</guid><pubDate>${new Date().toUTCString()}</pubDate></item>`;
      }).join("");
      response.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8" });
      response.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Load feed ${feed[1]}</title><link>${base}/</link><description>bench</description>${items}</channel></rss>`,
      );
      return;
    }
    const article = /^\/article\/[a-z0-9]+-(\d+)$/.exec(url);
    if (article) {
      served += 1;
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(feedSitePage(started | 0, Number(article[1])));
      return;
    }
    response.writeHead(404, { "content-type": "text/plain" });
    response.end("not here");
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served: () => served,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Every route template a reader, a script or a feed reader asks for, on the filled database. */
async function routes(url: string): Promise<Record<string, string>> {
  const client = createDb(url);
  try {
    const details = await detailPages(client);
    const story = /\/stories\/(\d+)/.exec(details["story page"]!)![1];
    const entity = /\/entities\/([^/]+)/.exec(details["entity page"]!)![1];
    return {
      home: "/",
      "home filtered": "/?entity=deepseek&claim=distillation",
      search: `/search?q=${encodeURIComponent("openai distillation")}`,
      ...details,
      "api articles": "/api/v1/articles",
      "api stories": "/api/v1/stories",
      "api story": `/api/v1/stories/${story}`,
      "api entities": "/api/v1/entities",
      "api claims": "/api/v1/claims",
      "api threads": "/api/v1/claims/threads",
      "api search": "/api/v1/search?q=openai",
      "feed latest rss": "/feeds/latest.rss",
      "feed latest atom": "/feeds/latest.atom",
      "feed latest json": "/feeds/latest.json",
      "feed entity": `/feeds/entities/${entity}.rss`,
      "feed story": `/feeds/stories/${story}.rss`,
      "feed daily digest": "/feeds/digest/daily.rss",
    };
  } finally {
    await client.$disconnect();
  }
}

/** Answers in a row from the shared copy that show every web process holds one. */
const WARM_HITS = 8;

/**
 * Asks for a route on a new connection each time (the web server hands connections to its
 * processes in turn) until WARM_HITS answers in a row came from a process's copy, or a minute
 * passed: each process renders the route once before it is measured. Without it, a process whose
 * first render of a page outlasted the warm-up (seconds on the busy machine) held half of the
 * measured requests, and every page's p99 was that render.
 */
async function warmEveryProcess(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let hits = 0;
  while (hits < WARM_HITS && Date.now() < deadline) {
    const cache = await new Promise<string | undefined>((done) => {
      const req = httpGet(
        url,
        { agent: false, headers: { "accept-language": "en", "accept-encoding": "gzip" } },
        (res) => {
          res.resume();
          res.on("end", () => done(res.headers["x-page-cache"] as string | undefined));
        },
      );
      req.on("error", () => done(undefined));
      req.setTimeout(30_000, () => req.destroy());
    });
    hits = cache === "HIT" ? hits + 1 : 0;
  }
}

/** Removes the feeds an earlier run of this benchmark added (a reused database keeps them otherwise). */
async function removeLoadFeeds(db: Db): Promise<void> {
  for (const source of await listSources(db))
    if (source.title?.startsWith(LOAD_FEED_TITLE)) await removeSource(db, source.id);
}

/**
 * What the worker stored: the articles after `lastArticle` and the stories after `lastStory`.
 * Originals join stories the worker opened earlier in the run; bench/fill.ts's stories keep no
 * clustering features (an empty centroid), so none joins one of those.
 */
async function workerArticles(
  db: Db,
  lastArticle: number,
  lastStory: number,
): Promise<{
  stored: number;
  originals: number;
  duplicates: number;
  placed: number;
  joinedArchive: number;
  newStories: number;
}> {
  const mine = { articleId: { gt: lastArticle } };
  const stored = await db.article.count({ where: { id: { gt: lastArticle } } });
  const duplicates = await db.article.count({
    where: { id: { gt: lastArticle }, duplicateOfId: { not: null } },
  });
  return {
    stored,
    originals: stored - duplicates,
    duplicates,
    placed: await db.storyArticle.count({ where: mine }),
    joinedArchive: await db.storyArticle.count({
      where: { ...mine, storyId: { lte: lastStory } },
    }),
    newStories: await db.story.count({ where: { id: { gt: lastStory } } }),
  };
}

/** Runs the load benchmark; returns the figures. */
export async function runLoadBench(
  options: {
    articles?: number;
    connections?: number;
    seconds?: number;
    kinds?: DatabaseKind[];
    ingest?: ("off" | "on")[];
  } = {},
): Promise<Record<string, unknown>> {
  const articles = options.articles ?? Number(arg("articles", "100000"));
  const connections = options.connections ?? Number(arg("connections", "32"));
  const seconds = options.seconds ?? Number(arg("seconds", "10"));
  const kinds =
    options.kinds ??
    (arg("db", "")
      ? [arg("db", "") as DatabaseKind]
      : (["sqlite", "postgresql"] as DatabaseKind[]));
  const ingestArg = arg("ingest", "both");
  const phases =
    options.ingest ?? (ingestArg === "both" ? ["off", "on"] : [ingestArg as "off" | "on"]);
  buildAppIfNeeded(process.cwd(), (line) => console.log(`bench/load: ${line}`));
  const results: Record<string, unknown> = {
    articles,
    connections,
    seconds,
    timeoutSeconds: TIMEOUT_SECONDS,
  };
  const only = arg("only", "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  for (const kind of kinds) {
    // --reuse URL: a database filled before (bench/fill.ts), kept afterwards.
    const reuse = arg("reuse", "");
    const db = reuse
      ? { url: reuse, db: createDb(reuse), drop: async () => undefined }
      : await createScratchDatabase(kind);
    let server: ChildProcess | undefined;
    let worker: ChildProcess | undefined;
    const site = await startFeedSite();
    try {
      await migrate(db.url);
      const fill = reuse
        ? { reused: true, articles: await db.db.article.count() }
        : await fillDatabase(db.db, kind, articles, {
            onProgress: (n) => n % 20000 === 0 && console.log(`bench/load: ${kind}: ${n} articles`),
          });
      await settle(db.db, kind);
      const paths = Object.fromEntries(
        Object.entries(await routes(db.url)).filter(
          ([name]) => only.length === 0 || only.some((part) => name.includes(part)),
        ),
      );
      await removeLoadFeeds(db.db);
      for (let i = 0; i < 6; i++)
        await addSource(db.db, {
          url: `${site.base}/feed/${i}.xml`,
          title: `${LOAD_FEED_TITLE} ${i}`,
        });
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: db.url,
        NEXT_TELEMETRY_DISABLED: "1",
        RATE_LIMIT_PER_MINUTE: "100000",
        TRUSTED_PROXIES: "1",
        LOG_LEVEL: "error",
        LOAD_SAMPLE_DATA: "false",
        DEFAULT_SOURCES: "false",
      };
      const port = await freePort();
      server = spawn(resolve("node_modules/.bin/tsx"), ["scripts/serve.ts"], {
        env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
        stdio: ["ignore", "ignore", "inherit"],
      });
      const base = `http://127.0.0.1:${port}`;
      await waitUp(base, 300);
      const html = await (await fetch(base)).text();
      const asset = /href="(\/_next\/static\/[^"]+\.css)"/.exec(html)?.[1] ?? "/icon.svg";
      const row: Record<string, unknown> = { fill };
      for (const phase of phases) {
        // How the worker ended, when it ended before the phase did (a crash, a bad configuration).
        let workerExit: string | null = null;
        // What was there before the worker: its articles and stories are the ones after these ids.
        const lastArticle = (await db.db.article.aggregate({ _max: { id: true } }))._max.id ?? 0;
        const lastStory = (await db.db.story.aggregate({ _max: { id: true } }))._max.id ?? 0;
        if (phase === "on") {
          const before = await db.db.article.count();
          worker = spawn(resolve("node_modules/.bin/tsx"), ["scripts/worker.ts"], {
            env: {
              ...env,
              ALLOW_PRIVATE_NETWORKS: "true",
              FETCH_HOST_DELAY_MS: "0",
              FETCH_HOST_CONCURRENCY: "4",
              FETCH_RESPECT_ROBOTS: "false",
              WORKER_POLL_SECONDS: "1",
              SOURCE_REFRESH_MINUTES: "1",
              FETCH_RETRIES: "0",
              // What goes wrong in the worker is shown (its log lines go to stdout, ours carries the figures).
              LOG_LEVEL: arg("worker-log", "warn"),
              LOG_FORMAT: "pretty",
            },
            stdio: ["ignore", "pipe", "inherit"],
          });
          worker.stdout?.pipe(process.stderr);
          worker.once("exit", (code, signal) => (workerExit = String(signal ?? code)));
          // Measure only once the worker is storing articles.
          const deadline = Date.now() + FIRST_ARTICLE_SECONDS * 1000;
          while ((await db.db.article.count()) === before && Date.now() < deadline)
            await new Promise((r) => setTimeout(r, 500));
          if ((await db.db.article.count()) === before)
            console.log(
              `bench/load: ${kind}: the worker stored no article in ${FIRST_ARTICLE_SECONDS} s; measuring anyway (this phase misses the bar)`,
            );
        }
        const stored = await db.db.article.count();
        const floor = await hammer(`${base}${asset}`, connections, seconds);
        const figures: Record<string, RouteLoad> = {};
        console.log(
          `bench/load: ${kind}, ${articles} articles, ${connections} connections, ${seconds} s per route, worker ${phase === "on" ? "ingesting" : "off"}`,
        );
        console.log(
          `  ${"static file (floor)".padEnd(20)} ${String(floor.rps).padStart(8)} req/s  p99 ${String(floor.p99).padStart(5)} ms  errors ${floor.errors}  timeouts ${floor.timeouts}`,
        );
        for (const [name, path] of Object.entries(paths)) {
          const first = performance.now();
          // No first answer within FIRST_ANSWER_SECONDS is the route's result, not the end of the run.
          const firstAnswer = await fetch(`${base}${path}`, {
            headers: { "accept-language": "en" },
            signal: AbortSignal.timeout(FIRST_ANSWER_SECONDS * 1000),
          })
            .then(async (answer) => {
              await answer.arrayBuffer();
              return answer;
            })
            .catch(() => ({ status: "none" }));
          const firstMs = Math.round(performance.now() - first);
          await warmEveryProcess(`${base}${path}`);
          await hammer(`${base}${path}`, connections, WARM_UP_SECONDS);
          const measured = await hammer(`${base}${path}`, connections, seconds);
          const ofFloor = Number((measured.rps / Math.max(0.1, floor.rps)).toFixed(3));
          const p99OfFloor = Number((measured.p99 / Math.max(1, floor.p99)).toFixed(2));
          // A run in which no answer came back at all is a failure, not a clean sheet.
          const ok =
            measured.requests > 0 &&
            measured.errors === 0 &&
            measured.timeouts === 0 &&
            measured.p99 <= 1000 &&
            ofFloor >= 0.1;
          figures[name] = { path, ...measured, ofFloor, p99OfFloor, ok, firstMs };
          console.log(
            `  ${name.padEnd(20)} ${String(measured.rps).padStart(8)} req/s  p99 ${String(measured.p99).padStart(5)} ms  errors ${measured.errors}  timeouts ${measured.timeouts}  ${(ofFloor * 100).toFixed(1).padStart(5)}% of floor  p99 ${p99OfFloor.toFixed(2)}x floor's  ${ok ? "ok" : "MISSES THE BAR"}  (first answer ${firstAnswer.status} in ${firstMs} ms)`,
          );
        }
        // The floor again at the end: on a shared machine it drifts while the routes are measured.
        const floorAfter = await hammer(`${base}${asset}`, connections, seconds);
        console.log(
          `  ${"static file, again".padEnd(20)} ${String(floorAfter.rps).padStart(8)} req/s  p99 ${String(floorAfter.p99).padStart(5)} ms  errors ${floorAfter.errors}  timeouts ${floorAfter.timeouts}`,
        );
        const measuredRoutes = Object.values(figures);
        const count = (test: (route: RouteLoad) => boolean) =>
          `${measuredRoutes.filter(test).length}/${measuredRoutes.length}`;
        console.log(
          `  routes with 0 errors and 0 timeouts ${count((r) => r.requests > 0 && r.errors === 0 && r.timeouts === 0)}, p99 <= 1 s ${count((r) => r.p99 <= 1000)}, at least a tenth of the floor ${count((r) => r.ofFloor >= 0.1)}, all of the bar ${count((r) => r.ok)}`,
        );
        const ingested = (await db.db.article.count()) - stored;
        // "While a worker ingests" is only shown if the worker did: none stored misses the bar.
        const workerIdle = phase === "on" && (ingested === 0 || workerExit !== null);
        if (phase === "on")
          console.log(
            `  the worker stored ${ingested} articles while the routes were measured${workerExit !== null ? `, then exited early (${workerExit})` : ""}${workerIdle ? "  MISSES THE BAR (no ingest to measure under)" : ""}`,
          );
        const ingest = phase === "on" ? await workerArticles(db.db, lastArticle, lastStory) : null;
        if (ingest)
          console.log(
            `  the worker stored ${ingest.stored} articles in all: ${ingest.originals} originals, ${ingest.duplicates} duplicates (same or near-same text); ${ingest.placed} originals placed into stories (${ingest.joinedArchive} into stories of the filled archive, ${ingest.placed - ingest.joinedArchive} into the ${ingest.newStories} stories the worker opened), ${ingest.originals - ingest.placed} off topic (not placed)`,
          );
        const allOk = !workerIdle && Object.values(figures).every((f) => f.ok);
        if (workerIdle) process.exitCode = 1;
        row[phase === "on" ? "withWorker" : "alone"] = {
          floor: { path: asset, ...floor },
          floorAfter,
          routes: figures,
          articlesStoredMeanwhile: ingested,
          ...(ingest ? { workerArticles: ingest } : {}),
          allOk,
        };
        if (worker) {
          worker.kill("SIGTERM");
          await new Promise((r) => setTimeout(r, 1000));
          worker = undefined;
        }
      }
      results[kind] = row;
    } finally {
      worker?.kill("SIGTERM");
      server?.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 1000));
      await site.close();
      if (reuse) await removeLoadFeeds(db.db).catch(() => undefined);
      await db.drop();
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runLoadBench();
}
