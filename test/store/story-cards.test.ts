/**
 * Timeline cards are kept on the story (refreshStoryCards) rather than aggregated from every
 * article when the timeline is read. Held here against an aggregation done from scratch, on both
 * databases, after the sample corpus is placed and after each way a card's inputs change: an
 * article stored again with other entities and claims, an article moving to another story, an
 * entity verified by the knowledge base or no longer verified.
 */
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "@/lib/bootstrap";
import { parseConfig } from "@/lib/config";
import type { Db } from "@/lib/store/db";
import { syncKnowledgeBase } from "@/lib/store/entities";
import { attachToStory } from "@/lib/store/stories";
import { timelinePage, type TimelineCard } from "@/lib/store/timeline";
import {
  createScratchDatabase,
  DATABASE_KINDS,
  type ScratchDatabase,
} from "@/scripts/support/scratch-db";

const ROOT = resolve(__dirname, "../..");

type Card = Pick<TimelineCard, "id" | "sourceCount" | "entities" | "claimTypes">;

/** Every story's card worked out from its articles, the way the timeline used to at read time. */
async function cardsFromScratch(db: Db): Promise<Card[]> {
  const stories = await db.story.findMany({
    where: { articleCount: { gt: 0 } },
    select: {
      id: true,
      articles: {
        select: {
          article: {
            select: {
              sourceName: true,
              url: true,
              mentions: {
                select: {
                  entity: { select: { slug: true, name: true, kind: true, verified: true } },
                },
              },
              claims: { select: { type: true } },
            },
          },
        },
      },
    },
  });
  return stories.map((story) => {
    const sources = new Set<string>();
    const entities = new Map<string, { slug: string; name: string; kind: string; count: number }>();
    const claims = new Map<string, number>();
    for (const { article } of story.articles) {
      sources.add(article.sourceName ?? article.url);
      for (const { entity } of article.mentions) {
        if (!entity.verified) continue;
        const entry = entities.get(entity.slug) ?? {
          slug: entity.slug,
          name: entity.name,
          kind: entity.kind,
          count: 0,
        };
        entry.count++;
        entities.set(entity.slug, entry);
      }
      for (const claim of article.claims) claims.set(claim.type, (claims.get(claim.type) ?? 0) + 1);
    }
    return {
      id: story.id,
      sourceCount: sources.size,
      entities: [...entities.values()]
        .sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : 1))
        .slice(0, 8),
      claimTypes: [...claims]
        .map(([type, count]) => ({ type, count }))
        .sort((a, b) => b.count - a.count || (a.type < b.type ? -1 : 1)),
    };
  });
}

async function cardsOfTimeline(db: Db): Promise<Card[]> {
  const page = await timelinePage(db, { take: 500, articles: false });
  return page.cards.map(({ id, sourceCount, entities, claimTypes }) => ({
    id,
    sourceCount,
    entities,
    claimTypes,
  }));
}

async function expectCardsFresh(db: Db): Promise<void> {
  const byId = (a: Card, b: Card) => a.id - b.id;
  expect((await cardsOfTimeline(db)).sort(byId)).toEqual((await cardsFromScratch(db)).sort(byId));
}

for (const kind of DATABASE_KINDS) {
  describe(`story cards (${kind})`, () => {
    let database: ScratchDatabase;

    beforeAll(async () => {
      database = await createScratchDatabase(kind);
      await bootstrap(
        database.db,
        parseConfig({ DATABASE_URL: database.url, DEFAULT_SOURCES: "false" }),
        ROOT,
      );
    }, 180_000);

    afterAll(async () => {
      await database?.drop();
    });

    it("match an aggregation from scratch once the sample corpus is placed", async () => {
      const cards = await cardsOfTimeline(database.db);
      expect(cards.length).toBeGreaterThan(5);
      // Not vacuous: the sample stories carry entities, claims and several sources.
      expect(
        cards.some(
          (card) =>
            card.entities.length >= 3 && card.claimTypes.length >= 1 && card.sourceCount >= 2,
        ),
      ).toBe(true);
      await expectCardsFresh(database.db);
    });

    it("follow an article stored again with other entities and claims", async () => {
      const db = database.db;
      const link = await db.storyArticle.findFirstOrThrow({
        where: { article: { claims: { some: {} } } },
        orderBy: { articleId: "asc" },
      });
      // What re-storing does to the rows (lib/store/articles.ts writeArticle), through that function's
      // own path: the article row is updated, its mentions and claims replaced.
      const { writeArticle } = await import("@/lib/store/articles");
      const article = await db.article.findUniqueOrThrow({ where: { id: link.articleId } });
      await db.$transaction(async (tx) =>
        writeArticle(tx, {
          url: article.url,
          canonicalUrl: article.canonicalUrl,
          guid: article.guid,
          sourceId: article.sourceId,
          sourceName: "A New Source Name",
          contentHash: article.contentHash,
          simhash: article.simhash,
          duplicateOfId: article.duplicateOfId,
          language: article.language,
          title: article.title,
          byline: article.byline,
          text: article.text,
          summary: article.summary,
          leadImage: article.leadImage,
          relevance: article.relevance,
          publishedAt: article.publishedAt,
          isSample: article.isSample,
          mentions: [
            {
              name: "Nvidia",
              slug: "nvidia",
              kind: "company",
              start: 0,
              end: 6,
              surface: "Nvidia",
              verified: true,
            },
          ],
          claims: [],
        }),
      );
      const card = (await cardsOfTimeline(db)).find((c) => c.id === link.storyId)!;
      expect(card.entities.map((e) => e.slug)).toContain("nvidia");
      await expectCardsFresh(db);
    });

    it("follow an article that moves to another story, on both stories", async () => {
      const db = database.db;
      const stories = await db.story.findMany({
        where: { articleCount: { gt: 1 } },
        orderBy: { id: "asc" },
        take: 2,
      });
      expect(stories.length).toBe(2);
      const [from, to] = stories as [(typeof stories)[number], (typeof stories)[number]];
      const moving = await db.storyArticle.findFirstOrThrow({ where: { storyId: from.id } });
      const article = await db.article.findUniqueOrThrow({ where: { id: moving.articleId } });
      await db.$transaction(async (tx) =>
        attachToStory(tx, {
          articleId: article.id,
          storyId: to.id,
          score: 1,
          centroid: to.centroid,
          title: to.title,
          publishedAt: article.publishedAt ?? article.fetchedAt,
          isSample: article.isSample,
        }),
      );
      expect((await db.story.findUniqueOrThrow({ where: { id: from.id } })).articleCount).toBe(
        from.articleCount - 1,
      );
      expect((await db.story.findUniqueOrThrow({ where: { id: to.id } })).articleCount).toBe(
        to.articleCount + 1,
      );
      await expectCardsFresh(db);
    });

    it("follow entities the knowledge base verifies, and drop ones no longer verified", async () => {
      const db = database.db;
      const candidate = await db.entity.findFirst({
        where: { verified: false, mentions: { some: { article: { story: { isNot: null } } } } },
      });
      expect(candidate).not.toBeNull();
      await syncKnowledgeBase(db, [
        { slug: candidate!.slug, name: candidate!.name, kind: "company", aliases: [] },
      ]);
      expect((await db.entity.findUniqueOrThrow({ where: { id: candidate!.id } })).verified).toBe(
        true,
      );
      await expectCardsFresh(db);
      const shown = (await cardsOfTimeline(db)).flatMap((card) => card.entities.map((e) => e.slug));
      const dropped = shown[0]!;
      await db.entity.update({ where: { slug: dropped }, data: { verified: false } });
      expect(
        (await cardsOfTimeline(db)).flatMap((card) => card.entities.map((e) => e.slug)),
      ).not.toContain(dropped);
      await expectCardsFresh(db);
    });
  });
}
