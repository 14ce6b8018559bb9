/** Verified entities by slug, with how many articles name each; keyset-paginated on slug. */
import { decodeCursor, encodeCursor } from "@/lib/cursor";
import type { Db } from "@/lib/store/db";

export interface EntityListOptions {
  kind?: string;
  cursor?: string;
  limit: number;
}

/** A page of entities and the cursor of the next. */
export async function listEntities(db: Db, options: EntityListOptions) {
  let after: string | undefined;
  if (options.cursor) after = decodeCursor(options.cursor, "key").key;
  const rows = await db.entity.findMany({
    where: {
      verified: true,
      ...(options.kind ? { kind: options.kind } : {}),
      ...(after ? { slug: { gt: after } } : {}),
    },
    orderBy: { slug: "asc" },
    take: options.limit + 1,
    select: {
      slug: true,
      name: true,
      kind: true,
      description: true,
      _count: { select: { mentions: true } },
    },
  });
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ _count, ...entity }) => ({ ...entity, articleCount: _count.mentions })),
    nextCursor:
      rows.length > options.limit && last ? encodeCursor({ kind: "key", key: last.slug }) : null,
  };
}
