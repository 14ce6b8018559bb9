/**
 * Plural descriptions of the accused list and type words of Chinese, Japanese and Korean reporting,
 * on sentences written for these tests, through the real knowledge base and lexicons.
 */
import { describe, expect, it } from "vitest";
import { analyzeArticle, loadAnalysisResources } from "@/lib/enrich/analyze";

function claimKeys(text: string): string[] {
  return analyzeArticle({ text }, loadAnalysisResources())
    .claims.map((claim) => `${claim.claimantSlug}>${claim.targetSlug}:${claim.type}`)
    .sort();
}

describe("plural descriptions of newspapers, studios and associations", () => {
  // The first sentence names the parties and one wrong; the description brings a second wrong.
  it("reads 两家报社 and 两家电影公司 as the parties that last claimed together", () => {
    expect(
      claimKeys("迪士尼和环球影业起诉Midjourney侵犯版权。两家电影公司还指控Midjourney滥用其商标。"),
    ).toEqual(expect.arrayContaining(["disney>midjourney:other", "nbcuniversal>midjourney:other"]));
    expect(
      claimKeys(
        "日本经济新闻社和朝日新闻社起诉Perplexity侵犯版权。两家报社还指控Perplexity滥用其商标。",
      ),
    ).toEqual(
      expect.arrayContaining(["asahi-shimbun>perplexity:other", "nikkei>perplexity:other"]),
    );
  });

  it("reads 3団体, 3개 단체 and 이들 단체 the same way", () => {
    expect(
      claimKeys(
        "日本経済新聞社、朝日新聞社、読売新聞社はPerplexityを著作権侵害で提訴した。3団体はPerplexityが商標を侵害したとも主張している。",
      ),
    ).toEqual(
      expect.arrayContaining(["nikkei>perplexity:other", "yomiuri-shimbun>perplexity:other"]),
    );
    for (const description of ["3개 단체는", "이들 단체는", "두 방송사는", "방송 2사 측은"]) {
      const ko = claimKeys(
        `KBS와 MBC는 네이버를 상대로 저작권 침해 소송을 냈다. ${description} 네이버가 상표권도 침해했다고 주장했다.`,
      );
      expect(ko, description).toEqual(
        expect.arrayContaining(["kbs>naver:other", "mbc>naver:other"]),
      );
    }
  });
});

describe("types of Chinese, Japanese and Korean wrongs", () => {
  it("reads Japan's Unfair Competition Prevention Act as other, not antitrust", () => {
    expect(claimKeys("读卖新闻指控Perplexity违反日本不正当竞争防止法。")).toEqual([
      "yomiuri-shimbun>perplexity:other",
    ]);
    expect(claimKeys("读卖新闻指控Perplexity违反反不正当竞争法。")).toEqual([
      "yomiuri-shimbun>perplexity:antitrust",
    ]);
  });

  it("reads hacking and parasitism as other, beside copyright", () => {
    expect(
      claimKeys("読売新聞はPerplexityを提訴し、記事の無断複製とハッキングにあたると非難した。"),
    ).toEqual(["yomiuri-shimbun>perplexity:copyright", "yomiuri-shimbun>perplexity:other"]);
    expect(
      claimKeys("日本経済新聞はPerplexityを提訴し、著作権侵害と寄生行為にあたると主張した。"),
    ).toContain("nikkei>perplexity:other");
  });

  it("reads free-riding as distillation only when models are in the sentence", () => {
    expect(claimKeys("迪士尼和环球影业起诉Midjourney，称其搭便车利用电影角色。")).not.toContain(
      "disney>midjourney:distillation",
    );
    expect(claimKeys("OpenAI指控深度求索搭便车，利用其模型的输出训练自己的模型。")).toEqual([
      "openai>deepseek:distillation",
    ]);
  });

  it("does not read answers built from copied articles as distillation in Korean", () => {
    const keys = claimKeys(
      "KBS와 MBC는 네이버를 상대로 소송을 냈다. 두 방송사는 네이버가 허락 없이 기사를 복제해 이용자 답변에 활용했다고 주장했다.",
    );
    expect(keys.some((key) => key.endsWith(":distillation"))).toBe(false);
  });
});
