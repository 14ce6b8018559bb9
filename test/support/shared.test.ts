import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sharedPath, sharedPathIn } from "@/scripts/support/shared";

describe("the shared folder", () => {
  const root = mkdtempSync(join(tmpdir(), "dw-shared-"));
  mkdirSync(join(root, "seeds"));
  writeFileSync(join(root, "seeds", "seed.txt"), "text");
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("gives the path of what is there", () => {
    expect(sharedPathIn(root, "seeds", "seed.txt")).toBe(join(root, "seeds", "seed.txt"));
  });

  it("fails naming what is missing and where it looked, never quietly", () => {
    expect(() => sharedPathIn(root, "bench", "feeds", "index.json")).toThrow(
      `the shared folder lacks bench/feeds/index.json (looked for ${join(root, "bench", "feeds", "index.json")})`,
    );
    expect(() => sharedPathIn(join(root, "nowhere"), "seeds")).toThrow(/DISPUTEWATCH_SHARED/);
  });

  it("is there on this machine: the tests that read it run", () => {
    expect(sharedPath("seeds", "000_bb0ccbdd8d08316c.txt")).toMatch(/000_bb0ccbdd8d08316c\.txt$/);
  });
});
