/**
 * The ingest pipeline, run in order for one source (Miniflux's RefreshFeed, in our terms):
 *
 *   load source → fetch feed → parse → for each new item: fetch page → extract → canonicalise →
 *   dedupe → analyse (lib/enrich) → store article + mentions + claims + story in one transaction
 *   → update the source's fetch state.
 *
 * This file and lib/enrich/index.ts are the only places that run stages in order and call lib/store.
 * One bad item is logged and skipped; a bad feed gets its error stored on the source.
 */
import pLimit, { type LimitFunction } from "p-limit";
import type { Config } from "@/lib/config";
import { AppError, errorMessage, isAppError } from "@/lib/errors";
import { summariseAbstractive } from "@/lib/enrich/abstractive";
import {
  analyzeArticle,
  loadAnalysisResources,
  type AnalysisResources,
} from "@/lib/enrich/analyze";
import { placeInStory } from "@/lib/enrich/index";
import { inTransaction, type Db } from "@/lib/store/db";
import { retryOnConflict } from "@/lib/store/db-errors";
import {
  findArticleByHash,
  findArticleByUrl,
  writeArticle,
  type ArticleInput,
  type EntityIdCache,
} from "@/lib/store/articles";
import { findNearDuplicate } from "@/lib/store/near-duplicates";
import {
  activeSources,
  addSource,
  dueSources,
  findSource,
  leaseSource,
  renewLease,
  recordFetchFailure,
  recordFetchSuccess,
  type SourceRow,
} from "@/lib/store/sources";
import {
  markItemDone,
  markItemFailed,
  pendingItems,
  recordFeedFetch,
  type SourceItemRow,
} from "@/lib/store/source-items";
import type { FeedItem, ParsedFeed } from "@/lib/types";
import { hostOf } from "@/lib/urls";
import { contentHash, NEAR_DUPLICATE_THRESHOLD, simhash } from "./dedupe";
import { discoverFeeds } from "./discover";
import { extractArticle } from "./extract";
import { parseFeed } from "./feeds";
import { canonicaliseUrl } from "./normalise";
import { FEED_ACCEPT, PAGE_ACCEPT, type Transport } from "./transport";

/**
 * How long a worker holds a source it is fetching before another may take it (in-process ingest:
 * SQLite, the CLI). The lease is renewed every LEASE_RENEW_MS while the source is in hand, so a
 * worker that dies leaves its sources idle for at most this long, not for a whole batch.
 */
const LEASE_MS = 90_000;
const LEASE_RENEW_MS = 30_000;
/** Sources fetched at once by one in-process pass (their items share INGEST_CONCURRENCY). */
const SOURCE_CONCURRENCY = 4;

export interface IngestEvent {
  level: "info" | "warn" | "error";
  stage: string;
  message: string;
  sourceId?: number;
  url?: string;
}

export interface PipelineContext {
  db: Db;
  config: Config;
  transport: Transport;
  /** Marks stored articles and stories as sample data. */
  isSample?: boolean;
  /** When aborted, the pipeline finishes the article in hand, stores it, and stops (fetches in flight are not cut). */
  signal?: AbortSignal;
  log?: (event: IngestEvent) => void;
  /** Called after each item, for progress bars. */
  onItem?: (done: number, total: number, source: SourceRow) => void;
  /** Bounds the items in hand across every source of one pass (one is made per source when absent). */
  itemLimit?: LimitFunction;
  /** The knowledge base and vocabulary articles are analysed with (read once from disk when absent). */
  resources?: AnalysisResources;
  /** Ids of the entities this context's articles have named, kept between articles (made when absent). */
  entityIds?: EntityIdCache;
}

/** The analysis resources of a context: its own, or the bundled ones with the configured vocabulary. */
function resourcesOf(ctx: PipelineContext): AnalysisResources {
  ctx.resources ??= loadAnalysisResources(ctx.config.VOCABULARY_FILE);
  return ctx.resources;
}

export type ItemOutcome = "stored" | "duplicate" | "off_topic" | "unchanged" | "failed";

export interface SourceReport {
  sourceId: number;
  url: string;
  ok: boolean;
  notModified: boolean;
  error: string | null;
  items: number;
  stored: number;
  duplicates: number;
  offTopic: number;
  unchanged: number;
  failed: number;
}

export interface IngestReport {
  sources: SourceReport[];
  stored: number;
  failedSources: number;
  stopped: boolean;
}

/**
 * Fetches, parses and stores one source. Never throws for a bad feed or item: the report says.
 *
 * The feed's new items are recorded as pending in the same transaction that saves its validators,
 * and each is marked done only once its article is stored; then every pending item of the source
 * is ingested, up to INGEST_CONCURRENCY at a time. So an item that failed, or that a stopped
 * worker never reached, is taken again on the next pass even when the feed answers 304.
 */
export async function refreshSource(
  ctx: PipelineContext,
  source: SourceRow,
): Promise<SourceReport> {
  const report = emptyReport(source);
  const startedAt = new Date();
  try {
    const fetched = await fetchSourceItems(ctx, source);
    report.notModified = fetched.notModified;
    report.items = fetched.pending.length;
    await ingestPendingItems(ctx, source, fetched.pending, report, fetched.prefetched);
    report.ok = true;
    await recordFetchSuccess(ctx.db, source, {
      ...fetched.outcome,
      startedAt,
      itemsNew: report.stored + report.duplicates + report.offTopic,
      refreshMinutes: ctx.config.SOURCE_REFRESH_MINUTES,
    });
  } catch (error) {
    report.error = await recordSourceFailure(ctx, source, startedAt, error);
  }
  return report;
}

/** A report of nothing done yet for a source. */
export function emptyReport(source: SourceRow): SourceReport {
  return {
    sourceId: source.id,
    url: source.url,
    ok: false,
    notModified: false,
    error: null,
    items: 0,
    stored: 0,
    duplicates: 0,
    offTopic: 0,
    unchanged: 0,
    failed: 0,
  };
}

/** What one fetch of a source's feed gave: its pending items, and what recordFetchSuccess needs. */
export interface FetchedSource {
  notModified: boolean;
  pending: SourceItemRow[];
  /** A single-page source's page, already fetched. */
  prefetched: { url: string; text: string } | null;
  outcome: Omit<Parameters<typeof recordFetchSuccess>[2], "startedAt" | "refreshMinutes">;
}

/**
 * Fetches a source (conditionally), parses it, and records its new items as pending in the same
 * transaction that saves its validators; returns every item of the source still pending (those of
 * earlier fetches too). Throws what failed: the caller records it with recordSourceFailure.
 */
export async function fetchSourceItems(
  ctx: PipelineContext,
  source: SourceRow,
): Promise<FetchedSource> {
  const response = await ctx.transport.fetch(source.url, {
    etag: source.etag,
    lastModified: source.lastModified,
    accept: source.kind === "page" ? PAGE_ACCEPT : FEED_ACCEPT,
  });
  let feed: ParsedFeed | null = null;
  let listed = 0;
  if (!response.notModified) {
    if (source.kind === "page") {
      feed = {
        format: "rss",
        title: null,
        siteUrl: null,
        feedUrl: null,
        language: null,
        items: [pageAsItem(response.url)],
      };
    } else {
      feed = await parseFeed(response.text, response.url);
    }
    const items = feed.items.filter((item) => item.url).slice(0, ctx.config.MAX_ARTICLES_PER_FEED);
    listed = items.length;
    await recordFeedFetch(ctx.db, source.id, items, {
      etag: response.etag ?? null,
      lastModified: response.lastModified ?? null,
    });
  }
  return {
    notModified: response.notModified,
    pending: await pendingItems(ctx.db, source.id),
    prefetched: source.kind === "page" && !response.notModified ? response : null,
    outcome: {
      url: source.url,
      status: response.status,
      notModified: response.notModified,
      etag: response.etag,
      lastModified: response.lastModified,
      title: feed?.title,
      siteUrl: feed?.siteUrl,
      language: feed?.language,
      itemsFound: listed,
    },
  };
}

/** Records a failed fetch of a source (error count, backoff, pause after 3) and returns its message. */
export async function recordSourceFailure(
  ctx: PipelineContext,
  source: SourceRow,
  startedAt: Date,
  error: unknown,
): Promise<string> {
  const message = errorMessage(error);
  const status =
    isAppError(error) && typeof error.details?.status === "number" ? error.details.status : null;
  const retryAfterMs =
    isAppError(error) && typeof error.details?.retryAfterMs === "number"
      ? error.details.retryAfterMs
      : null;
  ctx.log?.({ level: "warn", stage: "ingest", message, sourceId: source.id, url: source.url });
  await recordFetchFailure(ctx.db, source, {
    url: source.url,
    startedAt,
    status,
    error: message,
    retryAfterMs,
  });
  return message;
}

/**
 * Ingests a source's pending items, oldest first (stories grow in the order events happened), up to
 * INGEST_CONCURRENCY at a time: fetches wait in the transport for their host's politeness limits,
 * so a worker's other items (and other hosts) go on meanwhile. After a stop signal no new item is started.
 */
async function ingestPendingItems(
  ctx: PipelineContext,
  source: SourceRow,
  pending: SourceItemRow[],
  report: SourceReport,
  prefetched: { url: string; text: string } | null,
): Promise<void> {
  const ordered = [...pending].sort(
    (a, b) =>
      (a.item.publishedAt?.getTime() ?? Infinity) - (b.item.publishedAt?.getTime() ?? Infinity),
  );
  const limit = ctx.itemLimit ?? pLimit(ctx.config.INGEST_CONCURRENCY);
  let done = 0;
  await Promise.all(
    ordered.map((row) =>
      limit(async () => {
        if (ctx.signal?.aborted) return;
        countOutcome(
          report,
          await ingestSourceItem(
            ctx,
            source,
            row,
            prefetched && prefetched.url === row.url ? prefetched : null,
          ),
        );
        ctx.onItem?.(++done, ordered.length, source);
      }),
    ),
  );
}

/**
 * Ingests one pending item of a source and records the outcome on it: done once its article is
 * stored (or known), otherwise one more failed try (failed for good at once when trying again
 * cannot help: a 404, an empty page, robots.txt).
 */
export async function ingestSourceItem(
  ctx: PipelineContext,
  source: SourceRow,
  row: SourceItemRow,
  prefetched: { url: string; text: string } | null = null,
): Promise<ItemOutcome> {
  return (await tryItem(ctx, source, row, prefetched)).outcome;
}

/**
 * ingestSourceItem, also telling whether a failed item stays pending (worth another try soon: the
 * job queue retries it with backoff) or has failed for good.
 */
export async function tryItem(
  ctx: PipelineContext,
  source: SourceRow,
  row: SourceItemRow,
  prefetched: { url: string; text: string } | null = null,
  options: { leaveDone?: boolean } = {},
): Promise<{ outcome: ItemOutcome; error: string | null; pending: boolean }> {
  try {
    const outcome = await storeItem(ctx, source, row.item, prefetched);
    // With leaveDone the caller marks its items done together (markItemsDone).
    if (!options.leaveDone) await markItemDone(ctx.db, row.id);
    return { outcome, error: null, pending: false };
  } catch (error) {
    const message = errorMessage(error);
    ctx.log?.({ level: "warn", stage: "ingest/item", message, sourceId: source.id, url: row.url });
    let status: SourceItemRow["status"] = "pending";
    try {
      status = await markItemFailed(ctx.db, row.id, message, {
        final: isPermanentItemError(error),
      });
    } catch (recordError) {
      // The database itself is failing: the item stays pending, which is what we want.
      ctx.log?.({
        level: "error",
        stage: "ingest/item",
        message: `could not record the failure: ${errorMessage(recordError)}`,
        sourceId: source.id,
        url: row.url,
      });
    }
    return { outcome: "failed", error: message, pending: status === "pending" };
  }
}

/** True for an item error that another try cannot mend. */
export function isPermanentItemError(error: unknown): boolean {
  if (
    isAppError(
      error,
      "FETCH_BAD_URL",
      "FETCH_PRIVATE_ADDRESS",
      "FETCH_ROBOTS_DISALLOWED",
      "FETCH_TOO_LARGE",
      "FETCH_TOO_MANY_REDIRECTS",
      "EXTRACT_EMPTY",
    )
  )
    return true;
  if (isAppError(error, "FETCH_HTTP_STATUS")) {
    const status = Number(error.details?.status);
    return status >= 400 && status < 500 && status !== 408 && status !== 429;
  }
  return false;
}

/** Adds one item's outcome to a source's report. */
export function countOutcome(report: SourceReport, outcome: ItemOutcome): void {
  if (outcome === "stored") report.stored++;
  else if (outcome === "duplicate") report.duplicates++;
  else if (outcome === "off_topic") report.offTopic++;
  else if (outcome === "unchanged") report.unchanged++;
  else report.failed++;
}

function pageAsItem(url: string): FeedItem {
  return {
    guid: url,
    url,
    title: null,
    summary: null,
    contentHtml: null,
    author: null,
    publishedAt: null,
    categories: [],
  };
}

/** Ingests one feed item: fetch its page, extract, dedupe, analyse, store. One failure never stops the feed. */
export async function ingestItem(
  ctx: PipelineContext,
  source: SourceRow | null,
  item: FeedItem,
  prefetched: { url: string; text: string } | null = null,
): Promise<ItemOutcome> {
  try {
    return await storeItem(ctx, source, item, prefetched);
  } catch (error) {
    ctx.log?.({
      level: "warn",
      stage: "ingest/item",
      message: errorMessage(error),
      sourceId: source?.id,
      url: item.url ?? undefined,
    });
    return "failed";
  }
}

/** The stages of one item, in order; throws what failed. */
async function storeItem(
  ctx: PipelineContext,
  source: SourceRow | null,
  item: FeedItem,
  prefetched: { url: string; text: string } | null,
): Promise<ItemOutcome> {
  const itemUrl = item.url!;
  const firstUrl = canonicaliseUrl(itemUrl);
  if (await findArticleByUrl(ctx.db, firstUrl)) return "unchanged";

  let html: string | null = null;
  let finalUrl = itemUrl;
  if (prefetched) {
    html = prefetched.text;
    finalUrl = prefetched.url;
  } else {
    try {
      const page = await ctx.transport.fetch(itemUrl, { accept: PAGE_ACCEPT });
      html = page.text;
      finalUrl = page.url;
    } catch (error) {
      // The feed's own content is better than nothing when the page cannot be had.
      if (!item.contentHtml) throw error;
      ctx.log?.({
        level: "warn",
        stage: "ingest/fetch",
        message: `page fetch failed, using feed content: ${errorMessage(error)}`,
        url: itemUrl,
      });
    }
  }
  const feedDate = item.publishedAt ? item.publishedAt.toISOString() : null;
  let extracted = extractArticle(html ?? "", { url: finalUrl, feedPublishedAt: feedDate });
  if (extracted.text.length < 200 && item.contentHtml) {
    const fromFeed = extractArticle(
      `<html><body><article>${item.contentHtml}</article></body></html>`,
      { url: finalUrl, feedPublishedAt: feedDate },
    );
    if (fromFeed.text.length > extracted.text.length)
      extracted = { ...extracted, text: fromFeed.text };
  }
  if (!extracted.text.trim())
    throw new AppError("EXTRACT_EMPTY", `ingest/extract: no article text in ${finalUrl}`);

  const canonicalUrl = canonicaliseUrl(extracted.canonicalUrl ?? finalUrl, finalUrl);
  if (canonicalUrl !== firstUrl && (await findArticleByUrl(ctx.db, canonicalUrl)))
    return "unchanged";

  const title = extracted.title ?? item.title ?? canonicalUrl;
  // Relevance is scored here once, with the configured vocabulary (VOCABULARY_FILE or the bundled one).
  const analysis = analyzeArticle(
    {
      text: extracted.text,
      title,
      languageHint: extracted.language ?? source?.language ?? null,
    },
    resourcesOf(ctx),
  );
  const hash = contentHash(extracted.text);
  const fingerprint = simhash(extracted.text);
  const publishedAt = extracted.publishedAt
    ? new Date(extracted.publishedAt)
    : (item.publishedAt ?? null);

  let duplicateOfId: number | null = (await findArticleByHash(ctx.db, hash))?.id ?? null;
  if (duplicateOfId === null) {
    duplicateOfId = await findNearDuplicate(ctx.db, fingerprint, {
      since: new Date((publishedAt ?? new Date()).getTime() - 30 * 86_400_000),
      threshold: NEAR_DUPLICATE_THRESHOLD,
    });
  }
  const threshold = ctx.config.RELEVANCE_THRESHOLD;
  const relevant = analysis.relevance >= threshold;
  const summary =
    relevant && ctx.config.SUMMARISER_URL && ctx.config.SUMMARISER_MODEL
      ? await abstractiveSummary(ctx, { text: extracted.text, title, url: finalUrl }, analysis)
      : analysis.summary;

  const input: ArticleInput = {
    canonicalUrl,
    url: finalUrl,
    guid: item.guid,
    sourceId: source?.id ?? null,
    sourceName: source?.title ?? hostOf(canonicalUrl),
    contentHash: hash,
    simhash: fingerprint,
    duplicateOfId,
    language: analysis.language,
    title,
    byline: extracted.byline ?? item.author ?? null,
    text: extracted.text,
    summary,
    leadImage: extracted.leadImage,
    relevance: analysis.relevance,
    publishedAt,
    isSample: ctx.isSample ?? false,
    mentions: analysis.mentions,
    claims: analysis.claims,
  };
  // No article had this URL a moment ago: written as new (fewer statements). A deadlock or a key
  // another worker took first: the whole article is written again, as an update, not dropped.
  // Always in a transaction: the article and its rows in the kept counts (lib/store/aggregates.ts)
  // are stored together or not at all.
  const placed = relevant && duplicateOfId === null;
  const entityIds = (ctx.entityIds ??= new Map());
  let isNew = true;
  await retryOnConflict(async () => {
    try {
      await inTransaction(ctx.db, async (tx) => {
        const articleId = await writeArticle(tx, input, { isNew, entityIds });
        if (placed) {
          await placeInStory(tx, {
            articleId,
            analysis: { ...analysis, summary },
            text: extracted.text,
            title,
            publishedAt: publishedAt ?? new Date(),
            isSample: ctx.isSample ?? false,
            isNew,
          });
        }
      });
    } catch (error) {
      isNew = false;
      // An entity id kept from before may be what failed (its row removed meanwhile).
      entityIds.clear();
      throw error;
    }
  });
  if (duplicateOfId !== null) return "duplicate";
  return relevant ? "stored" : "off_topic";
}

/** The optional model's summary of a relevant article, the extractive one (its fallback) on any error. */
async function abstractiveSummary(
  ctx: PipelineContext,
  article: { text: string; title: string; url: string },
  analysis: { language: string; summary: string },
): Promise<string> {
  const result = await summariseAbstractive(
    { text: article.text, title: article.title, language: analysis.language },
    analysis.summary,
    {
      baseUrl: ctx.config.SUMMARISER_URL!,
      model: ctx.config.SUMMARISER_MODEL!,
      apiKey: ctx.config.SUMMARISER_API_KEY,
      timeoutMs: ctx.config.SUMMARISER_TIMEOUT_MS,
    },
  );
  if (result.error)
    ctx.log?.({
      level: "warn",
      stage: "enrich/abstractive",
      message: `falling back to the extractive summary: ${result.error}`,
      url: article.url,
    });
  return result.summary;
}

/**
 * Runs every source once: with `all`, every source that is not paused (the CLI's `ingest --once`);
 * otherwise only the due ones (the worker). Sources run one after another; each article waits for
 * its host's pacing, so one slow or failing source never holds up another's storage for long.
 */
export async function ingestSources(
  ctx: PipelineContext,
  options: { all?: boolean; sourceIds?: number[] } = {},
): Promise<IngestReport> {
  let sources: SourceRow[];
  if (options.sourceIds?.length) {
    sources = (await Promise.all(options.sourceIds.map((id) => findSource(ctx.db, id)))).filter(
      (s): s is SourceRow => s !== null,
    );
  } else if (options.all) {
    sources = await activeSources(ctx.db, { isSample: ctx.isSample });
  } else {
    sources = await dueSources(ctx.db);
  }
  // Several workers may share one database: each source is leased before it is fetched.
  if (!options.sourceIds?.length) {
    const leased: SourceRow[] = [];
    for (const source of sources)
      if (await leaseSource(ctx.db, source, LEASE_MS)) leased.push(source);
    sources = leased;
  }
  // A few sources at once (other hosts go on while one waits for its politeness delay), their items
  // through one limiter; the leases of the sources in hand are renewed until each is recorded.
  const inHand = new Map<number, Date>();
  const renew = setInterval(() => {
    for (const [id, since] of inHand)
      void renewLease(ctx.db, id, since, LEASE_MS).catch(() => undefined);
  }, LEASE_RENEW_MS);
  renew.unref();
  const sourceLimit = pLimit(SOURCE_CONCURRENCY);
  const shared = { ...ctx, itemLimit: ctx.itemLimit ?? pLimit(ctx.config.INGEST_CONCURRENCY) };
  let stopped = false;
  const reports: SourceReport[] = [];
  try {
    const results = await Promise.all(
      sources.map((source) =>
        sourceLimit(async () => {
          if (ctx.signal?.aborted) {
            stopped = true;
            return null;
          }
          inHand.set(source.id, new Date());
          try {
            return await refreshSource(shared, source);
          } finally {
            inHand.delete(source.id);
          }
        }),
      ),
    );
    for (const report of results) if (report) reports.push(report);
  } finally {
    clearInterval(renew);
  }
  return {
    sources: reports,
    stored: reports.reduce((sum, r) => sum + r.stored, 0),
    failedSources: reports.filter((r) => !r.ok).length,
    stopped: stopped || (ctx.signal?.aborted ?? false),
  };
}

/**
 * Adds a source by URL. A feed URL is added as a feed; a web page that advertises a feed
 * (<link rel="alternate">) adds that feed; any other page is added as a single-page source.
 */
export async function addSourceByUrl(
  ctx: Pick<PipelineContext, "db" | "transport">,
  url: string,
  extra: { title?: string | null; category?: string | null; discover?: boolean } = {},
): Promise<{ source: SourceRow; created: boolean; discoveredFrom: string | null }> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new AppError("FETCH_BAD_URL", `sources: not an absolute URL: ${url}`);
  }
  if (target.protocol !== "http:" && target.protocol !== "https:")
    throw new AppError("FETCH_BAD_URL", `sources: only http and https URLs can be sources: ${url}`);
  // A source already followed is said to be there, without fetching it again (its host may be
  // unreachable from here, as the sample corpus's invented addresses are).
  const known = await findSource(ctx.db, target.href);
  if (known) return { source: known, created: false, discoveredFrom: null };
  if (extra.discover === false) {
    const { source, created } = await addSource(ctx.db, {
      url: target.href,
      title: extra.title,
      category: extra.category,
    });
    return { source, created, discoveredFrom: null };
  }
  const response = await ctx.transport.fetch(target.href, { accept: FEED_ACCEPT });
  try {
    const feed = await parseFeed(response.text, response.url);
    const { source, created } = await addSource(ctx.db, {
      url: response.url,
      kind: "feed",
      title: extra.title ?? feed.title,
      siteUrl: feed.siteUrl,
      language: feed.language,
      category: extra.category,
    });
    return { source, created, discoveredFrom: null };
  } catch (error) {
    if (!isAppError(error, "FEED_NOT_A_FEED")) throw error;
  }
  const feeds = discoverFeeds(response.text, response.url);
  if (feeds.length > 0) {
    const { source, created } = await addSource(ctx.db, {
      url: feeds[0],
      kind: "feed",
      title: extra.title,
      siteUrl: response.url,
      category: extra.category,
    });
    return { source, created, discoveredFrom: response.url };
  }
  const { source, created } = await addSource(ctx.db, {
    url: response.url,
    kind: "page",
    title: extra.title,
    category: extra.category,
  });
  return { source, created, discoveredFrom: null };
}
