/**
 * Relevance: how much a text is about AI *and* about a dispute. The store keeps articles that score
 * at least the configured RELEVANCE_THRESHOLD (lib/config.ts) in the timeline. The vocabulary (knowledge/vocabulary.json) is data, editable without
 * touching code, and multilingual: every language's list is applied to every text, since articles
 * mix languages ("model AI", "chưng cất (distillation)").
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { findKnowledgeDir, matchTokens, type MatchToken } from "./knowledge-base";

/** Occurrences of one term counted at most this many times: one word repeated is not a topic. */
const MAX_COUNT_PER_TERM = 3;
/** Title matches weigh this many times a body match. */
const TITLE_WEIGHT = 2;
/** Evidence at which each factor reaches 1 - 1/e. */
const AI_SCALE = 4;
const DISPUTE_SCALE = 3;
/** Body length (tokens) beyond which counts are damped, so long texts do not win by sheer size. */
const REFERENCE_LENGTH = 500;

interface Term {
  tokens: string[];
  /** Compare raw text (terms written with capitals: "AI"), per token. */
  exact: boolean[];
  prefixLast: boolean;
  weight: number;
  id: number;
}

/** A compiled vocabulary: AI terms and dispute terms, indexed by their first token. */
export interface Vocabulary {
  ai: TermIndex;
  dispute: TermIndex;
}

interface TermIndex {
  byFirst: Map<string, Term[]>;
  /** Single-token prefix terms ("accus*"), by their first three characters. */
  prefixes: Map<string, Term[]>;
  size: number;
}

const listsSchema = z.record(z.string(), z.array(z.string().min(1)));
const vocabularySchema = z.object({ ai: listsSchema, dispute: listsSchema });

function compile(lists: Record<string, string[]>): TermIndex {
  const index: TermIndex = { byFirst: new Map(), prefixes: new Map(), size: 0 };
  let id = 0;
  for (const entries of Object.values(lists)) {
    for (const entry of entries) {
      const [text, weightText] = entry.split("^");
      const weight = weightText ? Number(weightText) : 1;
      const prefixLast = text.endsWith("*");
      const tokens = matchTokens(prefixLast ? text.slice(0, -1) : text);
      if (tokens.length === 0 || !Number.isFinite(weight)) continue;
      const term: Term = {
        tokens: tokens.map((t) => (/\p{Lu}/u.test(t.raw) ? t.raw : t.key)),
        exact: tokens.map((t) => /\p{Lu}/u.test(t.raw)),
        prefixLast,
        weight,
        id: id++,
      };
      if (prefixLast && tokens.length === 1) {
        const key = term.tokens[0].slice(0, 3);
        index.prefixes.set(key, [...(index.prefixes.get(key) ?? []), term]);
      } else {
        const key = term.tokens[0];
        index.byFirst.set(key, [...(index.byFirst.get(key) ?? []), term]);
      }
      index.size++;
    }
  }
  return index;
}

/** Compiles a vocabulary object of the vocabulary.json shape ({ai: {lang: [...]}, dispute: {...}}). */
export function createVocabulary(data: unknown): Vocabulary {
  const parsed = vocabularySchema.safeParse(data);
  if (!parsed.success) {
    throw new AppError(
      "CONFIG_INVALID",
      `ingest/relevance: vocabulary must be {ai: {lang: [terms]}, dispute: {lang: [terms]}}: ${parsed.error.issues[0]?.message}`,
    );
  }
  return { ai: compile(parsed.data.ai), dispute: compile(parsed.data.dispute) };
}

const cache = new Map<string, Vocabulary>();

/**
 * Reads and compiles a vocabulary file; by default knowledge/vocabulary.json under the repository
 * root. Cached per path for the life of the process.
 */
export function loadVocabulary(path?: string): Vocabulary {
  const file = path ?? join(findKnowledgeDir(), "vocabulary.json");
  let vocabulary = cache.get(file);
  if (!vocabulary) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new AppError(
        "CONFIG_INVALID",
        `ingest/relevance: cannot read vocabulary ${file}`,
        undefined,
        { cause: error },
      );
    }
    vocabulary = createVocabulary(data);
    cache.set(file, vocabulary);
  }
  return vocabulary;
}

function tokenMatches(term: Term, k: number, token: MatchToken): boolean {
  const wanted = term.tokens[k];
  const actual = term.exact[k] ? token.raw : token.key;
  if (term.prefixLast && k === term.tokens.length - 1) return actual.startsWith(wanted);
  return actual === wanted;
}

/** Weighted evidence for one term index: sum over terms of weight × min(count, cap). */
function evidence(tokens: MatchToken[], index: TermIndex): number {
  const counts = new Map<Term, number>();
  const bump = (term: Term) => counts.set(term, (counts.get(term) ?? 0) + 1);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token.isWord && token.key !== "-" && token.key !== ".") continue;
    const candidates = [
      ...(index.byFirst.get(token.key) ?? []),
      ...(token.raw !== token.key ? (index.byFirst.get(token.raw) ?? []) : []),
    ];
    let longest: Term | null = null;
    for (const term of candidates) {
      if (i + term.tokens.length > tokens.length) continue;
      let ok = true;
      for (let k = 0; k < term.tokens.length && ok; k++) ok = tokenMatches(term, k, tokens[i + k]);
      if (ok && (!longest || term.tokens.length > longest.tokens.length)) longest = term;
    }
    if (longest) {
      bump(longest);
      i += longest.tokens.length - 1;
      continue;
    }
    for (const term of index.prefixes.get(token.key.slice(0, 3)) ?? []) {
      if (tokenMatches(term, 0, token)) {
        bump(term);
        break;
      }
    }
  }
  let total = 0;
  for (const [term, count] of counts) total += term.weight * Math.min(count, MAX_COUNT_PER_TERM);
  return total;
}

/**
 * How much a text is about AI and a dispute, from 0 to 1: the product of an AI factor and a
 * dispute factor, each saturating with the weighted count of vocabulary terms (capped per term,
 * damped for long texts, title counted double). A product, so an AI product review without a
 * dispute, or a court case without AI, stays low.
 */
export function scoreRelevance(
  text: string,
  options: { title?: string | null; language?: string; vocabulary?: Vocabulary } = {},
): number {
  const vocabulary = options.vocabulary ?? loadVocabulary();
  const body = matchTokens(text);
  const title = options.title ? matchTokens(options.title) : [];
  const words = body.reduce((n, t) => n + (t.isWord ? 1 : 0), 0);
  const damping = words > REFERENCE_LENGTH ? Math.sqrt(REFERENCE_LENGTH / words) : 1;

  const ai =
    evidence(body, vocabulary.ai) * damping + TITLE_WEIGHT * evidence(title, vocabulary.ai);
  const dispute =
    evidence(body, vocabulary.dispute) * damping +
    TITLE_WEIGHT * evidence(title, vocabulary.dispute);
  const score = (1 - Math.exp(-ai / AI_SCALE)) * (1 - Math.exp(-dispute / DISPUTE_SCALE));
  return Math.round(score * 1000) / 1000;
}
