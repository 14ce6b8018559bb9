/**
 * Claim shapes of German, French, Spanish, Portuguese and Italian reporting, on sentences written
 * for these tests (never copied from an article).
 */
import { describe, expect, it } from "vitest";
import { analyzeArticle, loadAnalysisResources } from "@/lib/enrich/analyze";

function claimKeys(text: string, title?: string): string[] {
  return analyzeArticle({ text, title }, loadAnalysisResources())
    .claims.map(
      (claim) => `${claim.claimantSlug}>${claim.targetSlug}:${claim.type}:${claim.stance}`,
    )
    .sort();
}

describe("answers to a suit of no named type", () => {
  it("gives a denial the type of the bare suit it answers, in every language", () => {
    expect(claimKeys("Reddit hat Anthropic verklagt. Anthropic wies die Vorwürfe zurück.")).toEqual(
      ["anthropic>reddit:other:denies", "reddit>anthropic:other:alleges"],
    );
    expect(
      claimKeys("Reddit a déposé plainte contre Anthropic. Anthropic conteste ces accusations."),
    ).toEqual(["anthropic>reddit:other:denies", "reddit>anthropic:other:alleges"]);
    expect(claimKeys("Reddit demandó a Anthropic. Anthropic rechazó las acusaciones.")).toEqual([
      "anthropic>reddit:other:denies",
      "reddit>anthropic:other:alleges",
    ]);
  });
});
