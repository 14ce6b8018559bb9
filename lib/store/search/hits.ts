/**
 * The rows of a result page: each hit's article, and its title and snippet highlighted
 * (lib/search/highlight.ts) with the forms of the entities it mentions.
 */
import { highlighter, highlightWords } from "@/lib/search/highlight";
import { rawDate, rawQuery, type DatabaseKind, type Db } from "@/lib/store/db";
import { Sql } from "@/lib/store/sql";
import type { Plan } from "./plan";
import type { PageRow, SearchHit } from "./types";

type ArticleRow = {
  id: number | bigint;
  title: string;
  url: string;
  canonicalUrl: string;
  sourceName: string | null;
  language: string;
  publishedAt: Date | string | number | null;
  summary: string;
  text: string;
  storyId: number | bigint | null;
};

export async function fetchHits(db: Db, plan: Plan, page: PageRow[]): Promise<SearchHit[]> {
  if (page.length === 0) return [];
  const ids = page.map((row) => row.id);
  const sql = new Sql(plan.kind);
  const list = ids.map((id) => sql.p(id)).join(", ");
  const [articles, entityNames] = await Promise.all([
    rawQuery<ArticleRow>(
      db,
      `SELECT a."id" AS "id", a."title" AS "title", a."url" AS "url", a."canonicalUrl" AS "canonicalUrl", a."sourceName" AS "sourceName",
              a."language" AS "language", a."publishedAt" AS "publishedAt", a."summary" AS "summary", a."text" AS "text", sa."storyId" AS "storyId"
       FROM "Article" a LEFT JOIN "StoryArticle" sa ON sa."articleId" = a."id" WHERE a."id" IN (${list})`,
      sql.params,
    ),
    plan.terms
      ? fetchEntityNames(db, plan.kind, ids)
      : Promise.resolve(new Map<number, string[][]>()),
  ]);
  const byId = new Map(articles.map((row) => [Number(row.id), row]));
  const scores = new Map(page.map((row) => [row.id, row.score]));
  const mark = highlighter(plan.query);

  return page.flatMap((row) => {
    const article = byId.get(row.id);
    if (!article) return [];
    return [
      {
        articleId: row.id,
        title: article.title,
        url: article.url,
        canonicalUrl: article.canonicalUrl,
        sourceName: article.sourceName,
        language: article.language,
        publishedAt: rawDate(article.publishedAt),
        summary: article.summary,
        storyId: article.storyId === null ? null : Number(article.storyId),
        ...mark(article, entityNames.get(row.id) ?? []),
        score: scores.get(row.id) ?? 0,
      },
    ];
  });
}

/** The word lists of every name, slug and alias of each entity an article mentions. */
async function fetchEntityNames(
  db: Db,
  kind: DatabaseKind,
  ids: number[],
): Promise<Map<number, string[][]>> {
  const sql = new Sql(kind);
  const list = ids.map((id) => sql.p(id)).join(", ");
  const rows = await rawQuery<{
    articleId: number | bigint;
    entityId: number | bigint;
    name: string;
  }>(
    db,
    `SELECT m."articleId" AS "articleId", e."id" AS "entityId", e."name" AS "name" FROM "Mention" m JOIN "Entity" e ON e."id" = m."entityId" WHERE m."articleId" IN (${list})
     UNION ALL
     SELECT m."articleId", e."id", e."slug" FROM "Mention" m JOIN "Entity" e ON e."id" = m."entityId" WHERE m."articleId" IN (${ids.map((id) => sql.p(id)).join(", ")})
     UNION ALL
     SELECT m."articleId", al."entityId", al."alias" FROM "Mention" m JOIN "EntityAlias" al ON al."entityId" = m."entityId" WHERE m."articleId" IN (${ids.map((id) => sql.p(id)).join(", ")})`,
    sql.params,
  );
  // Group per article, then per entity: a query word that equals one form of an entity lights up all its forms.
  const perArticle = new Map<number, Map<number, string[][]>>();
  for (const row of rows) {
    const articleId = Number(row.articleId);
    const entities = perArticle.get(articleId) ?? new Map<number, string[][]>();
    perArticle.set(articleId, entities);
    const forms = entities.get(Number(row.entityId)) ?? [];
    entities.set(Number(row.entityId), forms);
    const words = highlightWords(row.name);
    if (words.length) forms.push(words);
  }
  const result = new Map<number, string[][]>();
  for (const [articleId, entities] of perArticle)
    result.set(
      articleId,
      [...entities.values()].map((forms) => forms.map((f) => f.join(" "))),
    );
  return result;
}
