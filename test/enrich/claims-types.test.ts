/**
 * Types of wrongdoing per claim sentence: every type the sentence names, wrongs told in other words
 * (specific weak words), and the headline's or an earlier claim's type beside the sentence's own.
 * Sentences written for these tests, modelled on how reporting tells these wrongs (never copied).
 */
import { describe, expect, it } from "vitest";
import { analyzeArticle, loadAnalysisResources } from "@/lib/enrich/analyze";
import { findTypes } from "@/lib/enrich/claims/cues";
import { lexiconFor } from "@/lib/enrich/claims/lexicon";

function types(language: string, sentence: string): string[] {
  return findTypes(lexiconFor(language), sentence.toLowerCase(), 0, sentence.length, true)
    .map((hit) => hit.type)
    .sort();
}

function claimKeys(text: string, title?: string, languageHint?: string): string[] {
  return analyzeArticle({ text, title, languageHint }, loadAnalysisResources())
    .claims.map(
      (claim) => `${claim.claimantSlug}>${claim.targetSlug}:${claim.type}:${claim.stance}`,
    )
    .sort();
}

describe("specific weak words beside a strong word", () => {
  it("keeps a second wrong told in other words beside the one named outright", () => {
    expect(
      types("en", "It said the lab distilled its models through thousands of fraudulent accounts."),
    ).toEqual(["distillation", "tos_violation"]);
    expect(
      types(
        "en",
        "The firm says the startup broke its terms of service to extract the reasoning abilities of its chatbot.",
      ),
    ).toEqual(["distillation", "tos_violation"]);
    expect(
      types("fr", "Elles l'attaquent pour contrefaçon et pour parasitisme, selon leur avocat."),
    ).toEqual(["copyright", "other"]);
    expect(
      types("es", "Lo demandan por infringir sus derechos de autor y sus marcas registradas."),
    ).toEqual(["copyright", "other"]);
    expect(
      types("vi", "Hãng cáo buộc đối thủ vi phạm điều khoản và khai thác năng lực của mô hình."),
    ).toEqual(["distillation", "tos_violation"]);
    expect(types("zh", "该公司指其违反使用条款，通过虚假账户大量提取模型能力。")).toEqual([
      "distillation",
      "tos_violation",
    ]);
    expect(types("ja", "両社は著作権を侵害したうえ、新聞の信用を傷つけたと主張した。")).toEqual([
      "copyright",
      "other",
    ]);
    expect(
      types(
        "de",
        "Amazon wirft dem Start-up Computerbetrug und Verstöße gegen die Nutzungsbedingungen vor.",
      ),
    ).toEqual(["other", "tos_violation"]);
  });

  it("reads data sent to China, chips got past a ban and propaganda as wrongs of their own", () => {
    expect(
      types(
        "en",
        "The panel said the app funnels user data back to China, spreads propaganda and runs on chips smuggled past export controls.",
      ),
    ).toEqual(["export_control", "other", "security"]);
    expect(
      types(
        "vi",
        "Ủy ban cáo buộc công ty này chuyển dữ liệu người dùng về Trung Quốc và dùng chip có được bất chấp lệnh cấm.",
      ),
    ).toEqual(["export_control", "security"]);
  });

  it("reads staff poached for secrets and work used without pay beside the wrong named outright", () => {
    expect(
      types(
        "fr",
        "La société accuse sa rivale de débaucher ses ingénieurs pour obtenir son code source, au mépris du droit de la concurrence.",
      ),
    ).toEqual(["antitrust", "trade_secret"]);
    expect(
      types(
        "fr",
        "Le groupe accuse la start-up de piller le travail des journalistes sans les rémunérer.",
      ),
    ).toEqual(["copyright"]);
  });

  it("does not let a generic weak word add a type beside a strong one", () => {
    // "copied" alone is not specific: the sentence's own type stands alone.
    expect(
      types("en", "It said the rival copied its app in breach of its terms of service."),
    ).toEqual(["tos_violation"]);
    expect(
      types(
        "fr",
        "Le groupe affirme que la start-up a copié son interface, en violation de ses conditions d'utilisation.",
      ),
    ).toEqual(["tos_violation"]);
  });

  it("still gives generic weak words one type where no strong word names any", () => {
    expect(types("en", "The author said the company copied her novel.")).toEqual(["copyright"]);
  });

  it("adds a specific wrong to the first weak one when no strong word stands", () => {
    expect(
      types(
        "en",
        "The lab set up fake accounts and commercial proxy services to query the chatbot.",
      ),
    ).toEqual(["distillation", "tos_violation"]);
  });

  it("does not read a second type under a negation", () => {
    expect(
      types("en", "The suit is over copyright; the publisher did not allege any trademark claim."),
    ).toEqual(["copyright"]);
  });
});

describe("types from the headline and from earlier claims", () => {
  it("adds the headline's type beside the sentence's own when the sentence tells it in weak words", () => {
    const keys = claimKeys(
      "OpenAI said DeepSeek broke its terms of use while free-riding on the work of American labs.",
      "OpenAI says DeepSeek distilled its models",
    );
    expect(keys).toContain("openai>deepseek:tos_violation:alleges");
    expect(keys).toContain("openai>deepseek:distillation:alleges");
  });

  it("never lets the headline's type replace or join a sentence that names another wrong only", () => {
    const keys = claimKeys(
      "Reddit accused Anthropic of scraping its forums more than 100,000 times.",
      "Reddit sues Anthropic over copyright",
    );
    expect(keys).toContain("reddit>anthropic:data_scraping:alleges");
    expect(keys).not.toContain("reddit>anthropic:copyright:alleges");
  });

  it("adds the type of an earlier claim between the same parties beside a new one", () => {
    const keys = claimKeys(
      "OpenAI accused DeepSeek of distilling its models.\n\nOpenAI also said DeepSeek broke its terms of use while free-riding on American labs.",
    );
    const second = analyzeArticle(
      {
        text: "OpenAI accused DeepSeek of distilling its models.\n\nOpenAI also said DeepSeek broke its terms of use while free-riding on American labs.",
      },
      loadAnalysisResources(),
    ).claims.filter((claim) => claim.sentence.startsWith("OpenAI also"));
    expect(keys).toContain("openai>deepseek:distillation:alleges");
    expect(second.map((claim) => claim.type).sort()).toEqual(["distillation", "tos_violation"]);
  });

  it("adds an earlier claim's type in French too, and not to the accused's answer", () => {
    const claims = analyzeArticle(
      {
        text: "OpenAI accuse DeepSeek d'avoir distillé ses modèles.\n\nOpenAI affirme aussi que DeepSeek a violé ses conditions d'utilisation et transféré les connaissances de ses systèmes.\n\nDeepSeek rejette ces accusations.",
        languageHint: "fr",
      },
      loadAnalysisResources(),
    ).claims;
    const second = claims.filter((claim) => claim.sentence.startsWith("OpenAI affirme"));
    expect(second.map((claim) => claim.type).sort()).toEqual(["distillation", "tos_violation"]);
    const answer = claims.filter((claim) => claim.stance === "denies");
    expect(answer.map((claim) => claim.type)).toEqual(["distillation"]);
  });

  it("gives a sentence that names no wrong the headline's type, in several languages", () => {
    expect(
      claimKeys(
        "Reddit đã đệ đơn kiện Anthropic tại California.",
        "Reddit kiện Anthropic vì cào dữ liệu",
        "vi",
      ),
    ).toContain("reddit>anthropic:data_scraping:alleges");
  });

  it("keeps both types of a dense sentence for every accuser of a list", () => {
    const keys = claimKeys(
      "日本経済新聞社と朝日新聞社は、Perplexityが記事を無断で複製して著作権を侵害したうえ、虚偽の回答に両社の名前を表示して信用を傷つけたとして提訴した。",
    );
    for (const accuser of ["nikkei", "asahi-shimbun"]) {
      expect(keys).toContain(`${accuser}>perplexity:copyright:alleges`);
      expect(keys).toContain(`${accuser}>perplexity:other:alleges`);
    }
  });
});

describe("English words that name a kind of wrong", () => {
  it("reads data theft as scraping and corporate spying as trade secrets, not theft or security", () => {
    expect(claimKeys("Reddit accused Perplexity of large-scale data theft.")).toEqual([
      "reddit>perplexity:data_scraping:alleges",
    ]);
    expect(claimKeys("xAI accused OpenAI of corporate espionage.")).toEqual([
      "xai>openai:trade_secret:alleges",
    ]);
    expect(
      claimKeys(
        "xAI says OpenAI induced former engineers to break their confidentiality agreements.",
      ),
    ).toEqual(["xai>openai:trade_secret:alleges"]);
  });

  it("reads locking up a market as antitrust, and a missing legal basis as privacy", () => {
    expect(
      claimKeys("xAI accused Apple and OpenAI of conspiring to lock up the AI market."),
    ).toEqual(["xai>apple:antitrust:alleges", "xai>openai:antitrust:alleges"]);
    expect(
      types(
        "en",
        "The regulator said the chatbot used the data of Italians without an adequate legal basis and offered no age verification.",
      ),
    ).toEqual(["privacy"]);
    expect(claimKeys("The Intercept sued OpenAI under the DMCA.")).toEqual([
      "the-intercept>openai:copyright:alleges",
    ]);
  });

  it("names hacking a wrong of its own beside copyright", () => {
    expect(
      types("en", "OpenAI said the Times hacked its products to build its copyright case."),
    ).toEqual(["copyright", "other"]);
  });
});
