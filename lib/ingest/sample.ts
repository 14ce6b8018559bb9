/**
 * The bundled sample corpus (sample/): on first start it goes through the real pipeline, served from
 * disk instead of the network, so a newcomer offline sees a full timeline. Everything it stores is
 * marked as sample data.
 *
 * The corpus is a backlog, not a live stream: its feeds' items are merged and taken oldest first
 * across all feeds (each through the pipeline's own ingestItem), as they would have arrived had the
 * feeds been followed all along. Feed after feed, a story's later steps would arrive before its
 * beginning in another outlet, and incremental clustering (story ids are never renumbered) could
 * not repair that.
 */
import type { Config } from "@/lib/config";
import { errorMessage } from "@/lib/errors";
import type { Db } from "@/lib/store/db";
import { getSetting, setSetting } from "@/lib/store/settings";
import {
  addSource,
  recordFetchFailure,
  recordFetchSuccess,
  type SourceRow,
} from "@/lib/store/sources";
import type { FeedItem, ParsedFeed } from "@/lib/types";
import { parseFeed } from "./feeds";
import {
  countOutcome,
  emptyReport,
  ingestItem,
  type IngestReport,
  type PipelineContext,
  type SourceReport,
} from "./index";
import { FEED_ACCEPT, readSampleManifest, sampleTransport } from "./transport";

const LOADED_KEY = "sample_corpus_loaded";

interface FetchedFeed {
  source: SourceRow;
  report: SourceReport;
  startedAt: Date;
  status: number | null;
  etag: string | null;
  lastModified: string | null;
  feed: ParsedFeed | null;
  items: FeedItem[];
}

/**
 * Items of several feeds in one arrival order: oldest first, undated items last, ties in feed
 * order then item order (so the result does not depend on sort stability).
 */
export function mergeOldestFirst<T>(
  feeds: ReadonlyArray<{ key: T; items: readonly FeedItem[] }>,
): Array<{ key: T; item: FeedItem }> {
  const merged = feeds.flatMap((feed, feedIndex) =>
    feed.items.map((item, itemIndex) => ({ key: feed.key, item, feedIndex, itemIndex })),
  );
  merged.sort(
    (a, b) =>
      (a.item.publishedAt?.getTime() ?? Infinity) - (b.item.publishedAt?.getTime() ?? Infinity) ||
      a.feedIndex - b.feedIndex ||
      a.itemIndex - b.itemIndex,
  );
  return merged.map(({ key, item }) => ({ key, item }));
}

/** Loads the sample corpus once per database; later calls do nothing and return null. */
export async function loadSampleCorpus(
  db: Db,
  config: Config,
  log?: PipelineContext["log"],
  root = process.cwd(),
): Promise<IngestReport | null> {
  if (await getSetting(db, LOADED_KEY)) return null;
  const manifest = readSampleManifest(root);
  const sources: SourceRow[] = [];
  for (const feed of manifest.feeds) {
    const { source } = await addSource(db, {
      url: feed.url,
      title: feed.title ?? null,
      language: feed.language ?? null,
      isSample: true,
    });
    if (!source.paused) sources.push(source);
  }
  const ctx: PipelineContext = {
    db,
    config,
    transport: sampleTransport(root),
    isSample: true,
    log,
  };

  const fetched: FetchedFeed[] = [];
  for (const source of sources) {
    const entry: FetchedFeed = {
      source,
      report: emptyReport(source),
      startedAt: new Date(),
      status: null,
      etag: null,
      lastModified: null,
      feed: null,
      items: [],
    };
    try {
      const response = await ctx.transport.fetch(source.url, {
        etag: source.etag,
        lastModified: source.lastModified,
        accept: FEED_ACCEPT,
      });
      entry.status = response.status;
      entry.etag = response.etag;
      entry.lastModified = response.lastModified;
      entry.feed = await parseFeed(response.text, response.url);
      // The newest items of each feed, as refreshSource takes them.
      entry.items = entry.feed.items
        .filter((item) => item.url)
        .slice(0, config.MAX_ARTICLES_PER_FEED);
      entry.report.items = entry.items.length;
    } catch (error) {
      entry.report.error = errorMessage(error);
      log?.({
        level: "warn",
        stage: "ingest/sample",
        message: entry.report.error,
        sourceId: source.id,
        url: source.url,
      });
      await recordFetchFailure(db, source, {
        url: source.url,
        startedAt: entry.startedAt,
        status: entry.status,
        error: entry.report.error,
        retryAfterMs: null,
      });
    }
    fetched.push(entry);
  }

  const usable = fetched.filter((entry) => entry.feed !== null);
  for (const { key: entry, item } of mergeOldestFirst(
    usable.map((entry) => ({ key: entry, items: entry.items })),
  )) {
    countOutcome(entry.report, await ingestItem(ctx, entry.source, item));
  }

  for (const entry of usable) {
    entry.report.ok = true;
    await recordFetchSuccess(db, entry.source, {
      url: entry.source.url,
      startedAt: entry.startedAt,
      status: entry.status,
      notModified: false,
      etag: entry.etag,
      lastModified: entry.lastModified,
      title: entry.feed?.title ?? null,
      siteUrl: entry.feed?.siteUrl ?? null,
      language: entry.feed?.language ?? null,
      itemsFound: entry.items.length,
      itemsNew: entry.report.stored + entry.report.duplicates + entry.report.offTopic,
      refreshMinutes: config.SOURCE_REFRESH_MINUTES,
    });
  }

  await setSetting(db, LOADED_KEY, new Date().toISOString());
  const reports = fetched.map((entry) => entry.report);
  return {
    sources: reports,
    stored: reports.reduce((sum, report) => sum + report.stored, 0),
    failedSources: reports.filter((report) => !report.ok).length,
    stopped: false,
  };
}
