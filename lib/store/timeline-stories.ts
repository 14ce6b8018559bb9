/**
 * The timeline's story rows as one raw statement (filters, order, keyset page): a client query
 * with relation filters cost more CPU in its plan and row mapping than the statement itself, on
 * every home and entity page.
 */
import { decodeCursor } from "@/lib/cursor";
import type { Filters } from "@/lib/filters";
import { rawDate, rawQuery, type Db } from "./db";
import { Sql } from "./sql";

export interface TimelineStoryRow {
  id: number;
  title: string;
  summary: string;
  firstPublishedAt: Date | null;
  lastPublishedAt: Date | null;
  articleCount: number;
  languages: string | null;
  isSample: boolean;
  sourceCount: number;
  cardEntities: string;
  cardClaims: string;
}

type Num = number | bigint;
type RawDate = Date | string | number | bigint | null;

/**
 * The stories of a timeline page (`take` rows, newest first, after the cursor) that have articles:
 * a story matches when one of its originals (not a duplicate) matches every article filter at
 * once (each entity, each claim type, the language, the source by name, URL host or feed title);
 * `from` and `to` bound its newest article's day.
 */
export async function timelineStories(
  db: Db,
  filters: Partial<Filters>,
  take: number,
): Promise<TimelineStoryRow[]> {
  const sql = Sql.for(db);
  const where: string[] = [`s."articleCount" > ${sql.p(0)}`];
  if (filters.from)
    where.push(`s."lastPublishedAt" >= ${sql.p(new Date(`${filters.from}T00:00:00Z`))}`);
  if (filters.to)
    where.push(
      `s."lastPublishedAt" < ${sql.p(new Date(new Date(`${filters.to}T00:00:00Z`).getTime() + 86_400_000))}`,
    );
  const article: string[] = [];
  for (const slug of filters.entity ?? [])
    article.push(
      `EXISTS (SELECT 1 FROM "Mention" m JOIN "Entity" e ON e."id" = m."entityId" WHERE m."articleId" = a."id" AND e."slug" = ${sql.p(slug)})`,
    );
  for (const type of filters.claim ?? [])
    article.push(
      `EXISTS (SELECT 1 FROM "Claim" c WHERE c."articleId" = a."id" AND c."type" = ${sql.p(type)})`,
    );
  if (filters.lang) article.push(`a."language" = ${sql.p(filters.lang)}`);
  let sourceJoin = "";
  if (filters.source) {
    // As the client's `contains`: LIKE with the value between wildcards, not escaped.
    sourceJoin = ` LEFT JOIN "Source" src ON src."id" = a."sourceId"`;
    article.push(
      `(a."sourceName" = ${sql.p(filters.source)} OR a."canonicalUrl" LIKE ${sql.p(`%//${filters.source}%`)} OR src."title" = ${sql.p(filters.source)})`,
    );
  }
  if (article.length)
    where.push(
      `EXISTS (SELECT 1 FROM "StoryArticle" sa JOIN "Article" a ON a."id" = sa."articleId"${sourceJoin}
               WHERE sa."storyId" = s."id" AND a."duplicateOfId" IS NULL AND ${article.join(" AND ")})`,
    );
  if (filters.cursor) {
    const cursor = decodeCursor(filters.cursor, "time");
    const time = sql.p(cursor.time);
    where.push(
      `(s."lastPublishedAt" < ${time} OR (s."lastPublishedAt" = ${sql.p(cursor.time)} AND s."id" < ${sql.p(cursor.id)}))`,
    );
  }
  const rows = await rawQuery<{
    id: Num;
    title: string;
    summary: string;
    firstPublishedAt: RawDate;
    lastPublishedAt: RawDate;
    articleCount: Num;
    languages: string | null;
    isSample: boolean | Num;
    sourceCount: Num;
    cardEntities: string;
    cardClaims: string;
  }>(
    db,
    `SELECT s."id" AS "id", s."title" AS "title", s."summary" AS "summary",
            s."firstPublishedAt" AS "firstPublishedAt", s."lastPublishedAt" AS "lastPublishedAt",
            s."articleCount" AS "articleCount", s."languages" AS "languages", s."isSample" AS "isSample",
            s."sourceCount" AS "sourceCount", s."cardEntities" AS "cardEntities", s."cardClaims" AS "cardClaims"
     FROM "Story" s
     WHERE ${where.join(" AND ")}
     ORDER BY s."lastPublishedAt" DESC, s."id" DESC
     LIMIT ${sql.p(take)}`,
    sql.params,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    title: row.title,
    summary: row.summary,
    firstPublishedAt: rawDate(row.firstPublishedAt),
    lastPublishedAt: rawDate(row.lastPublishedAt),
    articleCount: Number(row.articleCount),
    languages: row.languages,
    isSample: Boolean(Number(row.isSample)),
    sourceCount: Number(row.sourceCount),
    cardEntities: row.cardEntities,
    cardClaims: row.cardClaims,
  }));
}

/** Verified entities by id (what a card's chips name), in one raw statement. */
export async function verifiedEntities(
  db: Db,
  ids: readonly number[],
): Promise<{ id: number; slug: string; name: string; kind: string }[]> {
  if (ids.length === 0) return [];
  const sql = Sql.for(db);
  const rows = await rawQuery<{ id: Num; slug: string; name: string; kind: string }>(
    db,
    `SELECT e."id" AS "id", e."slug" AS "slug", e."name" AS "name", e."kind" AS "kind"
     FROM "Entity" e WHERE e."id" IN (${sql.list(ids)}) AND e."verified" = ${sql.p(true)}`,
    sql.params,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    slug: row.slug,
    name: row.name,
    kind: row.kind,
  }));
}
