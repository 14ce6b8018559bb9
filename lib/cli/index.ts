/**
 * The command line of PRODUCT.md: `npm run --silent cli -- <command>`. Output shapes are a contract
 * (tests and scripts rely on them): with --jsonl, one JSON object per input file per line.
 */
import { readFileSync } from "node:fs";
import { Command } from "commander";
import { getConfig } from "@/lib/config";
import { AppError, errorMessage } from "@/lib/errors";
import { logEvent, sendLogsToStderr } from "@/lib/log";
import {
  analyzeArticle,
  loadAnalysisResources,
  type AnalysisResources,
} from "@/lib/enrich/analyze";
import { articleFeatures, clusterBatch } from "@/lib/enrich/cluster";
import { addSourceByUrl, ingestSources, type IngestEvent } from "@/lib/ingest/index";
import { parseOpml, renderOpml } from "@/lib/ingest/opml";
import { networkTransport } from "@/lib/ingest/transport";
import { runWorker } from "@/lib/ingest/worker";
import { checkAggregates, rebuildAggregates } from "@/lib/store/aggregates";
import { closeDb, getDb } from "@/lib/store/db";
import {
  findSource,
  listSources,
  pauseSource,
  removeSource,
  resetSource,
} from "@/lib/store/sources";
import { optimizeSearchIndex, rebuildSearchIndex } from "@/lib/store/search";
import { removeSampleData } from "@/lib/store/stories";
import { articleFromInput, readInput } from "./files";

function print(rows: unknown[], jsonl: boolean): void {
  if (jsonl) for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
  else process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
}

/** One input file read, its article extracted and analysed. */
function analyzeFile(file: string, resources: AnalysisResources) {
  const article = articleFromInput(readInput(file));
  const analysis = analyzeArticle(
    { text: article.text, title: article.title, languageHint: article.language },
    resources,
  );
  return { article, analysis };
}

/** A source's id, URL and whether it is paused, after pausing or resuming it. */
function printSourceState(source: { id: number; url: string; paused: boolean }): void {
  print([{ id: source.id, url: source.url, paused: source.paused }], true);
}

async function requireSource(idOrUrl: string) {
  const source = await findSource(getDb(), idOrUrl);
  if (!source) throw new AppError("NOT_FOUND", `sources: no source ${idOrUrl}`);
  return source;
}

/** Builds the command-line program. */
export function buildProgram(): Command {
  const program = new Command("disputewatch")
    .description("DisputeWatch: disputes between AI developers in the news")
    .showHelpAfterError();

  program
    .command("extract")
    .description("extract article text and metadata from .html / .html.gz files")
    .argument("<files...>")
    .option("--jsonl", "one JSON object per file per line")
    .option("--url <url>", "the page's URL (one file only)")
    .action((files: string[], options: { jsonl?: boolean; url?: string }) => {
      if (options.url && files.length !== 1)
        throw new AppError("BAD_REQUEST", "extract: --url takes exactly one file");
      const rows = files.map((file) => {
        const article = articleFromInput(readInput(file), options.url);
        return {
          file,
          title: article.title,
          byline: article.byline,
          publishedAt: article.publishedAt,
          language: article.language,
          canonicalUrl: article.canonicalUrl,
          text: article.text,
        };
      });
      print(rows, Boolean(options.jsonl));
    });

  program
    .command("analyze")
    .description("language, title, summary, entities and claims of .html / .html.gz / .txt files")
    .argument("<files...>")
    .option("--jsonl", "one JSON object per file per line")
    .action((files: string[], options: { jsonl?: boolean }) => {
      const resources = loadAnalysisResources();
      const rows = files.map((file) => {
        const { analysis } = analyzeFile(file, resources);
        return {
          file,
          language: analysis.language,
          title: analysis.title,
          summary: analysis.summary,
          entities: analysis.entities.map(({ name, slug, kind }) => ({ name, slug, kind })),
          claims: analysis.claims.map(({ claimant, target, type, stance, sentence }) => ({
            claimant,
            target,
            type,
            stance,
            sentence,
          })),
        };
      });
      print(rows, Boolean(options.jsonl));
    });

  program
    .command("cluster")
    .description("group files into stories: files with the same `story` belong together")
    .argument("<files...>")
    .option("--jsonl", "one JSON object per file per line")
    .action((files: string[], options: { jsonl?: boolean }) => {
      const resources = loadAnalysisResources();
      const items = files.map((file) => {
        const { article, analysis } = analyzeFile(file, resources);
        const publishedAt = article.publishedAt ? new Date(article.publishedAt) : null;
        return { id: file, features: articleFeatures(analysis, article.text, publishedAt) };
      });
      const stories = clusterBatch(items);
      print(
        files.map((file) => ({ file, story: stories.get(file) })),
        Boolean(options.jsonl),
      );
    });

  program
    .command("ingest")
    .description("fetch due sources and store their articles (loops as the worker unless --once)")
    .option("--once", "fetch every active source once, then exit")
    .option("--quiet", "no progress on stderr")
    .action(async (options: { once?: boolean; quiet?: boolean }) => {
      const config = getConfig();
      if (!options.once) {
        await runWorker();
        return;
      }
      const showProgress = !options.quiet && process.stderr.isTTY;
      const report = await ingestSources(
        {
          db: getDb(),
          config,
          transport: networkTransport(config),
          log: (event: IngestEvent) => logEvent({ ...event }),
          onItem: showProgress
            ? (done, total, source) => process.stderr.write(`\r${source.url}: ${done}/${total}   `)
            : undefined,
        },
        { all: true },
      );
      if (showProgress) process.stderr.write("\n");
      print([report], true);
      if (report.failedSources > 0) process.exitCode = 1;
    });

  const sources = program
    .command("sources")
    .description("add, list, pause, resume, refresh and remove sources");
  sources
    .command("add")
    .argument("<url>")
    .option("--title <title>")
    .option("--category <category>")
    .option("--no-discover", "add the URL as a feed without fetching it")
    .action(
      async (url: string, options: { title?: string; category?: string; discover: boolean }) => {
        const config = getConfig();
        const result = await addSourceByUrl(
          { db: getDb(), transport: networkTransport(config) },
          url,
          options,
        );
        print(
          [
            {
              id: result.source.id,
              url: result.source.url,
              kind: result.source.kind,
              title: result.source.title,
              created: result.created,
              discoveredFrom: result.discoveredFrom,
            },
          ],
          true,
        );
      },
    );
  sources
    .command("list")
    .option("--jsonl", "one JSON object per source per line")
    .action(async (options: { jsonl?: boolean }) => {
      const rows = (await listSources(getDb())).map((s) => ({
        id: s.id,
        url: s.url,
        kind: s.kind,
        title: s.title,
        paused: s.paused,
        errorCount: s.errorCount,
        lastError: s.lastError,
        lastFetchedAt: s.lastFetchedAt?.toISOString() ?? null,
        nextFetchAt: s.nextFetchAt?.toISOString() ?? null,
        isSample: s.isSample,
      }));
      print(rows, options.jsonl !== false);
    });
  sources
    .command("pause")
    .argument("<id-or-url>")
    .action(async (idOrUrl: string) => {
      printSourceState(await pauseSource(getDb(), (await requireSource(idOrUrl)).id));
    });
  for (const name of ["resume", "refresh"]) {
    sources
      .command(name)
      .argument("<id-or-url>")
      .description("clear errors and pause; fetch at the next run")
      .action(async (idOrUrl: string) => {
        printSourceState(await resetSource(getDb(), (await requireSource(idOrUrl)).id));
      });
  }
  sources
    .command("remove")
    .argument("<id-or-url>")
    .action(async (idOrUrl: string) => {
      const source = await requireSource(idOrUrl);
      await removeSource(getDb(), source.id);
      print([{ id: source.id, url: source.url, removed: true }], true);
    });

  const sample = program.command("sample").description("the bundled sample corpus");
  sample
    .command("remove")
    .description("remove the sample stories, articles and sources, all at once")
    .action(async () => {
      print([await removeSampleData(getDb())], true);
    });

  const search = program.command("search").description("the full-text search index");
  search
    .command("reindex")
    .description(
      "rebuild the search index and its word forms from the articles (after restoring a backup made without its triggers), then merge it and refresh statistics",
    )
    .action(async () => {
      const db = getDb();
      const started = Date.now();
      await rebuildSearchIndex(db);
      await optimizeSearchIndex(db);
      print([{ articles: await db.article.count(), seconds: (Date.now() - started) / 1000 }], true);
    });

  const aggregates = program
    .command("aggregates")
    .description("the counts kept beside the articles for the claims table, entities and filters");
  aggregates
    .command("rebuild")
    .description("recount them all from the articles, claims and mentions")
    .action(async () => {
      const started = Date.now();
      await rebuildAggregates(getDb());
      print([{ rebuilt: true, seconds: (Date.now() - started) / 1000 }], true);
    });
  aggregates
    .command("check")
    .description("compare them with a live recount; exit status 1 when they differ")
    .action(async () => {
      const differences = await checkAggregates(getDb());
      print([{ equal: differences.length === 0, differences }], true);
      if (differences.length) process.exitCode = 1;
    });

  const opml = program.command("opml").description("import and export sources as OPML");
  opml
    .command("import")
    .argument("<file>")
    .action(async (file: string) => {
      const outlines = parseOpml(readFileSync(file, "utf8"));
      const db = getDb();
      const transport = networkTransport(getConfig());
      let added = 0;
      for (const outline of outlines) {
        const result = await addSourceByUrl({ db, transport }, outline.xmlUrl, {
          title: outline.title,
          category: outline.category,
          discover: false,
        });
        if (result.created) added++;
      }
      print([{ file, outlines: outlines.length, added }], true);
    });
  opml.command("export").action(async () => {
    const rows = (await listSources(getDb())).filter((s) => s.kind === "feed" && !s.isSample);
    process.stdout.write(
      renderOpml(
        rows.map((s) => ({
          title: s.title ?? s.url,
          xmlUrl: s.url,
          htmlUrl: s.siteUrl,
          category: s.category,
        })),
        "DisputeWatch sources",
      ),
    );
  });

  return program;
}

/** Runs the command line; exits non-zero with a one-line message on error. */
export async function main(argv = process.argv): Promise<void> {
  // Standard output is the command's output; log lines (the worker's, ingest warnings) go beside it.
  sendLogsToStderr();
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    process.stderr.write(`error: ${errorMessage(error)}\n`);
    process.exitCode = error instanceof AppError && error.code === "CONFIG_INVALID" ? 78 : 1;
  } finally {
    await closeDb();
  }
}
