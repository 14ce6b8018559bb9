/** One story with everything its page shows: articles, claims, sources and languages. */
import { clientKind, rawDate, rawQuery, type Db } from "@/lib/store/db";
import { Sql } from "@/lib/store/sql";
import { hostOf } from "@/lib/urls";

/** Articles listed per page of a story. */
export const STORY_PAGE_SIZE = 100;
/** Sentences of each thread shown on its story's page; the thread page has them all. */
export const THREAD_SENTENCES = 10;

export interface StoryClaim {
  id: number;
  articleId: number;
  type: string;
  stance: string;
  sentence: string;
  /** The source of the claim's article (which may be on another page of the story). */
  source: string;
  claimant: { slug: string; name: string };
  target: { slug: string; name: string };
}

/** Who accuses whom of what in a story: how many sentences, and the first of them. */
export interface StoryThread {
  key: string;
  claimant: { slug: string; name: string };
  target: { slug: string; name: string };
  type: string;
  count: number;
  /** The first THREAD_SENTENCES, in the story's reading order. */
  claims: StoryClaim[];
}

export interface StoryArticleRow {
  id: number;
  title: string;
  url: string;
  sourceName: string | null;
  language: string;
  publishedAt: Date | null;
  byline: string | null;
  duplicateCount: number;
}

export interface StoryDetail {
  id: number;
  title: string;
  summary: string;
  isSample: boolean;
  firstPublishedAt: Date | null;
  lastPublishedAt: Date | null;
  languages: string[];
  /** Every article of the story, and the pages they fill (1-based). */
  articleCount: number;
  page: number;
  pages: number;
  /** This page's articles, oldest first: a timeline reads down. */
  articles: StoryArticleRow[];
  /** Every claim of the story, by type (most first) and by thread (busiest first). */
  claimCount: number;
  claimTypes: { type: string; count: number }[];
  threads: StoryThread[];
  /** Articles per source name (or host when the article has none) and per language, over the whole story. */
  sources: { name: string; count: number; languages: string[] }[];
  languageCounts: { language: string; count: number }[];
  entities: { slug: string; name: string; kind: string; count: number }[];
}

/**
 * Loads one page of a story (1-based; past the last page gives the last; `pageSize` articles,
 * STORY_PAGE_SIZE unless told); null when there is no such story (the page answers 404). The
 * sources, languages, entities and claim threads cover the whole story from narrow reads (each
 * article's date, source and language; each claim's parties, type and stance); only the page's
 * articles and the sentences shown are read in full, so a story of thousands of articles stays
 * one quick page. Two rounds of flat raw reads, each round's statements at once.
 */
export async function getStory(
  db: Db,
  id: number,
  options: { page?: number; pageSize?: number; threadSentences?: number } = {},
): Promise<StoryDetail | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const kind = clientKind(db);
  const statement = (build: (sql: Sql) => string) => {
    const sql = new Sql(kind);
    return { text: build(sql), params: sql.params };
  };
  const storySql = statement(
    (
      sql,
    ) => `SELECT s."id" AS "id", s."title" AS "title", s."summary" AS "summary", s."isSample" AS "isSample",
            s."firstPublishedAt" AS "firstPublishedAt", s."lastPublishedAt" AS "lastPublishedAt", s."languages" AS "languages"
     FROM "Story" s WHERE s."id" = ${sql.p(id)}`,
  );
  const outlineSql = statement(
    (
      sql,
    ) => `SELECT a."id" AS "id", a."publishedAt" AS "publishedAt", a."sourceName" AS "sourceName", a."url" AS "url", a."language" AS "language"
     FROM "StoryArticle" sa JOIN "Article" a ON a."id" = sa."articleId" WHERE sa."storyId" = ${sql.p(id)}`,
  );
  // Through the story's links, by index on both databases (a relation filter, claim -> article ->
  // story, made SQLite scan every claim; an id list can outgrow its parameter limit).
  const claimsSql = statement(
    (
      sql,
    ) => `SELECT c."id" AS "id", c."articleId" AS "articleId", c."claimantId" AS "claimantId", c."targetId" AS "targetId", c."type" AS "type", c."stance" AS "stance", c."start" AS "start"
     FROM "StoryArticle" sa JOIN "Claim" c ON c."articleId" = sa."articleId" WHERE sa."storyId" = ${sql.p(id)}`,
  );
  const mentionsSql = statement(
    (sql) =>
      `SELECT m."entityId" AS "entityId", COUNT(*) AS "n" FROM "StoryArticle" sa JOIN "Mention" m ON m."articleId" = sa."articleId" WHERE sa."storyId" = ${sql.p(id)} GROUP BY m."entityId"`,
  );
  type Num = number | bigint;
  type RawDate = Date | string | number | bigint | null;
  const [[story], outline, claimRows, mentionCounts] = await Promise.all([
    rawQuery<{
      id: Num;
      title: string;
      summary: string;
      isSample: boolean | Num;
      firstPublishedAt: RawDate;
      lastPublishedAt: RawDate;
      languages: string;
    }>(db, storySql.text, storySql.params),
    rawQuery<{
      id: Num;
      publishedAt: RawDate;
      sourceName: string | null;
      url: string;
      language: string;
    }>(db, outlineSql.text, outlineSql.params).then((rows) =>
      rows.map((a) => ({
        id: Number(a.id),
        publishedAt: rawDate(a.publishedAt),
        sourceName: a.sourceName,
        url: a.url,
        language: a.language,
      })),
    ),
    rawQuery<{
      id: Num;
      articleId: Num;
      claimantId: Num;
      targetId: Num;
      type: string;
      stance: string;
      start: Num;
    }>(db, claimsSql.text, claimsSql.params).then((rows) =>
      rows.map((c) => ({
        id: Number(c.id),
        articleId: Number(c.articleId),
        claimantId: Number(c.claimantId),
        targetId: Number(c.targetId),
        type: c.type,
        stance: c.stance,
        start: Number(c.start),
      })),
    ),
    rawQuery<{ entityId: Num; n: Num }>(db, mentionsSql.text, mentionsSql.params).then((rows) =>
      rows.map((m) => ({ entityId: Number(m.entityId), count: Number(m.n) })),
    ),
  ]);
  if (!story) return null;
  const ordered = outline.sort(
    (a, b) => (a.publishedAt?.getTime() ?? 0) - (b.publishedAt?.getTime() ?? 0) || a.id - b.id,
  );
  const position = new Map(ordered.map((article, index) => [article.id, index]));
  const sourceOf = new Map(
    ordered.map((article) => [article.id, article.sourceName ?? hostOf(article.url)]),
  );
  const size = options.pageSize ?? STORY_PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(ordered.length / size));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pages);
  const pageIds = ordered.slice((page - 1) * size, page * size).map((article) => article.id);

  // Threads busiest first, each with its first sentences in reading order.
  const claimsInOrder = claimRows.sort(
    (a, b) =>
      position.get(a.articleId)! - position.get(b.articleId)! || a.start - b.start || a.id - b.id,
  );
  const threadsByKey = new Map<
    string,
    { claimantId: number; targetId: number; type: string; count: number; shown: typeof claimRows }
  >();
  const claimTypes = new Map<string, number>();
  const perThread = options.threadSentences ?? THREAD_SENTENCES;
  for (const claim of claimsInOrder) {
    const key = `${claim.claimantId}|${claim.targetId}|${claim.type}`;
    const thread = threadsByKey.get(key) ?? {
      claimantId: claim.claimantId,
      targetId: claim.targetId,
      type: claim.type,
      count: 0,
      shown: [],
    };
    thread.count += 1;
    if (thread.shown.length < perThread) thread.shown.push(claim);
    threadsByKey.set(key, thread);
    claimTypes.set(claim.type, (claimTypes.get(claim.type) ?? 0) + 1);
  }
  const shownIds = [...threadsByKey.values()].flatMap((thread) =>
    thread.shown.map((claim) => claim.id),
  );
  const entityIds = [
    ...new Set([
      ...claimRows.flatMap((c) => [c.claimantId, c.targetId]),
      ...mentionCounts.map((m) => m.entityId),
    ]),
  ];
  const rowsSql = statement(
    (
      sql,
    ) => `SELECT a."id" AS "id", a."title" AS "title", a."url" AS "url", a."sourceName" AS "sourceName",
            a."language" AS "language", a."publishedAt" AS "publishedAt", a."byline" AS "byline"
     FROM "Article" a WHERE a."id" IN (${sql.list(pageIds)})`,
  );
  const copiesSql = statement(
    (sql) => `SELECT a."duplicateOfId" AS "duplicateOfId", COUNT(*) AS "n" FROM "Article" a
     WHERE a."duplicateOfId" IN (${sql.list(pageIds)}) GROUP BY a."duplicateOfId"`,
  );
  const sentencesSql = statement(
    (sql) =>
      `SELECT c."id" AS "id", c."sentence" AS "sentence" FROM "Claim" c WHERE c."id" IN (${sql.list(shownIds)})`,
  );
  const entitiesSql = statement(
    (
      sql,
    ) => `SELECT e."id" AS "id", e."slug" AS "slug", e."name" AS "name", e."kind" AS "kind", e."verified" AS "verified"
     FROM "Entity" e WHERE e."id" IN (${sql.list(entityIds)})`,
  );
  const [rows, copies, sentences, entityRows] = await Promise.all([
    pageIds.length
      ? rawQuery<{
          id: Num;
          title: string;
          url: string;
          sourceName: string | null;
          language: string;
          publishedAt: RawDate;
          byline: string | null;
        }>(db, rowsSql.text, rowsSql.params).then((list) =>
          list.map((row) => ({
            id: Number(row.id),
            title: row.title,
            url: row.url,
            sourceName: row.sourceName,
            language: row.language,
            publishedAt: rawDate(row.publishedAt),
            byline: row.byline,
          })),
        )
      : [],
    pageIds.length
      ? rawQuery<{ duplicateOfId: Num; n: Num }>(db, copiesSql.text, copiesSql.params).then(
          (list) =>
            list.map((c) => ({ duplicateOfId: Number(c.duplicateOfId), count: Number(c.n) })),
        )
      : [],
    shownIds.length
      ? rawQuery<{ id: Num; sentence: string }>(db, sentencesSql.text, sentencesSql.params).then(
          (list) => list.map((c) => ({ id: Number(c.id), sentence: c.sentence })),
        )
      : [],
    entityIds.length
      ? rawQuery<{ id: Num; slug: string; name: string; kind: string; verified: boolean | Num }>(
          db,
          entitiesSql.text,
          entitiesSql.params,
        ).then((list) =>
          list.map((e) => ({
            id: Number(e.id),
            slug: e.slug,
            name: e.name,
            kind: e.kind,
            verified: Boolean(Number(e.verified)),
          })),
        )
      : [],
  ]);
  const entityById = new Map(entityRows.map((e) => [e.id, e]));
  const copiesOf = new Map(copies.map((c) => [c.duplicateOfId, c.count]));
  const sentenceOf = new Map(sentences.map((c) => [c.id, c.sentence]));
  const rowOf = new Map(rows.map((row) => [row.id, row]));
  const party = (entityId: number) => {
    const entity = entityById.get(entityId);
    return entity ? { slug: entity.slug, name: entity.name } : null;
  };
  const threads: StoryThread[] = [];
  for (const thread of threadsByKey.values()) {
    const [claimant, target] = [party(thread.claimantId), party(thread.targetId)];
    if (!claimant || !target) continue;
    const claims = thread.shown.flatMap((claim) => {
      const sentence = sentenceOf.get(claim.id);
      return sentence === undefined
        ? []
        : [
            {
              id: claim.id,
              articleId: claim.articleId,
              type: claim.type,
              stance: claim.stance,
              sentence,
              source: sourceOf.get(claim.articleId) ?? "",
              claimant,
              target,
            },
          ];
    });
    if (claims.length)
      threads.push({
        key: `${claimant.slug}|${target.slug}|${thread.type}`,
        claimant,
        target,
        type: thread.type,
        count: thread.count,
        claims,
      });
  }
  threads.sort((a, b) => b.count - a.count);

  const sources = new Map<string, { name: string; count: number; languages: string[] }>();
  const languageCounts = new Map<string, number>();
  for (const article of ordered) {
    const name = sourceOf.get(article.id)!;
    const entry = sources.get(name) ?? { name, count: 0, languages: [] };
    entry.count += 1;
    if (!entry.languages.includes(article.language)) entry.languages.push(article.language);
    sources.set(name, entry);
    languageCounts.set(article.language, (languageCounts.get(article.language) ?? 0) + 1);
  }
  const entities = mentionCounts.flatMap((m) => {
    const entity = entityById.get(m.entityId);
    return entity?.verified
      ? [{ slug: entity.slug, name: entity.name, kind: entity.kind, count: m.count }]
      : [];
  });
  return {
    id: Number(story.id),
    title: story.title,
    summary: story.summary,
    isSample: Boolean(Number(story.isSample)),
    firstPublishedAt: rawDate(story.firstPublishedAt),
    lastPublishedAt: rawDate(story.lastPublishedAt),
    languages: story.languages ? story.languages.split(",") : [],
    articleCount: ordered.length,
    page,
    pages,
    // A row deleted between the two rounds is left out of the page.
    articles: pageIds.flatMap((articleId) => {
      const row = rowOf.get(articleId);
      return row ? [{ ...row, duplicateCount: copiesOf.get(articleId) ?? 0 }] : [];
    }),
    claimCount: claimRows.length,
    claimTypes: [...claimTypes]
      .map(([type, count]) => ({ type, count }))
      .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
    threads,
    sources: [...sources.values()].sort(
      (a, b) => b.count - a.count || a.name.localeCompare(b.name),
    ),
    languageCounts: [...languageCounts]
      .map(([language, count]) => ({ language, count }))
      .sort((a, b) => b.count - a.count || a.language.localeCompare(b.language)),
    entities: entities.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
  };
}
