/**
 * A search narrowed by the shared filters (lib/filters.ts): the JSON API's search and the search
 * feeds and digests take a query and the timeline's filters together, and both must read them the
 * same way. Pure.
 */
import type { Filters } from "@/lib/filters";
import type { ParsedQuery } from "./query";

const DAY_MS = 86_400_000;

/**
 * The query with the filters added to its own fields: entities and claim types the article must
 * all carry, a source and a language, and a date range that is the intersection of the query's
 * (after:/before:) and the filters' (`from` inclusive, `to` the whole day). `since` narrows further
 * (a digest's first day). The query is changed in place and returned.
 */
export function narrowQueryByFilters(
  query: ParsedQuery,
  filters: Pick<Filters, "entity" | "claim" | "source" | "lang" | "from" | "to">,
  since?: Date,
): ParsedQuery {
  query.entities.push(...filters.entity);
  query.claimTypes.push(...filters.claim);
  if (filters.source) query.sources.push(filters.source);
  if (filters.lang) query.languages.push(filters.lang);
  const after = [filters.from, since?.toISOString().slice(0, 10), query.after]
    .filter((date): date is string => Boolean(date))
    .sort()
    .pop();
  if (after) query.after = after;
  if (filters.to) {
    const before = new Date(Date.parse(`${filters.to}T00:00:00Z`) + DAY_MS)
      .toISOString()
      .slice(0, 10);
    query.before = query.before && query.before < before ? query.before : before;
  }
  return query;
}
