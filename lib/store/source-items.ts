/**
 * The items a source's feed listed, each kept until it is stored: the "seen" half of a source's
 * fetch state. A feed's validators (ETag, Last-Modified) are written in the same transaction as
 * its new items, so an item that failed, or that a stopped worker never reached, stays pending and
 * is taken again on the next pass, even when the feed then answers 304.
 */
import type { FeedItem } from "@/lib/types";
import { clientKind, rawExecute, rawQuery, type Db } from "./db";
import { Sql } from "./sql";

/** Tries of one item (its page answering 5xx, a dropped connection...) before it is failed for good. */
export const MAX_ITEM_ATTEMPTS = 5;

export type SourceItemStatus = "pending" | "done" | "failed";

export interface SourceItemRow {
  id: number;
  sourceId: number;
  url: string;
  item: FeedItem;
  status: SourceItemStatus;
  attempts: number;
  lastError: string | null;
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Client = Db | Tx;

/** A FeedItem as stored (JSON), with its date as text. */
function serialiseItem(item: FeedItem): string {
  return JSON.stringify({
    ...item,
    publishedAt: item.publishedAt ? item.publishedAt.toISOString() : null,
  });
}

function parseItem(text: string, url: string): FeedItem {
  try {
    const raw = JSON.parse(text) as FeedItem & { publishedAt: string | null };
    const date = raw.publishedAt ? new Date(raw.publishedAt) : null;
    return {
      ...raw,
      url: raw.url ?? url,
      publishedAt: date && !Number.isNaN(date.getTime()) ? date : null,
      categories: raw.categories ?? [],
    };
  } catch {
    // A row written by hand or cut short: the URL alone is still enough to fetch the page.
    return {
      guid: url,
      url,
      title: null,
      summary: null,
      contentHtml: null,
      author: null,
      publishedAt: null,
      categories: [],
    };
  }
}

function toRow(row: {
  id: number;
  sourceId: number;
  url: string;
  item: string;
  status: string;
  attempts: number;
  lastError: string | null;
}): SourceItemRow {
  return { ...row, item: parseItem(row.item, row.url), status: row.status as SourceItemStatus };
}

/**
 * Records the items of one feed fetch: new ones are added as pending (insert … on conflict do
 * nothing, so two workers recording the same feed never fail on the unique key), and done items
 * the feed no longer lists are forgotten (the article is the record; keeping them only grows the table).
 */
export async function recordFeedItems(
  client: Client,
  sourceId: number,
  items: FeedItem[],
): Promise<void> {
  const now = new Date();
  const rows = items.filter((item) => item.url);
  const sqlite = clientKind(client) === "sqlite";
  // A hundred rows a statement, not a statement a row.
  for (let start = 0; start < rows.length; start += 100) {
    const chunk = rows.slice(start, start + 100);
    const values = chunk
      .map((_, i) => {
        const at = (k: number) => (sqlite ? "?" : `$${i * 4 + k}`);
        return `(${at(1)}, ${at(2)}, ${at(3)}, 'pending', 0, ${at(4)})`;
      })
      .join(", ");
    await client.$executeRawUnsafe(
      `INSERT INTO "SourceItem" ("sourceId", "url", "item", "status", "attempts", "createdAt") VALUES ${values} ON CONFLICT ("sourceId", "url") DO NOTHING`,
      ...chunk.flatMap((item) => [sourceId, item.url, serialiseItem(item), now]),
    );
  }
  const listed = items.map((item) => item.url).filter((url): url is string => Boolean(url));
  await client.sourceItem.deleteMany({
    where: { sourceId, status: "done", url: { notIn: listed } },
  });
}

/**
 * Records one fetch of a source's feed in one transaction: its new items as pending and its
 * validators (ETag, Last-Modified), so the next conditional fetch never hides an item not yet stored.
 */
export async function recordFeedFetch(
  db: Db,
  sourceId: number,
  items: FeedItem[],
  validators: { etag: string | null; lastModified: string | null },
): Promise<void> {
  await db.$transaction(
    async (tx) => {
      await recordFeedItems(tx, sourceId, items);
      await tx.source.update({
        where: { id: sourceId },
        data: { etag: validators.etag, lastModified: validators.lastModified },
      });
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

/** The items of a source still to be ingested (pending), oldest first. */
export async function pendingItems(
  client: Client,
  sourceId: number,
  limit = 1000,
): Promise<SourceItemRow[]> {
  const rows = await client.sourceItem.findMany({
    where: { sourceId, status: "pending" },
    orderBy: { id: "asc" },
    take: limit,
  });
  return rows.map(toRow);
}

/**
 * Pending items by id, without their sources (one raw statement: an item job batch's, whose
 * worker keeps the sources it has read); removed ones are left out.
 */
export async function findPendingItems(client: Client, ids: number[]): Promise<SourceItemRow[]> {
  if (ids.length === 0) return [];
  const sql = new Sql(clientKind(client));
  const rows = await rawQuery<{
    id: number | bigint;
    sourceId: number | bigint;
    url: string;
    item: string;
    status: string;
    attempts: number | bigint;
    lastError: string | null;
  }>(
    client,
    `SELECT "id", "sourceId", "url", "item", "status", "attempts", "lastError" FROM "SourceItem" WHERE "id" IN (${sql.list(ids)}) AND "status" = 'pending'`,
    sql.params,
  );
  return rows.map((row) =>
    toRow({
      ...row,
      id: Number(row.id),
      sourceId: Number(row.sourceId),
      attempts: Number(row.attempts),
    }),
  );
}

/** One item by id, or null (it was removed with its source). */
export async function findSourceItem(client: Client, id: number): Promise<SourceItemRow | null> {
  const row = await client.sourceItem.findUnique({ where: { id } });
  return row ? toRow(row) : null;
}

/** Marks an item as handled for good (stored, a duplicate, off topic or already there): it is not fetched again. */
export async function markItemDone(client: Client, id: number): Promise<void> {
  await markItemsDone(client, [id]);
}

/** markItemDone for many items in one raw statement (an item job batch's). */
export async function markItemsDone(client: Client, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const sql = new Sql(clientKind(client));
  await rawExecute(
    client,
    `UPDATE "SourceItem" SET "status" = 'done', "lastError" = NULL WHERE "id" IN (${sql.list(ids)})`,
    sql.params,
  );
}

/**
 * Counts a failed try of an item: it stays pending for the next pass until MAX_ITEM_ATTEMPTS tries
 * have failed, then it is kept as failed with its error (the admin lists those and can retry them).
 */
export async function markItemFailed(
  client: Client,
  id: number,
  error: string,
  options: { final?: boolean } = {},
): Promise<SourceItemStatus> {
  const row = await client.sourceItem.findUnique({ where: { id }, select: { attempts: true } });
  if (!row) return "failed";
  const attempts = row.attempts + 1;
  const status: SourceItemStatus =
    options.final || attempts >= MAX_ITEM_ATTEMPTS ? "failed" : "pending";
  await client.sourceItem.updateMany({
    where: { id },
    data: { attempts, status, lastError: error.slice(0, 1000) },
  });
  return status;
}

/** Items failed for good, newest first, with their source's URL: what the admin shows. */
export async function listFailedItems(db: Db, take = 100) {
  const rows = await db.sourceItem.findMany({
    where: { status: "failed" },
    orderBy: { id: "desc" },
    take,
    include: { source: { select: { url: true, title: true } } },
  });
  return rows.map((row) => ({
    ...toRow(row),
    sourceUrl: row.source.url,
    sourceTitle: row.source.title,
  }));
}

/** How many items have failed for good (the admin links to them while there are any). */
export async function countFailedItems(db: Db): Promise<number> {
  return db.sourceItem.count({ where: { status: "failed" } });
}

/**
 * Puts failed items (one, or all of them) back to pending with a fresh count of tries, and makes
 * their sources due now, so the next pass of any worker (on PostgreSQL, the next refresh job)
 * takes them again. Returns how many items were put back.
 */
export async function retryFailedItems(db: Db, id?: number): Promise<number> {
  return db.$transaction(async (tx) => {
    const where = { status: "failed", ...(id === undefined ? {} : { id }) };
    const sources = await tx.sourceItem.findMany({
      where,
      select: { sourceId: true },
      distinct: ["sourceId"],
    });
    const result = await tx.sourceItem.updateMany({
      where,
      data: { status: "pending", attempts: 0, lastError: null },
    });
    if (sources.length)
      await tx.source.updateMany({
        where: { id: { in: sources.map((row) => row.sourceId) }, paused: false },
        data: { nextFetchAt: new Date() },
      });
    return result.count;
  });
}
