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

/**
 * Inserts or updates an article by canonical URL, replacing its mentions and claims, inside the
 * given transaction. Returns the article id.
 *
 * With `isNew` (the caller found no article at this URL just before), the article is created
 * outright and the reads and deletes an update needs are skipped: a third of an article's
 * statements. Should another writer have stored the URL meanwhile, the insert fails on the unique
 * key; the caller's retry (retryOnConflict) then writes again without the hint.
 */
export async function writeArticle(
  tx: Tx,
  input: ArticleInput,
  options: { isNew?: boolean } = {},
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

  const bySlug = new Map<string, { count: number; first: number; spans: [number, number][] }>();
  for (const mention of input.mentions) {
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
  if (bySlug.size) {
    await tx.mention.createMany({
      data: [...bySlug].map(([slug, { count, first, spans }]) => ({
        articleId: article.id,
        entityId: ids.get(slug)!,
        count,
        firstOffset: first,
        spans: encodeSpans(spans),
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
  if (options.isNew) return article.id;
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
