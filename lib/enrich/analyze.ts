/**
 * Everything enrichment makes of one article, in one pure call: boilerplate dropped, language,
 * entity mentions, claims, an extractive summary and a relevance score. No store, no network, no
 * clock, no files: the knowledge base and the vocabulary are handed in (loadAnalysisResources reads
 * the bundled ones), so the same text always gives the same analysis and the function can be
 * benchmarked and tested on saved pages. `lib/enrich/index.ts` is the place that stores its result.
 */

import type { Analysis, EntityRef } from "@/lib/types";
import { extractClaims } from "./claims";
import { tagEntities, uniqueEntities } from "./entities";
import { loadKnowledgeBase, type KnowledgeBase } from "./knowledge-base";
import { detectLanguage } from "./language";
import { loadVocabulary, scoreRelevance, type Vocabulary } from "./relevance";
import { stripBoilerplate, summariseArticle } from "./summarise";
import { splitSentences } from "./text";

/** One article to analyse. */
export interface AnalyzeInput {
  /** Plain text, paragraphs separated by a blank line (as the extractor gives it). */
  text: string;
  title?: string | null;
  /** The language the page or feed declares; the text's own language wins when it clearly differs. */
  languageHint?: string | null;
  /** Summary length in sentences (3). */
  summarySentences?: number;
}

/** What the analysis matches against: the entity knowledge base and the relevance vocabulary. */
export interface AnalysisResources {
  kb: KnowledgeBase;
  vocabulary: Vocabulary;
}

/**
 * The bundled knowledge base (knowledge/) and a vocabulary: `vocabularyFile` when given (a
 * deployment's own VOCABULARY_FILE), else knowledge/vocabulary.json. Both are read once per process.
 */
export function loadAnalysisResources(vocabularyFile?: string): AnalysisResources {
  return { kb: loadKnowledgeBase(), vocabulary: loadVocabulary(vocabularyFile) };
}

/** The company (or lab, or person) behind a model, from the knowledge base's `related` slugs. */
function makerOf(kb: KnowledgeBase, slug: string): EntityRef | undefined {
  for (const related of kb.bySlug(slug)?.related ?? []) {
    const entity = kb.bySlug(related);
    if (entity && entity.kind !== "model")
      return { name: entity.name, slug: entity.slug, kind: entity.kind };
  }
  return undefined;
}

/**
 * Analyses one article. Offsets in mentions and claims refer to `input.text`: boilerplate (a footer
 * of adverts, call-to-action lines) is blanked or cut, never shifted, so nothing found there can
 * appear in entities, claims or the summary. `entities` holds knowledge-base entities only;
 * discovered candidate names stay in `mentions` with `verified: false`.
 */
export function analyzeArticle(input: AnalyzeInput, resources: AnalysisResources): Analysis {
  const { kb, vocabulary } = resources;
  const title = input.title?.trim() ? input.title.trim() : null;
  const body = stripBoilerplate(input.text);
  const language = detectLanguage(title ? `${title}\n\n${body}` : body, input.languageHint ?? null);
  const mentions = tagEntities(body, { language, title, kb });
  const sentences = splitSentences(body, language);
  const claims = extractClaims(body, mentions, {
    language,
    sentences,
    title,
    makerOf: (slug) => makerOf(kb, slug),
    relatedTo: (slug) => kb.bySlug(slug)?.related ?? [],
    describe: (slug) => kb.bySlug(slug)?.description,
  });
  const summary = summariseArticle(body, {
    language,
    title,
    sentences,
    maxSentences: input.summarySentences ?? 3,
  });
  const entities = uniqueEntities(mentions.filter((mention) => mention.verified));
  const relevance = scoreRelevance(body, { title, language, vocabulary });
  return { language, title, summary, entities, mentions, claims, relevance };
}
