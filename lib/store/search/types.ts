/**
 * The search store's public shapes (options, hits, facets, result) and the limits every path
 * shares.
 */
import type { QueryNote } from "@/lib/search/understand";

/** Above this many matches, facets are counted over the first FACET_SCOPE matches in the requested order (see searchArticles). */
export const FACET_SCOPE = 1000;
/**
 * Relevance ranks at most this many matches: the most recently stored ones. A word found in tens of
 * thousands of articles would otherwise cost a score per match on every search; for a news archive
 * the newest matches are the ones worth ranking. Beyond the window, sort by date. As many as are
 * counted (TOTAL_CAP) and faceted (FACET_SCOPE): one number for what a result page stands on.
 */
export const RANK_WINDOW = 1000;
/**
 * Matches are counted up to this many; beyond, `total` is TOTAL_CAP and `totalIsLowerBound` is
 * true ("1,000+ results"). An exact count of a word found in half the archive, or of a filter
 * that most articles pass, costs a scan of every match on every search; nobody pages that far.
 */
export const TOTAL_CAP = 1000;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
/** Values listed per facet. */
export const FACET_SIZE = 20;

export interface SearchOptions {
  /** Default "relevance" when the query has words, else "date" (a filters-only query has no relevance). */
  sort?: "relevance" | "date";
  /** Hits per page: default 20, at most 100. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string | null;
  /** Include articles stored as copies of another (duplicateOfId set). Default false. */
  includeDuplicates?: boolean;
  /** Include articles scored off topic (relevance below minRelevance). Default false. */
  includeOffTopic?: boolean;
  /**
   * The relevance below which an article is off topic (Article.relevance is 0..1): the configured
   * RELEVANCE_THRESHOLD, so that a search and the timeline, feeds and API keep the same articles.
   */
  minRelevance: number;
  /**
   * Count facets. Default true. Callers that show only the hits (feeds) pass false: the facet
   * lookups per top match are most of the cost of a date-sorted page of a large filter.
   */
  facets?: boolean;
  /** Count the matches (up to TOTAL_CAP). Default true. False leaves `total` at the matches seen, a lower bound. */
  total?: boolean;
  /**
   * Match the words as typed: no stop words dropped, no dates, claim types or word forms read
   * from them (lib/search/understand.ts). Default false.
   */
  literal?: boolean;
  /**
   * How a PostgreSQL search slices the archive (see slices.ts). Tests set it to hold any
   * slicing equal to one scan of everything; left out, the sizes come from estimates.
   */
  slicing?: SliceTuning;
  /**
   * Told the parties the query names and the claim types it asks for (SearchResult's `parties`
   * and `claimTypes`) as soon as they are known, before the matches are looked up: the search page
   * starts looking up their claim threads meanwhile.
   */
  onUnderstood?: (understood: {
    parties: { slug: string; name: string }[];
    claimTypes: string[];
  }) => void;
}

/**
 * How collectMatches slices the archive: `fixed` makes every slice that many articles (so a
 * small archive takes many), `single` takes the whole archive at once; both must give the same
 * results as the sizes chosen from estimates. `maxTokens` replaces MAX_SLICE_TOKENS, so that a
 * small archive's slices are named by coarse tokens too.
 */
export interface SliceTuning {
  fixed?: number | null;
  single?: boolean;
  maxTokens?: number | null;
}

/** One row of a result page as the page and facet statements find it. */
export interface PageRow {
  id: number;
  score: number;
  date: Date;
}

export interface SearchHit {
  articleId: number;
  title: string;
  url: string;
  canonicalUrl: string;
  sourceName: string | null;
  language: string;
  publishedAt: Date | null;
  summary: string;
  storyId: number | null;
  /** An excerpt around the best match: HTML-escaped, matches wrapped in <mark>…</mark>. */
  snippet: string;
  /** The title, HTML-escaped, matches wrapped in <mark>…</mark>. */
  titleHighlighted: string;
  /**
   * Higher is better; comparable within one result list only (bm25 on SQLite, ts_rank on
   * PostgreSQL). 0 when sorted by date or without words: scoring a date-sorted page separately
   * costs FTS5 a full re-evaluation of the query per article (60 ms at 100,000 articles).
   */
  score: number;
}

export interface SearchFacets {
  entities: { slug: string; name: string; kind: string; count: number }[];
  claimTypes: { type: string; count: number }[];
  languages: { language: string; count: number }[];
  sources: { source: string; count: number }[];
}

export interface SearchResult {
  /** The number of matches, exact up to TOTAL_CAP; TOTAL_CAP with `totalIsLowerBound` when there are more. */
  total: number;
  /** True when there are more than `total` matches (counting stopped at TOTAL_CAP, or was not asked for). */
  totalIsLowerBound: boolean;
  hits: SearchHit[];
  nextCursor: string | null;
  facets: SearchFacets;
  /** The sort actually applied ("date" when the query has no words). */
  sort: "relevance" | "date";
  /** How many matches the facets were counted over: `total`, or FACET_SCOPE most recent when there are more. */
  facetScope: number;
  /** The query as understood, written back (for links). */
  query: string;
  /** What was read from the reader's words (dates, claim types, dropped words, word forms). */
  notes: QueryNote[];
  /** The reader's words say they look for an accusation (accuse, sue, kiện…). */
  claimIntent: boolean;
  /** With no match: the query with a misspelt entity name corrected ("DeepSek" → "DeepSeek"), else null. */
  suggestion: string | null;
  /** The entities the query names, by its words or entity: filters (slugs and names). */
  parties: { slug: string; name: string }[];
  /** The claim types the query names (claim: filters, or claim words read as them). */
  claimTypes: string[];
}
