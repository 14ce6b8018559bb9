/**
 * Stories: one real-world event or dispute across articles and languages. The clustering itself is
 * a pure function (lib/enrich/cluster.ts); this module keeps its state: candidates to compare
 * against, the article-to-story link, and each story's aggregates. Story ids never change.
 */
import { clientKind, rawDate, type Db } from "./db";
import { rebuildAggregatesIn } from "./aggregates";
import { Sql } from "./sql";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Client = Db | Tx;

export interface StoryCandidateRow {
  id: number;
  centroid: string;
  lastPublishedAt: Date | null;
  firstPublishedAt: Date | null;
  articleCount: number;
  isSample: boolean;
}

/** Stories whose time span comes within `windowDays` of `around`, most recent first. */
export async function storyCandidates(
  client: Client,
  around: Date,
  windowDays = 400,
  take = 500,
): Promise<StoryCandidateRow[]> {
  const span = windowDays * 24 * 60 * 60 * 1000;
  // One raw statement (the client's own query costs several times as much CPU to build).
  const sql = Sql.for(client);
  const rows = await client.$queryRawUnsafe<
    {
      id: number | bigint;
      centroid: string;
      lastPublishedAt: Date | string | number | null;
      firstPublishedAt: Date | string | number | null;
      articleCount: number | bigint;
      isSample: boolean | number | bigint;
    }[]
  >(
    `SELECT "id", "centroid", "lastPublishedAt", "firstPublishedAt", "articleCount", "isSample" FROM "Story"
     WHERE "lastPublishedAt" >= ${sql.p(new Date(around.getTime() - span))} AND "firstPublishedAt" <= ${sql.p(new Date(around.getTime() + span))}
     ORDER BY "lastPublishedAt" DESC LIMIT ${sql.p(take)}`,
    ...sql.params,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    centroid: row.centroid,
    lastPublishedAt: rawDate(row.lastPublishedAt),
    firstPublishedAt: rawDate(row.firstPublishedAt),
    articleCount: Number(row.articleCount),
    isSample: Boolean(Number(row.isSample)),
  }));
}

/**
 * How many articles placed in a story mention each of the given entity slugs, and how many are
 * placed at all: the document frequencies that weigh entities in story placement. Counting only
 * placed articles keeps off-topic pages and duplicates out, as clustering never sees them.
 */
export async function entityDocumentFrequencies(
  client: Client,
  slugs: readonly string[],
): Promise<{ total: number; counts: Record<string, number> }> {
  const sqlite = clientKind(client) === "sqlite";
  const counts: Record<string, number> = {};
  let total = 0;
  const unique = [...new Set(slugs)];
  // One statement per 500 slugs (SQLite caps the bound parameters of one), the first also
  // counting the placed articles (its row with a null slug): this runs for every article stored.
  for (let start = 0; start === 0 || start < unique.length; start += 500) {
    const chunk = unique.slice(start, start + 500);
    const list = chunk.map((_, i) => (sqlite ? "?" : `$${i + 1}`)).join(", ");
    const parts = [
      ...(start === 0 ? [`SELECT NULL AS "slug", COUNT(*) AS "n" FROM "StoryArticle"`] : []),
      ...(chunk.length
        ? [
            `SELECT e."slug" AS "slug", COUNT(*) AS "n" FROM "Mention" m
               JOIN "Entity" e ON e."id" = m."entityId"
               JOIN "StoryArticle" sa ON sa."articleId" = m."articleId"
             WHERE e."slug" IN (${list}) GROUP BY e."slug"`,
          ]
        : []),
    ];
    const rows = await client.$queryRawUnsafe<{ slug: string | null; n: number | bigint }[]>(
      parts.join(" UNION ALL "),
      ...chunk,
    );
    for (const row of rows) {
      if (row.slug === null) total = Number(row.n);
      else counts[row.slug] = Number(row.n);
    }
  }
  return { total, counts };
}

export interface Attachment {
  articleId: number;
  /** null: start a new story. */
  storyId: number | null;
  score: number;
  centroid: string;
  title: string;
  publishedAt: Date;
  isSample: boolean;
  /** The article was stored in this same transaction, never placed before: nothing to move. */
  isNew?: boolean;
  /** Whether the chosen story is sample data, when the caller read it with the candidates (saves a read). */
  storyIsSample?: boolean;
  /**
   * With a new article, leave the story's aggregates to the caller's finishPlacement (which writes
   * them with the story's title and summary in one statement) instead of refreshing them here.
   */
  deferAggregates?: boolean;
}

/**
 * Links an article to a story (a new one when storyId is null) and refreshes the story's aggregates.
 * Sample data is kept apart: a real article never joins a sample story, nor a sample article a real
 * one; it founds a story of its own instead (with the centroid it was matched by).
 */
export async function attachToStory(tx: Tx, attachment: Attachment): Promise<number> {
  let storyId = attachment.storyId;
  if (storyId !== null) {
    const isSample =
      attachment.storyIsSample ??
      (await tx.story.findUnique({ where: { id: storyId }, select: { isSample: true } }))?.isSample;
    if (isSample !== attachment.isSample) storyId = null;
  }
  const now = new Date();
  if (storyId === null) {
    const sql = Sql.for(tx);
    const values = sql.list([
      attachment.title,
      attachment.centroid,
      attachment.publishedAt,
      attachment.publishedAt,
      attachment.isSample,
      now,
      now,
    ]);
    const [story] = await tx.$queryRawUnsafe<{ id: number | bigint }[]>(
      `INSERT INTO "Story" ("title", "centroid", "firstPublishedAt", "lastPublishedAt", "isSample", "createdAt", "updatedAt") VALUES (${values}) RETURNING "id"`,
      ...sql.params,
    );
    storyId = Number(story.id);
  }
  if (attachment.isNew) {
    const sql = Sql.for(tx);
    await tx.$executeRawUnsafe(
      `INSERT INTO "StoryArticle" ("storyId", "articleId", "score", "addedAt") VALUES (${sql.list([storyId, attachment.articleId, attachment.score, now])})`,
      ...sql.params,
    );
    if (!attachment.deferAggregates) await refreshStoryAggregates(tx, storyId, attachment.centroid);
    return storyId;
  }
  // An article placed again may move: the story it leaves loses it from its aggregates too.
  const previous = await tx.storyArticle.findUnique({
    where: { articleId: attachment.articleId },
    select: { storyId: true },
  });
  await tx.storyArticle.deleteMany({
    where: { articleId: attachment.articleId, NOT: { storyId } },
  });
  await tx.storyArticle.upsert({
    where: { articleId: attachment.articleId },
    create: { storyId, articleId: attachment.articleId, score: attachment.score },
    update: { score: attachment.score },
  });
  await refreshStoryAggregates(tx, storyId, attachment.centroid);
  if (previous && previous.storyId !== storyId) await refreshStoryAggregates(tx, previous.storyId);
  return storyId;
}

/**
 * Ends a placement whose aggregates were deferred (attachToStory's deferAggregates): the story's
 * aggregates and card as refreshStoryAggregates computes them, its centroid, title and summary.
 * On PostgreSQL that is one statement; on SQLite (in-process, where a statement costs little) the
 * aggregates are refreshed as usual and the text written after them.
 */
export async function finishPlacement(
  tx: Tx,
  storyId: number,
  story: { centroid: string; title: string; summary: string },
): Promise<void> {
  const sql = Sql.for(tx);
  const placed = `FROM "StoryArticle" sa JOIN "Article" a ON a."id" = sa."articleId" WHERE sa."storyId" = "Story"."id"`;
  const at = `coalesce(a."publishedAt", a."fetchedAt")`;
  const languages =
    sql.kind === "sqlite"
      ? `(SELECT group_concat(x."language", ',' ORDER BY x."language") FROM (SELECT DISTINCT a."language" ${placed}) x)`
      : `(SELECT string_agg(x."language", ',' ORDER BY x."language" COLLATE "C") FROM (SELECT DISTINCT a."language" ${placed}) x)`;
  await tx.$executeRawUnsafe(
    `UPDATE "Story" SET
       "articleCount" = (SELECT COUNT(*) ${placed}),
       "languages" = coalesce(${languages}, ''),
       "firstPublishedAt" = (SELECT MIN(${at}) ${placed}),
       "lastPublishedAt" = (SELECT MAX(${at}) ${placed}),
       "centroid" = ${sql.p(story.centroid)},
       "title" = ${sql.p(story.title)},
       "summary" = ${sql.p(story.summary)},
       "updatedAt" = ${sql.p(new Date())},
       ${cardColumns(sql)}
     WHERE "id" = ${sql.p(storyId)}`,
    ...sql.params,
  );
}

/** Recomputes a story's article count, languages, time span and card (refreshStoryCards) from its articles. */
export async function refreshStoryAggregates(
  client: Client,
  storyId: number,
  centroid?: string,
): Promise<void> {
  const articles = await client.article.findMany({
    where: { story: { storyId } },
    select: { language: true, publishedAt: true, fetchedAt: true },
  });
  const times = articles.map((a) => (a.publishedAt ?? a.fetchedAt).getTime());
  await client.story.update({
    where: { id: storyId },
    data: {
      articleCount: articles.length,
      languages: [...new Set(articles.map((a) => a.language))].sort().join(","),
      firstPublishedAt: times.length ? new Date(Math.min(...times)) : null,
      lastPublishedAt: times.length ? new Date(Math.max(...times)) : null,
      ...(centroid ? { centroid } : {}),
    },
  });
  await refreshStoryCards(client, [storyId]);
}

/** Entities kept per story card: the timeline shows 8; the rest stand in for any unverified later. */
export const CARD_ENTITY_CAP = 32;

/**
 * Recomputes what timeline cards show for the given stories (all of them when null), so the
 * timeline reads it with the story rows instead of aggregating every article of every story on the
 * page: distinct sources, the verified entities with the number of articles mentioning each (top
 * CARD_ENTITY_CAP), and the claim types with their number of claims. Runs whenever a story's
 * articles change (refreshStoryAggregates), when an article's entities or claims are stored again
 * (lib/store/articles.ts) and when the knowledge base changes which entities are verified. Names,
 * kinds and whether an entity is still verified are read with the card (lib/store/timeline.ts).
 */
export async function refreshStoryCards(client: Client, storyIds: number[] | null): Promise<void> {
  if (storyIds && storyIds.length === 0) return;
  const sql = Sql.for(client);
  const columns = cardColumns(sql);
  const where = storyIds ? `WHERE "id" IN (${sql.list(storyIds)})` : "";
  await client.$executeRawUnsafe(`UPDATE "Story" SET ${columns} ${where}`, ...sql.params);
}

/** The SET clauses of a story's card columns, computed from its articles (for an UPDATE of "Story"). */
function cardColumns(sql: Sql): string {
  const entities = `SELECT m."entityId" AS "entityId", COUNT(*) AS "n" FROM "StoryArticle" sa JOIN "Mention" m ON m."articleId" = sa."articleId"
      JOIN "Entity" e ON e."id" = m."entityId" AND e."verified"
      WHERE sa."storyId" = "Story"."id" GROUP BY m."entityId" ORDER BY COUNT(*) DESC, m."entityId" LIMIT ${CARD_ENTITY_CAP}`;
  const claims = `SELECT c."type" AS "type", COUNT(*) AS "n" FROM "StoryArticle" sa JOIN "Claim" c ON c."articleId" = sa."articleId"
      WHERE sa."storyId" = "Story"."id" GROUP BY c."type" ORDER BY COUNT(*) DESC, c."type"`;
  // One JSON array of [key, count] pairs per story.
  return `"sourceCount" = (SELECT COUNT(DISTINCT coalesce(a."sourceName", a."url")) FROM "StoryArticle" sa JOIN "Article" a ON a."id" = sa."articleId" WHERE sa."storyId" = "Story"."id"),
       "cardEntities" = ${sql.jsonPairs(entities, "entityId", "n")},
       "cardClaims" = ${sql.jsonPairs(claims, "type", "n")}`;
}

/**
 * The articles of a story, oldest first, with what a story summary needs: the `latest` ones only
 * when given (a long story's texts are not all read for a summary drawn from its last few).
 */
export async function storyArticlesForSummary(client: Client, storyId: number, latest?: number) {
  const select = {
    id: true,
    title: true,
    text: true,
    summary: true,
    language: true,
    publishedAt: true,
  } as const;
  if (latest === undefined)
    return client.article.findMany({
      where: { story: { storyId } },
      select,
      orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
    });
  // The last `latest` rows of the order above, read in its exact reverse (each database places
  // undated articles at the opposite end when the direction flips) and turned round.
  const sql = Sql.for(client);
  const rows = await client.$queryRawUnsafe<
    {
      id: number | bigint;
      title: string;
      text: string;
      summary: string;
      language: string;
      publishedAt: Date | string | number | null;
    }[]
  >(
    `SELECT a."id", a."title", a."text", a."summary", a."language", a."publishedAt" FROM "Article" a
     JOIN "StoryArticle" sa ON sa."articleId" = a."id" WHERE sa."storyId" = ${sql.p(storyId)}
     ORDER BY a."publishedAt" DESC, a."id" DESC LIMIT ${sql.p(latest)}`,
    ...sql.params,
  );
  return rows
    .map((row) => ({ ...row, id: Number(row.id), publishedAt: rawDate(row.publishedAt) }))
    .reverse();
}

/** Sets a story's title and summary. */
export async function updateStoryText(
  client: Client,
  storyId: number,
  title: string,
  summary: string,
): Promise<void> {
  const sql = Sql.for(client);
  await client.$executeRawUnsafe(
    `UPDATE "Story" SET "title" = ${sql.p(title)}, "summary" = ${sql.p(summary)}, "updatedAt" = ${sql.p(new Date())} WHERE "id" = ${sql.p(storyId)}`,
    ...sql.params,
  );
}

/** How many sample articles are stored (the admin offers to remove them while there are any). */
export async function countSampleArticles(db: Db): Promise<number> {
  return db.article.count({ where: { isSample: true } });
}

/**
 * Removes the bundled sample corpus in one transaction: its articles (with their mentions, claims
 * and story links), its stories and its sources. A sample story that a real article joined before
 * stories were kept apart stays, without its sample articles and no longer marked as a sample.
 * The setting that records the corpus as loaded is kept, so a restart does not load it again.
 */
export async function removeSampleData(
  db: Db,
): Promise<{ articles: number; stories: number; sources: number; kept: number }> {
  return db.$transaction(
    async (tx) => {
      const mixed = await tx.storyArticle.findMany({
        where: { story: { isSample: true }, article: { isSample: false } },
        select: { storyId: true },
        distinct: ["storyId"],
      });
      const kept = mixed.map((row) => row.storyId);
      const articles = await tx.article.deleteMany({ where: { isSample: true } });
      const stories = await tx.story.deleteMany({ where: { isSample: true, id: { notIn: kept } } });
      for (const storyId of kept) {
        await tx.story.update({ where: { id: storyId }, data: { isSample: false } });
        await refreshStoryAggregates(tx, storyId);
      }
      const sources = await tx.source.deleteMany({ where: { isSample: true } });
      await rebuildAggregatesIn(tx);
      return {
        articles: articles.count,
        stories: stories.count,
        sources: sources.count,
        kept: kept.length,
      };
    },
    { timeout: 120_000 },
  );
}
