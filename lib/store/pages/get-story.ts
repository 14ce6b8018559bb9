/** One story with everything its page shows: articles, claims, sources and languages. */
import { type Db } from "@/lib/store/db";
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
 * one quick page. Two rounds of flat reads.
 */
export async function getStory(
  db: Db,
  id: number,
  options: { page?: number; pageSize?: number; threadSentences?: number } = {},
): Promise<StoryDetail | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const claimsSql = Sql.for(db);
  const mentionsSql = Sql.for(db);
  type Num = number | bigint;
  const [story, outline, claimRows, mentionCounts] = await Promise.all([
    db.story.findUnique({ where: { id } }),
    db.article.findMany({
      where: { story: { storyId: id } },
      select: { id: true, publishedAt: true, sourceName: true, url: true, language: true },
    }),
    // Through the story's links, by index on both databases (a Prisma relation filter, claim ->
    // article -> story, made SQLite scan every claim; an id list can outgrow its parameter limit).
    db
      .$queryRawUnsafe<
        {
          id: Num;
          articleId: Num;
          claimantId: Num;
          targetId: Num;
          type: string;
          stance: string;
          start: Num;
        }[]
      >(
        `SELECT c."id" AS "id", c."articleId" AS "articleId", c."claimantId" AS "claimantId", c."targetId" AS "targetId", c."type" AS "type", c."stance" AS "stance", c."start" AS "start"
       FROM "StoryArticle" sa JOIN "Claim" c ON c."articleId" = sa."articleId" WHERE sa."storyId" = ${claimsSql.p(id)}`,
        ...claimsSql.params,
      )
      .then((rows) =>
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
    db
      .$queryRawUnsafe<{ entityId: Num; n: Num }[]>(
        `SELECT m."entityId" AS "entityId", COUNT(*) AS "n" FROM "StoryArticle" sa JOIN "Mention" m ON m."articleId" = sa."articleId" WHERE sa."storyId" = ${mentionsSql.p(id)} GROUP BY m."entityId"`,
        ...mentionsSql.params,
      )
      .then((rows) => rows.map((m) => ({ entityId: Number(m.entityId), count: Number(m.n) }))),
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
  const [rows, copies, sentences, entityRows] = await Promise.all([
    pageIds.length
      ? db.article.findMany({
          where: { id: { in: pageIds } },
          select: {
            id: true,
            title: true,
            url: true,
            sourceName: true,
            language: true,
            publishedAt: true,
            byline: true,
          },
        })
      : [],
    pageIds.length
      ? db.article.groupBy({
          by: ["duplicateOfId"],
          where: { duplicateOfId: { in: pageIds } },
          _count: { id: true },
        })
      : [],
    shownIds.length
      ? db.claim.findMany({ where: { id: { in: shownIds } }, select: { id: true, sentence: true } })
      : [],
    entityIds.length
      ? db.entity.findMany({
          where: { id: { in: entityIds } },
          select: { id: true, slug: true, name: true, kind: true, verified: true },
        })
      : [],
  ]);
  const entityById = new Map(entityRows.map((e) => [e.id, e]));
  const copiesOf = new Map(copies.map((c) => [c.duplicateOfId, c._count.id]));
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
    id: story.id,
    title: story.title,
    summary: story.summary,
    isSample: story.isSample,
    firstPublishedAt: story.firstPublishedAt,
    lastPublishedAt: story.lastPublishedAt,
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
