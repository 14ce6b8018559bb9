/**
 * Enrichment steps that need the store: placing an analysed article in a story (incremental
 * clustering against recent stories, then the story's title and summary refreshed) and syncing the
 * curated knowledge base into the entity tables. The analysis itself is pure (analyze.ts).
 */
import type { Db } from "@/lib/store/db";
import { syncKnowledgeBase } from "@/lib/store/entities";
import {
  attachToStory,
  entityDocumentFrequencies,
  finishPlacement,
  storyArticlesForSummary,
  storyCandidates,
  updateStoryText,
} from "@/lib/store/stories";
import type { Analysis } from "@/lib/types";
import {
  articleFeatures,
  assignStory,
  entityIdfFromCounts,
  matchHorizonDays,
  mergeIntoCentroid,
  type StoryCandidate,
  type StoryFeatures,
} from "./cluster";
import { loadKnowledgeBase } from "./knowledge-base";
import { STORY_SUMMARY_ARTICLES, summariseStory } from "./summarise";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface Placement {
  articleId: number;
  analysis: Analysis;
  text: string;
  title: string;
  publishedAt: Date;
  isSample: boolean;
  /** The article was first stored in this transaction (lets the store skip moving it between stories). */
  isNew?: boolean;
}

function parseCentroid(json: string): StoryFeatures | null {
  try {
    const value = JSON.parse(json) as StoryFeatures;
    return value && typeof value === "object" && value.entities ? value : null;
  } catch {
    return null;
  }
}

/**
 * Entity multipliers over the stored articles (those placed in stories, plus this one), as batch
 * clustering weighs them over its articles: an entity most articles name (OpenAI, here) tells
 * stories apart least. Counted per slug the comparison involves, never by loading articles.
 */
async function storedEntityWeights(
  tx: Tx,
  features: StoryFeatures,
  candidates: readonly StoryCandidate[],
): Promise<Record<string, number>> {
  const slugs = new Set(Object.keys(features.entities));
  for (const candidate of candidates)
    for (const key of Object.keys(candidate.centroid.entities)) slugs.add(key);
  const verified = [...slugs].filter((key) => !key.startsWith("candidate:"));
  const { total, counts } = await entityDocumentFrequencies(tx, verified);
  // The article in hand is stored but not yet placed: it counts as one more document.
  for (const key of Object.keys(features.entities)) counts[key] = (counts[key] ?? 0) + 1;
  return entityIdfFromCounts(counts, total + 1);
}

/**
 * Puts an article into the story it is most similar to, or founds a new one, inside the caller's
 * transaction; then refreshes the story's centroid, title and summary. Returns the story id.
 */
export async function placeInStory(tx: Tx, placement: Placement): Promise<number> {
  const features = articleFeatures(placement.analysis, placement.text, placement.publishedAt);
  // Every story the similarity could still accept: a dispute's later step may come a year on.
  const rows = await storyCandidates(tx, placement.publishedAt, matchHorizonDays());
  const candidates: (StoryCandidate & { size: number })[] = [];
  for (const row of rows) {
    const centroid = parseCentroid(row.centroid);
    if (centroid) {
      candidates.push({
        id: String(row.id),
        centroid,
        lastPublishedAt: row.lastPublishedAt?.toISOString() ?? null,
        firstPublishedAt: row.firstPublishedAt?.toISOString() ?? null,
        size: row.articleCount,
      });
    }
  }
  const entityWeights = await storedEntityWeights(tx, features, candidates);
  const { storyId, score } = assignStory(features, candidates, { entityWeights });
  const chosen =
    storyId === null ? undefined : candidates.find((candidate) => candidate.id === storyId);
  const centroid = chosen ? mergeIntoCentroid(chosen.centroid, features, chosen.size) : features;
  const centroidText = JSON.stringify(centroid);
  const id = await attachToStory(tx, {
    articleId: placement.articleId,
    storyId: chosen ? Number(chosen.id) : null,
    score: chosen ? score : 1,
    centroid: centroidText,
    title: placement.title,
    publishedAt: placement.publishedAt,
    isSample: placement.isSample,
    isNew: placement.isNew,
    storyIsSample: chosen ? rows.find((row) => String(row.id) === chosen.id)?.isSample : undefined,
    // A new article's story gets its aggregates with its title and summary, below.
    deferAggregates: placement.isNew,
  });
  const articles = await storyArticlesForSummary(tx, id, STORY_SUMMARY_ARTICLES);
  const summary = summariseStory(
    articles.map((article) => ({
      title: article.title,
      text: article.text,
      summary: article.summary,
      language: article.language,
      publishedAt: article.publishedAt,
    })),
  );
  // The story is named after its earliest article: the event as first reported.
  const title = articles[0]?.title ?? placement.title;
  if (placement.isNew) await finishPlacement(tx, id, { centroid: centroidText, title, summary });
  else await updateStoryText(tx, id, title, summary);
  return id;
}

/** Writes the curated knowledge base (knowledge/) into the entity tables. */
export async function syncKnowledgeBaseToDb(db: Db): Promise<{ created: number; updated: number }> {
  const kb = loadKnowledgeBase();
  return syncKnowledgeBase(
    db,
    kb.entities.map((entity) => ({
      name: entity.name,
      slug: entity.slug,
      kind: entity.kind,
      aliases: entity.aliases,
      description: entity.description,
    })),
  );
}
