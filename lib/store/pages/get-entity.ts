/** One entity with its page's content: aliases, coverage over time, claims by and against it, company it keeps, stories. */
import type { Db } from "../db";
import { timelinePage, type TimelineCard } from "../timeline";

export interface CoverageBucket {
  /** Start of the period, UTC. */
  start: Date;
  count: number;
}

export interface ClaimGroup {
  /** The other party (the target of a claim it makes, the claimant of one against it). */
  other: { slug: string; name: string };
  type: string;
  count: number;
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
export function coverageBuckets(dates: Date[]): { unit: "week" | "month"; buckets: CoverageBucket[] } {
  if (dates.length === 0) return { unit: "week", buckets: [] };
  const times = dates.map((d) => d.getTime()).sort((a, b) => a - b);
  const first = new Date(times[0]!);
  const last = new Date(times[times.length - 1]!);
  const unit = (weekStart(last) - weekStart(first)) / (7 * DAY) + 1 > MAX_WEEKS ? "month" : "week";
  const keyOf = unit === "week" ? weekStart : monthStart;
  const counts = new Map<number, number>();
  for (const time of times) {
    const key = keyOf(new Date(time));
    counts.set(key, (counts.get(key) ?? 0) + 1);
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

/** Loads an entity by slug; null when there is none (the page answers 404). */
export async function getEntity(db: Db, slug: string): Promise<EntityDetail | null> {
  const entity = await db.entity.findUnique({ where: { slug }, include: { aliases: { select: { alias: true } } } });
  if (!entity) return null;
  const mentions = await db.mention.findMany({
    where: { entityId: entity.id, article: { duplicateOfId: null } },
    select: { articleId: true, article: { select: { publishedAt: true, fetchedAt: true } } },
  });
  const articleIds = mentions.map((m) => m.articleId);
  const [made, against, together, stories] = await Promise.all([
    db.claim.groupBy({ by: ["targetId", "type"], where: { claimantId: entity.id }, _count: { id: true } }),
    db.claim.groupBy({ by: ["claimantId", "type"], where: { targetId: entity.id }, _count: { id: true } }),
    articleIds.length
      ? db.mention.groupBy({
          by: ["entityId"],
          where: { articleId: { in: articleIds }, entityId: { not: entity.id }, entity: { verified: true } },
          _count: { articleId: true },
          orderBy: { _count: { articleId: "desc" } },
          take: 12,
        })
      : Promise.resolve([]),
    timelinePage(db, { entity: [entity.slug], take: 12 }),
  ]);
  const otherIds = [...new Set([...made.map((m) => m.targetId), ...against.map((a) => a.claimantId), ...together.map((t) => t.entityId)])];
  const others = await db.entity.findMany({ where: { id: { in: otherIds } }, select: { id: true, slug: true, name: true, kind: true } });
  const byId = new Map(others.map((o) => [o.id, o]));
  const group = (rows: { id: number; type: string; count: number }[]): ClaimGroup[] =>
    rows
      .flatMap((row) => {
        const other = byId.get(row.id);
        return other ? [{ other: { slug: other.slug, name: other.name }, type: row.type, count: row.count }] : [];
      })
      .sort((a, b) => b.count - a.count || a.other.name.localeCompare(b.other.name));
  return {
    id: entity.id,
    slug: entity.slug,
    name: entity.name,
    kind: entity.kind,
    description: entity.description,
    aliases: entity.aliases.map((a) => a.alias).filter((alias) => alias !== entity.name).sort((a, b) => a.localeCompare(b)),
    articleCount: mentions.length,
    coverage: coverageBuckets(mentions.map((m) => m.article.publishedAt ?? m.article.fetchedAt)),
    claimsMade: group(made.map((m) => ({ id: m.targetId, type: m.type, count: m._count.id }))),
    claimsAgainst: group(against.map((a) => ({ id: a.claimantId, type: a.type, count: a._count.id }))),
    together: together.flatMap((t) => {
      const other = byId.get(t.entityId);
      return other ? [{ slug: other.slug, name: other.name, kind: other.kind, count: t._count.articleId }] : [];
    }),
    stories: stories.cards,
  };
}
