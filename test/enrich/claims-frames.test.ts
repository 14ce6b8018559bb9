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

describe("claim frames in German, French, Spanish, Italian and Portuguese reporting", () => {
  it("reads the speaker named after the clause it reports, and a source marker after the name", () => {
    expect(
      claimKeys(
        "DeepSeek habe die Antworten von ChatGPT in großem Stil abgegriffen und seine Modelle damit destilliert, erklärte OpenAI.",
      ),
    ).toEqual(["openai>deepseek:distillation:alleges"]);
    expect(claimKeys("DeepSeek aurait distillé ses modèles, affirme OpenAI.")).toContain(
      "openai>deepseek:distillation:alleges",
    );
    expect(claimKeys("OpenAI zufolge hat DeepSeek die Nutzungsbedingungen verletzt.")).toContain(
      "openai>deepseek:tos_violation:alleges",
    );
  });

  it("reads a sentence-initial 'for X' as X's view", () => {
    expect(
      claimKeys("Pour OpenAI, DeepSeek a franchi la ligne rouge en distillant ses modèles."),
    ).toContain("openai>deepseek:distillation:alleges");
    expect(
      claimKeys("Para OpenAI, DeepSeek cruzó una línea roja al destilar sus modelos."),
    ).toContain("openai>deepseek:distillation:alleges");
  });

  it("gives a denial by a description of the accused to the accused", () => {
    expect(
      claimKeys(
        "OpenAI hat DeepSeek beschuldigt, seine Modelle destilliert zu haben. Der chinesische Entwickler bestreitet die Vorwürfe.",
      ),
    ).toContain("deepseek>openai:distillation:denies");
    expect(
      claimKeys(
        "OpenAI a accusé DeepSeek de distillation. La start-up chinoise dément ces allégations.",
      ),
    ).toContain("deepseek>openai:distillation:denies");
    expect(
      claimKeys("OpenAI acusó a DeepSeek de destilación. La empresa china negó las acusaciones."),
    ).toContain("deepseek>openai:distillation:denies");
  });

  it("accuses every subject of a passive and every party listed with an article", () => {
    const german = claimKeys(
      "Microsoft und OpenAI wurden von der New York Times wegen Urheberrechtsverletzung verklagt.",
    );
    expect(german).toContain("new-york-times>openai:copyright:alleges");
    expect(german).toContain("new-york-times>microsoft:copyright:alleges");
    const portuguese = claimKeys(
      "A Anthropic acusou a DeepSeek, a Moonshot AI e a MiniMax de destilar o Claude com contas falsas.",
    );
    for (const target of ["deepseek", "moonshot-ai", "minimax"])
      expect(portuguese).toContain(`anthropic>${target}:distillation:alleges`);
  });

  it("reads the list before a relative or verb-final accusation", () => {
    const french = claimKeys(
      "Reddit poursuit SerpApi, Oxylabs et AWMProxy, qu'il accuse d'avoir aspiré ses contenus.",
    );
    for (const target of ["serpapi", "oxylabs", "awmproxy"])
      expect(french).toContain(`reddit>${target}:data_scraping:alleges`);
    const german = claimKeys(
      "Anthropic hat DeepSeek, Moonshot AI und MiniMax vorgeworfen, Claude destilliert zu haben.",
    );
    for (const target of ["deepseek", "moonshot-ai", "minimax"])
      expect(german).toContain(`anthropic>${target}:distillation:alleges`);
  });

  it("reads a party named by what it makes and a document's owner as the speaker", () => {
    expect(claimKeys("Le créateur de ChatGPT accuse DeepSeek de distiller ses modèles.")).toContain(
      "openai>deepseek:distillation:alleges",
    );
    expect(claimKeys("La demanda de xAI alega que OpenAI robó secretos comerciales.")).toContain(
      "xai>openai:trade_secret:alleges",
    );
  });

  it("carries an accusation on through the reporting mood, only against the parties it accused", () => {
    expect(
      claimKeys(
        "OpenAI accuse DeepSeek d'avoir distillé ses modèles. La start-up chinoise aurait créé de faux comptes pour contourner les restrictions d'accès.",
      ),
    ).toContain("openai>deepseek:tos_violation:alleges");
    const spanish = claimKeys(
      "Anthropic acusó a DeepSeek, Moonshot AI y MiniMax de destilar Claude. Los tres laboratorios habrían usado miles de cuentas fraudulentas para esquivar sus condiciones de uso.",
    );
    for (const target of ["deepseek", "moonshot-ai", "minimax"])
      expect(spanish).toContain(`anthropic>${target}:tos_violation:alleges`);
    const german = claimKeys(
      "OpenAI wirft DeepSeek vor, seine Modelle destilliert zu haben. Microsoft habe die verdächtigen Konten gesperrt, weil sie gegen die Nutzungsbedingungen verstoßen hätten.",
    );
    expect(german.some((key) => key.startsWith("openai>microsoft"))).toBe(false);
  });

  it("does not read the name after a German verb as its subject when a description heads the clause", () => {
    const keys = claimKeys(
      "Die New York Times hat OpenAI verklagt. Die Kläger werfen OpenAI und Microsoft vor, Millionen Artikel ohne Erlaubnis kopiert zu haben.",
    );
    expect(keys).toContain("new-york-times>microsoft:copyright:alleges");
    expect(keys.some((key) => key.startsWith("openai>microsoft"))).toBe(false);
  });

  it("reads Italian fines and suits with 'ad'", () => {
    expect(
      claimKeys(
        "Il Garante della privacy ha inflitto a OpenAI una multa di 15 milioni di euro per violazioni della protezione dei dati.",
      ),
    ).toContain("italian-garante>openai:privacy:alleges");
    expect(
      claimKeys("xAI ha fatto causa ad Apple e OpenAI per pratiche anticoncorrenziali."),
    ).toContain("xai>apple:antitrust:alleges");
  });
});
