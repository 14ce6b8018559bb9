/**
 * searchArticles as the search page calls it: with the configured default off-topic threshold
 * (lib/config.ts) unless a test gives its own.
 */
import { parseConfig } from "@/lib/config";
import type { ParsedQuery } from "@/lib/search/query";
import type { Db } from "@/lib/store/db";
import { searchArticles, type SearchOptions, type SearchResult } from "@/lib/store/search";

/** The default RELEVANCE_THRESHOLD, read from the configuration's schema. */
export const DEFAULT_RELEVANCE_THRESHOLD = parseConfig({}).RELEVANCE_THRESHOLD;

/** Options of a search in a test: the threshold may be left out. */
export type TestSearchOptions = Omit<SearchOptions, "minRelevance"> & { minRelevance?: number };

/** Searches with the default threshold unless `options.minRelevance` is given. */
export function search(
  db: Db,
  query: ParsedQuery | string,
  options: TestSearchOptions = {},
): Promise<SearchResult> {
  return searchArticles(db, query, { minRelevance: DEFAULT_RELEVANCE_THRESHOLD, ...options });
}
