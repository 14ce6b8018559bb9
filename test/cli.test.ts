/**
 * The command-line contract of PRODUCT.md: exact JSON shapes, one object per file per line with
 * --jsonl, and a clear error with a non-zero exit code on bad input.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CLAIM_TYPES, ENTITY_KINDS, STANCES } from "@/lib/types";
import { sharedPath } from "@/scripts/support/shared";

const run = promisify(execFile);
const SEED_TXT = sharedPath("seeds", "000_bb0ccbdd8d08316c.txt");
const SEED_HTML = "sample/pages/seed-deepseek-chung-cat.html";
const BENCH_PAGE = sharedPath(
  "bench",
  "extraction",
  "html",
  "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856.html.gz",
);

async function cli(...args: string[]) {
  const { stdout } = await run("node_modules/.bin/tsx", ["scripts/cli.ts", ...args], {
    maxBuffer: 20 * 1024 * 1024,
    env: { ...process.env, DATABASE_URL: "file:./data/cli-test-unused.db" },
  });
  return stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

describe("cli", () => {
  it("extract --jsonl gives {file, title, byline, publishedAt, language, canonicalUrl, text} per file", async () => {
    const rows = await cli("extract", "--jsonl", SEED_HTML, BENCH_PAGE);
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(Object.keys(row).sort()).toEqual([
        "byline",
        "canonicalUrl",
        "file",
        "language",
        "publishedAt",
        "text",
        "title",
      ]);
    expect(rows[0].file).toBe(SEED_HTML);
    expect(rows[0].language).toBe("vi");
    expect(rows[0].publishedAt).toBe("2025-01-29T16:04:00.000Z");
    expect(rows[0].text).toContain("chưng cất");
    expect(rows[0].text).not.toContain("Nhấn vào đây");
    expect(rows[1].text).toContain("Gaming used to be so simple");
  }, 60_000);

  it("analyze --jsonl on the seed gives the founding entities and claims in the contract's shape", async () => {
    const [row] = await cli("analyze", "--jsonl", SEED_TXT);
    expect(Object.keys(row).sort()).toEqual([
      "claims",
      "entities",
      "file",
      "language",
      "summary",
      "title",
    ]);
    expect(row.language).toBe("vi");
    for (const entity of row.entities) {
      expect(Object.keys(entity).sort()).toEqual(["kind", "name", "slug"]);
      expect(ENTITY_KINDS).toContain(entity.kind);
    }
    const names = row.entities.map((e: { name: string }) => e.name);
    for (const name of [
      "OpenAI",
      "DeepSeek",
      "Microsoft",
      "Bloomberg",
      "Financial Times",
      "GPT-4",
      "David Sacks",
      "Donald Trump",
      "China",
      "United States",
    ]) {
      expect(names).toContain(name);
    }
    for (const claim of row.claims) {
      expect(Object.keys(claim).sort()).toEqual([
        "claimant",
        "sentence",
        "stance",
        "target",
        "type",
      ]);
      expect(CLAIM_TYPES).toContain(claim.type);
      expect(STANCES).toContain(claim.stance);
    }
    const keys = row.claims.map(
      (c: { claimant: string; target: string; type: string; stance: string }) =>
        `${c.claimant}>${c.target}:${c.type}:${c.stance}`,
    );
    expect(keys).toContain("OpenAI>DeepSeek:distillation:alleges");
    expect(keys).toContain("OpenAI>DeepSeek:tos_violation:alleges");
    expect(keys).toContain("David Sacks>DeepSeek:ip_theft:alleges");
    expect(row.summary).not.toMatch(/Nhấn vào đây|Khoá học/);
  }, 60_000);

  it("cluster --jsonl gives {file, story} for every file", async () => {
    const rows = await cli("cluster", "--jsonl", SEED_TXT, SEED_HTML, BENCH_PAGE);
    expect(rows.map((r) => r.file)).toEqual([SEED_TXT, SEED_HTML, BENCH_PAGE]);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(["file", "story"]);
    // The seed as text and as a page are one story; an unrelated gaming article is another.
    expect(rows[0].story).toBe(rows[1].story);
    expect(rows[2].story).not.toBe(rows[0].story);
  }, 60_000);

  it("a missing file is a clear error and a non-zero exit", async () => {
    await expect(
      run("node_modules/.bin/tsx", ["scripts/cli.ts", "extract", "--jsonl", "no/such/file.html"]),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("no/such/file.html"),
    });
  }, 60_000);
});
