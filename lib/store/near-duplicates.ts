/**
 * Near-duplicate search over stored originals without reading them all for every article: each
 * process keeps the SimHashes of the originals it has seen (an id, two 32-bit halves and a date:
 * about 40 bytes an article) and reads only the rows stored since its last look, so a lookup costs
 * one indexed read of the new rows and a scan in memory. The answer is the one a full read would
 * give (the newest original within the window whose SimHash is close enough, among the newest
 * `take` of the window), and a match is checked against its row before it is used, so an original
 * removed or marked a copy since it was cached is never returned.
 */
import { rawDate, rawQuery, type Db } from "./db";
import { Sql } from "./sql";

interface Entry {
  id: number;
  hi: number;
  lo: number;
  /** Milliseconds, or null for an undated article (always inside the window). */
  publishedAt: number | null;
}

/** Rows read per round when catching up (SQLite caps nothing here, PostgreSQL streams them). */
const PAGE = 5000;

function halves(hex: string): { hi: number; lo: number } | null {
  if (!/^[0-9a-f]{1,16}$/i.test(hex)) return null;
  const padded = hex.padStart(16, "0");
  return { hi: parseInt(padded.slice(0, 8), 16) >>> 0, lo: parseInt(padded.slice(8), 16) >>> 0 };
}

function popcount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

class SimhashIndex {
  /** Ascending by id. */
  private entries: Entry[] = [];
  private lastId = 0;
  private catchingUp: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  /** Reads the originals stored since the last look (one query when nothing is new). */
  async refresh(): Promise<void> {
    // Concurrent lookups in one process share one read.
    this.catchingUp ??= this.readNew().finally(() => (this.catchingUp = null));
    await this.catchingUp;
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const sql = Sql.for(this.db);
      const rows = await rawQuery<{
        id: number | bigint;
        simhash: string;
        publishedAt: Date | string | number | null;
      }>(
        this.db,
        `SELECT "id", "simhash", "publishedAt" FROM "Article" WHERE "id" > ${sql.p(this.lastId)} AND "duplicateOfId" IS NULL AND "simhash" IS NOT NULL ORDER BY "id" LIMIT ${PAGE}`,
        sql.params,
      );
      for (const raw of rows) {
        const row = {
          id: Number(raw.id),
          simhash: raw.simhash,
          publishedAt: rawDate(raw.publishedAt),
        };
        this.lastId = Math.max(this.lastId, row.id);
        const parts = halves(row.simhash!);
        if (parts)
          this.entries.push({
            id: row.id,
            ...parts,
            publishedAt: row.publishedAt?.getTime() ?? null,
          });
      }
      if (rows.length < PAGE) return;
    }
  }

  /** The newest cached original within `threshold` bits, among the newest `take` of the window. */
  find(simhash: string, since: Date, threshold: number, take: number): number | null {
    const wanted = halves(simhash);
    if (!wanted) return null;
    const from = since.getTime();
    let seen = 0;
    for (let i = this.entries.length - 1; i >= 0 && seen < take; i--) {
      const entry = this.entries[i];
      if (entry.publishedAt !== null && entry.publishedAt < from) continue;
      seen++;
      if (popcount(entry.hi ^ wanted.hi) + popcount(entry.lo ^ wanted.lo) <= threshold)
        return entry.id;
    }
    return null;
  }

  forget(id: number): void {
    this.entries = this.entries.filter((entry) => entry.id !== id);
  }
}

const indexes = new WeakMap<Db, SimhashIndex>();

/**
 * The id of a stored original (not itself a copy) published since `since`, or undated, whose
 * SimHash is at most `threshold` bits from `simhash`; the newest such among the `take` newest
 * originals of the window. Null when there is none.
 */
export async function findNearDuplicate(
  db: Db,
  simhash: string,
  options: { since: Date; threshold: number; take?: number },
): Promise<number | null> {
  let index = indexes.get(db);
  if (!index) {
    index = new SimhashIndex(db);
    indexes.set(db, index);
  }
  await index.refresh();
  for (;;) {
    const id = index.find(simhash, options.since, options.threshold, options.take ?? 5000);
    if (id === null) return null;
    const sql = Sql.for(db);
    const [row] = await rawQuery<{ duplicateOfId: number | bigint | null; simhash: string | null }>(
      db,
      `SELECT "duplicateOfId", "simhash" FROM "Article" WHERE "id" = ${sql.p(id)}`,
      sql.params,
    );
    // Checked against the row: an original removed, marked a copy or stored again with other text
    // since it was cached is judged on what is stored now.
    const stored = row?.duplicateOfId === null && row.simhash ? halves(row.simhash) : null;
    const wanted = halves(simhash)!;
    if (
      stored &&
      popcount(stored.hi ^ wanted.hi) + popcount(stored.lo ^ wanted.lo) <= options.threshold
    )
      return id;
    index.forget(id);
  }
}
