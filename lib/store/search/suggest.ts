/**
 * "Did you mean": a query that found nothing, with its misspelt words replaced by the names and
 * words they were most likely meant as.
 */
import { MIN_CORRECTED_LENGTH, searchDictionary } from "@/lib/search/dictionary";
import { formatSearchQuery, type ParsedQuery } from "@/lib/search/query";
import { wordsOf } from "@/lib/search/words";
import { rawQuery, type Db } from "@/lib/store/db";
import { Sql } from "@/lib/store/sql";
import { entityNames } from "./names";
import { tsQueryExpression } from "./slices";
import { ftsMatchExpression } from "./sqlite";

/** Edits (insert, delete, replace, swap neighbours) from a to b, stopping past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * "Did you mean": the typed query with each word (or two words) that names no entity but is one
 * or two edits from an entity's name or alias replaced by that name, and each other word that the
 * index does not hold but is one or two edits from a word of the search dictionary
 * (lib/search/dictionary.ts) replaced by that word; null when nothing is close.
 */
export async function suggestCorrection(db: Db, typed: ParsedQuery): Promise<string | null> {
  const names = await entityNames(db);
  const dictionary = searchDictionary();
  const closest = (folded: string, candidates: Iterable<[string, string]>) => {
    const max = folded.length <= 6 ? 1 : 2;
    let best: { name: string; distance: number } | null = null;
    for (const [form, name] of candidates) {
      const distance = editDistance(folded, form, max);
      if (distance <= max && (!best || distance < best.distance)) best = { name, distance };
    }
    return best?.name ?? null;
  };
  const fix = async (text: string, words: boolean): Promise<string> => {
    const folded = wordsOf(text).join(" ");
    if (folded.length < MIN_CORRECTED_LENGTH || names.has(folded)) return text;
    const name = closest(folded, names);
    if (name) return name;
    if (!words || folded.includes(" ") || dictionary.has(folded)) return text;
    const word = closest(
      folded,
      [...dictionary].map((w): [string, string] => [w, w]),
    );
    return word && !(await indexHolds(db, folded)) ? word : text;
  };
  const clauses = await Promise.all(
    typed.clauses.map((clause) =>
      Promise.all(
        clause.map(async (term) =>
          term.phrase ? term : { ...term, text: await fix(term.text, true), prefix: false },
        ),
      ),
    ),
  );
  const entities = await Promise.all(typed.entities.map((name) => fix(name, false)));
  const changed =
    entities.some((name, i) => name !== typed.entities[i]) ||
    clauses.some((clause, i) => clause.some((term, k) => term.text !== typed.clauses[i]![k]!.text));
  return changed ? formatSearchQuery({ ...typed, clauses, entities }) : null;
}

/** Does any article hold this word (as typed, not as a prefix)? A word the archive knows is no misspelling. */
async function indexHolds(db: Db, word: string): Promise<boolean> {
  const sql = Sql.for(db);
  const term = [[{ text: word, phrase: false, prefix: false }]];
  const text =
    sql.kind === "sqlite"
      ? `SELECT 1 AS "one" FROM "ArticleSearch" WHERE "ArticleSearch" MATCH ${sql.p(ftsMatchExpression(term))} LIMIT 1`
      : `SELECT 1 AS "one" FROM "ArticleSearch" WHERE "document" @@ (${tsQueryExpression(sql, term)}) LIMIT 1`;
  return (await rawQuery(db, text, sql.params)).length > 0;
}
