import { describe, expect, it } from "vitest";
import type { Db } from "@/lib/store/db";
import { microcache } from "@/lib/store/microcache";

// The cache keys on the client object only; no query is made here.
const fakeDb = () => ({}) as unknown as Db;

describe("microcache", () => {
  it("shares one computation between concurrent and later callers until it expires", async () => {
    const db = fakeDb();
    let runs = 0;
    const compute = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 20));
      return { runs };
    };
    const [a, b] = await Promise.all([
      microcache(db, "k", 200, compute),
      microcache(db, "k", 200, compute),
    ]);
    expect(a).toBe(b);
    expect(runs).toBe(1);
    expect(await microcache(db, "k", 200, compute)).toBe(a);
    expect(await microcache(db, "other", 200, compute)).not.toBe(a);
    expect(await microcache(fakeDb(), "k", 200, compute)).not.toBe(a);
    await new Promise((r) => setTimeout(r, 250));
    const fresh = await microcache(db, "k", 200, compute);
    expect(fresh).not.toBe(a);
    expect(fresh.runs).toBe(4);
  });

  it("forgets a failed computation", async () => {
    const db = fakeDb();
    await expect(
      microcache(db, "k", 60_000, () => Promise.reject(new Error("down"))),
    ).rejects.toThrow("down");
    expect(await microcache(db, "k", 60_000, async () => "up")).toBe("up");
  });

  it("stays bounded", async () => {
    const db = fakeDb();
    for (let i = 0; i < 2000; i++) await microcache(db, `k${i}`, 60_000, async () => i);
    // The newest entries survive the trimming; the first ones were dropped and are computed again.
    expect(await microcache(db, "k1999", 60_000, async () => -1)).toBe(1999);
    expect(await microcache(db, "k0", 60_000, async () => -1)).toBe(-1);
  });

  it("answers an expired value at once within staleMs and replaces it behind, with one computation", async () => {
    const db = fakeDb();
    let runs = 0;
    let release = () => {};
    // Each computation after the first waits until the test releases it.
    const compute = () => {
      runs++;
      const n = runs;
      return n === 1 ? Promise.resolve(n) : new Promise<number>((r) => (release = () => r(n)));
    };
    expect(await microcache(db, "k", 20, compute, { staleMs: 10_000 })).toBe(1);
    await new Promise((r) => setTimeout(r, 30));
    // Expired: the old value comes back while the refresh is still held, and only one refresh starts.
    const [a, b] = await Promise.all([
      microcache(db, "k", 20, compute, { staleMs: 10_000 }),
      microcache(db, "k", 20, compute, { staleMs: 10_000 }),
    ]);
    expect([a, b]).toEqual([1, 1]);
    expect(runs).toBe(2);
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(await microcache(db, "k", 20, compute, { staleMs: 10_000 })).toBe(2);
    expect(runs).toBe(2);
    // Without staleMs the same expiry makes the caller wait for the new value.
    await new Promise((r) => setTimeout(r, 30));
    const waiting = microcache(db, "k", 20, compute);
    release();
    expect(await waiting).toBe(3);
  });

  it("keeps serving the stale value when the refresh fails, and tries again later", async () => {
    const db = fakeDb();
    expect(await microcache(db, "k", 20, async () => "old", { staleMs: 10_000 })).toBe("old");
    await new Promise((r) => setTimeout(r, 30));
    expect(
      await microcache(db, "k", 20, () => Promise.reject(new Error("down")), { staleMs: 10_000 }),
    ).toBe("old");
    await new Promise((r) => setTimeout(r, 5));
    expect(await microcache(db, "k", 20, async () => "new", { staleMs: 10_000 })).toBe("old");
    await new Promise((r) => setTimeout(r, 5));
    expect(await microcache(db, "k", 20, async () => "newer", { staleMs: 10_000 })).toBe("new");
  });

  it("never serves a value that has not resolved yet as stale", async () => {
    const db = fakeDb();
    let release: (v: string) => void = () => {};
    const slow = microcache(db, "k", 10, () => new Promise<string>((r) => (release = r)), {
      staleMs: 10_000,
    });
    await new Promise((r) => setTimeout(r, 20));
    // The first computation is still running and expired: a new caller computes its own.
    expect(await microcache(db, "k", 10, async () => "second", { staleMs: 10_000 })).toBe("second");
    release("first");
    expect(await slow).toBe("first");
  });
});
