/**
 * Full-text search over stored articles, on SQLite and PostgreSQL: the only place that knows
 * which database it talks to for search. The shared SQL (filters, sort, pagination, facets over
 * the narrow "ArticleSearchMeta" table) is written once, and only the text match differs:
 *   SQLite      FTS5 table "ArticleSearch" (unicode61 remove_diacritics 2), ranked by bm25 (sqlite.ts)
 *   PostgreSQL  tsvector "ArticleSearch"."document" ('simple' config over unaccent'ed text, GIN),
 *               ts_rank, read slice by slice of the archive (slices.ts); each match's row
 *               carries the columns the filters and facets read, so the slices leave
 *               "ArticleSearchMeta" to the searches without words or token filters
 * Both indexes are kept up to date by triggers (see prisma/migrations/<db>/20261125140000_search),
 * so every write path (writeArticle, bulk loads, alias edits) is covered without a call from here.
 *
 * Matching ignores case and diacritics both ways, and Vietnamese đ (folded to d on both sides).
 * Each article is indexed with the names, slugs and aliases of the entities it mentions, so a word
 * that names an entity in any of its forms finds the article ("deepseek" finds "Deep Seek").
 *
 * The folder: plan.ts (filters and entities resolved, FROM + WHERE), sqlite.ts, slices.ts
 * (PostgreSQL), facets.ts (page, total, facets), hits.ts (the hits' rows, highlighted by
 * lib/search/highlight.ts), names.ts and suggest.ts (entity names, "did you mean"), cursor.ts,
 * maintenance.ts (optimise, rebuild).
 */
import {
  emptyQuery,
  formatSearchQuery,
  hasSearchTerms,
  parseSearchQuery,
  type ParsedQuery,
} from "@/lib/search/query";
import { interpretQuery } from "@/lib/search/understand";
import { clientKind, type Db } from "@/lib/store/db";
import { decodeSearchCursor, encodeSearchCursor } from "./cursor";
import { fetchPageAndFacets } from "./facets";
import { fetchHits } from "./hits";
import { sourceHosts } from "./hosts";
import { expandWordForms } from "./lexemes";
import { entityNames, namedParties } from "./names";
import { chooseDriver, makePlan, resolveEntities } from "./plan";
import { collectMatches, filterTokenGroups } from "./slices";
import { suggestCorrection } from "./suggest";
import {
  DEFAULT_LIMIT,
  MAX_LIMIT,
  RANK_WINDOW,
  type SearchOptions,
  type SearchResult,
} from "./types";

export { optimizeSearchIndex, rebuildSearchIndex } from "./maintenance";
export { refreshSearchLexemes } from "./lexemes";
export {
  FACET_SCOPE,
  RANK_WINDOW,
  TOTAL_CAP,
  type SearchFacets,
  type SearchHit,
  type SearchOptions,
  type SearchResult,
  type SliceTuning,
} from "./types";

/**
 * Searches articles. `query` is a ParsedQuery or a query string in our language (parsed here;
 * a malformed one throws AppError BAD_REQUEST). Duplicates and off-topic articles are left out
 * unless asked for. A query without words only filters, and is sorted by date.
 *
 * Facets count matching articles per entity (verified ones), claim type, language and source. When
 * there are more than FACET_SCOPE matches they are counted over the FACET_SCOPE first matches in
 * the requested order, the best-ranked or the most recent (result.facetScope says so): exact
 * counts over tens of thousands of matches cost more than the whole search, and the leading
 * values barely change. `total` is exact up to TOTAL_CAP (see totalIsLowerBound).
 *
 * `options.minRelevance` is required: the configured RELEVANCE_THRESHOLD (lib/config.ts), so that a
 * search keeps the articles the timeline, feeds and API keep.
 *
 * Sorted by relevance, only the RANK_WINDOW most recently stored matches are ranked (and paged
 * through); sorted by date, every match is reachable page by page.
 */
export async function searchArticles(
  db: Db,
  query: ParsedQuery | string,
  options: SearchOptions,
): Promise<SearchResult> {
  const typed = typeof query === "string" ? parseSearchQuery(query) : { ...emptyQuery(), ...query };
  const reading = options.literal
    ? { query: typed, notes: [], claimIntent: false }
    : interpretQuery(typed, hasSearchTerms(typed) ? await entityNames(db) : undefined);
  const kind = clientKind(db);
  // Stemmed words become the indexed words sharing their stem (lib/store/search/lexemes.ts); the
  // entity filters are resolved meanwhile (word forms leave them as they are).
  const [expanded, parties, entityIds] = await Promise.all([
    expandWordForms(db, reading.query),
    namedParties(db, typed),
    resolveEntities(db, kind, reading.query.entities),
  ]);
  const parsed = expanded.query;
  const understood = {
    notes: [
      ...reading.notes,
      ...expanded.forms.map((form) => ({ kind: "forms" as const, text: form.words.join(", ") })),
    ],
    claimIntent: reading.claimIntent,
    parties,
    claimTypes: parsed.claimTypes,
  };
  options.onUnderstood?.({ parties, claimTypes: parsed.claimTypes });
  const terms = hasSearchTerms(parsed);
  const sort: "relevance" | "date" = terms ? (options.sort ?? "relevance") : "date";
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT)));
  const cursor = options.cursor ? decodeSearchCursor(options.cursor, sort) : null;
  const formatted = formatSearchQuery(reading.query);

  if (entityIds === null) {
    return {
      total: 0,
      totalIsLowerBound: false,
      hits: [],
      nextCursor: null,
      facets: { entities: [], claimTypes: [], languages: [], sources: [] },
      sort,
      facetScope: 0,
      query: formatted,
      ...understood,
      suggestion: await suggestCorrection(db, typed),
    };
  }
  const driver = await chooseDriver(db, kind, parsed, entityIds);
  const hosts =
    kind === "sqlite" && parsed.sources.length ? await sourceHosts(db, parsed.sources) : undefined;
  const plan = makePlan(kind, parsed, options, { entityIds, driver, hosts });
  const want = { facets: options.facets ?? true, total: options.total ?? true };
  // PostgreSQL: by slices when there are words or filters indexed as tokens (entity, claim,
  // language, source); else (dates, stories, nothing) the narrow meta table by its date index.
  const sliced =
    kind === "postgresql" && (plan.terms || filterTokenGroups(parsed, entityIds).length > 0);
  const collected = sliced ? await collectMatches(db, plan, sort, limit, cursor, want) : null;

  const combined = await fetchPageAndFacets(db, plan, sort, limit, cursor, want, collected);
  const offset = cursor?.sort === "relevance" ? cursor.offset : 0;
  const more = combined.page.length > limit && (sort === "date" || offset + limit < RANK_WINDOW);
  const page = combined.page.slice(0, limit);
  // The hits' rows and the facets still being counted (PostgreSQL, by slices) are read together.
  const [hits, facets] = await Promise.all([fetchHits(db, plan, page), combined.facets]);
  const last = page[page.length - 1];
  const nextCursor =
    more && last
      ? encodeSearchCursor(
          sort === "date"
            ? { sort, date: last.date.toISOString(), id: last.id }
            : { sort, offset: offset + limit },
        )
      : null;
  const suggestion = combined.total === 0 ? await suggestCorrection(db, typed) : null;
  return {
    total: combined.total,
    totalIsLowerBound: combined.totalIsLowerBound,
    hits,
    nextCursor,
    facets,
    sort,
    facetScope: combined.scope,
    query: formatted,
    ...understood,
    suggestion,
  };
}
