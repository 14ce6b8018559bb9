/**
 * The names the knowledge base knows entities by, as search reads them: to keep a query's names
 * whole (not stemmed), to say which parties a query names, and to correct a misspelt one.
 */
import type { ParsedQuery } from "@/lib/search/query";
import { wordsOf } from "@/lib/search/words";
import { rawQuery, type Db } from "@/lib/store/db";

/**
 * The names an entity is known by (names and aliases, folded, one word or several), kept a few
 * minutes per client: suggestions read them only when a search finds nothing.
 */
const knownNames = new WeakMap<
  Db,
  { at: number; names: Map<string, string>; slugs: Map<string, { slug: string; name: string }> }
>();
const KNOWN_NAMES_TTL_MS = 5 * 60_000;

export async function knownEntities(db: Db) {
  const cached = knownNames.get(db);
  if (cached && Date.now() - cached.at < KNOWN_NAMES_TTL_MS) return cached;
  const rows = await rawQuery<{ slug: string; name: string; alias: string | null }>(
    db,
    `SELECT e."slug" AS "slug", e."name" AS "name", al."alias" AS "alias" FROM "Entity" e LEFT JOIN "EntityAlias" al ON al."entityId" = e."id" WHERE e."verified"`,
    [],
  );
  const names = new Map<string, string>();
  const slugs = new Map<string, { slug: string; name: string }>();
  for (const row of rows) {
    for (const form of [row.name, row.alias, row.slug]) {
      if (!form) continue;
      const folded = wordsOf(form).join(" ");
      if (folded.length >= 4 && !names.has(folded)) names.set(folded, row.name);
      if (folded.length >= 2 && !slugs.has(folded))
        slugs.set(folded, { slug: row.slug, name: row.name });
    }
  }
  const known = { at: Date.now(), names, slugs };
  knownNames.set(db, known);
  return known;
}

export async function entityNames(db: Db): Promise<Map<string, string>> {
  return (await knownEntities(db)).names;
}

/**
 * The entities a query names: its entity: filters, and runs of its plain words (up to four) that
 * are an entity's name, alias or slug ("new york times", "nyt", "openai").
 */
export async function namedParties(
  db: Db,
  typed: ParsedQuery,
): Promise<{ slug: string; name: string }[]> {
  const { slugs } = await knownEntities(db);
  const found = new Map<string, { slug: string; name: string }>();
  for (const value of typed.entities) {
    const hit =
      slugs.get(wordsOf(value).join(" ")) ??
      [...slugs.values()].find((entity) => entity.slug === value.toLowerCase());
    if (hit) found.set(hit.slug, hit);
  }
  const words = typed.clauses.map((clause) =>
    clause.length === 1 ? wordsOf(clause[0]!.text).join(" ") : "",
  );
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(4, words.length - i); n >= 1; n--) {
      const run = words.slice(i, i + n);
      if (run.some((word) => !word)) continue;
      const hit = slugs.get(run.join(" "));
      if (hit) {
        found.set(hit.slug, hit);
        i += n - 1;
        break;
      }
    }
  }
  return [...found.values()];
}
