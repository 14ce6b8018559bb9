/**
 * Search cursors, opaque to callers. By date: keyset on (date, id), stable when articles arrive
 * between pages. By relevance: an offset, because scores are floats that do not survive a round
 * trip exactly (SQLite's bm25 compared against its own earlier value is not always equal), and
 * because bm25 moves with corpus statistics anyway; a page boundary may shift if articles arrive
 * meanwhile. The text of both is lib/cursor.ts's (a `time` cursor by date, an `offset` one by
 * relevance), as the proxy checks it.
 */
import { decodeCursor as decodeListCursor, encodeCursor as encodeListCursor } from "@/lib/cursor";

export type SearchCursor =
  { sort: "date"; date: string; id: number } | { sort: "relevance"; offset: number };

/** The text of a cursor. */
export function encodeSearchCursor(cursor: SearchCursor): string {
  return cursor.sort === "date"
    ? encodeListCursor({ kind: "time", time: new Date(cursor.date), id: cursor.id })
    : encodeListCursor({ kind: "offset", offset: cursor.offset });
}

/** A cursor's text read for a sort order; a malformed one throws AppError BAD_REQUEST. */
export function decodeSearchCursor(value: string, sort: "relevance" | "date"): SearchCursor {
  if (sort === "date") {
    const { time, id } = decodeListCursor(value, "time");
    return { sort, date: time.toISOString(), id };
  }
  return { sort, offset: decodeListCursor(value, "offset").offset };
}
