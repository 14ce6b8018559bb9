/**
 * Articles with their mentions and claims, written in one transaction per article; and the reads
 * the pipeline needs to stay idempotent (by canonical URL) and to find copies (by content hash,
 * by SimHash among recent articles).
 */
import { cjkSearchGrams } from "@/lib/search/cjk";
import type { Claim, EntityMention } from "@/lib/types";
import { clientKind, type Db } from "./db";
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

/** The stored article for a canonical URL, or null. */
export async function findArticleByUrl(db: Db, canonicalUrl: string) {
  return db.article.findUnique({
    where: { canonicalUrl },
    select: { id: true, contentHash: true, duplicateOfId: true },
  });
}

/** The first stored original with exactly this content, or null. */
export async function findArticleByHash(db: Db, contentHash: string) {
  return db.article.findFirst({
    where: { contentHash, duplicateOfId: null },
    orderBy: { id: "asc" },
    select: { id: true, canonicalUrl: true },
  });
}

/** Where writeArticle may keep the entity ids it has read or created, for the next article (one worker's). */
export type EntityIdCache = Map<string, number>;

/**
 * Inserts or updates an article by canonical URL, replacing its mentions and claims, inside the
 * given transaction. Returns the article id.
 *
 * With `isNew` (the caller found no article at this URL just before), the article is created
 * outright and the reads and deletes an update needs are skipped: on PostgreSQL the article, its
 * mentions and its claims are one statement, so a caller that writes nothing else may run it
 * without a transaction. Should another writer have stored the URL meanwhile, the insert fails on
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
  if (!options.isNew) await uncountArticle(tx, input.canonicalUrl);
  if (options.isNew && clientKind(tx) === "postgresql") {
    const id = await insertArticleWithRows(
      tx,
      { canonicalUrl: input.canonicalUrl, ...data },
      mentions,
      claims,
    );
    await countArticles(tx, [id]);
    return id;
  }
  const article = options.isNew
    ? await tx.article.create({
        data: { canonicalUrl: input.canonicalUrl, ...data },
        select: { id: true },
      })
    : await tx.article.upsert({
        where: { canonicalUrl: input.canonicalUrl },
        create: { canonicalUrl: input.canonicalUrl, ...data },
        update: data,
        select: { id: true },
      });
  if (!options.isNew) {
    await tx.mention.deleteMany({ where: { articleId: article.id } });
    await tx.claim.deleteMany({ where: { articleId: article.id } });
  }
  if (mentions.length)
    await tx.mention.createMany({
      data: mentions.map((row) => ({ articleId: article.id, ...row })),
    });
  if (claims.length)
    await tx.claim.createMany({ data: claims.map((row) => ({ articleId: article.id, ...row })) });
  await countArticles(tx, [article.id]);
  if (options.isNew) return article.id;
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
  const rows = await client.$queryRawUnsafe<{ id: number }[]>(
    `WITH ${parts.join(", ")} SELECT "id" FROM a`,
    ...sql.params,
  );
  return Number(rows[0].id);
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
