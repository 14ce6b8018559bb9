/**
 * Lists of parties and clauses of what is alleged, in the word orders of several languages, on
 * sentences written for these tests (never copied from an article).
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

describe("lists of parties and embedded clauses", () => {
  it("gives every accuser of a list before a topic particle its claim, not only the last", () => {
    const keys = claimKeys(
      "日本経済新聞社と朝日新聞社は、検索サービスのPerplexityを著作権侵害で東京地裁に提訴した。",
    );
    expect(keys).toContain("nikkei>perplexity:copyright:alleges");
    expect(keys).toContain("asahi-shimbun>perplexity:copyright:alleges");
  });

  it("keeps an apposition out of the accusers", () => {
    const keys = claimKeys(
      "Ben Lee, Reddit's chief legal officer, said Anthropic kept scraping the site after promising to stop.",
    );
    expect(keys.some((key) => key.startsWith("ben-lee>"))).toBe(false);
  });

  it("reads past a name the tagger does not know inside a list of the accused", () => {
    const english = claimKeys(
      "Anthropic said that DeepSeek, Qwertylabs and MiniMax set up thousands of fake accounts to query Claude in breach of its terms.",
    );
    expect(english).toContain("anthropic>deepseek:tos_violation:alleges");
    expect(english).toContain("anthropic>minimax:tos_violation:alleges");
    const japanese = claimKeys(
      "Anthropicによると、DeepSeek、Qwertylabs、MiniMaxの3社が不正なアカウントを作り、利用規約に違反していた。",
    );
    expect(japanese).toContain("anthropic>minimax:tos_violation:alleges");
  });

  it("takes the subject of the alleged clause, not its object, as the accused in verb-final languages", () => {
    expect(claimKeys("AnthropicはDeepSeekがClaudeを不正に蒸留したと非難した。")).toContain(
      "anthropic>deepseek:distillation:alleges",
    );
    expect(claimKeys("앤트로픽은 딥시크가 클로드를 불법으로 증류했다고 비난했다.")).toContain(
      "anthropic>deepseek:distillation:alleges",
    );
    // With no clause before the verb, the object is still the accused.
    expect(claimKeys("OpenAIはDeepSeekを提訴した。")).toContain("openai>deepseek:other:alleges");
  });

  it("decides the language of a short CJK text full of Latin names by its script", () => {
    expect(
      analyzeArticle({ text: "Anthropic指控DeepSeek蒸馏Claude。" }, loadAnalysisResources())
        .language,
    ).toBe("zh");
    expect(claimKeys("Anthropic指控DeepSeek和MiniMax蒸馏其模型。")).toEqual([
      "anthropic>deepseek:distillation:alleges",
      "anthropic>minimax:distillation:alleges",
    ]);
  });
});
