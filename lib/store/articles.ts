/**
 * Articles with their mentions and claims, written in one transaction per article; and the reads
 * the pipeline needs to stay idempotent (by canonical URL) and to find copies (by content hash,
 * by SimHash among recent articles).
 */
import { cjkSearchGrams } from "@/lib/search/cjk";
import type { Claim, EntityMention } from "@/lib/types";
import type { Db } from "./db";
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

/** SimHashes of recent original articles, for near-duplicate search. */
export async function recentSimhashes(
  db: Db,
  since: Date,
  take = 5000,
): Promise<{ id: number; simhash: string }[]> {
  const rows = await db.article.findMany({
    where: {
      duplicateOfId: null,
      simhash: { not: null },
      OR: [{ publishedAt: { gte: since } }, { publishedAt: null }],
    },
    select: { id: true, simhash: true },
    orderBy: { id: "desc" },
    take,
  });
  return rows.map((row) => ({ id: row.id, simhash: row.simhash! }));
}

/**
 * Inserts or updates an article by canonical URL, replacing its mentions and claims, inside the
 * given transaction. Returns the article id.
 */
export async function writeArticle(tx: Tx, input: ArticleInput): Promise<number> {
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
  const ids = await ensureEntities(tx, refs);
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
  const article = await tx.article.upsert({
    where: { canonicalUrl: input.canonicalUrl },
    create: { canonicalUrl: input.canonicalUrl, ...data },
    update: data,
    select: { id: true },
  });
  await tx.mention.deleteMany({ where: { articleId: article.id } });
  await tx.claim.deleteMany({ where: { articleId: article.id } });

  const counts = new Map<string, { count: number; first: number }>();
  for (const mention of input.mentions) {
    const entry = counts.get(mention.slug);
    if (entry) entry.count++;
    else counts.set(mention.slug, { count: 1, first: mention.start });
  }
  if (counts.size) {
    await tx.mention.createMany({
      data: [...counts].map(([slug, { count, first }]) => ({
        articleId: article.id,
        entityId: ids.get(slug)!,
        count,
        firstOffset: first,
      })),
    });
  }
  const seen = new Set<string>();
  const claims = input.claims.filter((claim) => {
    const key = `${claim.claimantSlug}|${claim.targetSlug}|${claim.type}|${claim.stance}|${claim.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (claims.length) {
    await tx.claim.createMany({
      data: claims.map((claim) => ({
        articleId: article.id,
        claimantId: ids.get(claim.claimantSlug)!,
        targetId: ids.get(claim.targetSlug)!,
        type: claim.type,
        stance: claim.stance,
        sentence: claim.sentence,
        start: claim.start,
        end: claim.end,
        confidence: claim.confidence,
      })),
    });
  }
  // Stored again while placed in a story: that story's counts and card follow (placement may move it later).
  const placed = await tx.storyArticle.findUnique({
    where: { articleId: article.id },
    select: { storyId: true },
  });
  if (placed) await refreshStoryAggregates(tx, placed.storyId);
  return article.id;
}

/** A claim's party as an entity: as it was tagged in the text (so a candidate stays unverified). */
function partyOf(mentions: EntityMention[], slug: string, name: string) {
  const mention = mentions.find((m) => m.slug === slug);
  return { name, slug, kind: mention?.kind ?? "other", verified: mention?.verified ?? false };
}
