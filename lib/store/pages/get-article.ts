/** One stored article with its metadata, claims, mentions, story and copies elsewhere. */
import { decodeSpans } from "@/lib/store/articles";
import { clientKind, rawDate, rawQuery, type Db } from "@/lib/store/db";
import { Sql } from "@/lib/store/sql";

/** Where a verified entity is named in the article's text, as stored with its mention. */
export interface MentionSpan {
  start: number;
  end: number;
  slug: string;
  name: string;
}

type Num = number | bigint;
type RawDate = Date | string | number | bigint | null;

const link = (row: { id: Num; title: string; url: string; sourceName: string | null }) => ({
  id: Number(row.id),
  title: row.title,
  url: row.url,
  sourceName: row.sourceName,
});

/**
 * Loads an article by id; null when there is none (the page answers 404). Four raw statements at
 * once (the article with its source, original and story; its copies; its claims with their
 * parties; its mentions with their entities), where the client's nested read sent ten one after
 * another and mapped every row itself.
 */
export async function getArticle(db: Db, id: number) {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const kind = clientKind(db);
  const sql = (build: (s: Sql) => string) => {
    const s = new Sql(kind);
    return { text: build(s), params: s.params };
  };
  const main = sql(
    (
      s,
    ) => `SELECT a."id" AS "id", a."title" AS "title", a."url" AS "url", a."canonicalUrl" AS "canonicalUrl",
            a."sourceName" AS "sourceName", a."byline" AS "byline", a."language" AS "language", a."text" AS "text",
            a."summary" AS "summary", a."relevance" AS "relevance", a."publishedAt" AS "publishedAt", a."isSample" AS "isSample",
            a."sourceId" AS "sourceId", src."title" AS "sourceTitle", src."siteUrl" AS "sourceSiteUrl",
            o."id" AS "originalId", o."title" AS "originalTitle", o."url" AS "originalUrl", o."sourceName" AS "originalSourceName",
            st."id" AS "storyId", st."title" AS "storyTitle"
     FROM "Article" a
     LEFT JOIN "Source" src ON src."id" = a."sourceId"
     LEFT JOIN "Article" o ON o."id" = a."duplicateOfId"
     LEFT JOIN "StoryArticle" sa ON sa."articleId" = a."id"
     LEFT JOIN "Story" st ON st."id" = sa."storyId"
     WHERE a."id" = ${s.p(id)}`,
  );
  const copies = sql(
    (
      s,
    ) => `SELECT d."id" AS "id", d."title" AS "title", d."url" AS "url", d."sourceName" AS "sourceName"
     FROM "Article" d WHERE d."duplicateOfId" = ${s.p(id)} ORDER BY d."id"`,
  );
  const claims = sql(
    (
      s,
    ) => `SELECT c."id" AS "id", c."type" AS "type", c."stance" AS "stance", c."sentence" AS "sentence",
            c."start" AS "start", c."end" AS "end",
            ce."slug" AS "claimantSlug", ce."name" AS "claimantName", te."slug" AS "targetSlug", te."name" AS "targetName"
     FROM "Claim" c JOIN "Entity" ce ON ce."id" = c."claimantId" JOIN "Entity" te ON te."id" = c."targetId"
     WHERE c."articleId" = ${s.p(id)} ORDER BY c."start", c."id"`,
  );
  const mentions = sql(
    (s) => `SELECT m."count" AS "count", m."spans" AS "spans",
            e."slug" AS "slug", e."name" AS "name", e."kind" AS "kind", e."verified" AS "verified"
     FROM "Mention" m JOIN "Entity" e ON e."id" = m."entityId"
     WHERE m."articleId" = ${s.p(id)} ORDER BY m."count" DESC, m."entityId"`,
  );
  const [[row], copyRows, claimRows, mentionRows] = await Promise.all([
    rawQuery<{
      id: Num;
      title: string;
      url: string;
      canonicalUrl: string;
      sourceName: string | null;
      byline: string | null;
      language: string;
      text: string;
      summary: string;
      relevance: number | string;
      publishedAt: RawDate;
      isSample: boolean | Num;
      sourceId: Num | null;
      sourceTitle: string | null;
      sourceSiteUrl: string | null;
      originalId: Num | null;
      originalTitle: string;
      originalUrl: string;
      originalSourceName: string | null;
      storyId: Num | null;
      storyTitle: string;
    }>(db, main.text, main.params),
    rawQuery<{ id: Num; title: string; url: string; sourceName: string | null }>(
      db,
      copies.text,
      copies.params,
    ),
    rawQuery<{
      id: Num;
      type: string;
      stance: string;
      sentence: string;
      start: Num;
      end: Num;
      claimantSlug: string;
      claimantName: string;
      targetSlug: string;
      targetName: string;
    }>(db, claims.text, claims.params),
    rawQuery<{
      count: Num;
      spans: string;
      slug: string;
      name: string;
      kind: string;
      verified: boolean | Num;
    }>(db, mentions.text, mentions.params),
  ]);
  if (!row) return null;
  const article = {
    id: Number(row.id),
    title: row.title,
    url: row.url,
    canonicalUrl: row.canonicalUrl,
    sourceName: row.sourceName,
    byline: row.byline,
    language: row.language,
    text: row.text,
    summary: row.summary,
    relevance: Number(row.relevance),
    publishedAt: rawDate(row.publishedAt),
    isSample: Boolean(Number(row.isSample)),
    source: row.sourceId === null ? null : { title: row.sourceTitle, siteUrl: row.sourceSiteUrl },
    duplicateOf:
      row.originalId === null
        ? null
        : link({
            id: row.originalId,
            title: row.originalTitle,
            url: row.originalUrl,
            sourceName: row.originalSourceName,
          }),
    duplicates: copyRows.map(link),
    story:
      row.storyId === null ? null : { story: { id: Number(row.storyId), title: row.storyTitle } },
    claims: claimRows.map((c) => ({
      id: Number(c.id),
      type: c.type,
      stance: c.stance,
      sentence: c.sentence,
      start: Number(c.start),
      end: Number(c.end),
      claimant: { slug: c.claimantSlug, name: c.claimantName },
      target: { slug: c.targetSlug, name: c.targetName },
    })),
    mentions: mentionRows.map((m) => ({
      count: Number(m.count),
      spans: m.spans,
      entity: { slug: m.slug, name: m.name, kind: m.kind, verified: Boolean(Number(m.verified)) },
    })),
  };
  if (!article) return null;
  // Every occurrence of a verified entity, in text order, from the offsets stored at ingest: the
  // page marks them without running the tagger again.
  const spans: MentionSpan[] = article.mentions
    .filter((mention) => mention.entity.verified)
    .flatMap((mention) =>
      decodeSpans(mention.spans)
        .filter(([, end]) => end <= article.text.length)
        .map(([start, end]) => ({
          start,
          end,
          slug: mention.entity.slug,
          name: mention.entity.name,
        })),
    )
    .sort((a, b) => a.start - b.start || b.end - a.end);
  return { ...article, mentionSpans: spans };
}

export type ArticleDetail = NonNullable<Awaited<ReturnType<typeof getArticle>>>;
