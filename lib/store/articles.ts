/**
 * Articles with their mentions and claims, written in one transaction per article; and the reads
 * the pipeline needs to stay idempotent (by canonical URL) and to find copies (by content hash,
 * by SimHash among recent articles).
 */
import { cjkSearchGrams } from "@/lib/search/cjk";
import { articleLexemes } from "@/lib/search/stems";
import { storeLexemes } from "@/lib/store/search/lexemes";
import type { Claim, EntityMention } from "@/lib/types";
import { clientKind, rawQuery, type Db } from "./db";
import { Sql } from "./sql";
import { countArticles, uncountArticle } from "./aggregates";
import { ensureEntities } from "./entities";
import { refreshStoryAggregates } from "./stories";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface ArticleInput {
  canonicalUrl: string;
  url: string;
  guid: string | null;
  sourceId: number | null;
  sourceName: string | null;
  contentHash: string;
  simhash: string | null;
  duplicateOfId: number | null;
  language: string;
  title: string;
  byline: string | null;
  text: string;
  summary: string;
  leadImage: string | null;
  relevance: number;
  publishedAt: Date | null;
  isSample: boolean;
  mentions: EntityMention[];
  claims: Claim[];
}

interface StoredByUrl {
  id: number;
  contentHash: string;
  duplicateOfId: number | null;
}

/** Lookups by canonical URL asked in the same tick, per client: read together in one statement. */
const urlLookups = new WeakMap<
  object,
  Map<string, { resolve: (row: StoredByUrl | null) => void; reject: (error: unknown) => void }[]>
>();

/**
 * The stored article for a canonical URL, or null. The lookups a worker's items ask in one tick
 * (a batch of item jobs starting together) are one raw statement, not one query each.
 */
export function findArticleByUrl(db: Db, canonicalUrl: string): Promise<StoredByUrl | null> {
  return new Promise((resolve, reject) => {
    let pending = urlLookups.get(db);
    if (!pending) {
      const batch = new Map<string, { resolve: typeof resolve; reject: typeof reject }[]>();
      pending = batch;
      urlLookups.set(db, batch);
      queueMicrotask(() => {
        urlLookups.delete(db);
        void readArticlesByUrl(db, batch);
      });
    }
    const waiting = pending.get(canonicalUrl);
    if (waiting) waiting.push({ resolve, reject });
    else pending.set(canonicalUrl, [{ resolve, reject }]);
  });
}

async function readArticlesByUrl(
  db: Db,
  batch: Map<
    string,
    { resolve: (row: StoredByUrl | null) => void; reject: (error: unknown) => void }[]
  >,
): Promise<void> {
  try {
    const sql = Sql.for(db);
    const rows = await rawQuery<{
      id: number | bigint;
      canonicalUrl: string;
      contentHash: string;
      duplicateOfId: number | bigint | null;
    }>(
      db,
      `SELECT "id", "canonicalUrl", "contentHash", "duplicateOfId" FROM "Article" WHERE "canonicalUrl" IN (${sql.list([...batch.keys()])})`,
      sql.params,
    );
    const found = new Map(
      rows.map((row) => [
        row.canonicalUrl,
        {
          id: Number(row.id),
          contentHash: row.contentHash,
          duplicateOfId: row.duplicateOfId === null ? null : Number(row.duplicateOfId),
        },
      ]),
    );
    for (const [url, waiting] of batch)
      for (const { resolve } of waiting) resolve(found.get(url) ?? null);
  } catch (error) {
    for (const waiting of batch.values()) for (const { reject } of waiting) reject(error);
  }
}

/** The first stored original with exactly this content, or null (one raw statement). */
export async function findArticleByHash(
  db: Db,
  contentHash: string,
): Promise<{ id: number; canonicalUrl: string } | null> {
  const sql = Sql.for(db);
  const rows = await rawQuery<{ id: number | bigint; canonicalUrl: string }>(
    db,
    `SELECT "id", "canonicalUrl" FROM "Article" WHERE "contentHash" = ${sql.p(contentHash)} AND "duplicateOfId" IS NULL ORDER BY "id" LIMIT 1`,
    sql.params,
  );
  return rows[0] ? { id: Number(rows[0].id), canonicalUrl: rows[0].canonicalUrl } : null;
}

/** Where writeArticle may keep the entity ids it has read or created, for the next article (one worker's). */
export type EntityIdCache = Map<string, number>;

/**
 * Inserts or updates an article by canonical URL, replacing its mentions and claims, inside the
 * given transaction. Returns the article id.
 *
 * With `isNew` (the caller found no article at this URL just before), the article is created
 * outright and the reads and deletes an update needs are skipped: on PostgreSQL the article, its
 * mentions and its claims are one statement, then its rows in the kept counts one more; the
 * caller holds the transaction that keeps the two together. Should another writer have stored the URL meanwhile, the insert fails on
 * the unique key; the caller's retry (retryOnConflict) then writes again without the hint.
 * `entityIds` keeps the ids of entities already known across calls (see ensureEntities).
 */
export async function writeArticle(
  tx: Tx | Db,
  input: ArticleInput,
  options: { isNew?: boolean; entityIds?: EntityIdCache } = {},
): Promise<number> {
  const refs = [
    ...input.mentions.map((m) => ({
      name: m.name,
      slug: m.slug,
      kind: m.kind,
      verified: m.verified,
    })),
    ...input.claims.flatMap((c) => [
      partyOf(input.mentions, c.claimantSlug, c.claimant),
      partyOf(input.mentions, c.targetSlug, c.target),
    ]),
  ];
  const ids = await ensureEntities(tx, refs, options.entityIds);
  const data = {
    url: input.url,
    guid: input.guid,
    sourceId: input.sourceId,
    sourceName: input.sourceName,
    contentHash: input.contentHash,
    simhash: input.simhash,
    duplicateOfId: input.duplicateOfId,
    language: input.language,
    title: input.title,
    byline: input.byline,
    text: input.text,
    summary: input.summary,
    searchGrams: cjkSearchGrams(input.title, input.summary, input.text),
    leadImage: input.leadImage,
    relevance: input.relevance,
    publishedAt: input.publishedAt,
    isSample: input.isSample,
  };
  const mentions = mentionRows(input.mentions, ids);
  const claims = claimRows(input.claims, ids);
  // The search index's word forms (added to only: a word no article holds matches nothing).
  await storeLexemes(tx, articleLexemes(input.language, input.title, input.summary, input.text));
  if (!options.isNew) await uncountArticle(tx, input.canonicalUrl);
  if (options.isNew) {
    const row = { canonicalUrl: input.canonicalUrl, ...data };
    const id =
      clientKind(tx) === "postgresql"
        ? await insertArticleWithRows(tx, row, mentions, claims)
        : await insertArticleSqlite(tx, row, mentions, claims);
    await countArticles(tx, [id]);
    return id;
  }
  const article = await tx.article.upsert({
    where: { canonicalUrl: input.canonicalUrl },
    create: { canonicalUrl: input.canonicalUrl, ...data },
    update: data,
    select: { id: true },
  });
  await tx.mention.deleteMany({ where: { articleId: article.id } });
  await tx.claim.deleteMany({ where: { articleId: article.id } });
  if (mentions.length)
    await tx.mention.createMany({
      data: mentions.map((row) => ({ articleId: article.id, ...row })),
    });
  if (claims.length)
    await tx.claim.createMany({ data: claims.map((row) => ({ articleId: article.id, ...row })) });
  await countArticles(tx, [article.id]);
  // Stored again while placed in a story: that story's counts and card follow (placement may move it later).
  const placed = await tx.storyArticle.findUnique({
    where: { articleId: article.id },
    select: { storyId: true },
  });
  if (placed) await refreshStoryAggregates(tx, placed.storyId);
  return article.id;
}

interface MentionRow {
  entityId: number;
  count: number;
  firstOffset: number;
  spans: string;
}

interface ClaimRow {
  claimantId: number;
  targetId: number;
  type: string;
  stance: string;
  sentence: string;
  start: number;
  end: number;
  confidence: number;
}

/** One Mention row per entity: how often, where first, and every occurrence. */
function mentionRows(mentions: EntityMention[], ids: Map<string, number>): MentionRow[] {
  const bySlug = new Map<string, { count: number; first: number; spans: [number, number][] }>();
  for (const mention of mentions) {
    const entry = bySlug.get(mention.slug);
    if (entry) {
      entry.count++;
      entry.spans.push([mention.start, mention.end]);
    } else
      bySlug.set(mention.slug, {
        count: 1,
        first: mention.start,
        spans: [[mention.start, mention.end]],
      });
  }
  return [...bySlug].map(([slug, { count, first, spans }]) => ({
    entityId: ids.get(slug)!,
    count,
    firstOffset: first,
    spans: encodeSpans(spans),
  }));
}

/** The claims as rows, each distinct claim once. */
function claimRows(claims: Claim[], ids: Map<string, number>): ClaimRow[] {
  const seen = new Set<string>();
  return claims
    .filter((claim) => {
      const key = `${claim.claimantSlug}|${claim.targetSlug}|${claim.type}|${claim.stance}|${claim.start}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((claim) => ({
      claimantId: ids.get(claim.claimantSlug)!,
      targetId: ids.get(claim.targetSlug)!,
      type: claim.type,
      stance: claim.stance,
      sentence: claim.sentence,
      start: claim.start,
      end: claim.end,
      confidence: claim.confidence,
    }));
}

/**
 * A new article with its mentions and claims in one PostgreSQL statement (data-modifying WITH
 * clauses, all or nothing like a transaction); returns its id.
 */
async function insertArticleWithRows(
  client: Tx | Db,
  article: Record<string, unknown>,
  mentions: MentionRow[],
  claims: ClaimRow[],
): Promise<number> {
  const sql = new Sql("postgresql");
  const now = new Date();
  const columns = Object.keys(article);
  const values = [
    ...columns.map((column) => sql.p(article[column])),
    sql.p(now),
    sql.p(now),
    sql.p(now),
  ];
  const parts = [
    `a AS (INSERT INTO "Article" (${[...columns, "fetchedAt", "createdAt", "updatedAt"].map((c) => `"${c}"`).join(", ")}) VALUES (${values.join(", ")}) RETURNING "id")`,
  ];
  if (mentions.length)
    parts.push(
      `m AS (INSERT INTO "Mention" ("articleId", "entityId", "count", "firstOffset", "spans") VALUES ${mentions
        .map(
          (row) =>
            `((SELECT "id" FROM a), ${sql.p(row.entityId)}, ${sql.p(row.count)}, ${sql.p(row.firstOffset)}, ${sql.p(row.spans)})`,
        )
        .join(", ")})`,
    );
  if (claims.length)
    parts.push(
      `c AS (INSERT INTO "Claim" ("articleId", "claimantId", "targetId", "type", "stance", "sentence", "start", "end", "confidence") VALUES ${claims
        .map(
          (row) =>
            `((SELECT "id" FROM a), ${sql.list([row.claimantId, row.targetId, row.type, row.stance, row.sentence, row.start, row.end, row.confidence])})`,
        )
        .join(", ")})`,
    );
  const rows = await rawQuery<{ id: number | bigint }>(
    client,
    `WITH ${parts.join(", ")} SELECT "id" FROM a`,
    sql.params,
  );
  return Number(rows[0].id);
}

/**
 * A new article with its mentions and claims on SQLite, inside the caller's transaction: three raw
 * statements (the article with RETURNING, then all its mentions and all its claims), which cost a
 * fraction of the client's own create calls; returns its id.
 */
async function insertArticleSqlite(
  tx: Tx | Db,
  article: Record<string, unknown>,
  mentions: MentionRow[],
  claims: ClaimRow[],
): Promise<number> {
  const now = new Date();
  const columns = [...Object.keys(article), "fetchedAt", "createdAt", "updatedAt"];
  const sql = new Sql("sqlite");
  const values = sql.list([...Object.values(article), now, now, now]);
  const rows = await tx.$queryRawUnsafe<{ id: number | bigint }[]>(
    `INSERT INTO "Article" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${values}) RETURNING "id"`,
    ...sql.params,
  );
  const id = Number(rows[0].id);
  if (mentions.length) {
    const m = new Sql("sqlite");
    const tuples = mentions
      .map((row) => `(${m.list([id, row.entityId, row.count, row.firstOffset, row.spans])})`)
      .join(", ");
    await tx.$executeRawUnsafe(
      `INSERT INTO "Mention" ("articleId", "entityId", "count", "firstOffset", "spans") VALUES ${tuples}`,
      ...m.params,
    );
  }
  if (claims.length) {
    const c = new Sql("sqlite");
    const tuples = claims
      .map(
        (row) =>
          `(${c.list([id, row.claimantId, row.targetId, row.type, row.stance, row.sentence, row.start, row.end, row.confidence])})`,
      )
      .join(", ");
    await tx.$executeRawUnsafe(
      `INSERT INTO "Claim" ("articleId", "claimantId", "targetId", "type", "stance", "sentence", "start", "end", "confidence") VALUES ${tuples}`,
      ...c.params,
    );
  }
  return id;
}

/** A claim's party as an entity: as it was tagged in the text (so a candidate stays unverified). */
function partyOf(mentions: EntityMention[], slug: string, name: string) {
  const mention = mentions.find((m) => m.slug === slug);
  return { name, slug, kind: mention?.kind ?? "other", verified: mention?.verified ?? false };
}

/**
 * A mention's occurrences as stored: "start:end" pairs of offsets into the article's text, comma
 * separated, in text order (compact, and the same text in both databases).
 */
export function encodeSpans(spans: [number, number][]): string {
  return spans.map(([start, end]) => `${start}:${end}`).join(",");
}

/** The occurrences stored by encodeSpans; malformed pairs are dropped. */
export function decodeSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const pair of text ? text.split(",") : []) {
    const [start, end] = pair.split(":").map(Number);
    if (Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && end > start)
      spans.push([start, end]);
  }
  return spans;
}
