/**
 * The worker's line after each in-process pass (SQLite, lib/ingest/worker.ts): what became of the
 * items it took, and, when not one of them gave a new article, why, as a warning, so a worker that
 * keeps fetching and stores nothing says so at the usual log levels instead of looking idle.
 */
import type { IngestEvent, IngestReport, SourceReport } from "./index";

/** A source report's counts of items by outcome, which a pass adds up over its sources. */
const COUNTS = ["items", "stored", "duplicates", "offTopic", "unchanged", "failed"] as const;

/** The items of a pass by outcome, over all its sources. */
export type PassTotals = Pick<SourceReport, (typeof COUNTS)[number]> & {
  sources: number;
  failedSources: number;
};

/** Adds up the outcomes of every source of a pass. */
export function passTotals(report: IngestReport): PassTotals {
  const sum = (key: (typeof COUNTS)[number]) =>
    report.sources.reduce((total, source) => total + source[key], 0);
  return {
    sources: report.sources.length,
    failedSources: report.failedSources,
    ...(Object.fromEntries(COUNTS.map((key) => [key, sum(key)])) as Pick<
      SourceReport,
      (typeof COUNTS)[number]
    >),
  };
}

/**
 * The log event of one pass, or null when it fetched no source. A warning when items were taken
 * and none became a new article (stored, a duplicate or off topic): each was already stored (its
 * address, or the canonical address its page names, is an article's) or failed.
 */
export function describePass(report: IngestReport): IngestEvent | null {
  const t = passTotals(report);
  if (t.sources === 0) return null;
  const counts =
    `fetched ${t.sources} sources (${t.failedSources} failed): ${t.items} items, ` +
    `stored ${t.stored} articles, ${t.duplicates} duplicates, ${t.offTopic} off topic, ` +
    `${t.unchanged} already stored, ${t.failed} failed`;
  const newArticles = t.stored + t.duplicates + t.offTopic;
  if (t.items === 0 || newArticles > 0 || report.stopped)
    return { level: "info", stage: "worker", message: counts };
  const reasons: string[] = [];
  if (t.unchanged > 0)
    reasons.push(
      `${t.unchanged} of them are pages already stored (their address, or the canonical address the page names, is an article's)`,
    );
  if (t.failed > 0) reasons.push(`${t.failed} failed (see the warnings before this line)`);
  return {
    level: "warn",
    stage: "worker",
    message: `${counts}; no new article from ${t.items} items: ${reasons.join("; ") || "none was handled"}`,
  };
}
