/**
 * The SQLite text match: FTS5 table "ArticleSearch" (unicode61 remove_diacritics 2), ranked by
 * bm25 over the window of the newest matches.
 */
import { termPieces, type TermPiece } from "@/lib/search/cjk";
import type { SearchTerm } from "@/lib/search/query";
import { wordsOf } from "@/lib/search/words";
import type { Sql } from "@/lib/store/sql";
import type { Plan } from "./plan";
import { RANK_WINDOW } from "./types";

/** The FTS5 MATCH expression of a query's clauses (every clause required, alternatives inside). */
export function ftsMatchExpression(clauses: SearchTerm[][]): string {
  // Every term is a quoted FTS5 string, so user input never reaches the FTS5 query syntax; its
  // words become a phrase. đ is folded like the indexed copy. A CJK run is the run itself or the
  // phrase of its character pairs (lib/search/cjk.ts).
  const phrase = (words: string[]) => `"${words.join(" ").replace(/"/g, '""')}"`;
  const piece = (p: TermPiece) =>
    p.kind === "words"
      ? `${phrase(p.words)}${p.prefix ? "*" : ""}`
      : p.kind === "char"
        ? `${phrase([p.char])}*`
        : `(${phrase([p.run])} OR ${phrase(p.pairs)})`;
  const quote = (term: SearchTerm) => {
    const pieces = termPieces(wordsOf(term.text), term.prefix === true);
    return pieces.length === 1 ? piece(pieces[0]!) : `(${pieces.map(piece).join(" AND ")})`;
  };
  return clauses
    .map((clause) =>
      clause.length === 1 ? quote(clause[0]!) : `(${clause.map(quote).join(" OR ")})`,
    )
    .join(" AND ");
}

/** The `size` (RANK_WINDOW) most recently stored matches, scored: columns id, score, date, language, source. */
export function rankedWindow(plan: Plan, sql: Sql, size = RANK_WINDOW): string {
  const columns = `m."date" AS "date", m."language" AS "language", coalesce(m."sourceName", m."host") AS "source"`;
  // FTS5 walks its doclists in rowid order and stops at the LIMIT: bm25 runs on the window only.
  // Title matches weigh most, then entity names, then the body.
  return `SELECT m."articleId" AS "id", -bm25("ArticleSearch", 10.0, 1.0, 4.0) AS "score", ${columns} ${plan.fromWhere(sql)}
          ORDER BY "ArticleSearch".rowid DESC LIMIT ${sql.p(size)}`;
}
