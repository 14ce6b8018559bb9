/**
 * "Did you mean": a query that found nothing, with its misspelt words replaced by the names and
 * words they were most likely meant as.
 */
import { formatSearchQuery, type ParsedQuery } from "@/lib/search/query";
import { wordsOf } from "@/lib/search/words";
import type { Db } from "@/lib/store/db";
import { entityNames } from "./names";

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
 * or two edits from an entity's name or alias replaced by that name; null when nothing is close.
 */
export async function suggestCorrection(db: Db, typed: ParsedQuery): Promise<string | null> {
  const names = await entityNames(db);
  let changed = false;
  const fix = (text: string): string => {
    const folded = wordsOf(text).join(" ");
    if (folded.length < 4 || names.has(folded)) return text;
    const max = folded.length <= 6 ? 1 : 2;
    let best: { name: string; distance: number } | null = null;
    for (const [form, name] of names) {
      const distance = editDistance(folded, form, max);
      if (distance <= max && (!best || distance < best.distance)) best = { name, distance };
    }
    if (!best) return text;
    changed = true;
    return best.name;
  };
  const clauses = typed.clauses.map((clause) =>
    clause.map((term) => (term.phrase ? term : { ...term, text: fix(term.text), prefix: false })),
  );
  const entities = typed.entities.map(fix);
  return changed ? formatSearchQuery({ ...typed, clauses, entities }) : null;
}
