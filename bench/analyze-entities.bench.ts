/**
 * Speed of entity tagging (and relevance scoring) on real news text: the 91 article bodies of
 * ../shared/bench/extraction/ground-truth.json, read in place.
 *   npx tsx bench/analyze-entities.bench.ts
 */
import { readFileSync } from "node:fs";
import { tagEntities } from "@/lib/enrich/entities";
import { loadKnowledgeBase } from "@/lib/enrich/knowledge-base";
import { scoreRelevance } from "@/lib/enrich/relevance";
import { sharedPath } from "@/scripts/support/shared";

const truth = JSON.parse(
  readFileSync(sharedPath("bench", "extraction", "ground-truth.json"), "utf8"),
) as Record<string, { articleBody: string }>;
const bodies = Object.values(truth).map((page) => page.articleBody);
const seed = readFileSync(sharedPath("seeds", "000_bb0ccbdd8d08316c.txt"), "utf8");
bodies.push(seed.slice(0, seed.indexOf("==***==")));
const chars = bodies.reduce((n, b) => n + b.length, 0);

let started = performance.now();
const kb = loadKnowledgeBase();
console.log(
  `knowledge base: ${kb.entities.length} entities, loaded and compiled in ${(performance.now() - started).toFixed(1)} ms`,
);

function measure(label: string, run: (text: string) => unknown, rounds = 5): void {
  for (const body of bodies) run(body); // warm-up
  started = performance.now();
  for (let r = 0; r < rounds; r++) for (const body of bodies) run(body);
  const ms = (performance.now() - started) / rounds;
  console.log(
    `${label}: ${(ms / bodies.length).toFixed(3)} ms/article (avg ${(chars / bodies.length / 1000).toFixed(1)} KB), ${((ms * 5000) / chars).toFixed(3)} ms per 5 KB, ${Math.round((bodies.length * 1000) / ms)} articles/s`,
  );
}

measure("tagEntities", (text) => tagEntities(text));
measure("scoreRelevance", (text) => scoreRelevance(text));
