/**
 * The counts kept beside the articles (lib/store/aggregates.ts) against a live recount of the
 * rows, on both databases: after articles are written new, written again with other mentions,
 * claims, date and copy status, a copy stored, and the sample data removed (each claim thread's
 * kept newest accusing claim per language too); and the pages that read them (claims table,
 * entity figures, filter form) give what the rows say.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillDatabase } from "@/bench/fill";
import { checkAggregates, rebuildAggregates } from "@/lib/store/aggregates";
import { writeArticle, type ArticleInput } from "@/lib/store/articles";
import { getEntity } from "@/lib/store/pages/get-entity";
import { listClaimTable } from "@/lib/store/pages/list-claim-table";
import { listFilterOptions } from "@/lib/store/pages/list-filter-options";
import { removeSampleData } from "@/lib/store/stories";
import type { Claim } from "@/lib/types";
import {
  createScratchDatabase,
  DATABASE_KINDS,
  type ScratchDatabase,
} from "@/scripts/support/scratch-db";
import { useTestEnvironment } from "../digest/env";
import { mention, PARTIES, partyClaim } from "./parties";

const claim = (
  claimant: string,
  target: string,
  type: Claim["type"],
  stance: Claim["stance"],
  start: number,
): Claim =>
  partyClaim(
    claimant,
    target,
    type,
    stance,
    `${PARTIES[claimant]} says ${PARTIES[target]} did it (${start}).`,
    start,
    start + 30,
  );

function article(n: number, overrides: Partial<ArticleInput> = {}): ArticleInput {
  const text = `Acme AI accused Borealis Labs of copying its model, report ${n} says. `.repeat(4);
  return {
    canonicalUrl: `https://news.example/a-${n}`,
    url: `https://news.example/a-${n}`,
    guid: null,
    sourceId: null,
    sourceName: n % 2 ? "news.example" : "wire.example",
    contentHash: `hash-${n}`,
    simhash: null,
    duplicateOfId: null,
    language: n % 3 ? "en" : "vi",
    title: `Article ${n}`,
    byline: null,
    text,
    summary: text.slice(0, 80),
    leadImage: null,
    relevance: 0.9,
    publishedAt: new Date(Date.UTC(2025, 0, 1 + (n % 9), 23, 30)),
    isSample: false,
    mentions: [mention("acme-ai", 0), mention("borealis-labs", 16)],
    claims: [claim("acme-ai", "borealis-labs", "distillation", "alleges", n)],
    ...overrides,
  };
}

describe.each(DATABASE_KINDS)("kept counts on %s", (kind) => {
  let test: ScratchDatabase;

  beforeAll(async () => {
    test = await createScratchDatabase(kind);
    await useTestEnvironment(test.url, { AGGREGATE_CACHE_SECONDS: "0" });
    await fillDatabase(test.db, kind, 300);
  }, 180_000);

  afterAll(async () => {
    await test?.drop();
  });

  it("match a live recount after a bulk fill", async () => {
    expect(await checkAggregates(test.db)).toEqual([]);
  });

  it("follow articles written new, written again and copied", async () => {
    const ids: number[] = [];
    for (let n = 1; n <= 12; n++)
      ids.push(
        await writeArticle(test.db, article(n, n === 5 ? { publishedAt: null } : {}), {
          isNew: true,
        }),
      );
    // A copy: its claims count, its mentions, source and language do not.
    await writeArticle(test.db, article(13, { duplicateOfId: ids[0]! }), { isNew: true });
    expect(await checkAggregates(test.db)).toEqual([]);
    // Written again: other parties, a denial, another language, and then marked a copy.
    await test.db.$transaction((tx) =>
      writeArticle(
        tx,
        article(2, {
          language: "fr",
          sourceName: "third.example",
          mentions: [mention("acme-ai", 0), mention("cobalt-models", 30)],
          claims: [
            claim("cobalt-models", "acme-ai", "copyright", "alleges", 4),
            claim("acme-ai", "cobalt-models", "copyright", "denies", 9),
          ],
        }),
      ),
    );
    await test.db.$transaction((tx) =>
      writeArticle(tx, article(3, { duplicateOfId: ids[0]!, mentions: [], claims: [] })),
    );
    expect(await checkAggregates(test.db)).toEqual([]);
  });

  it("follow the sample data's removal", async () => {
    for (let n = 20; n < 24; n++)
      await writeArticle(test.db, article(n, { isSample: true }), { isNew: true });
    expect(await checkAggregates(test.db)).toEqual([]);
    await removeSampleData(test.db);
    expect(await checkAggregates(test.db)).toEqual([]);
  });

  it("keep each thread's newest accusing claim per language, picked again when its article changes", async () => {
    const borealis = await test.db.entity.findUniqueOrThrow({ where: { slug: "borealis-labs" } });
    const cobalt = await test.db.entity.findUniqueOrThrow({ where: { slug: "cobalt-models" } });
    const newest = async (language: string) =>
      (
        await test.db.latestAccusation.findUnique({
          where: {
            claimantId_targetId_type_language: {
              claimantId: borealis.id,
              targetId: cobalt.id,
              type: "defamation",
              language,
            },
          },
        })
      )?.articleId;
    const accuses = (stance: Claim["stance"] = "alleges") => ({
      mentions: [mention("borealis-labs", 0), mention("cobalt-models", 30)],
      claims: [claim("borealis-labs", "cobalt-models", "defamation", stance, 3)],
    });
    const day = (d: number) => new Date(Date.UTC(2025, 2, d, 12));
    const inputs = {
      older: article(40, { language: "en", publishedAt: day(2), ...accuses() }),
      newer: article(41, { language: "en", publishedAt: day(6), ...accuses("confirms") }),
      undated: article(42, { language: "en", publishedAt: null, ...accuses() }),
      vi: article(43, { language: "vi", publishedAt: day(4), ...accuses() }),
    };
    const ids: Record<string, number> = {};
    for (const [key, input] of Object.entries(inputs))
      ids[key] = await writeArticle(test.db, input, { isNew: true });
    // Dated before undated, whatever the order they were written in.
    expect(await newest("en")).toBe(ids.newer);
    expect(await newest("vi")).toBe(ids.vi);
    const again = (input: ArticleInput) => test.db.$transaction((tx) => writeArticle(tx, input));
    // The newest written again without its claim: the next newest in its language.
    await again({ ...inputs.newer, claims: [] });
    expect(await newest("en")).toBe(ids.older);
    expect(await checkAggregates(test.db)).toEqual([]);
    // Written again later: it is the newest again.
    await again({ ...inputs.older, publishedAt: day(9) });
    expect(await newest("en")).toBe(ids.older);
    // Written again in another language: it leaves English to the undated one.
    await again({ ...inputs.older, language: "vi", publishedAt: day(9) });
    expect(await newest("en")).toBe(ids.undated);
    expect(await newest("vi")).toBe(ids.older);
    // Only denying now: no accusing claim left in Vietnamese but the other one's.
    await again({ ...inputs.older, language: "vi", ...accuses("denies") });
    expect(await newest("vi")).toBe(ids.vi);
    await again({ ...inputs.vi, ...accuses("denies") });
    expect(await newest("vi")).toBeUndefined();
    expect(await checkAggregates(test.db)).toEqual([]);
  });

  it("are told apart from the rows when they drift, and rebuilt", async () => {
    await test.db.claimCount.updateMany({ where: {}, data: { count: { increment: 1 } } });
    await test.db.facetCount.deleteMany({ where: { facet: "language" } });
    await test.db.latestAccusation.updateMany({ where: {}, data: { claimId: 0 } });
    const differences = await checkAggregates(test.db);
    expect(differences.map((d) => d.table).sort()).toEqual([
      "ClaimCount",
      "FacetCount",
      "LatestAccusation",
    ]);
    await rebuildAggregates(test.db);
    expect(await checkAggregates(test.db)).toEqual([]);
  });

  it("give the pages what the rows say", async () => {
    // Claims table: accusations per (accuser, accused, type) as counted from the claims.
    const rows = await listClaimTable(test.db);
    const claims = await test.db.claim.findMany({
      where: { stance: "alleges" },
      select: {
        type: true,
        claimant: { select: { slug: true } },
        target: { select: { slug: true } },
      },
    });
    const live = new Map<string, number>();
    for (const c of claims) {
      const key = `${c.claimant.slug}>${c.target.slug}:${c.type}`;
      live.set(key, (live.get(key) ?? 0) + 1);
    }
    for (const row of rows) {
      const key = `${row.accuser.slug}>${row.accused.slug}:${row.type}`;
      expect(row.accusations, key).toBe(live.get(key) ?? 0);
    }
    expect(
      rows.find((r) => r.accuser.slug === "acme-ai" && r.accused.slug === "borealis-labs"),
    ).toBeTruthy();
    // Entity figures: originals mentioning it, and per day.
    const acme = await getEntity(test.db, "acme-ai");
    const originals = await test.db.mention.count({
      where: { entity: { slug: "acme-ai" }, article: { duplicateOfId: null } },
    });
    expect(acme!.articleCount).toBe(originals);
    expect(acme!.together.find((t) => t.slug === "borealis-labs")?.count).toBe(
      await test.db.article.count({
        where: {
          duplicateOfId: null,
          AND: [
            { mentions: { some: { entity: { slug: "acme-ai" } } } },
            { mentions: { some: { entity: { slug: "borealis-labs" } } } },
          ],
        },
      }),
    );
    // Filter form: languages of the originals.
    const options = await listFilterOptions(test.db, 100);
    const french = options.languages.find((l) => l.code === "fr")?.count ?? 0;
    expect(french).toBe(
      await test.db.article.count({ where: { duplicateOfId: null, language: "fr" } }),
    );
  });
});
