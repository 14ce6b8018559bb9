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

/** The keys of the claims of one accuser against the given accused, with one type. */
function against(keys: string[], claimant: string, targets: string[], type: string): string[] {
  return targets
    .map((target) => `${claimant}>${target}:${type}:alleges`)
    .filter((key) => !keys.includes(key));
}

describe("every accused of a list", () => {
  it("reads a description right after the verb as introducing the names after it", () => {
    // Before: the description stood for the party named before the verb (a co-plaintiff).
    const vietnamese = claimKeys(
      "Sony Music đã kiện hai công ty khởi nghiệp Suno và Udio, cáo buộc các công ty này vi phạm bản quyền.",
    );
    expect(against(vietnamese, "sony-music", ["suno", "udio"], "copyright")).toEqual([]);
    const italian = claimKeys(
      "Sony Music, Universal Music Group e Warner Music Group hanno citato in giudizio le società Suno e Udio, accusandole di aver violato il diritto d'autore.",
    );
    for (const label of ["sony-music", "universal-music-group", "warner-music-group"])
      expect(against(italian, label, ["suno", "udio"], "copyright")).toEqual([]);
    expect(italian.some((key) => key.includes(">warner-music-group:"))).toBe(false);
    const french = claimKeys(
      "Sony Music a assigné en justice les start-up Suno et Udio pour violation du droit d'auteur.",
    );
    expect(against(french, "sony-music", ["suno", "udio"], "copyright")).toEqual([]);
    const chinese = claimKeys("Sony Music起诉了两家初创公司Suno与Udio，指控其侵犯版权。");
    expect(against(chinese, "sony-music", ["suno", "udio"], "copyright")).toEqual([]);
    const english = claimKeys(
      "Anthropic accused three Chinese labs — DeepSeek, Moonshot AI and MiniMax — of distilling Claude.",
    );
    expect(
      against(english, "anthropic", ["deepseek", "moonshot-ai", "minimax"], "distillation"),
    ).toEqual([]);
  });

  it("lists members that carry a description set off by commas", () => {
    const spanish = claimKeys(
      "La RIAA acusa a Suno, con sede en Massachusetts, y a Udio, con sede en Nueva York, de violar los derechos de autor.",
    );
    expect(against(spanish, "riaa", ["suno", "udio"], "copyright")).toEqual([]);
    const english = claimKeys(
      "OpenAI accused DeepSeek, a Hangzhou start-up, and Moonshot AI, maker of Kimi, of distilling its models.",
    );
    expect(against(english, "openai", ["deepseek", "moonshot-ai"], "distillation")).toEqual([]);
    // The product inside the description is no accused of its own.
    expect(english.some((key) => key.includes(">kimi:"))).toBe(false);
  });

  it("reads on past a description of the members that follow ('and three data-scraping firms, …')", () => {
    const accused = ["perplexity", "serpapi", "oxylabs", "awmproxy"];
    for (const text of [
      "Reddit sued the AI search engine Perplexity and three data-scraping firms, SerpApi, Oxylabs and AWMProxy, over scraping.",
      "Reddit kiện công cụ tìm kiếm AI Perplexity và ba công ty thu thập dữ liệu là SerpApi, Oxylabs và AWMProxy.",
      "Reddit demandó a la startup Perplexity y a tres empresas de extracción de datos: SerpApi, Oxylabs y AWMProxy.",
      // A counted description running straight into the first member.
      "Reddit đã đệ đơn kiện startup AI Perplexity cùng ba công ty SerpApi, Oxylabs và AWMProxy vì thu thập dữ liệu trái phép.",
      "Reddit sued the AI firm Perplexity and three scrapers SerpApi, Oxylabs and AWMProxy over scraping.",
    ])
      expect(against(claimKeys(text), "reddit", accused, "data_scraping")).toEqual([]);
  });

  it("never takes one of the accusers listed together as their accused", () => {
    const keys = claimKeys(
      "Suno bị chỉ trích vì sao chép nhạc. Sony Music, Universal Music Group và Warner Music Group đã kiện công ty này vì vi phạm bản quyền.",
    );
    for (const label of ["sony-music", "universal-music-group", "warner-music-group"])
      expect(against(keys, label, ["suno"], "copyright")).toEqual([]);
    expect(keys.some((key) => key.includes(">warner-music-group:"))).toBe(false);
    // A settlement's partner stands beside its subject all the same.
    const settled = claimKeys(
      "Getty Images sued Stability AI for copyright infringement. Months later Getty Images and Stability AI reached a settlement over the copyright dispute.",
    );
    expect(settled.some((key) => key.endsWith(":settles"))).toBe(true);
  });

  it("reads 'đối với' as against, not as a listener, and a country opening a body's name as no party", () => {
    const vietnamese = claimKeys(
      "RIAA vừa bổ sung cáo buộc đối với Suno cùng Udio, cho rằng hai công ty này đã sao chép trái phép hàng triệu bài hát, vi phạm bản quyền.",
    );
    expect(against(vietnamese, "riaa", ["suno", "udio"], "copyright")).toEqual([]);
    const chinese = claimKeys(
      "美国唱片业协会（RIAA）表示，Suno及Udio未经许可复制了大量受版权保护的录音，用于训练其模型。",
    );
    expect(against(chinese, "riaa", ["suno", "udio"], "copyright")).toEqual([]);
    expect(chinese.some((key) => key.startsWith("united-states>"))).toBe(false);
  });

  it("reads a country right before a list as describing its members, not as one of the accused", () => {
    const keys = claimKeys(
      "Anthropic cáo buộc các startup Trung Quốc DeepSeek, Moonshot AI và MiniMax đã tạo tài khoản giả để khai thác Claude, vi phạm điều khoản dịch vụ.",
    );
    expect(
      against(keys, "anthropic", ["deepseek", "moonshot-ai", "minimax"], "tos_violation"),
    ).toEqual([]);
    expect(keys.some((key) => key.includes(">china:"))).toBe(false);
  });

  it("reads paired conjunctions in several languages", () => {
    const cases: Array<[string, string, string]> = [
      [
        "Die RIAA wirft sowohl Suno als auch Udio Urheberrechtsverletzungen vor.",
        "riaa",
        "copyright",
      ],
      ["RIAA cáo buộc cả Suno lẫn Udio vi phạm bản quyền.", "riaa", "copyright"],
      ["La RIAA accuse Suno ainsi que Udio de violation du droit d'auteur.", "riaa", "copyright"],
      ["The RIAA accused both Suno and Udio of copyright infringement.", "riaa", "copyright"],
    ];
    for (const [text, claimant, type] of cases)
      expect(against(claimKeys(text), claimant, ["suno", "udio"], type)).toEqual([]);
  });

  it("reads a list split over the wrong of each member", () => {
    for (const text of [
      "In the filings, Sony Music also accused Suno of copying 662 recordings and Udio of copying 1,670.",
      "La RIAA accusa Suno di aver copiato 662 brani e Udio di averne copiati 1.670.",
      "La RIAA accuse Suno d'avoir copié 662 titres et Udio d'en avoir copié 1 670.",
    ]) {
      const keys = claimKeys(text);
      const claimant = keys[0]?.split(">")[0] ?? "";
      expect(against(keys, claimant, ["suno", "udio"], "copyright")).toEqual([]);
    }
    expect(
      against(
        claimKeys(
          "OpenAI accused DeepSeek of distillation and also Moonshot AI of copying its models.",
        ),
        "openai",
        ["deepseek", "moonshot-ai"],
        "distillation",
      ),
    ).toEqual([]);
  });

  it("gives a list written with CJK separators every member", () => {
    const accused = ["deepseek", "moonshot-ai", "minimax"];
    for (const text of [
      "Anthropic指控DeepSeek、月之暗面和MiniMax蒸馏Claude。",
      "Anthropicは、DeepSeek、Moonshot AI、MiniMaxの3社がClaudeを蒸留したと非難した。",
      "앤트로픽은 딥시크·문샷AI·미니맥스가 클로드를 증류했다고 비판했다.",
    ])
      expect(against(claimKeys(text), "anthropic", accused, "distillation")).toEqual([]);
  });
});

describe("a plural description of the accused in a later sentence", () => {
  const accused = ["deepseek", "moonshot-ai", "minimax"];
  it.each([
    [
      "en",
      "Anthropic accused DeepSeek, Moonshot AI and MiniMax of distilling Claude. Anthropic said the three Chinese labs had created 24,000 fraudulent accounts in breach of its terms of service.",
    ],
    [
      "vi",
      "Anthropic cáo buộc DeepSeek, Moonshot AI và MiniMax chưng cất Claude. Anthropic cho biết ba công ty Trung Quốc đã tạo 24.000 tài khoản gian lận, vi phạm điều khoản dịch vụ.",
    ],
    [
      "zh",
      "Anthropic指控DeepSeek、月之暗面和MiniMax蒸馏Claude。Anthropic表示，三家公司创建了2.4万个虚假账户，违反了服务条款。",
    ],
    [
      "ja",
      "AnthropicはDeepSeek、Moonshot AI、MiniMaxの3社がClaudeを蒸留したと非難した。同社によると、これら3社は約2万4000の不正アカウントを作り、利用規約に違反した。",
    ],
    [
      "fr",
      "Anthropic accuse DeepSeek, Moonshot AI et MiniMax d'avoir distillé Claude. Selon Anthropic, ces entreprises ont créé 24 000 faux comptes en violation de ses conditions d'utilisation.",
    ],
    [
      "es",
      "Anthropic acusa a DeepSeek, Moonshot AI y MiniMax de destilar Claude. Anthropic afirmó que estas empresas crearon 24.000 cuentas falsas, violando sus términos de servicio.",
    ],
    [
      "de",
      "Anthropic wirft DeepSeek, Moonshot AI und MiniMax vor, Claude destilliert zu haben. Die drei Firmen hätten 24.000 gefälschte Konten angelegt und damit gegen die Nutzungsbedingungen verstoßen, erklärte Anthropic.",
    ],
  ])("stands for the whole list (%s)", (_language, text) => {
    expect(against(claimKeys(text), "anthropic", accused, "tos_violation")).toEqual([]);
  });

  it("stays with the side that accused: another speaker's plural is no claim against the list", () => {
    const keys = claimKeys(
      "OpenAI sued Suno and Udio for copyright infringement. Microsoft said the two start-ups had copied decades of recordings.",
    );
    expect(keys.some((key) => key.startsWith("microsoft>"))).toBe(false);
  });
});

describe("an accuser added after the claim", () => {
  it("gives 'as did <party>' the same claim, and never makes it an accused", () => {
    for (const text of [
      "OpenAI accused DeepSeek of distillation, as did Anthropic.",
      "OpenAI sued DeepSeek, as did Microsoft, over distillation.",
    ]) {
      const keys = claimKeys(text);
      const added = text.includes("Anthropic") ? "anthropic" : "microsoft";
      expect(keys).toContain(`${added}>deepseek:distillation:alleges`);
      expect(keys.some((key) => key.includes(`>${added}:`))).toBe(false);
    }
  });
});
