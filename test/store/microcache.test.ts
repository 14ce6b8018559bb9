import { describe, expect, it } from "vitest";
import type { Db } from "../../lib/store/db";
import { microcache } from "../../lib/store/microcache";

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
    const [a, b] = await Promise.all([microcache(db, "k", 200, compute), microcache(db, "k", 200, compute)]);
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
    await expect(microcache(db, "k", 60_000, () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await microcache(db, "k", 60_000, async () => "up")).toBe("up");
  });

  it("stays bounded", async () => {
    const db = fakeDb();
    for (let i = 0; i < 2000; i++) await microcache(db, `k${i}`, 60_000, async () => i);
    // The newest entries survive the trimming; the first ones were dropped and are computed again.
    expect(await microcache(db, "k1999", 60_000, async () => -1)).toBe(1999);
    expect(await microcache(db, "k0", 60_000, async () => -1)).toBe(-1);
  });
});
