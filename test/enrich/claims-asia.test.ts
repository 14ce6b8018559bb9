/**
 * Claim frames of Korean, Japanese and Chinese reporting, on sentences written for these tests in
 * the shapes real reporting uses (never copied from an article), through the real knowledge base
 * and the lexicons in knowledge/claims/.
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

describe("Korean claim frames", () => {
  it("reads the owner before 의 as a description of the party that acts", () => {
    const keys = claimKeys(
      "일론 머스크의 xAI가 애플과 오픈AI를 상대로 반독점 소송을 텍사스 법원에 제기했다.",
    );
    expect(keys).toContain("xai>apple:antitrust:alleges");
    expect(keys).toContain("xai>openai:antitrust:alleges");
    expect(keys.some((key) => key.startsWith("elon-musk>"))).toBe(false);
  });

  it("gives every name of a list before the topic its own claim, commas and 와 alike", () => {
    const keys = claimKeys("KBS와 MBC, SBS는 네이버를 상대로 저작권 침해 소송을 냈다.");
    expect(keys).toEqual(
      expect.arrayContaining([
        "kbs>naver:copyright:alleges",
        "mbc>naver:copyright:alleges",
        "sbs>naver:copyright:alleges",
      ]),
    );
  });

  it("keeps the topic as the speaker when the addressee of a memo is named before the verb", () => {
    const keys = claimKeys(
      "블룸버그통신에 따르면 오픈AI는 미 하원 중국특별위원회에 낸 메모에서 딥시크가 증류 기법으로 미국 모델에 무임승차하고 있다며 경고했다.",
    );
    expect(keys).toContain("openai>deepseek:distillation:alleges");
    expect(keys.some((key) => key.startsWith("house-select-committee-on-china>"))).toBe(false);
  });

  it("lets a person named before their own title speak, and accuses the subject of the reported clause", () => {
    const keys = claimKeys(
      "존 물레나르 특위 위원장은 성명에서 딥시크가 오픈AI 모델을 베껴 만들어졌다고 비판했다.",
    );
    expect(keys).toContain("john-moolenaar>deepseek:distillation:alleges");
    expect(keys.some((key) => key.startsWith("deepseek>"))).toBe(false);
  });

  it("reads a passive whose agent stands before 으로부터", () => {
    expect(claimKeys("퍼플렉시티는 요미우리신문으로부터도 저작권 침해 소송을 당했다.")).toContain(
      "yomiuri-shimbun>perplexity:copyright:alleges",
    );
    // "DeepSeek被控…" names no agent: the accused is not its own accuser.
    expect(
      claimKeys("DeepSeek被控窃取OpenAI的商业秘密。").some((key) => key.startsWith("deepseek>")),
    ).toBe(false);
  });
});

describe("Korean lists written with a middle dot", () => {
  it("keeps a paragraph that lists parties as A·B·C (list punctuation, not a menu)", () => {
    const analysis = analyzeArticle(
      { text: "KBS·MBC·SBS 등 지상파 방송 3사는 네이버를 상대로 저작권 침해 소송을 냈다." },
      loadAnalysisResources(),
    );
    expect(analysis.entities.map((entity) => entity.slug)).toEqual(
      expect.arrayContaining(["kbs", "mbc", "sbs", "naver"]),
    );
    expect(
      analysis.claims.map((claim) => `${claim.claimantSlug}>${claim.targetSlug}:${claim.type}`),
    ).toEqual(
      expect.arrayContaining(["kbs>naver:copyright", "mbc>naver:copyright", "sbs>naver:copyright"]),
    );
  });
});

describe("Korean reasons, plural words and countries before a name", () => {
  it("accuses the subject of a reason clause ending in 며 as well as the sued party", () => {
    const keys = claimKeys(
      "머스크는 오픈AI가 비영리 설립 취지를 저버렸다며 올트먼을 상대로 소송을 제기했다.",
    );
    expect(keys).toContain("elon-musk>openai:other:alleges");
    expect(keys).toContain("elon-musk>sam-altman:other:alleges");
  });

  it("reads 이들 기업 before the verb as all the parties just accused", () => {
    const keys = claimKeys(
      "앤트로픽은 딥시크, 문샷AI, 미니맥스 등 중국 기업 3곳이 클로드의 능력을 무단으로 빼냈다고 주장했다. 이들 기업은 가짜 계정 수만 개로 클로드와 대화하며 자사 모델을 훈련시켰다고 앤트로픽은 설명했다.",
    );
    for (const lab of ["deepseek", "moonshot-ai", "minimax"])
      expect(keys).toContain(`anthropic>${lab}:distillation:alleges`);
  });

  it("reads a country right before a name as a description, not a second accused", () => {
    const keys = claimKeys("오픈AI는 중국 딥시크가 자사 모델을 증류했다고 비판했다.");
    expect(keys).toContain("openai>deepseek:distillation:alleges");
    expect(keys).not.toContain("openai>china:distillation:alleges");
  });

  it("types secrets leaked in other words as trade secrets", () => {
    expect(claimKeys("xAI는 오픈AI가 전직 직원들을 통해 기밀을 빼돌렸다고 주장했다.")).toContain(
      "xai>openai:trade_secret:alleges",
    );
  });
});

describe("lists of parties as CJK reporting writes them", () => {
  it("lists two outlets when the end of the first name stands before the conjunction (社和)", () => {
    const keys = claimKeys("日本经济新闻社和朝日新闻社26日起诉Perplexity，指控其侵犯著作权。");
    expect(keys).toContain("nikkei>perplexity:copyright:alleges");
    expect(keys).toContain("asahi-shimbun>perplexity:copyright:alleges");
  });

  it("lists names that each carry a descriptor, and reads 'Xの3団体は' as the topic", () => {
    const keys = claimKeys(
      "フランスの出版社団体SNE、文筆家団体SGDL、作家・作曲家組合SNACの3団体は12日、メタ・プラットフォームズが会員の書籍を無断でAIの学習に使ったとして、パリ司法裁判所に提訴した。",
    );
    for (const group of ["sne", "sgdl", "snac"])
      expect(keys).toContain(`${group}>meta:copyright:alleges`);
    expect(keys.some((key) => key.startsWith("france>"))).toBe(false);
  });

  it("lists Korean names given in brackets after their descriptors, the country only describing", () => {
    const keys = claimKeys(
      "프랑스 출판인협회(SNE)와 작가협회(SGDL), 작가·작곡가 노조(SNAC) 등 3개 단체가 메타를 상대로 파리 법원에 저작권 침해 소송을 냈다.",
    );
    for (const group of ["sne", "sgdl", "snac"])
      expect(keys).toContain(`${group}>meta:copyright:alleges`);
    expect(keys.some((key) => key.startsWith("france>"))).toBe(false);
  });

  it("does not read a Chinese clause comma before a described name as a list", () => {
    const keys = claimKeys("OpenAI称，中国公司DeepSeek违反了服务条款。");
    expect(keys).toEqual(["openai>deepseek:tos_violation:alleges"]);
  });
});

describe("parties of CJK clauses", () => {
  it("accuses an outlet that is the subject of the clause said to be wrong (Japanese)", () => {
    expect(claimKeys("オープンAIは文書で、NYTが利用規約に違反したと主張した。")).toContain(
      "openai>new-york-times:tos_violation:alleges",
    );
  });

  it("takes the subject of a Chinese clause after the clause comma, and 其 for the party before", () => {
    const keys = claimKeys("DeepSeek发布了新模型，OpenAI指控其蒸馏了自家模型。");
    expect(keys).toEqual(["openai>deepseek:distillation:alleges"]);
  });

  it("reads 'cannot comment' as no answer in Chinese", () => {
    const keys = claimKeys(
      "日本经济新闻社起诉Perplexity，指控其侵犯著作权。Perplexity方面回应称，由于尚未收到诉状，目前无法发表评论。",
    );
    expect(keys).toContain("nikkei>perplexity:copyright:alleges");
    expect(keys.some((key) => key.startsWith("perplexity>"))).toBe(false);
  });

  it("reads disagreeing and promising to defend itself as a Korean denial", () => {
    const keys = claimKeys(
      "레딧은 앤트로픽이 허락 없이 게시물을 수집했다고 주장했다. 앤트로픽은 레딧의 주장에 동의하지 않는다며 적극적으로 방어하겠다고 밝혔다.",
    );
    expect(keys.some((key) => /^anthropic>reddit:[a-z_]+:denies$/.test(key))).toBe(true);
  });

  it("reads a country before a court as describing it, so a ruling has no country as accuser", () => {
    const keys = claimKeys(
      "독일 뮌헨 지방법원은 11일 독일음악저작권협회(GEMA)가 오픈AI를 상대로 낸 소송에서 챗GPT가 노래 가사를 외워 재현한 것은 저작권 침해라고 판결했다.",
    );
    expect(keys.some((key) => key.startsWith("germany>"))).toBe(false);
  });
});

describe("Japanese speakers across a comma and a statement", () => {
  it("keeps the organisation that is the topic as the one settling, not the person after the comma", () => {
    const keys = claimKeys(
      "アンソロピックは5日、作家のアンドレア・バーツ氏らが起こした著作権侵害の集団訴訟で、15億ドル以上を支払って和解することに同意した。",
    );
    expect(keys).toContain("anthropic>andrea-bartz:copyright:settles");
    expect(keys.some((key) => key.startsWith("andrea-bartz>"))).toBe(false);
  });

  it("lets the speaker of 'in a statement' go on to accuse the subject of the reported clause", () => {
    const keys = claimKeys(
      "ムーレナー委員長は声明で、DeepSeekはOpenAIを模倣して作られたと批判した。",
    );
    expect(keys.some((key) => key.startsWith("john-moolenaar>deepseek:"))).toBe(true);
    expect(keys.some((key) => key.startsWith("openai>") || key.startsWith("deepseek>"))).toBe(
      false,
    );
  });
});

describe("denials answer every party that accused together", () => {
  it("answers all three broadcasters when Naver rebuts their joint suit", () => {
    const keys = claimKeys(
      "KBS와 MBC, SBS는 네이버를 상대로 저작권 침해 소송을 냈다. 네이버 측은 방송 3사와 콘텐츠 이용 계약을 맺고 뉴스를 제공받았기 때문에 적법한 사용이었다고 반박했다.",
    );
    for (const broadcaster of ["kbs", "mbc", "sbs"])
      expect(keys).toContain(`naver>${broadcaster}:copyright:denies`);
  });

  it("answers both plaintiffs of an English joint suit", () => {
    const keys = claimKeys(
      "The New York Times and the Daily News sued OpenAI and Microsoft over copyright. OpenAI denied the claims.",
    );
    expect(keys).toContain("openai>new-york-times:copyright:denies");
    expect(keys).toContain("openai>new-york-daily-news:copyright:denies");
  });
});

describe("X named in Korean and Japanese script", () => {
  it("tags 엑스 as X with xAI beside it, and not inside 엑스포", () => {
    const keys = claimKeys(
      "xAI와 엑스는 텍사스주 연방법원에 제기한 소송에서 애플이 오픈AI를 우대해 AI 업계의 경쟁을 방해했다고 주장했다.",
    );
    expect(keys).toContain("xai>apple:antitrust:alleges");
    expect(keys).toContain("x-corp>apple:antitrust:alleges");
    const expo = analyzeArticle(
      { text: "부산 엑스포 유치 실패 이후 xAI도 관심을 보였다." },
      loadAnalysisResources(),
    );
    expect(expo.entities.map((entity) => entity.slug)).not.toContain("x-corp");
  });
});

describe("a speaker going on about a list it accused", () => {
  it("keeps every accused of the list when the next sentence names none", () => {
    const keys = claimKeys(
      "Anthropic accused DeepSeek, Moonshot AI and MiniMax of distilling Claude. It added that this breached its terms of service.",
    );
    for (const lab of ["deepseek", "moonshot-ai", "minimax"])
      expect(keys).toContain(`anthropic>${lab}:tos_violation:alleges`);
  });
});

describe("Korean attribution at the end of the sentence", () => {
  it("reads '…는 게 A 측 설명이다' as A speaking, about every party A accused before", () => {
    const keys = claimKeys(
      "앤트로픽은 딥시크, 문샷AI, 미니맥스가 클로드를 무단으로 이용했다고 밝혔다. 이 같은 행위는 이용 약관과 지역별 접근 제한을 명백히 위반한 불법적인 증류에 해당한다는 게 앤트로픽 측 설명이다.",
    );
    for (const lab of ["deepseek", "moonshot-ai", "minimax"])
      expect(keys).toContain(`anthropic>${lab}:distillation:alleges`);
  });
});

describe("a breach named after a list was accused", () => {
  it("carries the breach against every party of the list", () => {
    const keys = claimKeys(
      "Anthropic accused DeepSeek, Moonshot AI and MiniMax of distilling Claude. This violates its terms of service.",
    );
    for (const lab of ["deepseek", "moonshot-ai", "minimax"])
      expect(keys).toContain(`anthropic>${lab}:tos_violation:alleges`);
  });
});

describe("Korean verbs of suing, accusing, sanctioning and denying", () => {
  it("reads a widened suit as suing, for every plaintiff of a list written with a middle dot", () => {
    const keys = claimKeys(
      "Sony Music·Universal Music Group·Warner Music Group은 수노와 Udio가 유튜브 음원을 몰래 내려받아 저작권을 침해했다며 소송을 확대했다.",
    );
    for (const label of ["sony-music", "universal-music-group", "warner-music-group"])
      for (const target of ["suno", "udio"])
        expect(keys).toContain(`${label}>${target}:copyright:alleges`);
  });

  it("reads a charge raised and a claim for damages as accusations", () => {
    expect(
      claimKeys(
        "뉴욕타임스는 오픈AI가 자사 기사를 학습에 무단으로 썼다며 저작권 침해 혐의를 제기했다.",
      ),
    ).toContain("new-york-times>openai:copyright:alleges");
    expect(
      claimKeys(
        "게티이미지는 스태빌리티AI가 자사 사진을 무단으로 학습했다며 거액의 배상을 요구했다.",
      ),
    ).toContain("getty-images>stability-ai:copyright:alleges");
  });

  it("reads a corrective order of a regulator named before its topic particle", () => {
    expect(
      claimKeys(
        "개인정보보호위원회는 이용자 동의 없이 개인정보를 해외로 넘긴 딥시크에 시정을 권고했다.",
      ),
    ).toContain("korea-pipc>deepseek:privacy:alleges");
    expect(claimKeys("국가시장감독관리총국은 엔비디아가 반독점법을 어겼다고 밝혔다.")).toContain(
      "china-samr>nvidia:antitrust:alleges",
    );
  });

  it("reads a drawn line as a denial of the suit before", () => {
    const keys = claimKeys(
      "뉴욕타임스는 오픈AI에 대해 저작권 침해 소송을 냈다. 오픈AI는 뉴욕타임스의 주장은 근거가 부족하다며 선을 그었다.",
    );
    expect(keys).toContain("openai>new-york-times:copyright:denies");
  });

  it("names parasitic conduct as a wrong of its own beside copyright", () => {
    const keys = claimKeys(
      "프랑스 출판협회 SNE는 메타의 행위가 저작권 침해일 뿐 아니라 남의 노력에 얹혀 가는 기생 행위라고 주장했다.",
    );
    expect(keys).toContain("sne>meta:other:alleges");
  });

  it("names functions pulled out of a model as distillation", () => {
    const keys = claimKeys(
      "앤트로픽은 딥시크와 문샷AI, 미니맥스가 클로드의 기능을 불법적으로 빼갔다고 폭로했다.",
    );
    for (const lab of ["deepseek", "moonshot-ai", "minimax"])
      expect(keys).toContain(`anthropic>${lab}:distillation:alleges`);
  });
});

describe("Japanese verbs of suing, accusing and saying", () => {
  it("keeps the agent of a passive as the accuser when words stand before the verb", () => {
    const keys = claimKeys("米AI企業パープレキシティは、朝日新聞社から著作権侵害で提訴された。");
    expect(keys).toContain("asahi-shimbun>perplexity:copyright:alleges");
    expect(keys.some((key) => key.startsWith("perplexity>"))).toBe(false);
  });

  it("reads a letter sent to an addressee as the sender speaking, the addressee aside", () => {
    const keys = claimKeys(
      "米OpenAIは12日、中国のDeepSeekが米国モデルの能力を不正に取り出して自社モデルの訓練に使っているとして、米下院の中国特別委員会に書簡を送った。",
    );
    expect(keys).toContain("openai>deepseek:distillation:alleges");
    expect(keys.some((key) => key.startsWith("house-select-committee-on-china>"))).toBe(false);
  });

  it("reads a disclosure and a voiced concern as claims", () => {
    expect(
      claimKeys("Anthropicは、DeepSeekなど中国企業がClaudeの機能を不正に抽出していたと公表した。"),
    ).toContain("anthropic>deepseek:distillation:alleges");
    expect(
      claimKeys("OpenAIはDeepSeekが自社モデルを蒸留した可能性があるとして懸念を示した。"),
    ).toContain("openai>deepseek:distillation:alleges");
  });
});
