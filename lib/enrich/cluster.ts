/**
 * Story clustering: an article joins the story it is most similar to, or starts a new one. Online
 * and incremental (an arriving article is compared with each story's centroid, never re-clustered
 * from scratch), so story ids are assigned once and never renumbered, and no article is ever lost.
 *
 * Similarity leans on what is language-independent: entity slugs (the knowledge base maps "Trung
 * Quốc" and "China" to one slug) and claim keys (type, claimant → target). Words help only between
 * articles in the same language. Countries and other governments weigh little (half the corpus
 * mentions China or the United States), and time decays it all: two events six weeks apart are
 * rarely one story, unless they are steps of one dispute (the same parties, the same kind of
 * claim: a lawsuit's filing, ruling and settlement), which decays over a year instead.
 */

import { foldMarks } from "@/lib/text/fold";
import type { Analysis } from "@/lib/types";
import { contentTerms } from "./summarise";

/** What clustering knows of an article (or, averaged, of a story). Weights are in 0..1. */
export interface StoryFeatures {
  /** Entity slug → weight. Unverified candidates appear as "candidate:<folded name>". */
  entities: Record<string, number>;
  /** "type:distillation", "pair:deepseek~openai", "claim:deepseek~openai:distillation" → weight (pairs unordered). */
  claims: Record<string, number>;
  /** Folded content terms of the article's language → weight; only compared within one language. */
  terms: Record<string, number>;
  /** ISO 8601 or null. */
  publishedAt: string | null;
  language: string;
  /**
   * A story centroid's terms in its other languages, each a running mean over that language's
   * articles (`count`): a story founded in Vietnamese still compares an English article's words
   * with its English members. Absent on an article's own features.
   */
  termsByLanguage?: Record<string, { terms: Record<string, number>; count: number }>;
}

/** A story as the assigner sees it: its centroid and the dates of its oldest and newest articles. */
export interface StoryCandidate {
  id: string;
  centroid: StoryFeatures;
  lastPublishedAt: string | null;
  /**
   * The oldest article's date. With it, an article that arrives late but happened early is judged
   * by the story's nearest end, not its newest date (and a dispute's later step by the span: 0
   * inside it). Without it, only `lastPublishedAt` counts.
   */
  firstPublishedAt?: string | null;
  /** How many articles the centroid averages (1 when unknown). */
  size?: number;
}

/** Options of `assignStory` and `storySimilarity`. */
export interface AssignOptions {
  /** Minimum similarity to join a story (0.37, tuned on the labelled corpus). */
  threshold?: number;
  /**
   * Per-slug multipliers (0..1), e.g. inverse document frequencies over the store, so that an entity
   * in every article (OpenAI, in this domain) counts less than a rare one.
   */
  entityWeights?: Record<string, number>;
  /** Days over which similarity is not decayed at all (10). */
  graceDays?: number;
  /** Decay scale in days beyond the grace period (20): at 45 days apart a match keeps ~17%. */
  decayDays?: number;
  /** The same decay for the dispute reading (same parties, same type of claim): 180 and 540 days. */
  disputeGraceDays?: number;
  disputeDecayDays?: number;
}

const DEFAULT_THRESHOLD = 0.37;
const MAX_TERMS = 40;
const MAX_CENTROID_TERMS = 80;
const MAX_CENTROID_ENTITIES = 40;
const DAY_MS = 86_400_000;

/** Entity kinds that are context, not the event: countries and governments appear everywhere. */
const KIND_WEIGHT: Record<string, number> = {
  company: 1,
  person: 1,
  model: 0.8,
  court: 0.7,
  other: 0.7,
  media: 0.35,
  government: 0.25,
};

function normaliseToMax(record: Record<string, number>): Record<string, number> {
  let max = 0;
  for (const value of Object.values(record)) max = Math.max(max, value);
  if (max === 0) return {};
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(record)) out[key] = value / max;
  return out;
}

function topEntries(
  record: Record<string, number>,
  limit: number,
  floor = 0,
): Record<string, number> {
  const entries = Object.entries(record)
    .filter(([, value]) => value > floor)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit);
  return Object.fromEntries(entries);
}

/** A name folded and without spaces or punctuation, so "Deep Seek" and "DeepSeek" compare equal. */
function foldName(name: string): string {
  return foldMarks(name).replace(/[^\p{L}\p{N}]+/gu, "");
}

function isoOrNull(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * The clustering features of one analysed article: entity weights from mention counts (a name in
 * the title counts extra, governments little), claim keys weighted by confidence, and the most
 * frequent content terms of the text.
 */
export function articleFeatures(
  analysis: Analysis,
  text: string,
  publishedAt: string | Date | null,
): StoryFeatures {
  const entityCounts: Record<string, number> = {};
  const kinds: Record<string, string> = {};
  for (const mention of analysis.mentions) {
    const key = mention.verified ? mention.slug : `candidate:${foldName(mention.name)}`;
    if (!mention.verified && foldName(mention.name).length < 3) continue;
    entityCounts[key] = (entityCounts[key] ?? 0) + 1;
    kinds[key] = mention.verified ? mention.kind : "other";
  }
  const titleFolded = analysis.title ? foldName(analysis.title) : "";
  const entities: Record<string, number> = {};
  for (const [key, count] of Object.entries(entityCounts)) {
    const kindWeight = KIND_WEIGHT[kinds[key]] ?? 0.7;
    const candidate = key.startsWith("candidate:");
    const titled = candidate ? titleFolded.includes(key.slice("candidate:".length)) : false;
    entities[key] = (1 + Math.log(count)) * kindWeight * (candidate ? 0.5 : 1) * (titled ? 1.5 : 1);
  }
  // Verified mentions in the title: their slugs are already counted; boost them too.
  if (analysis.title) {
    for (const mention of analysis.mentions) {
      if (
        mention.verified &&
        titleFolded.includes(foldName(mention.surface)) &&
        entities[mention.slug] !== undefined
      ) {
        entities[mention.slug] *= 1.2;
      }
    }
  }

  const claims: Record<string, number> = {};
  for (const claim of analysis.claims) {
    // The pair is unordered: a denial (DeepSeek → OpenAI) belongs to the dispute it answers.
    const parties = [claim.claimantSlug, claim.targetSlug].sort().join("~");
    const pair = `pair:${parties}`;
    const full = `claim:${parties}:${claim.type}`;
    const type = `type:${claim.type}`;
    const weight = 0.5 + 0.5 * claim.confidence;
    for (const key of [pair, full, type]) claims[key] = (claims[key] ?? 0) + weight;
  }

  const termCounts: Record<string, number> = {};
  const source = analysis.title ? `${analysis.title}\n${analysis.title}\n${text}` : text;
  for (const term of contentTerms(source, analysis.language))
    termCounts[term] = (termCounts[term] ?? 0) + 1;
  const terms = normaliseToMax(topEntries(termCounts, MAX_TERMS, 1));

  return {
    entities: normaliseToMax(entities),
    claims: normaliseToMax(claims),
    terms,
    publishedAt: isoOrNull(publishedAt),
    language: analysis.language,
  };
}

function cosine(
  a: Record<string, number>,
  b: Record<string, number>,
  weight?: (key: string) => number,
): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [key, value] of Object.entries(a)) {
    const w = weight ? weight(key) : 1;
    const weighted = value * w;
    normA += weighted * weighted;
    const other = b[key];
    if (other !== undefined) dot += weighted * other * w;
  }
  for (const [key, value] of Object.entries(b)) {
    const w = weight ? weight(key) : 1;
    normB += value * w * (value * w);
  }
  if (normA === 0 || normB === 0) return 0;
  return dot / Math.sqrt(normA * normB);
}

/**
 * Days from a date to a story: to its nearest end (first or last article) for the event reading,
 * and to its span (0 inside it) for the dispute reading. A long story is a dispute with steps
 * months apart; an article from between two steps is part of it only as another step, never just
 * for naming the same companies. Unknown dates count as 0.
 */
function daysToStory(
  publishedAt: string | null,
  story: StoryCandidate,
): { toEnds: number; toSpan: number } {
  const last = story.lastPublishedAt ?? story.centroid.publishedAt;
  const first = story.firstPublishedAt ?? last;
  if (!publishedAt || !last || !first) return { toEnds: 0, toSpan: 0 };
  const time = new Date(publishedAt).getTime();
  const start = Math.min(new Date(first).getTime(), new Date(last).getTime());
  const end = Math.max(new Date(first).getTime(), new Date(last).getTime());
  const toEnds = Math.min(Math.abs(time - start), Math.abs(time - end)) / DAY_MS;
  const toSpan = time >= start && time <= end ? 0 : toEnds;
  return { toEnds, toSpan };
}

/**
 * How many days from a story's span an article can still join it: beyond this, even a perfect
 * match of the dispute reading decays below the threshold. Candidate lookups use it as their
 * window, so the store never hides a story the similarity would accept.
 */
export function matchHorizonDays(options: AssignOptions = {}): number {
  const threshold = Math.min(0.99, Math.max(0.01, options.threshold ?? DEFAULT_THRESHOLD));
  const event = (options.graceDays ?? 10) + (options.decayDays ?? 20) * Math.log(1 / threshold);
  const dispute =
    (options.disputeGraceDays ?? 180) + (options.disputeDecayDays ?? 540) * Math.log(1 / threshold);
  return Math.ceil(Math.max(event, dispute));
}

/** The time factor of a similarity: 1 within the grace period, then an exponential decay. */
export function timeDecay(days: number, options: AssignOptions = {}): number {
  const grace = options.graceDays ?? 10;
  const scale = options.decayDays ?? 20;
  return days <= grace ? 1 : Math.exp(-(days - grace) / scale);
}

function subset(record: Record<string, number>, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(record)) if (key.startsWith(prefix)) out[key] = value;
  return out;
}

/** A centroid's terms in one language, or null when none of its articles is in that language. */
function termsIn(centroid: StoryFeatures, language: string): Record<string, number> | null {
  if (centroid.language === language) return centroid.terms;
  return centroid.termsByLanguage?.[language]?.terms ?? null;
}

/**
 * Similarity (0..1) of an article to a story centroid, the better of two readings:
 * - the same event: entity, claim and (same language only) term cosines, averaged over the parts
 *   both sides have, decayed over weeks;
 * - the same dispute: the same parties accusing each other of the same kind of thing, which keeps
 *   a lawsuit's filing, ruling and settlement together across months, decayed over a year.
 * Two articles whose claims share neither parties nor type are about different disputes even when
 * they name the same companies (OpenAI v. DeepSeek distillation, Garante v. DeepSeek privacy).
 */
export function storySimilarity(
  article: StoryFeatures,
  story: StoryCandidate,
  options: AssignOptions = {},
): number {
  const weights = options.entityWeights;
  const entityWeight = weights ? (key: string) => weights[key] ?? 1 : undefined;
  const entitySimilarity = cosine(article.entities, story.centroid.entities, entityWeight);
  const articleHasClaims = Object.keys(article.claims).length > 0;
  const storyHasClaims = Object.keys(story.centroid.claims).length > 0;
  const bothClaims = articleHasClaims && storyHasClaims;
  const pairSimilarity = bothClaims
    ? cosine(subset(article.claims, "pair:"), subset(story.centroid.claims, "pair:"))
    : 0;
  const claimSimilarity = bothClaims
    ? cosine(subset(article.claims, "claim:"), subset(story.centroid.claims, "claim:"))
    : 0;
  const typeSimilarity = bothClaims
    ? cosine(subset(article.claims, "type:"), subset(story.centroid.claims, "type:"))
    : 0;

  const parts: Array<[number, number]> = [[0.5, entitySimilarity]];
  if (bothClaims)
    parts.push([0.35, 0.4 * pairSimilarity + 0.3 * claimSimilarity + 0.3 * typeSimilarity]);
  const storyTerms = termsIn(story.centroid, article.language);
  if (storyTerms && Object.keys(article.terms).length > 0) {
    parts.push([0.25, cosine(article.terms, storyTerms)]);
  }
  let total = 0;
  let weightSum = 0;
  for (const [weight, value] of parts) {
    total += weight * value;
    weightSum += weight;
  }
  let event = weightSum === 0 ? 0 : total / weightSum;
  if (bothClaims && pairSimilarity === 0 && typeSimilarity === 0) event *= 0.5;
  const days = daysToStory(article.publishedAt, story);
  event *= timeDecay(days.toEnds, options);

  let dispute = 0;
  if (bothClaims && claimSimilarity > 0) {
    dispute =
      (0.5 * claimSimilarity + 0.3 * pairSimilarity + 0.2 * typeSimilarity) *
      (0.5 + 0.5 * entitySimilarity);
    dispute *= timeDecay(days.toSpan, {
      graceDays: options.disputeGraceDays ?? 180,
      decayDays: options.disputeDecayDays ?? 540,
    });
  }
  return Math.max(event, dispute);
}

/**
 * The story an article belongs to: the most similar candidate at or above the threshold, or
 * `storyId: null` when none is (the caller then creates a new story). Ties go to the candidate
 * listed first, so the result does not depend on hash order.
 */
export function assignStory(
  article: StoryFeatures,
  stories: readonly StoryCandidate[],
  options: AssignOptions = {},
): { storyId: string | null; score: number } {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  let bestId: string | null = null;
  let bestScore = 0;
  for (const story of stories) {
    const score = storySimilarity(article, story, options);
    if (score > bestScore) {
      bestScore = score;
      bestId = story.id;
    }
  }
  return bestScore >= threshold
    ? { storyId: bestId, score: bestScore }
    : { storyId: null, score: bestScore };
}

function mergeRecord(
  centroid: Record<string, number>,
  added: Record<string, number>,
  size: number,
  limit: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  const keys = new Set([...Object.keys(centroid), ...Object.keys(added)]);
  for (const key of keys) out[key] = ((centroid[key] ?? 0) * size + (added[key] ?? 0)) / (size + 1);
  return topEntries(out, limit, 0.01);
}

/**
 * The centroid of a story after an article joins it: a running mean of the weights (`size` is how
 * many articles the centroid already averages), trimmed to the strongest entries; the language
 * stays the story's first one and the date becomes the newest. Words are averaged per language:
 * the first language's in `terms`, any other's in `termsByLanguage`.
 */
export function mergeIntoCentroid(
  centroid: StoryFeatures,
  article: StoryFeatures,
  size: number,
): StoryFeatures {
  const n = Math.max(1, size);
  const dates = [centroid.publishedAt, article.publishedAt]
    .filter((value): value is string => value !== null)
    .sort();
  const merged: StoryFeatures = {
    entities: mergeRecord(centroid.entities, article.entities, n, MAX_CENTROID_ENTITIES),
    claims: mergeRecord(centroid.claims, article.claims, n, MAX_CENTROID_ENTITIES),
    terms:
      centroid.language === article.language
        ? mergeRecord(centroid.terms, article.terms, n, MAX_CENTROID_TERMS)
        : centroid.terms,
    publishedAt: dates.length > 0 ? dates[dates.length - 1] : null,
    language: centroid.language,
  };
  const byLanguage = { ...(centroid.termsByLanguage ?? {}) };
  if (centroid.language !== article.language && Object.keys(article.terms).length > 0) {
    const previous = byLanguage[article.language];
    byLanguage[article.language] = previous
      ? {
          terms: mergeRecord(previous.terms, article.terms, previous.count, MAX_CENTROID_TERMS),
          count: previous.count + 1,
        }
      : { terms: article.terms, count: 1 };
  }
  if (Object.keys(byLanguage).length > 0) merged.termsByLanguage = byLanguage;
  return merged;
}

/**
 * Inverse-document-frequency multipliers for entity slugs over a set of articles: an entity in
 * every article weighs 0.15, one in a single article 1. Used by batch clustering and available to
 * the store, which can compute it over all articles.
 */
export function entityIdf(features: readonly StoryFeatures[]): Record<string, number> {
  const documentFrequency: Record<string, number> = {};
  for (const feature of features)
    for (const key of Object.keys(feature.entities))
      documentFrequency[key] = (documentFrequency[key] ?? 0) + 1;
  return entityIdfFromCounts(documentFrequency, features.length);
}

/**
 * The same multipliers from counts the caller already has (how many of `count` articles mention
 * each slug), so the store can weigh entities by all its articles without loading them. Keys
 * missing from `documentFrequency` get no multiplier (1 when used).
 */
export function entityIdfFromCounts(
  documentFrequency: Readonly<Record<string, number>>,
  count: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  if (count < 4) return out;
  for (const [key, df] of Object.entries(documentFrequency)) {
    if (df <= 0) continue;
    out[key] = Math.max(0.15, Math.min(1, Math.log((count + 1) / df) / Math.log(count + 1)));
  }
  return out;
}

/**
 * Clusters a batch of articles (the CLI's `cluster` command): oldest first, each joins the best
 * story so far or founds one; the story key is the id of its founding article. Every input id is
 * in the result.
 */
export function clusterBatch<Id extends string>(
  items: ReadonlyArray<{ id: Id; features: StoryFeatures }>,
  options: AssignOptions = {},
): Map<Id, string> {
  const ordered = items
    .map((item, index) => ({ ...item, index }))
    .sort((a, b) => {
      const left = a.features.publishedAt;
      const right = b.features.publishedAt;
      if (left === right) return a.index - b.index;
      if (left === null) return 1;
      if (right === null) return -1;
      return left < right ? -1 : 1;
    });
  const entityWeights = options.entityWeights ?? entityIdf(items.map((item) => item.features));
  const stories: Array<StoryCandidate & { size: number }> = [];
  const result = new Map<Id, string>();
  for (const item of ordered) {
    const { storyId } = assignStory(item.features, stories, { ...options, entityWeights });
    const story =
      storyId === null ? undefined : stories.find((candidate) => candidate.id === storyId);
    if (!story) {
      stories.push({
        id: item.id,
        centroid: item.features,
        lastPublishedAt: item.features.publishedAt,
        firstPublishedAt: item.features.publishedAt,
        size: 1,
      });
      result.set(item.id, item.id);
      continue;
    }
    story.centroid = mergeIntoCentroid(story.centroid, item.features, story.size);
    story.size += 1;
    const dates = [story.firstPublishedAt ?? null, story.lastPublishedAt, item.features.publishedAt]
      .filter((value): value is string => value !== null)
      .sort();
    story.lastPublishedAt = dates.length > 0 ? dates[dates.length - 1] : null;
    story.firstPublishedAt = dates.length > 0 ? dates[0] : null;
    result.set(item.id, story.id);
  }
  return result;
}
