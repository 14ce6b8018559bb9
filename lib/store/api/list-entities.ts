/** Verified entities by slug, with how many articles name each; keyset-paginated on slug. */
import { AppError } from "../../errors";
import type { Db } from "../db";

export interface EntityListOptions {
  kind?: string;
  cursor?: string;
  limit: number;
}

/** A page of entities and the cursor of the next. */
export async function listEntities(db: Db, options: EntityListOptions) {
  let after: string | undefined;
  if (options.cursor) {
    after = Buffer.from(options.cursor, "base64url").toString("utf8");
    if (!after || after.length > 120) throw new AppError("BAD_REQUEST", "invalid parameter cursor: expected a cursor from a previous page", { parameter: "cursor" });
  }
  const rows = await db.entity.findMany({
    where: { verified: true, ...(options.kind ? { kind: options.kind } : {}), ...(after ? { slug: { gt: after } } : {}) },
    orderBy: { slug: "asc" },
    take: options.limit + 1,
    select: { slug: true, name: true, kind: true, description: true, _count: { select: { mentions: true } } },
  });
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ _count, ...entity }) => ({ ...entity, articleCount: _count.mentions })),
    nextCursor: rows.length > options.limit && last ? Buffer.from(last.slug).toString("base64url") : null,
  };
}
