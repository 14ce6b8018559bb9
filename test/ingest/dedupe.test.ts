import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  NEAR_DUPLICATE_THRESHOLD,
  contentHash,
  hammingDistance,
  isNearDuplicate,
  simhash,
  words,
} from "@/lib/ingest/dedupe";

const fixture = (name: string) =>
  readFileSync(join(process.cwd(), "test", "fixtures", "dedupe", name), "utf8");
const wire = fixture("wire-original.txt");
const republished = fixture("wire-republished.txt");
const sameTopic = fixture("same-topic-different.txt");
const viWire = fixture("vi-original.txt");
const viRepublished = fixture("vi-republished.txt");
const viSameTopic = fixture("vi-different.txt");

describe("contentHash", () => {
  it("ignores case, spacing and Unicode composition", () => {
    const a = 'OpenAI  says DeepSeek\n"distilled" its models — chưng cất';
    const b = 'openai says deepseek "DISTILLED" its models — CHƯNG CẤT'.normalize("NFD");
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes when a word changes", () => {
    expect(contentHash("OpenAI sues DeepSeek")).not.toBe(contentHash("OpenAI sued DeepSeek"));
  });
});

describe("simhash", () => {
  it("is 64 bits of hex and deterministic", () => {
    expect(simhash(wire)).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash(wire)).toBe(simhash(wire));
    expect(simhash("")).toBe("0000000000000000");
  });

  it("splits Vietnamese into whole words whatever the composition", () => {
    expect(words("Chưng cất “distillation”, Hàng Châu")).toEqual([
      "chưng",
      "cất",
      "distillation",
      "hàng",
      "châu",
    ]);
    expect(words("chưng cất".normalize("NFD"))).toEqual(["chưng", "cất"]);
    expect(simhash(viWire.normalize("NFD"))).toBe(simhash(viWire));
  });

  it("hammingDistance counts differing bits", () => {
    expect(hammingDistance("0000000000000000", "0000000000000000")).toBe(0);
    expect(hammingDistance("ffffffffffffffff", "0000000000000000")).toBe(64);
    expect(hammingDistance("8000000000000001", "0000000000000000")).toBe(2);
    expect(hammingDistance("F0", "0f")).toBe(8);
    expect(() => hammingDistance("zz", "00")).toThrow(TypeError);
  });
});

describe("near duplicates: the threshold", () => {
  const distance = (a: string, b: string) => hammingDistance(simhash(a), simhash(b));

  it("uses realistic 300+ word texts", () => {
    for (const text of [wire, republished, sameTopic, viWire, viSameTopic])
      expect(words(text).length).toBeGreaterThan(280);
  });

  it("puts a republished wire copy (other header, byline, footer) within the threshold", () => {
    const d = distance(wire, republished);
    console.log(
      `simhash distance: wire vs republished copy = ${d}, vi pair = ${distance(viWire, viRepublished)}`,
    );
    expect(d).toBeLessThanOrEqual(NEAR_DUPLICATE_THRESHOLD);
    expect(isNearDuplicate(wire, republished)).toBe(true);
    expect(isNearDuplicate(viWire, viRepublished)).toBe(true);
  });

  it("counts a copy cut short by two paragraphs as the same story", () => {
    const truncated = wire.split("\n\n").slice(0, -2).join("\n\n");
    expect(isNearDuplicate(wire, truncated)).toBe(true);
  });

  it("keeps a different article on the same dispute well outside the threshold", () => {
    const d = distance(wire, sameTopic);
    console.log(
      `simhash distance: wire vs same-topic article = ${d}, vi = ${distance(viWire, viSameTopic)}`,
    );
    expect(d).toBeGreaterThan(NEAR_DUPLICATE_THRESHOLD + 8);
    expect(isNearDuplicate(wire, sameTopic)).toBe(false);
    expect(isNearDuplicate(republished, sameTopic)).toBe(false);
    expect(isNearDuplicate(viWire, viSameTopic)).toBe(false);
    expect(isNearDuplicate(wire, viWire)).toBe(false);
  });

  it("shows why the textbook threshold of 3 is too strict for syndicated copies", () => {
    expect(isNearDuplicate(wire, republished, 3)).toBe(false);
  });

  it("treats exact (normalised) copies as duplicates and empty texts as different", () => {
    expect(isNearDuplicate("A  b c", "a B c")).toBe(true);
    expect(isNearDuplicate("", "...")).toBe(false);
  });
});
