/**
 * Entities in the database: the knowledge base is synced in at start-up; candidates discovered in
 * articles are created unverified as they appear.
 */
import type { EntityRef } from "@/lib/types";
import type { Db } from "./db";
import { refreshStoryCards } from "./stories";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Client = Db | Tx;

export interface KnowledgeBaseEntry extends EntityRef {
  aliases: string[];
  description?: string;
}

/** Writes the curated knowledge base into the entity tables (new entries added, names and aliases updated). */
export async function syncKnowledgeBase(
  db: Db,
  entries: KnowledgeBaseEntry[],
): Promise<{ created: number; updated: number }> {
  const existing = new Map(
    (
      await db.entity.findMany({
        select: { id: true, slug: true, name: true, kind: true, verified: true },
      })
    ).map((e) => [e.slug, e]),
  );
  // Every alias in one read: this runs on every start.
  const aliasesById = new Map<number, Set<string>>();
  for (const row of await db.entityAlias.findMany({ select: { entityId: true, alias: true } })) {
    const set = aliasesById.get(row.entityId) ?? new Set<string>();
    set.add(row.alias);
    aliasesById.set(row.entityId, set);
  }
  let created = 0;
  let updated = 0;
  let verifiedNow = 0;
  for (const entry of entries) {
    const aliases = [...new Set(entry.aliases.filter((alias) => alias && alias !== entry.name))];
    const row = existing.get(entry.slug);
    if (!row) {
      await db.entity.create({
        data: {
          slug: entry.slug,
          name: entry.name,
          kind: entry.kind,
          verified: true,
          description: entry.description ?? null,
          aliases: { create: aliases.map((alias) => ({ alias })) },
        },
      });
      created++;
      continue;
    }
    if (row.name !== entry.name || row.kind !== entry.kind || !row.verified) {
      if (!row.verified) verifiedNow++;
      await db.entity.update({
        where: { id: row.id },
        data: {
          name: entry.name,
          kind: entry.kind,
          verified: true,
          description: entry.description ?? null,
        },
      });
      updated++;
    }
    const have = aliasesById.get(row.id) ?? new Set<string>();
    const missing = aliases.filter((alias) => !have.has(alias));
    if (missing.length)
      await db.entityAlias.createMany({
        data: missing.map((alias) => ({ entityId: row.id, alias })),
      });
  }
  // A candidate the knowledge base now vouches for belongs on the cards of the stories that mention it.
  if (verifiedNow) await refreshStoryCards(db, null);
  return { created, updated };
}

/**
 * Ids for the given entities, creating the ones not yet stored (candidates come in unverified).
 * With `cache`, slugs it already holds are not read again, and the ids of entities found already
 * stored are added to it (not those created here, which the caller's transaction may yet roll
 * back): an entity's id never changes, so a worker reads each entity about once. A caller whose
 * write fails clears its cache, in case an entity was removed meanwhile.
 */
export async function ensureEntities(
  client: Client,
  refs: (EntityRef & { verified?: boolean })[],
  cache?: Map<string, number>,
): Promise<Map<string, number>> {
  const unique = new Map(refs.map((ref) => [ref.slug, ref]));
  const ids = new Map<string, number>();
  if (unique.size === 0) return ids;
  const unknown: string[] = [];
  for (const slug of unique.keys()) {
    const id = cache?.get(slug);
    if (id === undefined) unknown.push(slug);
    else ids.set(slug, id);
  }
  if (unknown.length === 0) return ids;
  const rows = await client.entity.findMany({
    where: { slug: { in: unknown } },
    select: { id: true, slug: true },
  });
  for (const row of rows) {
    ids.set(row.slug, row.id);
    cache?.set(row.slug, row.id);
  }
  const missing = [...unique.values()].filter((ref) => !ids.has(ref.slug));
  if (missing.length > 0) {
    // Insert … on conflict do nothing, then read: another worker creating the same entity at the
    // same moment makes this a no-op (PostgreSQL waits for its transaction) instead of failing ours.
    const now = new Date();
    for (const ref of missing) {
      await client.$executeRaw`INSERT INTO "Entity" ("slug", "name", "kind", "verified", "createdAt") VALUES (${ref.slug}, ${ref.name}, ${ref.kind}, ${ref.verified ?? false}, ${now}) ON CONFLICT ("slug") DO NOTHING`;
    }
    const created = await client.entity.findMany({
      where: { slug: { in: missing.map((ref) => ref.slug) } },
      select: { id: true, slug: true },
    });
    for (const row of created) ids.set(row.slug, row.id);
  }
  return ids;
}
