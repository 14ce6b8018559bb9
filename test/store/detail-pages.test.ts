/**
 * The entity page and the claim thread page aggregate in the database (per-day counts, entities
 * mentioned together, a narrow read of every claim of a thread) and show a thread's sentences a
 * page at a time. Held here, on both databases, against the same figures worked out from scratch
 * through the ORM over a synthetic corpus dense enough to have big entities, syndicated copies,
 * ties and threads of several pages (bench/fill.ts). The story page and the API's story read a story
 * in flat rounds a page at a time; both are held to one nested read of the whole story.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillDatabase } from "@/bench/fill";
import { groupClaimThreads } from "@/lib/store/claim-threads";
import type { Db } from "@/lib/store/db";
import { accusationsIn, disputeDirection } from "@/lib/store/claim-direction";
import { getClaimThread } from "@/lib/store/pages/get-claim-thread";
import { coverageBuckets, entityPage, getEntity } from "@/lib/store/pages/get-entity";
import { getStory } from "@/lib/store/pages/get-story";
import { hostOf } from "@/lib/urls";
import { getStory as getApiStory } from "@/lib/store/api/get-story";
import { badRequestMessage } from "@/proxy";
import type { ClaimType, Stance } from "@/lib/types";
import {
  createScratchDatabase,
  DATABASE_KINDS,
  type ScratchDatabase,
} from "@/scripts/support/scratch-db";

const ARTICLES = 1500;
/** Sentences per page here: small, so the busiest thread of this corpus spans several pages. */
const PAGE = 10;

/** An entity's figures the slow way: every mention row with its article, counted here. */
async function entityFromScratch(db: Db, slug: string) {
  const entity = await db.entity.findUniqueOrThrow({ where: { slug } });
  const mentions = await db.mention.findMany({
    where: { entityId: entity.id, article: { duplicateOfId: null } },
    select: { articleId: true, article: { select: { publishedAt: true, fetchedAt: true } } },
  });
  const articleIds = new Set(mentions.map((m) => m.articleId));
  const others = await db.mention.findMany({
    where: { entityId: { not: entity.id }, entity: { verified: true } },
    select: { articleId: true, entityId: true, entity: { select: { slug: true } } },
  });
  const together = new Map<number, { slug: string; count: number }>();
  for (const m of others) {
    if (!articleIds.has(m.articleId)) continue;
    const entry = together.get(m.entityId) ?? { slug: m.entity.slug, count: 0 };
    entry.count++;
    together.set(m.entityId, entry);
  }
  // Claims one row at a time, each turned into its dispute (a denial it makes belongs to an
  // accusation against it), counted by role.
  const claims = await db.claim.findMany({
    where: { OR: [{ claimantId: entity.id }, { targetId: entity.id }] },
    select: {
      claimantId: true,
      targetId: true,
      type: true,
      stance: true,
      claimant: { select: { slug: true } },
      target: { select: { slug: true } },
    },
  });
  const accused = accusationsIn(claims.map((c) => ({ ...c, count: 1 })));
  const made: Record<string, [number, number, number]> = {};
  const against: Record<string, [number, number, number]> = {};
  for (const claim of claims) {
    const { accuserId, role } = disputeDirection(claim, accused);
    const otherSlug = claim.claimantId === entity.id ? claim.target.slug : claim.claimant.slug;
    const into = accuserId === entity.id ? made : against;
    const counts = (into[`${otherSlug}|${claim.type}`] ??= [0, 0, 0]);
    if (role === "accusation") counts[0]++;
    else if (role === "denial") counts[1]++;
    else if (role === "report") counts[2]++;
  }
  const sorted = (tally: Record<string, [number, number, number]>) =>
    Object.fromEntries(Object.entries(tally).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    articleCount: mentions.length,
    coverage: coverageBuckets(mentions.map((m) => m.article.publishedAt ?? m.article.fetchedAt)),
    together: [...together]
      .sort((a, b) => b[1].count - a[1].count || a[0] - b[0])
      .slice(0, 12)
      .map(([, t]) => ({ slug: t.slug, count: t.count })),
    made: sorted(made),
    against: sorted(against),
  };
}

describe.each(DATABASE_KINDS)("entity and thread pages on %s", (kind) => {
  let test: ScratchDatabase;
  let slugs: string[];

  beforeAll(async () => {
    test = await createScratchDatabase(kind);
    await fillDatabase(test.db, kind, ARTICLES);
    // The busiest entity, one from the middle and the rarest one that appears at all.
    const groups = await test.db.mention.groupBy({
      by: ["entityId"],
      _count: { articleId: true },
      orderBy: { _count: { articleId: "desc" } },
    });
    const ids = [
      groups[0]!.entityId,
      groups[Math.floor(groups.length / 2)]!.entityId,
      groups[groups.length - 1]!.entityId,
    ];
    slugs = (
      await test.db.entity.findMany({ where: { id: { in: ids } }, select: { slug: true } })
    ).map((e) => e.slug);
  }, 180_000);

  afterAll(async () => {
    await test?.drop();
  });

  it("counts an entity's articles per period, its company and its claims as the rows do", async () => {
    expect(
      await test.db.article.count({ where: { duplicateOfId: { not: null } } }),
    ).toBeGreaterThan(0);
    for (const slug of slugs) {
      const page = await getEntity(test.db, slug);
      const scratch = await entityFromScratch(test.db, slug);
      expect(page!.articleCount, slug).toBe(scratch.articleCount);
      expect(page!.coverage, slug).toEqual(scratch.coverage);
      expect(
        page!.together.map((t) => ({ slug: t.slug, count: t.count })),
        slug,
      ).toEqual(scratch.together);
      const tally = (
        rows: {
          other: { slug: string };
          type: string;
          count: number;
          denials: number;
          reports: number;
        }[],
      ) =>
        Object.fromEntries(
          rows
            .map((r) => [`${r.other.slug}|${r.type}`, [r.count, r.denials, r.reports]])
            .sort(([a], [b]) => (a! < b! ? -1 : 1)),
        );
      expect(tally(page!.claimsMade), slug).toEqual(scratch.made);
      expect(tally(page!.claimsAgainst), slug).toEqual(scratch.against);
    }
    expect((await getEntity(test.db, slugs[0]!))!.articleCount).toBeGreaterThan(ARTICLES / 4);
  });

  it("shares the entity view between visitors and gives the same figures", async () => {
    const shared = await entityPage(test.db, slugs[0]!);
    expect(shared).toEqual(await getEntity(test.db, slugs[0]!));
    expect(await entityPage(test.db, slugs[0]!)).toBe(shared);
    expect(await entityPage(test.db, "no-such-entity")).toBeNull();
  });

  it("pages a story's articles and shows its threads' first sentences, with figures over the whole story as one nested read has them", async () => {
    const stories = await test.db.story.findMany({
      where: { articleCount: { gt: 0 } },
      orderBy: [{ articleCount: "desc" }, { id: "asc" }],
      take: 3,
      select: { id: true },
    });
    const STORY_PAGE = 4;
    const SHOWN = 2;
    let paged = 0;
    let cut = 0;
    for (const { id } of stories) {
      const nested = await test.db.story.findUniqueOrThrow({
        where: { id },
        include: {
          articles: {
            include: {
              article: {
                select: {
                  id: true,
                  publishedAt: true,
                  sourceName: true,
                  url: true,
                  language: true,
                  _count: { select: { duplicates: true } },
                  claims: {
                    select: {
                      id: true,
                      type: true,
                      claimant: { select: { slug: true } },
                      target: { select: { slug: true } },
                    },
                    orderBy: [{ start: "asc" }, { id: "asc" }],
                  },
                  mentions: { select: { entity: { select: { slug: true, verified: true } } } },
                },
              },
            },
          },
        },
      });
      const articles = nested.articles
        .map((link) => link.article)
        .sort(
          (a, b) =>
            (a.publishedAt?.getTime() ?? 0) - (b.publishedAt?.getTime() ?? 0) || a.id - b.id,
        );
      const first = await getStory(test.db, id, { pageSize: STORY_PAGE, threadSentences: SHOWN });
      expect(first!.articleCount).toBe(articles.length);
      expect(first!.pages).toBe(Math.ceil(articles.length / STORY_PAGE));
      if (first!.pages > 1) paged++;
      // Every page in turn gives every article once, oldest first, with its copies counted.
      const seen: [number, number][] = [];
      for (let page = 1; page <= first!.pages; page++) {
        const detail = await getStory(test.db, id, {
          page,
          pageSize: STORY_PAGE,
          threadSentences: SHOWN,
        });
        expect(detail!.page).toBe(page);
        seen.push(...detail!.articles.map((a): [number, number] => [a.id, a.duplicateCount]));
      }
      expect(seen).toEqual(articles.map((a) => [a.id, a._count.duplicates]));
      expect((await getStory(test.db, id, { page: 999, pageSize: STORY_PAGE }))!.page).toBe(
        first!.pages,
      );
      // Threads: every claim counted, the first SHOWN of each in reading order.
      const threads = new Map<string, number[]>();
      for (const a of articles)
        for (const c of a.claims)
          threads.set(`${c.claimant.slug}|${c.target.slug}|${c.type}`, [
            ...(threads.get(`${c.claimant.slug}|${c.target.slug}|${c.type}`) ?? []),
            c.id,
          ]);
      expect(Object.fromEntries(first!.threads.map((t) => [t.key, t.count]))).toEqual(
        Object.fromEntries([...threads].map(([key, ids]) => [key, ids.length])),
      );
      for (const thread of first!.threads)
        expect(thread.claims.map((c) => c.id)).toEqual(threads.get(thread.key)!.slice(0, SHOWN));
      if (first!.threads.some((t) => t.count > SHOWN)) cut++;
      expect(first!.claimCount).toBe(articles.reduce((n, a) => n + a.claims.length, 0));
      // Sources, languages and entities over the whole story, not the page.
      const sources = new Map<string, number>();
      const languages = new Map<string, number>();
      const counts = new Map<string, number>();
      for (const a of articles) {
        sources.set(
          a.sourceName ?? hostOf(a.url),
          (sources.get(a.sourceName ?? hostOf(a.url)) ?? 0) + 1,
        );
        languages.set(a.language, (languages.get(a.language) ?? 0) + 1);
        for (const m of a.mentions)
          if (m.entity.verified) counts.set(m.entity.slug, (counts.get(m.entity.slug) ?? 0) + 1);
      }
      expect(Object.fromEntries(first!.sources.map((s) => [s.name, s.count]))).toEqual(
        Object.fromEntries(sources),
      );
      expect(Object.fromEntries(first!.languageCounts.map((l) => [l.language, l.count]))).toEqual(
        Object.fromEntries(languages),
      );
      expect(Object.fromEntries(first!.entities.map((e) => [e.slug, e.count]))).toEqual(
        Object.fromEntries(counts),
      );
    }
    expect(paged).toBeGreaterThan(0);
    expect(cut).toBeGreaterThan(0);
    // A story article with copies elsewhere says how many.
    const copy = await test.db.article.findFirstOrThrow({
      where: { duplicateOfId: { not: null }, duplicateOf: { story: { isNot: null } } },
      select: { duplicateOfId: true },
    });
    const link = await test.db.storyArticle.findUniqueOrThrow({
      where: { articleId: copy.duplicateOfId! },
    });
    const story = await getStory(test.db, link.storyId, { pageSize: 1000 });
    expect(
      story!.articles.find((a) => a.id === copy.duplicateOfId)!.duplicateCount,
    ).toBeGreaterThan(0);
  });

  it("gives the API a story page by page: every article once, oldest first, with every claim of its articles in full", async () => {
    const stories = await test.db.story.findMany({
      where: { articleCount: { gt: 0 } },
      orderBy: [{ articleCount: "desc" }, { id: "asc" }],
      take: 3,
      select: { id: true },
    });
    const party = { select: { slug: true, name: true, kind: true } };
    const PAGE_SIZE = 4;
    let paged = 0;
    for (const { id } of stories) {
      const nested = await test.db.story.findUniqueOrThrow({
        where: { id },
        include: {
          articles: {
            include: {
              article: {
                select: {
                  id: true,
                  publishedAt: true,
                  claims: {
                    orderBy: [{ start: "asc" }, { id: "asc" }],
                    select: {
                      id: true,
                      articleId: true,
                      type: true,
                      stance: true,
                      sentence: true,
                      confidence: true,
                      claimant: party,
                      target: party,
                    },
                  },
                },
              },
            },
          },
        },
      });
      const articles = nested.articles
        .map((link) => link.article)
        .sort(
          (a, b) =>
            (a.publishedAt?.getTime() ?? 0) - (b.publishedAt?.getTime() ?? 0) || a.id - b.id,
        );
      const first = await getApiStory(test.db, id, 1, PAGE_SIZE);
      expect(first!.detail.pages).toBe(Math.ceil(articles.length / PAGE_SIZE));
      if (first!.detail.pages > 1) paged++;
      const seenArticles: number[] = [];
      const seenClaims: unknown[] = [];
      for (let page = 1; page <= first!.detail.pages; page++) {
        const story = await getApiStory(test.db, id, page, PAGE_SIZE);
        expect(story!.detail.page).toBe(page);
        seenArticles.push(...story!.detail.articles.map((a) => a.id));
        seenClaims.push(...story!.claims);
        // Only the page's articles' claims, and the figures of the whole story on every page.
        expect(
          story!.claims.every((c) => story!.detail.articles.some((a) => a.id === c.articleId)),
        ).toBe(true);
        expect(story!.detail.claimCount).toBe(first!.detail.claimCount);
      }
      expect(seenArticles).toEqual(articles.map((a) => a.id));
      expect(seenClaims).toEqual(articles.flatMap((a) => a.claims));
      expect((await getApiStory(test.db, id, 999, PAGE_SIZE))!.detail.page).toBe(
        first!.detail.pages,
      );
    }
    expect(paged).toBeGreaterThan(0);
    expect(await getApiStory(test.db, 987654321)).toBeNull();
  });

  it("pages a long thread oldest first, every sentence once, with the stance run of them all", async () => {
    const [top] = await test.db.claim.groupBy({
      by: ["claimantId", "targetId", "type"],
      _count: { id: true },
      orderBy: { _count: { id: "desc" } },
      take: 1,
    });
    expect(top!._count.id).toBeGreaterThan(3 * PAGE);
    const [claimant, target] = await Promise.all(
      [top!.claimantId, top!.targetId].map((id) =>
        test.db.entity.findUniqueOrThrow({ where: { id } }),
      ),
    );
    // Its sentences the slow way: every claim between the two of that type, in either direction,
    // kept when its dispute is claimant → target (the target's denials included).
    const between = await test.db.claim.findMany({
      where: {
        type: top!.type,
        OR: [
          { claimantId: top!.claimantId, targetId: top!.targetId },
          { claimantId: top!.targetId, targetId: top!.claimantId },
        ],
      },
      include: {
        article: { select: { id: true, publishedAt: true, sourceName: true, url: true } },
      },
    });
    const accused = accusationsIn(between.map((c) => ({ ...c, count: 1 })));
    const claims = between.filter(
      (c) => disputeDirection(c, accused).accuserId === top!.claimantId,
    );
    claims.sort(
      (a, b) =>
        (a.article.publishedAt?.getTime() ?? 0) - (b.article.publishedAt?.getTime() ?? 0) ||
        a.id - b.id,
    );

    const first = await getClaimThread(test.db, claimant!.slug, target!.slug, top!.type, {
      pageSize: PAGE,
    });
    expect(first!.total).toBe(claims.length);
    expect(first!.pages).toBe(Math.ceil(claims.length / PAGE));
    const seen: number[] = [];
    for (let page = 1; page <= first!.pages; page++) {
      const detail = await getClaimThread(test.db, claimant!.slug, target!.slug, top!.type, {
        page,
        pageSize: PAGE,
      });
      expect(detail!.page).toBe(page);
      seen.push(...detail!.sentences.map((s) => s.claimId));
      for (const s of detail!.sentences) expect(s.sentence.length).toBeGreaterThan(0);
    }
    expect(seen).toEqual(claims.map((c) => c.id));
    // Past the last page gives the last page.
    expect(
      (await getClaimThread(test.db, claimant!.slug, target!.slug, top!.type, {
        page: 9999,
        pageSize: PAGE,
      }))!.page,
    ).toBe(first!.pages);

    const [thread] = groupClaimThreads(
      claims.map((c) => ({
        claim: {
          claimant: claimant!.name,
          target: target!.name,
          claimantSlug: claimant!.slug,
          targetSlug: target!.slug,
          type: c.type as ClaimType,
          stance: c.stance as Stance,
          sentence: c.sentence,
          start: c.start,
          end: c.end,
          confidence: c.confidence,
        },
        articleId: String(c.article.id),
        publishedAt: c.article.publishedAt,
        source: c.article.sourceName ?? hostOf(c.article.url),
      })),
    );
    expect(first!.thread.stances).toEqual(thread!.stances);
    expect(first!.thread.sources).toEqual(thread!.sources);
    expect([first!.thread.firstSeen, first!.thread.lastSeen]).toEqual([
      thread!.firstSeen,
      thread!.lastSeen,
    ]);
    expect(first!.stanceCounts.reduce((n, s) => n + s.count, 0)).toBe(claims.length);
    const shared = await getClaimThread(test.db, claimant!.slug, target!.slug, top!.type, {
      page: 2,
      shared: true,
      pageSize: PAGE,
    });
    expect(shared!.sentences.map((s) => s.claimId)).toEqual(
      claims.slice(PAGE, 2 * PAGE).map((c) => c.id),
    );
  });
});

describe("the thread page's parameters", () => {
  it("answers 400 for a page that is not a page number, nothing for good ones or other paths", () => {
    expect(
      badRequestMessage("/claims/openai/deepseek/distillation", new URLSearchParams("page=2")),
    ).toBeNull();
    expect(
      badRequestMessage("/claims/openai/deepseek/distillation", new URLSearchParams("page=0")),
    ).toMatch(/page/);
    expect(
      badRequestMessage("/claims/openai/deepseek/distillation", new URLSearchParams("page=-3")),
    ).toMatch(/page/);
    expect(
      badRequestMessage("/claims/openai/deepseek/distillation", new URLSearchParams("page=two")),
    ).toMatch(/page/);
    expect(
      badRequestMessage("/claims/openai/deepseek/distillation", new URLSearchParams("page=1e9")),
    ).toMatch(/page/);
    // The claims table has pages too (CLAIM_TABLE_PAGE rows each).
    expect(badRequestMessage("/claims", new URLSearchParams("page=two"))).toMatch(/parameter page/);
    expect(badRequestMessage("/claims", new URLSearchParams("page=0"))).toMatch(/parameter page/);
    expect(
      badRequestMessage("/claims", new URLSearchParams("claim=copyright&sort=denials&page=3")),
    ).toBeNull();
    expect(
      badRequestMessage("/claims", new URLSearchParams("claim=copyright&sort=denials")),
    ).toBeNull();
    expect(badRequestMessage("/claims", new URLSearchParams("claim=lying"))).toMatch(
      /parameter claim/,
    );
    expect(badRequestMessage("/claims", new URLSearchParams("sort=size"))).toMatch(
      /parameter sort/,
    );
    expect(badRequestMessage("/stories/12", new URLSearchParams("page=3"))).toBeNull();
    expect(badRequestMessage("/stories/12", new URLSearchParams("page=0"))).toMatch(/page/);
    expect(badRequestMessage("/stories/12", new URLSearchParams("page=x"))).toMatch(/page/);
  });
});
