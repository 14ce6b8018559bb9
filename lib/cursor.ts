/**
 * The one cursor codec of every paged list: the timeline, the search page, the JSON API's lists,
 * and the proxy's 400 for a page's bad `cursor` (so what a page hands out, the proxy accepts).
 * A cursor is opaque to readers: base64url of a short tagged text, one kind per way of paging:
 *
 * - `time`: keyset on (time, id), newest first (timeline, articles, search by date);
 * - `id`: keyset on id alone, newest first (claims);
 * - `offset`: a position in an ordered list (search by relevance, whose float scores do not
 *   survive a round trip; claim threads, grouped in memory);
 * - `key`: keyset on a text key, A to Z (entities by slug).
 *
 * Each list says which kind it takes; a cursor of another kind, or one that is not ours, is a
 * BAD_REQUEST naming the `cursor` parameter, never a 500.
 */
import { AppError } from "./errors";

export type Cursor =
  | { kind: "time"; time: Date; id: number }
  | { kind: "id"; id: number }
  | { kind: "offset"; offset: number }
  | { kind: "key"; key: string };
export type CursorKind = Cursor["kind"];

/** The furthest an offset cursor goes: past it a list is not paged through by hand. */
export const MAX_CURSOR_OFFSET = 100_000;
const MAX_KEY_LENGTH = 120;
/** Longer than any cursor we make; checked before decoding. */
const MAX_CURSOR_LENGTH = 200;

const TAGS: Record<CursorKind, string> = { time: "t", id: "i", offset: "o", key: "k" };

/** The text of a cursor for a URL. */
export function encodeCursor(cursor: Cursor): string {
  const body =
    cursor.kind === "time"
      ? `${cursor.time.getTime()}.${cursor.id}`
      : cursor.kind === "id"
        ? String(cursor.id)
        : cursor.kind === "offset"
          ? String(cursor.offset)
          : cursor.key;
  return Buffer.from(`${TAGS[cursor.kind]}.${body}`, "utf8").toString("base64url");
}

function parse(value: string): Cursor | null {
  if (value.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const text = Buffer.from(value, "base64url").toString("utf8");
  const match = /^([tiok])\.(.*)$/s.exec(text);
  if (!match) return null;
  const [, tag, body] = match as unknown as [string, string, string];
  const integer = (raw: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
    /^-?\d{1,16}$/.test(raw) && Number(raw) >= min && Number(raw) <= max ? Number(raw) : null;
  if (tag === "t") {
    const parts = /^(-?\d{1,16})\.(\d{1,16})$/.exec(body);
    const time = parts ? integer(parts[1]!, -8.64e15, 8.64e15) : null;
    const id = parts ? integer(parts[2]!, 0) : null;
    return time === null || id === null ? null : { kind: "time", time: new Date(time), id };
  }
  if (tag === "i") {
    const id = integer(body, 1);
    return id === null ? null : { kind: "id", id };
  }
  if (tag === "o") {
    const offset = integer(body, 1, MAX_CURSOR_OFFSET);
    return offset === null ? null : { kind: "offset", offset };
  }
  return body.length > 0 && body.length <= MAX_KEY_LENGTH ? { kind: "key", key: body } : null;
}

/** Whether a value is a cursor of the kind a list takes (the proxy's check). */
export function isCursor(value: string, kind: CursorKind): boolean {
  return parse(value)?.kind === kind;
}

/** Reads a cursor of the kind a list takes; throws BAD_REQUEST (parameter `cursor`) otherwise. */
export function decodeCursor<K extends CursorKind>(
  value: string,
  kind: K,
): Extract<Cursor, { kind: K }> {
  const cursor = parse(value);
  if (!cursor || cursor.kind !== kind)
    throw new AppError(
      "BAD_REQUEST",
      "invalid parameter cursor: expected a cursor from a previous page",
      { parameter: "cursor" },
    );
  return cursor as Extract<Cursor, { kind: K }>;
}

/** The kind of cursor a search sorted this way pages with: by date a `time` one, by relevance an `offset`. */
export function searchCursorKind(sort: "relevance" | "date"): "time" | "offset" {
  return sort === "date" ? "time" : "offset";
}
