/**
 * The claims table: who accuses whom of what, one row per dispute (accuser → accused, type), its
 * accusations counted apart from the accused's denials, reports and settlements
 * (lib/store/claim-direction.ts), so a denial never reads as its speaker accusing.
 */
import type { ClaimTableSort } from "@/lib/filters";
import { CLAIM_TYPES } from "@/lib/types";
import { countDisputes, type StanceGroup } from "@/lib/store/claim-direction";
import { rawDate, type Db } from "@/lib/store/db";
import { sharedAggregate } from "@/lib/store/microcache";

export interface ClaimTableParty {
  slug: string;
  name: string;
}

export interface ClaimTableRow {
  accuser: ClaimTableParty;
  accused: ClaimTableParty;
  type: string;
  accusations: number;
  denials: number;
  reports: number;
  settlements: number;
  /** The newest article carrying any of its sentences. */
  latest: Date | null;
}

export interface ClaimTableView {
  /** The rows of the view's page (filtered, sorted, at most CLAIM_TABLE_PAGE of them). */
  rows: ClaimTableRow[];
  /** Rows matching the filter, on every page. */
  matching: number;
  /** The page shown (1-based; a page past the last shows the last) and how many there are. */
  page: number;
  pages: number;
  /** The place of the page's first row among the matching ones (0-based). */
  offset: number;
  /** Every dispute in the store, whatever the filter. */
  total: number;
  /** Claim types that have at least one row, for the filter. */
  types: string[];
}

/**
 * Every dispute with its counts: the claims counted per (claimant, target, type, stance) with their
 * newest article's date as kept beside them (lib/store/aggregates.ts: a few hundred rows, where
 * grouping the claims themselves read every claim and its article, seconds at 100,000 articles),
 * folded into disputes here.
 */
export async function listClaimTable(db: Db): Promise<ClaimTableRow[]> {
  const groups = await db.$queryRawUnsafe<
    {
      claimantId: number | bigint;
      targetId: number | bigint;
      type: string;
      stance: string;
      n: number | bigint;
      latest: Date | string | null;
    }[]
  >(
    `SELECT "claimantId", "targetId", "type", "stance", "count" AS "n", "latest" FROM "ClaimCount"`,
  );
  const stanceGroups: StanceGroup<number>[] = groups.map((g) => ({
    claimantId: Number(g.claimantId),
    targetId: Number(g.targetId),
    type: g.type,
    stance: g.stance,
    count: Number(g.n),
    latest: rawDate(g.latest),
  }));
  const ids = [...new Set(stanceGroups.flatMap((g) => [g.claimantId, g.targetId]))];
  const entities = await db.entity.findMany({
    where: { id: { in: ids } },
    select: { id: true, slug: true, name: true },
  });
  const byId = new Map(entities.map((e) => [e.id, { slug: e.slug, name: e.name }]));
  return countDisputes(stanceGroups).flatMap((dispute) => {
    const accuser = byId.get(dispute.accuserId);
    const accused = byId.get(dispute.accusedId);
    if (!accuser || !accused) return [];
    const { accusations, denials, reports, settlements, latest, type } = dispute;
    return [{ accuser, accused, type, accusations, denials, reports, settlements, latest }];
  });
}

/**
 * One collator for every comparison: `localeCompare` with a locale and options builds one per
 * call, which made sorting the table (some 5,000 rows at 100,000 articles) 190 ms of CPU a view.
 */
const collator = new Intl.Collator("en", { sensitivity: "base" });
const byName = (a: string, b: string) => collator.compare(a, b);

/** How two rows compare under a sort; ties fall back to accusations, then names, so the order is stable. */
function compareRows(sort: ClaimTableSort): (a: ClaimTableRow, b: ClaimTableRow) => number {
  const fallback = (a: ClaimTableRow, b: ClaimTableRow) =>
    b.accusations - a.accusations ||
    byName(a.accuser.name, b.accuser.name) ||
    byName(a.accused.name, b.accused.name) ||
    a.type.localeCompare(b.type);
  const primary: (a: ClaimTableRow, b: ClaimTableRow) => number =
    sort === "accuser"
      ? (a, b) => byName(a.accuser.name, b.accuser.name)
      : sort === "accused"
        ? (a, b) => byName(a.accused.name, b.accused.name)
        : sort === "type"
          ? (a, b) => a.type.localeCompare(b.type)
          : sort === "latest"
            ? (a, b) => (b.latest?.getTime() ?? 0) - (a.latest?.getTime() ?? 0)
            : (a, b) => b[sort] - a[sort];
  return (a, b) => primary(a, b) || fallback(a, b);
}

/**
 * Views already worked out, per rows list: the claims page gets the same list (a shared
 * aggregate) for a minute, and sorting its thousands of rows again for every visitor cost
 * milliseconds of CPU a view. A new list (the aggregate recomputed) starts afresh.
 */
const views = new WeakMap<readonly ClaimTableRow[], Map<string, ClaimTableView>>();
const MAX_VIEWS = 200;

/**
 * Rows on a page of the claims table. A reader scans the largest disputes first and pages on; all
 * the rows at once (hundreds at 100,000 articles) made a page of a third of a megabyte whose
 * rendering cost more CPU than any other page.
 */
export const CLAIM_TABLE_PAGE = 50;

type ViewOptions = { type?: string | null; sort?: ClaimTableSort; page?: number };

/**
 * One view of the table: rows of one claim type (or all), in one order, one page of them. The same
 * rows and options give the same (shared, not to be changed) view.
 */
export function claimTableView(
  rows: readonly ClaimTableRow[],
  options: ViewOptions = {},
): ClaimTableView {
  let known = views.get(rows);
  if (!known) views.set(rows, (known = new Map()));
  const key = `${options.type ?? ""}|${options.sort ?? ""}|${options.page ?? 1}`;
  const hit = known.get(key);
  if (hit) return hit;
  const view = computeView(rows, options);
  if (known.size >= MAX_VIEWS) known.clear();
  known.set(key, view);
  return view;
}

function computeView(rows: readonly ClaimTableRow[], options: ViewOptions): ClaimTableView {
  const types = CLAIM_TYPES.filter((type) => rows.some((row) => row.type === type));
  const matching = rows
    .filter((row) => !options.type || row.type === options.type)
    .sort(compareRows(options.sort ?? "accusations"));
  const pages = Math.max(1, Math.ceil(matching.length / CLAIM_TABLE_PAGE));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pages);
  const offset = (page - 1) * CLAIM_TABLE_PAGE;
  return {
    rows: matching.slice(offset, offset + CLAIM_TABLE_PAGE),
    matching: matching.length,
    page,
    pages,
    offset,
    total: rows.length,
    types,
  };
}

/** The claims page's rows, a shared aggregate (lib/store/microcache.ts). */
export function claimTablePage(db: Db): Promise<ClaimTableRow[]> {
  return sharedAggregate(db, "claim-table", () => listClaimTable(db));
}
