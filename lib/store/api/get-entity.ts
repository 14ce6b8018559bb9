/** One entity by slug with aliases and counts; null when unknown. */
import type { Db } from "@/lib/store/db";

/** Reads an entity and its counts. */
export async function getEntity(db: Db, slug: string) {
  const entity = await db.entity.findUnique({
    where: { slug },
    select: {
      slug: true,
      name: true,
      kind: true,
      description: true,
      aliases: { select: { alias: true }, orderBy: { alias: "asc" } },
      _count: { select: { mentions: true, claimsMade: true, claimsReceived: true } },
    },
  });
  return entity;
}
