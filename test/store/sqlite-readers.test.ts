/**
 * SQLite reads on threads of their own (lib/store/sqlite-readers.ts), as the web server reads: the
 * same rows as on the calling thread (dates, booleans, nulls, counts), writes and transactions as
 * before, the same errors, and the calling thread free while a slow read runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/store/db";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";

/** A read that keeps SQLite busy for a while (a recursive count), about the same on any thread. */
const SLOW_READ = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
  SELECT count(*) AS c, sum(i % 7) AS s FROM n`;

/** The longest pause of the calling thread's event loop while `work` runs, in ms. */
async function longestPause(work: () => Promise<unknown>): Promise<{ pause: number; ms: number }> {
  let last = performance.now();
  let pause = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    pause = Math.max(pause, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(tick);
  }
  return { pause: Math.max(pause, performance.now() - last), ms: performance.now() - started };
}

describe("SQLite reading threads", () => {
  let scratch: ScratchDatabase;
  let threaded: Db;

  beforeAll(async () => {
    scratch = await createScratchDatabase("sqlite");
    threaded = createDb(scratch.url, { readThreads: 2 });
    await scratch.db.source.create({
      data: {
        url: "https://feeds.example/one.xml",
        title: "One",
        paused: true,
        lastFetchedAt: new Date("2025-03-04T05:06:07.089Z"),
        errorCount: 3,
      },
    });
    await scratch.db.source.create({
      data: { url: "https://feeds.example/two.xml", title: null, paused: false },
    });
  }, 60_000);

  afterAll(async () => {
    await threaded?.$disconnect();
    await scratch?.drop();
  });

  it("answers the rows the calling thread answers, filtered on dates and booleans", async () => {
    const query = {
      where: { OR: [{ paused: true }, { lastFetchedAt: null }] },
      orderBy: { id: "asc" as const },
    };
    const [own, other] = await Promise.all([
      scratch.db.source.findMany(query),
      threaded.source.findMany(query),
    ]);
    expect(other).toEqual(own);
    expect(other.map((s) => s.paused)).toEqual([true, false]);
    expect(other[0]!.lastFetchedAt).toEqual(new Date("2025-03-04T05:06:07.089Z"));
    const since = await threaded.source.count({
      where: { lastFetchedAt: { gte: new Date("2025-03-04T05:06:07.000Z") } },
    });
    expect(since).toBe(1);
    const raw = await threaded.$queryRawUnsafe<{ c: bigint; s: bigint }[]>(SLOW_READ, 10);
    expect(raw).toEqual([{ c: 10n, s: 27n }]);
  });

  it("writes, and reads its own writes and those inside a transaction", async () => {
    const made = await threaded.source.create({
      data: { url: "https://feeds.example/three.xml", title: "Three" },
    });
    expect((await threaded.source.findUnique({ where: { id: made.id } }))?.title).toBe("Three");
    const seen = await threaded.$transaction(async (tx) => {
      await tx.source.update({ where: { id: made.id }, data: { title: "Three, renamed" } });
      return (await tx.source.findUnique({ where: { id: made.id } }))?.title;
    });
    expect(seen).toBe("Three, renamed");
    expect((await scratch.db.source.findUnique({ where: { id: made.id } }))?.title).toBe(
      "Three, renamed",
    );
  });

  it("fails as the calling thread fails", async () => {
    const failure = async (db: Db) => {
      try {
        await db.$queryRawUnsafe(`SELECT * FROM "NoSuchTable"`);
        return "no error";
      } catch (error) {
        return (
          String((error as { code?: string }).code) + " " + String(error).includes("NoSuchTable")
        );
      }
    };
    const own = await failure(scratch.db);
    expect(own).not.toBe("no error");
    expect(await failure(threaded)).toBe(own);
  });

  it("keeps the calling thread answering while a slow read runs", async () => {
    // The same slow read on the calling thread holds it for the whole read...
    const own = await longestPause(() => scratch.db.$queryRawUnsafe(SLOW_READ, 3_000_000));
    expect(own.ms).toBeGreaterThan(100);
    expect(own.pause).toBeGreaterThan(own.ms * 0.5);
    // ...and on a reading thread, not at all (a pause under a fifth of the read, on a busy machine).
    await threaded.$queryRawUnsafe(SLOW_READ, 10); // the thread is up
    const other = await longestPause(() => threaded.$queryRawUnsafe(SLOW_READ, 3_000_000));
    expect(other.ms).toBeGreaterThan(100);
    expect(other.pause).toBeLessThan(other.ms / 5);
  }, 60_000);
});
