/**
 * The filter form's counts (lib/store/pages/list-filter-options.ts), read from indexes alone, held
 * on both databases to the same counts worked out row by row over a synthetic corpus with
 * syndicated copies (which never count) and several languages and sources (bench/fill.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillDatabase } from "@/bench/fill";
import { listFilterOptions } from "@/lib/store/pages/list-filter-options";
import {
  createScratchDatabase,
  DATABASE_KINDS,
  type ScratchDatabase,
} from "@/scripts/support/scratch-db";
import { useTestEnvironment } from "../digest/env";

function countBy<T>(items: T[], key: (item: T) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

describe.each(DATABASE_KINDS)("filter options on %s", (kind) => {
  let test: ScratchDatabase;

  beforeAll(async () => {
    test = await createScratchDatabase(kind);
    await useTestEnvironment(test.url, { AGGREGATE_CACHE_SECONDS: "0" });
    await fillDatabase(test.db, kind, 800);
    // An unverified entity named in many originals is never offered.
    const candidate = await test.db.entity.create({
      data: { slug: "candidate-co", name: "Candidate Co", kind: "company", verified: false },
    });
    const originals = await test.db.article.findMany({
      where: { duplicateOfId: null },
      select: { id: true },
      take: 400,
    });
    await test.db.mention.createMany({
      data: originals.map((a) => ({ articleId: a.id, entityId: candidate.id })),
    });
  }, 180_000);

  afterAll(async () => {
    await test?.drop();
  });

  it("counts originals per verified entity, source and language as the rows do", async () => {
    const options = await listFilterOptions(test.db, 10);
    const mentions = await test.db.mention.findMany({
      where: { entity: { verified: true }, article: { duplicateOfId: null } },
      select: { entity: { select: { slug: true } } },
    });
    const perEntity = [...countBy(mentions, (m) => m.entity.slug)].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    );
    expect(perEntity.length).toBeGreaterThan(10);
    // The ten most named: a tie at the tenth place may be broken either way.
    const tenth = perEntity[9]![1];
    expect(options.entities).toHaveLength(10);
    for (const entity of options.entities) {
      expect(entity.count).toBe(perEntity.find(([slug]) => slug === entity.slug)?.[1]);
      expect(entity.count).toBeGreaterThanOrEqual(tenth);
    }
    expect(options.entities.map((e) => e.slug)).not.toContain("candidate-co");
    expect(options.entities.map((e) => e.slug)).toEqual(
      expect.arrayContaining(perEntity.filter(([, n]) => n > tenth).map(([slug]) => slug)),
    );

    const originals = await test.db.article.findMany({
      where: { duplicateOfId: null },
      select: { sourceName: true, language: true },
    });
    const copies = await test.db.article.count({ where: { duplicateOfId: { not: null } } });
    expect(copies).toBeGreaterThan(0);
    expect(new Map(options.sources.map((s) => [s.name, s.count]))).toEqual(
      countBy(originals, (a) => a.sourceName),
    );
    expect(new Map(options.languages.map((l) => [l.code, l.count]))).toEqual(
      countBy(originals, (a) => a.language),
    );
    expect(options.languages.length).toBeGreaterThan(1);
  });
});
