/**
 * The ordinary words "did you mean" corrects a misspelling to: the relevance vocabulary's words
 * (knowledge/vocabulary.json, AI and dispute terms in every language it lists) and the claim
 * words search reads (lib/search/understand.ts), folded as the indexes fold them. Data, not the
 * archive: the same on both databases, and cheap to hold.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findKnowledgeDir } from "@/lib/enrich/knowledge-base";
import { CLAIM_VERBS, CLAIM_WORDS } from "./understand";
import { wordsOf } from "./words";

/** Shorter words are left alone: one edit away from too many others. */
export const MIN_CORRECTED_LENGTH = 4;

const cache = new Map<string, ReadonlySet<string>>();

/** The words of a list of terms ("distill*" counts as "distill"; "^0.5" weights dropped). */
export function dictionaryWords(terms: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const term of terms)
    for (const word of wordsOf(term.replace(/\^[\d.]+$/, "")))
      if (word.length >= MIN_CORRECTED_LENGTH && /^\p{L}+$/u.test(word)) words.add(word);
  return words;
}

/** The dictionary of the knowledge folder (the repository's own unless given), read once. */
export function searchDictionary(knowledgeDir: string = findKnowledgeDir()): ReadonlySet<string> {
  let words = cache.get(knowledgeDir);
  if (!words) {
    const vocabulary = JSON.parse(
      readFileSync(join(knowledgeDir, "vocabulary.json"), "utf8"),
    ) as Record<string, unknown>;
    const terms: string[] = [];
    for (const part of [vocabulary.ai, vocabulary.dispute])
      if (part && typeof part === "object")
        for (const list of Object.values(part))
          if (Array.isArray(list)) terms.push(...list.filter((t) => typeof t === "string"));
    terms.push(...Object.values(CLAIM_WORDS).flat(), ...CLAIM_VERBS);
    words = dictionaryWords(terms);
    cache.set(knowledgeDir, words);
  }
  return words;
}
