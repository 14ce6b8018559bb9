/**
 * The word forms table ("SearchLexeme", lib/search/stems.ts): written with each article, rebuilt
 * by `cli search reindex`, and read to turn a query word's stem into the indexed words that
 * share it. The same table and the same statements on both databases, so both match the same
 * words.
 */
import type { ParsedQuery, SearchTerm } from "@/lib/search/query";
import { articleLexemes, type Lexeme } from "@/lib/search/stems";
import { foldText } from "@/lib/search/words";
import { rawQuery, type Db, type Tx } from "@/lib/store/db";
import { Sql } from "@/lib/store/sql";

/** Rows per INSERT (three parameters each, under SQLite's limit). */
const INSERT_BATCH = 300;
/** Words one query word matches at most (itself first, then the shortest forms). */
export const MAX_FORMS = 16;

/**
 * Adds lexemes that are not there yet. In key order: two transactions adding the same new words
 * then wait for each other in one order only, never in a cycle (no deadlock between workers).
 */
export async function storeLexemes(db: Db | Tx, unsorted: readonly Lexeme[]): Promise<void> {
  const key = (l: Lexeme) => `${l.language}\u0000${l.stem}\u0000${l.word}`;
  const lexemes = [...unsorted].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  for (let i = 0; i < lexemes.length; i += INSERT_BATCH) {
    const sql = Sql.for(db);
    const rows = lexemes
      .slice(i, i + INSERT_BATCH)
      .map((l) => `(${sql.p(l.language)}, ${sql.p(l.stem)}, ${sql.p(l.word)})`);
    await db.$executeRawUnsafe(
      `INSERT INTO "SearchLexeme" ("language", "stem", "word") VALUES ${rows.join(", ")} ON CONFLICT DO NOTHING`,
      ...sql.params,
    );
  }
}

/** Articles read at a time when the table is rebuilt. */
const REBUILD_BATCH = 1000;

/**
 * Works out the word forms of every article again (after a bulk load that bypassed
 * writeArticle, or for repair). Returns the number of rows the table holds afterwards.
 */
export async function refreshSearchLexemes(db: Db): Promise<number> {
  for (let after = 0; ;) {
    const rows = await db.article.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: REBUILD_BATCH,
      select: { id: true, language: true, title: true, summary: true, text: true },
    });
    if (rows.length === 0) break;
    const batch = new Map<string, Lexeme>();
    for (const row of rows)
      for (const lexeme of articleLexemes(row.language, row.title, row.summary, row.text))
        batch.set(`${lexeme.language} ${lexeme.stem} ${lexeme.word}`, lexeme);
    await storeLexemes(db, [...batch.values()]);
    after = rows[rows.length - 1]!.id;
  }
  return db.searchLexeme.count();
}

/** The forms of each stem asked for, keyed `language stem`. */
async function formsOf(
  db: Db,
  stems: readonly { language: string; stem: string }[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (stems.length === 0) return found;
  const sql = Sql.for(db);
  const where = stems
    .map((s) => `("language" = ${sql.p(s.language)} AND "stem" = ${sql.p(s.stem)})`)
    .join(" OR ");
  const rows = await rawQuery<Lexeme & Record<string, unknown>>(
    db,
    `SELECT "language", "stem", "word" FROM "SearchLexeme" WHERE ${where}`,
    sql.params,
  );
  for (const row of rows) {
    const key = `${row.language} ${row.stem}`;
    const list = found.get(key) ?? [];
    list.push(row.word);
    found.set(key, list);
  }
  return found;
}

/**
 * A query whose stemmed words (SearchTerm.stem, set by lib/search/understand.ts) are replaced by
 * the indexed words sharing their stem, each an exact word: the word as typed first, then its
 * other forms, shortest first, at most MAX_FORMS. Also returns, per word with other forms, the
 * forms it matches (for the page's "read as" note).
 */
export async function expandWordForms(
  db: Db,
  query: ParsedQuery,
): Promise<{ query: ParsedQuery; forms: { text: string; words: string[] }[] }> {
  const stems = query.clauses.flatMap((clause) =>
    clause.flatMap((term) => (term.stem ? [term.stem] : [])),
  );
  if (stems.length === 0) return { query, forms: [] };
  const found = await formsOf(db, stems);
  const forms: { text: string; words: string[] }[] = [];
  const expand = (term: SearchTerm): SearchTerm[] => {
    if (!term.stem) return [term];
    const typed = foldText(term.text);
    const others = (found.get(`${term.stem.language} ${term.stem.stem}`) ?? [])
      .filter((word) => word !== typed)
      .sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
    const words = [typed, ...others].slice(0, MAX_FORMS);
    if (words.length > 1) forms.push({ text: term.text, words });
    return words.map((word, i) => ({ text: i === 0 ? term.text : word, phrase: false }));
  };
  const clauses = query.clauses.map((clause) => {
    const seen = new Set<string>();
    const terms = clause.flatMap(expand).filter((term) => {
      const key = `${term.phrase ? "p" : term.prefix ? "*" : "w"}${foldText(term.text)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    // SQLite's bm25 sums every matched form, so an article writing three rare forms once would
    // outrank one writing the typed word five times: the typed word counts twice.
    const typed = clause.filter((term) => term.stem).map((term) => term.text);
    return typed.length && terms.length > typed.length
      ? [...typed.map((text) => ({ text, phrase: false })), ...terms]
      : terms;
  });
  // PostgreSQL ranks by the words as typed (slices.ts).
  const rankClauses = query.clauses.map((clause) =>
    clause.map((term) => (term.stem ? { text: term.text, phrase: false } : term)),
  );
  return {
    query: { ...query, clauses, rankClauses: forms.length ? rankClauses : undefined },
    forms,
  };
}
