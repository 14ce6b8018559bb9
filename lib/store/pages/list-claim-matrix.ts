/** The claims overview: who accuses whom of what, as a claimant × target matrix. */
import type { Db } from "../db";
import { sharedAggregate } from "../microcache";

export interface MatrixParty {
  slug: string;
  name: string;
  total: number;
}

export interface MatrixCell {
  claimant: string;
  target: string;
  /** Claim types with the number of sentences carrying them, most first. */
  types: { type: string; count: number }[];
}

export interface ClaimMatrix {
  claimants: MatrixParty[];
  targets: MatrixParty[];
  /** Keyed `${claimantSlug}|${targetSlug}`. */
  cells: Map<string, MatrixCell>;
  total: number;
}

/**
 * Groups every claim by (claimant, target, type). Rows and columns are ordered by how many claims
 * they hold; `limit` caps each axis so the table stays readable (the busiest parties are kept).
 */
export async function listClaimMatrix(db: Db, limit = 12): Promise<ClaimMatrix> {
  const groups = await db.claim.groupBy({ by: ["claimantId", "targetId", "type"], _count: { id: true } });
  const ids = [...new Set(groups.flatMap((g) => [g.claimantId, g.targetId]))];
  const entities = await db.entity.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true, name: true } });
  const byId = new Map(entities.map((e) => [e.id, e]));
  const claimants = new Map<number, MatrixParty>();
  const targets = new Map<number, MatrixParty>();
  let total = 0;
  for (const g of groups) {
    const c = byId.get(g.claimantId);
    const t = byId.get(g.targetId);
    if (!c || !t) continue;
    total += g._count.id;
    const cp = claimants.get(c.id) ?? { slug: c.slug, name: c.name, total: 0 };
    cp.total += g._count.id;
    claimants.set(c.id, cp);
    const tp = targets.get(t.id) ?? { slug: t.slug, name: t.name, total: 0 };
    tp.total += g._count.id;
    targets.set(t.id, tp);
  }
  const order = (list: MatrixParty[]) => list.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)).slice(0, limit);
  const rows = order([...claimants.values()]);
  const cols = order([...targets.values()]);
  const rowSet = new Set(rows.map((r) => r.slug));
  const colSet = new Set(cols.map((c) => c.slug));
  const cells = new Map<string, MatrixCell>();
  for (const g of groups) {
    const c = byId.get(g.claimantId);
    const t = byId.get(g.targetId);
    if (!c || !t || !rowSet.has(c.slug) || !colSet.has(t.slug)) continue;
    const key = `${c.slug}|${t.slug}`;
    const cell = cells.get(key) ?? { claimant: c.slug, target: t.slug, types: [] };
    cell.types.push({ type: g.type, count: g._count.id });
    cells.set(key, cell);
  }
  for (const cell of cells.values()) cell.types.sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  return { claimants: rows, targets: cols, cells, total };
}

/** The overview page's matrix, a shared aggregate (lib/store/microcache.ts). */
export function claimMatrixPage(db: Db): Promise<ClaimMatrix> {
  return sharedAggregate(db, "claim-matrix", () => listClaimMatrix(db));
}
