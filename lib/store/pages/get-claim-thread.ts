/** One claim thread: every sentence in which a claimant accuses a target of one type of wrong. */
import { groupClaimThreads, type ClaimThread } from "../../enrich/threads";
import type { ClaimType, Stance } from "../../types";
import type { Db } from "../db";
import { hostOf } from "./get-story";

export interface ThreadSentence {
  claimId: number;
  sentence: string;
  stance: string;
  confidence: number;
  article: { id: number; title: string; url: string; source: string; language: string; publishedAt: Date | null; storyId: number | null };
}

export interface ClaimThreadDetail {
  claimant: { slug: string; name: string };
  target: { slug: string; name: string };
  type: string;
  /** Stances in time order, repeats collapsed (from groupClaimThreads). */
  thread: ClaimThread;
  /** Oldest first. */
  sentences: ThreadSentence[];
}

/** Loads a thread; null when either party is unknown or nothing carries that claim (the page answers 404). */
export async function getClaimThread(db: Db, claimantSlug: string, targetSlug: string, type: string): Promise<ClaimThreadDetail | null> {
  const [claimant, target] = await Promise.all([
    db.entity.findUnique({ where: { slug: claimantSlug }, select: { id: true, slug: true, name: true } }),
    db.entity.findUnique({ where: { slug: targetSlug }, select: { id: true, slug: true, name: true } }),
  ]);
  if (!claimant || !target) return null;
  const claims = await db.claim.findMany({
    where: { claimantId: claimant.id, targetId: target.id, type },
    include: {
      article: { select: { id: true, title: true, url: true, sourceName: true, language: true, publishedAt: true, story: { select: { storyId: true } } } },
    },
  });
  if (claims.length === 0) return null;
  const sentences: ThreadSentence[] = claims
    .map((c) => ({
      claimId: c.id,
      sentence: c.sentence,
      stance: c.stance,
      confidence: c.confidence,
      article: {
        id: c.article.id,
        title: c.article.title,
        url: c.article.url,
        source: c.article.sourceName ?? hostOf(c.article.url),
        language: c.article.language,
        publishedAt: c.article.publishedAt,
        storyId: c.article.story?.storyId ?? null,
      },
    }))
    .sort((a, b) => (a.article.publishedAt?.getTime() ?? 0) - (b.article.publishedAt?.getTime() ?? 0) || a.claimId - b.claimId);
  const [thread] = groupClaimThreads(
    sentences.map((s) => ({
      claim: {
        claimant: claimant.name,
        target: target.name,
        claimantSlug: claimant.slug,
        targetSlug: target.slug,
        type: type as ClaimType,
        stance: s.stance as Stance,
        sentence: s.sentence,
        start: 0,
        end: 0,
        confidence: s.confidence,
      },
      articleId: String(s.article.id),
      publishedAt: s.article.publishedAt,
      source: s.article.source,
    })),
  );
  return { claimant: { slug: claimant.slug, name: claimant.name }, target: { slug: target.slug, name: target.name }, type, thread: thread!, sentences };
}
