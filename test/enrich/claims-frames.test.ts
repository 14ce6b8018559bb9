/**
 * Claim frames across constructions and languages, on sentences written for these tests in the
 * shapes real reporting uses (never copied from an article), through the real knowledge base and
 * the lexicons in knowledge/claims/.
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

describe("claim frames", () => {
  it("reads a suit whose accusation follows with a pronoun for the defendant", () => {
    expect(
      claimKeys(
        "The New York Times has filed a lawsuit against OpenAI in Manhattan, accusing it of copying millions of its articles without paying.",
      ),
    ).toContain("new-york-times>openai:copyright:alleges");
  });

  it("gives each accuser listed as one subject its own claim", () => {
    const keys = claimKeys(
      "Disney and Universal sued Midjourney on Wednesday, saying its image generator is a bottomless pit of copyright infringement.",
    );
    expect(keys).toContain("disney>midjourney:copyright:alleges");
    expect(keys).toContain("nbcuniversal>midjourney:copyright:alleges");
  });

  it("resolves a party named by what it makes, and a spokesperson to the organisation they speak for", () => {
    expect(
      claimKeys(
        "In a letter to lawmakers, the ChatGPT maker said DeepSeek had distilled its models.",
      ),
    ).toContain("openai>deepseek:distillation:alleges");
    const keys = claimKeys(
      "Ben Lee, Reddit's chief legal officer, said Anthropic kept scraping the site after promising to stop.",
    );
    expect(keys).toContain("reddit>anthropic:data_scraping:alleges");
    expect(keys.some((key) => key.startsWith("ben-lee>"))).toBe(false);
  });

  it("types wrongdoing told in other words, or named only in the headline", () => {
    expect(
      claimKeys(
        "OpenAI said accounts tied to DeepSeek staff used third-party routers to get around its access restrictions.",
      ),
    ).toContain("openai>deepseek:tos_violation:alleges");
    expect(
      claimKeys(
        "OpenAI said DeepSeek had acted unlawfully.",
        "OpenAI says DeepSeek broke its terms of use",
      ),
    ).toContain("openai>deepseek:tos_violation:alleges");
    expect(claimKeys("OpenAI said DeepSeek had acted unlawfully.")).toContain(
      "openai>deepseek:other:alleges",
    );
  });

  it("never reads declining to comment as a denial", () => {
    const keys = claimKeys(
      "OpenAI accused DeepSeek of distilling its models. DeepSeek declined to comment on the accusation.",
    );
    expect(keys).toEqual(["openai>deepseek:distillation:alleges"]);
  });

  it("reads a Vietnamese accusation whose object is 'công ty này'", () => {
    expect(
      claimKeys(
        "Reddit vừa kiện Anthropic tại California. Reddit cáo buộc công ty này thu thập trái phép bình luận của người dùng để huấn luyện mô hình.",
      ),
    ).toContain("reddit>anthropic:data_scraping:alleges");
  });

  it("reads German verb-final suits and a country that describes the party after it", () => {
    expect(
      claimKeys(
        "Die GEMA hat OpenAI wegen Urheberrechtsverletzungen vor dem Landgericht München verklagt.",
      ),
    ).toContain("gema>openai:copyright:alleges");
    const keys = claimKeys(
      "Chinas Marktaufsicht SAMR wirft dem US-Chipkonzern Nvidia vor, gegen das Anti-Monopol-Gesetz verstoßen zu haben.",
    );
    expect(keys).toContain("china-samr>nvidia:antitrust:alleges");
    expect(keys.some((key) => key.startsWith("china>") || key.includes(">united-states:"))).toBe(
      false,
    );
  });

  it("reads Chinese and Japanese accusations with Latin names inside the text", () => {
    expect(claimKeys("OpenAI指控DeepSeek通过蒸馏技术利用其模型的输出训练自己的模型。")).toContain(
      "openai>deepseek:distillation:alleges",
    );
    expect(claimKeys("OpenAIは、DeepSeekが自社のモデルを不正に蒸留したと主張した。")).toContain(
      "openai>deepseek:distillation:alleges",
    );
  });
});
