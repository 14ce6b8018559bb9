/**
 * Two writers (two clients, as two workers have) store two articles naming the same new entity at
 * the same moment: both articles are stored, the entity exists once, and both articles point at it.
 * Each transaction reads before the other writes, so both find the entity missing and both insert it.
 * On PostgreSQL neither transaction may fail (no retry here: insert … on conflict do nothing waits
 * for the other and reads its row); on SQLite one writer holds the file at a time, so the other's
 * stale transaction is refused as busy and the pipeline's retry writes it again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeArticle, type ArticleInput } from "@/lib/store/articles";
import { createDb, type Db } from "@/lib/store/db";
import { retryOnConflict } from "@/lib/store/db-errors";
import {
  createScratchDatabase,
  DATABASE_KINDS,
  type ScratchDatabase,
} from "@/scripts/support/scratch-db";

function article(n: number, slug: string): ArticleInput {
  const text = `Zyxwv Labs ${n} was accused of copying a rival's model. `.repeat(5);
  return {
    canonicalUrl: `https://news.example/${slug}-${n}`,
    url: `https://news.example/${slug}-${n}`,
    guid: null,
    sourceId: null,
    sourceName: "news.example",
    contentHash: `hash-${slug}-${n}`,
    simhash: null,
    duplicateOfId: null,
    language: "en",
    title: `Article ${n}`,
    byline: null,
    text,
    summary: text.slice(0, 80),
    leadImage: null,
    relevance: 0.9,
    publishedAt: new Date("2025-02-01T00:00:00Z"),
    isSample: false,
    mentions: [
      {
        name: "Zyxwv Labs",
        slug,
        kind: "company",
        start: 0,
        end: 10,
        surface: "Zyxwv Labs",
        verified: false,
      },
    ],
    claims: [],
  };
}

/** Resolves once `count` callers have arrived. */
function barrier(count: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    if (++arrived === count) release();
    return all;
  };
}

for (const kind of DATABASE_KINDS) {
  describe(`concurrent writers on ${kind}`, () => {
    let database: ScratchDatabase;
    let second: Db;

    beforeAll(async () => {
      database = await createScratchDatabase(kind);
      second = createDb(database.url);
    }, 60_000);

    afterAll(async () => {
      await second?.$disconnect();
      await database?.drop();
    });

    it("two articles creating the same new entity at once are both stored, with one entity", async () => {
      for (let round = 0; round < 3; round++) {
        const slug = `zyxwv-labs-${round}`;
        const wait = barrier(2);
        let firstTry = true;
        const tries = kind === "postgresql" ? 1 : 4;
        const write = (db: Db, n: number) =>
          retryOnConflict(
            () =>
              db.$transaction(
                async (tx) => {
                  // Both transactions have read the entity table before either writes to it (on retries, no waiting).
                  await tx.entity.count({ where: { slug } });
                  if (firstTry) await wait();
                  return writeArticle(tx, article(n, slug));
                },
                { timeout: 30_000, maxWait: 30_000 },
              ),
            tries,
          ).finally(() => (firstTry = false));
        const ids = await Promise.all([write(database.db, 1), write(second, 2)]);
        expect(new Set(ids).size).toBe(2);
        const entities = await database.db.entity.findMany({ where: { slug } });
        expect(entities).toHaveLength(1);
        const mentions = await database.db.mention.findMany({ where: { articleId: { in: ids } } });
        expect(mentions.map((m) => m.entityId)).toEqual([entities[0].id, entities[0].id]);
      }
    }, 60_000);
  });
}
