/** The one cursor codec (lib/cursor.ts): every kind round-trips, anything else is a 400 naming `cursor`. */
import { describe, expect, it } from "vitest";
import {
  decodeCursor,
  encodeCursor,
  isCursor,
  MAX_CURSOR_OFFSET,
  searchCursorKind,
  type Cursor,
} from "@/lib/cursor";
import { AppError } from "@/lib/errors";
import { filtersSchema } from "@/lib/filters";
import { badRequestMessage } from "@/proxy";

describe("cursors", () => {
  it("round-trips every kind, in the characters a filter's cursor allows", () => {
    const cursors: Cursor[] = [
      { kind: "time", time: new Date("2025-01-29T16:04:00Z"), id: 42 },
      { kind: "time", time: new Date(0), id: 1 },
      { kind: "id", id: 987654 },
      { kind: "offset", offset: 20 },
      { kind: "key", key: "house-select-committee-on-china" },
      { kind: "key", key: "bộ-công-thương" },
    ];
    for (const cursor of cursors) {
      const text = encodeCursor(cursor);
      expect(decodeCursor(text, cursor.kind)).toEqual(cursor);
      expect(isCursor(text, cursor.kind)).toBe(true);
      expect(filtersSchema.shape.cursor.safeParse(text).success).toBe(true);
    }
  });

  it("refuses a cursor of another kind, garbage, and values out of range, as BAD_REQUEST on the cursor", () => {
    const offset = encodeCursor({ kind: "offset", offset: 20 });
    const bad = [
      [offset, "time"],
      [encodeCursor({ kind: "time", time: new Date(), id: 3 }), "offset"],
      ["bm90LWEtY3Vyc29y", "time"],
      ["not a cursor!", "id"],
      [Buffer.from("o.0").toString("base64url"), "offset"],
      [Buffer.from(`o.${MAX_CURSOR_OFFSET + 1}`).toString("base64url"), "offset"],
      [Buffer.from("i.-4").toString("base64url"), "id"],
      [Buffer.from("t.12.x").toString("base64url"), "time"],
      [Buffer.from("k.").toString("base64url"), "key"],
      ["A".repeat(400), "key"],
    ] as const;
    for (const [text, kind] of bad) {
      expect(isCursor(text, kind), `${text} as ${kind}`).toBe(false);
      try {
        decodeCursor(text, kind);
        throw new Error(`accepted ${text} as ${kind}`);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("BAD_REQUEST");
        expect((error as AppError).details).toEqual({ parameter: "cursor" });
      }
    }
  });

  it("lets the proxy pass the search page's own next-page cursors, by relevance and by date", () => {
    const relevance = encodeCursor({ kind: searchCursorKind("relevance"), offset: 20 } as Cursor);
    const date = encodeCursor({ kind: "time", time: new Date("2025-02-01T00:00:00Z"), id: 9 });
    expect(
      badRequestMessage("/search", new URLSearchParams({ q: "openai lawsuit", cursor: relevance })),
    ).toBeNull();
    expect(
      badRequestMessage(
        "/search",
        new URLSearchParams({ q: "openai lawsuit", sort: "date", cursor: date }),
      ),
    ).toBeNull();
    expect(
      badRequestMessage("/search", new URLSearchParams({ q: "entity:openai", cursor: date })),
    ).toBeNull();
    expect(
      badRequestMessage("/search", new URLSearchParams({ q: "openai lawsuit", cursor: date })),
    ).toMatch(/cursor/);
    expect(
      badRequestMessage(
        "/search",
        new URLSearchParams({ q: "openai lawsuit", sort: "date", cursor: relevance }),
      ),
    ).toMatch(/cursor/);
    expect(badRequestMessage("/", new URLSearchParams({ cursor: date }))).toBeNull();
    expect(badRequestMessage("/", new URLSearchParams({ cursor: relevance }))).toMatch(/cursor/);
  });
});
