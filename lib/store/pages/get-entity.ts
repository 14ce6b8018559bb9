/** One entity with its page's content: aliases, coverage over time, claims by and against it, company it keeps, stories. */
import { countDisputes } from "@/lib/store/claim-direction";
import { rawQuery, type Db } from "@/lib/store/db";
import { Sql } from "@/lib/store/sql";
import { sharedAggregate } from "@/lib/store/microcache";
import { timelinePage, type TimelineCard } from "@/lib/store/timeline";

export interface CoverageBucket {
  /** Start of the period, UTC. */
  start: Date;
  count: number;
}

export interface ClaimGroup {
  /** The other party (the accused of an accusation it makes, the accuser of one against it). */
  other: { slug: string; name: string };
  type: string;
  /** Sentences accusing (lib/store/claim-direction.ts); the accused's denials and reports apart. */
  count: number;
  denials: number;
  reports: number;
}

export interface EntityDetail {
  id: number;
  slug: string;
  name: string;
  kind: string;
  description: string | null;
  aliases: string[];
  articleCount: number;
  coverage: { unit: "week" | "month"; buckets: CoverageBucket[] };
  claimsMade: ClaimGroup[];
  claimsAgainst: ClaimGroup[];
  together: { slug: string; name: string; kind: string; count: number }[];
  stories: TimelineCard[];
}

const DAY = 86_400_000;
/** Beyond this many weekly bars the chart switches to months. */
const MAX_WEEKS = 26;
/** The chart shows at most this many periods (the most recent). */
const MAX_BUCKETS = 36;
/** Entities listed as the company it keeps. */
const TOGETHER = 12;

function weekStart(date: Date): number {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday = 0
  return day - weekday * DAY;
}

function monthStart(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/**
 * Counts dates per week (Monday, UTC) or, over a longer span, per month, with empty periods filled
 * in so the bars sit on a true time axis.
 */
export function coverageBuckets(dates: Date[]): {
  unit: "week" | "month";
  buckets: CoverageBucket[];
} {
  return coverageFromDays(dates.map((date) => ({ day: date, count: 1 })));
}

/** coverageBuckets over counts already grouped (by day, as the database gives them). */
export function coverageFromDays(days: { day: Date; count: number }[]): {
  unit: "week" | "month";
  buckets: CoverageBucket[];
} {
  if (days.length === 0) return { unit: "week", buckets: [] };
  let low = Infinity;
  let high = -Infinity;
  for (const { day } of days) {
    low = Math.min(low, day.getTime());
    high = Math.max(high, day.getTime());
  }
  const first = new Date(low);
  const last = new Date(high);
  const unit = (weekStart(last) - weekStart(first)) / (7 * DAY) + 1 > MAX_WEEKS ? "month" : "week";
  const keyOf = unit === "week" ? weekStart : monthStart;
  const counts = new Map<number, number>();
  for (const { day, count } of days) {
    const key = keyOf(day);
    counts.set(key, (counts.get(key) ?? 0) + count);
  }
  const buckets: CoverageBucket[] = [];
  let cursor = keyOf(first);
  const end = keyOf(last);
  while (cursor <= end) {
    buckets.push({ start: new Date(cursor), count: counts.get(cursor) ?? 0 });
    if (unit === "week") cursor += 7 * DAY;
    else {
      const d = new Date(cursor);
      cursor = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
  }
  return { unit, buckets: buckets.slice(-MAX_BUCKETS) };
}

/**
 * The entity page's content as a shared aggregate (lib/store/microcache.ts): its figures come
 * from kept counts, but its stories and aliases are still a few queries.
 */
export async function entityPage(db: Db, slug: string): Promise<EntityDetail | null> {
  const sql = Sql.for(db);
  const [entity] = await rawQuery<{ id: number | bigint }>(
    db,
    `SELECT e."id" AS "id" FROM "Entity" e WHERE e."slug" = ${sql.p(slug)}`,
    sql.params,
  );
  if (!entity) return null;
  return sharedAggregate(db, `entity:${Number(entity.id)}`, () => getEntity(db, slug));
}

/** Loads an entity by slug; null when there is none (the page answers 404). */
export async function getEntity(db: Db, slug: string): Promise<EntityDetail | null> {
  const entity = await db.entity.findUnique({
    where: { slug },
    include: { aliases: { select: { alias: true } } },
  });
  if (!entity) return null;
  // Articles that mention it (copies of an article count once) per UTC day, its claims both ways
  // and the verified entities mentioned in the same articles: read from the counts kept beside
  // the articles (lib/store/aggregates.ts), where aggregating the mentions and claims themselves
  // read every article of an entity in half of them (0.8-1.2 s of CPU at 100,000 articles).
  const [days, claimGroups, together, stories] = await Promise.all([
    db.entityDayCount.findMany({
      where: { entityId: entity.id },
      select: { day: true, count: true },
    }),
    // Both directions at once: a denial it makes belongs to an accusation against it.
    db.claimCount.findMany({
      where: { OR: [{ claimantId: entity.id }, { targetId: entity.id }] },
      select: { claimantId: true, targetId: true, type: true, stance: true, count: true },
    }),
    db.$queryRaw<{ entityId: number; n: number | bigint }[]>`
      SELECT p."otherId" AS "entityId", p."count" AS "n" FROM "EntityPairCount" p
      JOIN "Entity" e ON e."id" = p."otherId" AND e."verified" = true
      WHERE p."entityId" = ${entity.id} AND p."otherId" <> ${entity.id}
      ORDER BY p."count" DESC, p."otherId" LIMIT ${TOGETHER}`,
    // Cards as the timeline shows them: their counts, not their articles.
    timelinePage(db, { entity: [entity.slug], take: 12, articles: false }),
  ]);
  const disputes = countDisputes(
    claimGroups.map((g) => ({
      claimantId: g.claimantId,
      targetId: g.targetId,
      type: g.type,
      stance: g.stance,
      count: g.count,
    })),
  );
  const made = disputes.filter((d) => d.accuserId === entity.id);
  const against = disputes.filter((d) => d.accusedId === entity.id);
  const otherIds = [
    ...new Set([
      ...made.map((m) => m.accusedId),
      ...against.map((a) => a.accuserId),
      ...together.map((t) => Number(t.entityId)),
    ]),
  ];
  const others = await db.entity.findMany({
    where: { id: { in: otherIds } },
    select: { id: true, slug: true, name: true, kind: true },
  });
  const byId = new Map(others.map((o) => [o.id, o]));
  const group = (
    rows: { id: number; type: string; accusations: number; denials: number; reports: number }[],
  ): ClaimGroup[] =>
    rows
      .flatMap((row) => {
        const other = byId.get(row.id);
        return other
          ? [
              {
                other: { slug: other.slug, name: other.name },
                type: row.type,
                count: row.accusations,
                denials: row.denials,
                reports: row.reports,
              },
            ]
          : [];
      })
      .sort(
        (a, b) =>
          b.count - a.count ||
          b.denials + b.reports - (a.denials + a.reports) ||
          a.other.name.localeCompare(b.other.name) ||
          a.type.localeCompare(b.type),
      );
  const perDay = days
    .filter((d) => d.day)
    .map((d) => ({ day: new Date(`${d.day}T00:00:00Z`), count: d.count }));
  return {
    id: entity.id,
    slug: entity.slug,
    name: entity.name,
    kind: entity.kind,
    description: entity.description,
    aliases: entity.aliases
      .map((a) => a.alias)
      .filter((alias) => alias !== entity.name)
      .sort((a, b) => a.localeCompare(b)),
    articleCount: perDay.reduce((n, d) => n + d.count, 0),
    coverage: coverageFromDays(perDay),
    claimsMade: group(made.map((m) => ({ ...m, id: m.accusedId }))),
    claimsAgainst: group(against.map((a) => ({ ...a, id: a.accuserId }))),
    together: together.flatMap((t) => {
      const other = byId.get(Number(t.entityId));
      return other
        ? [{ slug: other.slug, name: other.name, kind: other.kind, count: Number(t.n) }]
        : [];
    }),
    stories: stories.cards,
  };
}
