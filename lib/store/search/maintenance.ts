/**
 * Upkeep of the search indexes: merging and statistics after bulk loads, and a full rebuild
 * for repair (`cli search reindex`).
 */
import { cjkSearchGrams } from "@/lib/search/cjk";
import { clientKind, type Db } from "@/lib/store/db";
import { refreshSearchLexemes } from "./lexemes";

/**
 * Merges the index's segments and refreshes planner statistics. Worth running after a bulk load and
 * now and then (e.g. nightly): FTS5 otherwise keeps many small b-trees after many small writes, and
 * PostgreSQL plans GIN queries from its statistics.
 */
export async function optimizeSearchIndex(db: Db): Promise<void> {
  if (clientKind(db) === "sqlite") {
    await db.$executeRawUnsafe(`INSERT INTO "ArticleSearch" ("ArticleSearch") VALUES ('optimize')`);
    await db.$executeRawUnsafe(`ANALYZE`);
  } else {
    await db.$executeRawUnsafe(`VACUUM ANALYZE "ArticleSearch"`);
    await db.$executeRawUnsafe(`VACUUM ANALYZE "ArticleSearchMeta"`);
  }
}

/** Articles read at a time when their CJK pairs are worked out again. */
const GRAMS_BATCH = 500;

/**
 * Works out every article's CJK character pairs again (Article.searchGrams, lib/search/cjk.ts):
 * for articles stored before they were kept, or by a writer that did not set them. Returns how
 * many articles changed.
 */
export async function refreshSearchGrams(db: Db): Promise<number> {
  let changed = 0;
  for (let after = 0; ;) {
    const rows = await db.article.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: GRAMS_BATCH,
      select: { id: true, title: true, summary: true, text: true, searchGrams: true },
    });
    if (rows.length === 0) return changed;
    for (const row of rows) {
      const grams = cjkSearchGrams(row.title, row.summary, row.text);
      if (grams === row.searchGrams) continue;
      await db.article.update({ where: { id: row.id }, data: { searchGrams: grams } });
      changed++;
    }
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * Rebuilds the whole search index from the articles, for repair: after restoring a backup made
 * without triggers, or after a migration that rebuilt "Article" and dropped them (re-create them
 * first). Each article's CJK pairs are worked out again first (refreshSearchGrams), and its
 * words' forms (refreshSearchLexemes).
 */
export async function rebuildSearchIndex(db: Db): Promise<void> {
  await refreshSearchGrams(db);
  await refreshSearchLexemes(db);
  if (clientKind(db) === "sqlite") {
    await db.$transaction([
      db.$executeRawUnsafe(`DELETE FROM "ArticleSearch"`),
      db.$executeRawUnsafe(
        `INSERT INTO "ArticleSearch" (rowid, title, body, entities) SELECT "id", "title", "body", "entities" FROM "ArticleSearchSource"`,
      ),
      db.$executeRawUnsafe(`DELETE FROM "ArticleSearchMeta"`),
      db.$executeRawUnsafe(
        `INSERT INTO "ArticleSearchMeta" ("articleId", "date", "language", "sourceName", "host", "isOriginal", "relevance")
         SELECT "id", "date", "language", "sourceName", "host", "isOriginal", "relevance" FROM "ArticleSearchMetaSource"`,
      ),
    ]);
  } else {
    await db.$transaction([
      db.$executeRawUnsafe(
        `DELETE FROM "ArticleSearch" WHERE "articleId" NOT IN (SELECT "id" FROM "Article")`,
      ),
      db.$executeRawUnsafe(
        `DELETE FROM "ArticleSearchMeta" WHERE "articleId" NOT IN (SELECT "id" FROM "Article")`,
      ),
      db.$executeRawUnsafe(`SELECT search_refresh_meta(ARRAY(SELECT "id" FROM "Article"))`),
      db.$executeRawUnsafe(`SELECT search_refresh_documents(ARRAY(SELECT "id" FROM "Article"))`),
    ]);
  }
}
