/**
 * Three made-up companies and how an analysed article names them and their claims, for the tests
 * of the kept counts (test/store/aggregates.test.ts) and of the claim threads a search names
 * (test/store/find-claim-threads.test.ts).
 */
import type { Claim, EntityMention } from "@/lib/types";

export const PARTIES: Record<string, string> = {
  "acme-ai": "Acme AI",
  "borealis-labs": "Borealis Labs",
  "cobalt-models": "Cobalt Models",
};

/** A verified mention of a party at `start`. */
export function mention(slug: string, start: number): EntityMention {
  const name = PARTIES[slug]!;
  return {
    name,
    slug,
    kind: "company",
    start,
    end: start + name.length,
    surface: name,
    verified: true,
  };
}

/** A claim of `claimant` against `target` in `sentence`, found at `start`…`end` of the text. */
export function partyClaim(
  claimant: string,
  target: string,
  type: Claim["type"],
  stance: Claim["stance"],
  sentence: string,
  start = 0,
  end = start + sentence.length,
): Claim {
  return {
    claimant: PARTIES[claimant]!,
    claimantSlug: claimant,
    target: PARTIES[target]!,
    targetSlug: target,
    type,
    stance,
    sentence,
    start,
    end,
    confidence: 0.8,
  } as Claim;
}
