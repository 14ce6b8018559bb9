/** One entity with its page's content: aliases, coverage over time, claims by and against it, company it keeps, stories. */
import { countDisputes } from "@/lib/store/claim-direction";
import { type Db } from "@/lib/store/db";
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
 * The entity page's content as a shared aggregate (lib/store/microcache.ts): the figures of an
 * entity in half of all articles take a few hundred milliseconds to aggregate.
 */
export async function entityPage(db: Db, slug: string): Promise<EntityDetail | null> {
  const entity = await db.entity.findUnique({ where: { slug }, select: { id: true } });
  if (!entity) return null;
  return sharedAggregate(db, `entity:${entity.id}`, () => getEntity(db, slug));
}

/** Loads an entity by slug; null when there is none (the page answers 404). */
export async function getEntity(db: Db, slug: string): Promise<EntityDetail | null> {
  const entity = await db.entity.findUnique({
    where: { slug },
    include: { aliases: { select: { alias: true } } },
  });
  if (!entity) return null;
  // Articles that mention it (copies of an article count once), per UTC day, and the verified
  // entities mentioned in the same articles: aggregated in the database, never row by row here.
  const byDay = Sql.for(db);
  const withOthers = Sql.for(db);
  const [days, claimGroups, together, stories] = await Promise.all([
    db.$queryRawUnsafe<{ day: string; n: number | bigint }[]>(
      `SELECT ${byDay.utcDay(`coalesce(a."publishedAt", a."fetchedAt")`)} AS "day", COUNT(*) AS "n" FROM "Mention" m JOIN "Article" a ON a."id" = m."articleId"
       WHERE m."entityId" = ${byDay.p(entity.id)} AND a."duplicateOfId" IS NULL GROUP BY 1`,
      ...byDay.params,
    ),
    // Both directions at once: a denial it makes belongs to an accusation against it.
    db.claim.groupBy({
      by: ["claimantId", "targetId", "type", "stance"],
      where: { OR: [{ claimantId: entity.id }, { targetId: entity.id }] },
      _count: { id: true },
    }),
    db.$queryRawUnsafe<{ entityId: number; n: number | bigint }[]>(
      `SELECT m2."entityId" AS "entityId", COUNT(*) AS "n" FROM "Mention" m1
       JOIN "Article" a ON a."id" = m1."articleId" AND a."duplicateOfId" IS NULL
       JOIN "Mention" m2 ON m2."articleId" = m1."articleId" AND m2."entityId" <> m1."entityId"
       JOIN "Entity" e ON e."id" = m2."entityId" AND e."verified"
       WHERE m1."entityId" = ${withOthers.p(entity.id)} GROUP BY m2."entityId" ORDER BY COUNT(*) DESC, m2."entityId" LIMIT ${TOGETHER}`,
      ...withOthers.params,
    ),
    timelinePage(db, { entity: [entity.slug], take: 12 }),
  ]);
  const disputes = countDisputes(
    claimGroups.map((g) => ({
      claimantId: g.claimantId,
      targetId: g.targetId,
      type: g.type,
      stance: g.stance,
      count: g._count.id,
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
    .map((d) => ({ day: new Date(`${d.day}T00:00:00Z`), count: Number(d.n) }));
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
