/**
 * Reports by news outlets and parties named by description, on sentences written for these tests
 * (never copied from an article).
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

describe("outlet reports and descriptions", () => {
  it("gives the outlet what researchers of a company it reports on observed", () => {
    const keys = claimKeys(
      "Bloomberg reported that Microsoft security researchers had seen people they think may be tied to DeepSeek pulling large amounts of data through the OpenAI API.",
      "OpenAI says DeepSeek distilled its models",
    );
    expect(keys).toContain("bloomberg>deepseek:distillation:reports");
    expect(keys.some((key) => key.startsWith("microsoft>"))).toBe(false);
  });

  it("leaves an investigation an outlet reports to the investigator, as a report", () => {
    expect(
      claimKeys(
        "Theo Bloomberg, Microsoft đang điều tra liệu DeepSeek có rút trái phép dữ liệu của OpenAI hay không.",
        "OpenAI cáo buộc DeepSeek chưng cất mô hình",
      ),
    ).toEqual(["microsoft>deepseek:distillation:reports"]);
  });

  it("keeps the claim of a party that speaks inside an outlet's report", () => {
    expect(
      claimKeys(
        "Theo Financial Times, OpenAI cho biết họ đã tìm thấy bằng chứng DeepSeek chưng cất mô hình.",
      ),
    ).toEqual(["openai>deepseek:distillation:alleges"]);
  });

  it("reads 'the billionaire' as the person who last made a claim, and collusion as antitrust", () => {
    expect(
      claimKeys(
        "Elon Musk sued OpenAI. The billionaire said Apple colluded with OpenAI to shut out rivals.",
      ),
    ).toContain("elon-musk>apple:antitrust:alleges");
    expect(
      claimKeys("Elon Musk kiện OpenAI. Tỷ phú này cho rằng Apple đã thông đồng với OpenAI."),
    ).toContain("elon-musk>apple:antitrust:alleges");
  });
});
