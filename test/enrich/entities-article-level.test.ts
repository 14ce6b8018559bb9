import { describe, expect, it } from "vitest";
import { tagEntities } from "@/lib/enrich/entities";
import { createKnowledgeBase } from "@/lib/enrich/knowledge-base";

const known = (text: string, title?: string) =>
  tagEntities(text, { title }).filter((m) => m.verified);
const slugs = (text: string, title?: string) => [...new Set(known(text, title).map((m) => m.slug))];
const surfaces = (text: string, slug: string) =>
  known(text)
    .filter((m) => m.slug === slug)
    .map((m) => m.surface);

// Forty sentences of filler keep a name farther from its context words than the near window.
const filler = (sentence: string) => ` ${sentence}`.repeat(40);

describe("ambiguous names settled by the whole article", () => {
  it("accepts a name far from its context words when another entity of its field is tagged", () => {
    const text =
      "Anthropic beschuldigte DeepSeek, große Mengen Daten abgegriffen zu haben." +
      filler("Die Vorwürfe betreffen mehrere Monate.") +
      " Auch Moonshot soll so vorgegangen sein.";
    expect(slugs(text)).toContain("moonshot-ai");
    // The field entity may be named in another language's alias.
    const zh =
      "OpenAI在备忘录中点名深度求索。" + filler("该备忘录长达十页。") + " Perplexity 也被提及。";
    expect(slugs(zh)).toContain("perplexity");
  });

  it("accepts a name when several of its context words occur anywhere, or one in the headline", () => {
    const far =
      "Perplexity answered the letter on Tuesday." +
      filler("The letter was long.") +
      " Its chatbot, its search tool and its language model were named.";
    expect(slugs(far)).toContain("perplexity");
    const lone = "Perplexity answered the letter on Tuesday." + filler("The letter was long.");
    expect(slugs(lone)).not.toContain("perplexity");
    expect(slugs(lone, "Publishers take on an AI answer engine")).toContain("perplexity");
  });

  it("accepts a name once an unambiguous name of the same entity stands anywhere in the article", () => {
    const text =
      "Apple replied within a day." + filler("Nothing else happened.") + " Apple Inc. said so.";
    expect(surfaces(text, "apple")).toEqual(["Apple", "Apple Inc."]);
  });

  it("does not tag Apple or Amazon in articles about fruit or rivers, in several languages", () => {
    const articles: Array<[string, string]> = [
      [
        "Apple growers in Washington expect a record crop. The company that runs the largest orchard said data from its sensors showed fewer frost days. Apple prices have fallen, and technology such as drones now counts the fruit. Amazon deliveries of fruit rose too.",
        "Apple harvest season",
      ],
      [
        "The Amazon carries more water than any other river. A company from Manaus ran the boats, and scientists collected data on fish. Amazon tributaries flood the forest each year.",
        "Expedition on the Amazon",
      ],
      [
        "Apple Hill là vùng trồng táo. Công ty nông nghiệp cho biết dữ liệu thời tiết tốt. Amazon là con sông lớn nhất thế giới.",
        "Mùa táo",
      ],
      [
        "亚马逊河是世界上流量最大的河流。苹果是一种常见的水果，公司在山东种植苹果，数据显示产量上升。",
        "亚马逊河",
      ],
      ["アマゾン川の流域では雨季に森が水没する。リンゴ農家はデータを使う。", "アマゾン川"],
      ["아마존강은 세계에서 가장 긴 강 가운데 하나다. 사과 농가는 데이터를 쓴다.", "아마존강"],
      [
        "Der Amazonas ist der wasserreichste Fluss. Apple-Strudel ist ein Rezept. Die Firma sammelt Daten über Äpfel. Amazon heißt der Fluss auf Englisch.",
        "Flüsse",
      ],
      [
        "Le fleuve Amazone traverse le Brésil. Amazon est son nom en anglais ; une entreprise locale collecte des données. Apple est une variété de pomme.",
        "Fleuves",
      ],
    ];
    for (const [text, title] of articles) {
      const found = slugs(text, title);
      expect(found, text).not.toContain("apple");
      expect(found, text).not.toContain("amazon");
    }
  });

  it("does not take a country or government named in the context list as the entity's field", () => {
    const kb = createKnowledgeBase([
      { slug: "usa", name: "United States", kind: "government", aliases: ["US"] },
      {
        slug: "senate",
        name: "US Senate",
        kind: "government",
        aliases: ["Senate"],
        ambiguousAliases: ["Senate"],
        context: ["US", "senators"],
      },
    ]);
    const text = "The US imposed tariffs." + filler("Markets fell.") + " The Senate of Rome met.";
    expect(tagEntities(text, { kb }).map((m) => m.slug)).toEqual(["usa"]);
  });
});

describe("short forms valid after a full mention", () => {
  it("tags the Times, Le Times and la Times only after The New York Times is named", () => {
    expect(
      surfaces(
        "The New York Times sued OpenAI and Microsoft. The Times said millions of its articles were copied.",
        "new-york-times",
      ),
    ).toEqual(["The New York Times", "Times"]);
    expect(
      slugs("Le New York Times a porté plainte. Selon Le Times, OpenAI a copié ses articles."),
    ).toContain("new-york-times");
    expect(
      surfaces(
        "El New York Times demandó a OpenAI. Para la Times, se trata de una copia.",
        "new-york-times",
      ),
    ).toHaveLength(2);
    expect(slugs("The Times said its articles were copied by OpenAI.")).not.toContain(
      "new-york-times",
    );
    // Other papers and places named Times stay what they are.
    expect(
      surfaces(
        "The New York Times covered the storm, as did the Los Angeles Times and The Times of India. Times Square flooded.",
        "new-york-times",
      ),
    ).toEqual(["The New York Times"]);
  });

  it("tags Stability after Stability AI, and Britannica after Encyclopaedia Britannica", () => {
    expect(
      surfaces("Getty Images sued Stability AI. Stability denied it.", "stability-ai"),
    ).toEqual(["Stability AI", "Stability"]);
    expect(slugs("Stability matters to markets, the central bank said.")).toEqual([]);
    expect(
      surfaces(
        "Encyclopaedia Britannica and Merriam-Webster sued Perplexity. Britannica said its entries were copied.",
        "encyclopaedia-britannica",
      ),
    ).toHaveLength(2);
  });
});

describe("names valid only when listed with a related entity", () => {
  it("tags bare X beside xAI in a list, in several languages", () => {
    for (const text of [
      "xAI and X sued Apple and OpenAI on Monday.",
      "xAI和X起诉苹果和OpenAI。",
      "xAIとXはアップルとOpenAIを提訴した。",
      "xAI와 X는 애플과 오픈AI를 상대로 소송을 냈다.",
      "xAI et X accusent Apple et OpenAI.",
      "Musk's companies, X and xAI, sued Apple.",
    ]) {
      expect(slugs(text), text).toContain("x-corp");
    }
  });

  it("leaves X alone elsewhere", () => {
    for (const text of [
      "xAI released Grok. Tesla sells the Model X.",
      "Chapter X of the report covers xAI.",
      "xAI hired X people last year.",
    ]) {
      expect(slugs(text), text).not.toContain("x-corp");
    }
  });
});

describe("a list member with its own alias in brackets", () => {
  it("is one mention spanning the bracket, in a list only", () => {
    const zh = "Anthropic指控深度求索（DeepSeek）、月之暗面和MiniMax蒸馏其模型。";
    expect(known(zh).map((m) => m.surface)).toEqual([
      "Anthropic",
      "深度求索（DeepSeek）",
      "月之暗面",
      "MiniMax",
    ]);
    const en = "Anthropic accused DeepSeek (深度求索), Moonshot AI and MiniMax.";
    expect(surfaces(en, "deepseek")).toEqual(["DeepSeek (深度求索)"]);
    // Outside a list, and between two different entities, the names stay apart.
    expect(surfaces("米連邦取引委員会（FTC）はアマゾンを提訴した。", "ftc")).toHaveLength(2);
    expect(known("OpenAI (Microsoft), DeepSeek and Anthropic.").map((m) => m.slug)).toEqual([
      "openai",
      "microsoft",
      "deepseek",
      "anthropic",
    ]);
  });
});
