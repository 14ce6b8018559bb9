import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { discoverCandidates, tagEntities, uniqueEntities } from "@/lib/enrich/entities";
import { createKnowledgeBase, loadKnowledgeBase, matchTokens } from "@/lib/enrich/knowledge-base";
import type { EntityMention } from "@/lib/types";
import { ENTITY_KINDS } from "@/lib/types";
import { sharedPath } from "@/scripts/support/shared";

const known = (text: string, title?: string) =>
  tagEntities(text, { title }).filter((m) => m.verified);
const slugs = (text: string, title?: string) => [...new Set(known(text, title).map((m) => m.slug))];
const candidates = (text: string) => tagEntities(text).filter((m) => !m.verified);

function expectWellFormed(text: string, mentions: EntityMention[]) {
  let cursor = 0;
  for (const m of mentions) {
    expect(text.slice(m.start, m.end)).toBe(m.surface);
    expect(m.start).toBeGreaterThanOrEqual(cursor);
    cursor = m.end;
  }
}

describe("knowledge base", () => {
  it("holds at least 150 curated entities of every kind, with unique kebab slugs", () => {
    const kb = loadKnowledgeBase();
    expect(kb.entities.length).toBeGreaterThanOrEqual(150);
    for (const kind of ENTITY_KINDS) expect(kb.entities.some((e) => e.kind === kind)).toBe(true);
    expect(new Set(kb.entities.map((e) => e.slug)).size).toBe(kb.entities.length);
    expect(kb.bySlug("deepseek-r1")?.related).toEqual(["deepseek"]);
    expect(kb.bySlug("united-states")?.aliases).toContain("Mỹ");
    expect(loadKnowledgeBase()).toBe(kb);
  });

  it("rejects a related slug that does not exist", () => {
    expect(() =>
      createKnowledgeBase([
        { slug: "a", name: "A", kind: "company", aliases: [], related: ["nope"] },
      ]),
    ).toThrow(/unknown slug/);
  });
});

describe("tagEntities on the founding article", () => {
  const seed = readFileSync(sharedPath("seeds", "000_bb0ccbdd8d08316c.txt"), "utf8");
  const article = seed.slice(0, seed.indexOf("==***=="));

  it("finds the parties, the sources and the places", () => {
    const mentions = tagEntities(article, {
      language: "vi",
      title: 'Deepseek đã "chưng cất" dữ liệu từ chính OpenAI để phát triển model',
    });
    expectWellFormed(article, mentions);
    const found = uniqueEntities(mentions.filter((m) => m.verified)).map((e) => e.slug);
    for (const slug of [
      "openai",
      "deepseek",
      "microsoft",
      "bloomberg",
      "financial-times",
      "gpt-4",
      "david-sacks",
      "donald-trump",
      "china",
      "united-states",
    ]) {
      expect(found).toContain(slug);
    }
    const surface = (slug: string) => mentions.filter((m) => m.slug === slug).map((m) => m.surface);
    expect(surface("donald-trump")).toEqual(["tổng thống Trump"]);
    expect(surface("china")).toContain("Trung Quốc");
    expect(surface("united-states")).toContain("Mỹ");
    expect(surface("deepseek")).toEqual(
      expect.arrayContaining(["Deepseek", "DeepSeek", "Deep Seek"]),
    );
    expect(mentions.find((m) => m.slug === "david-sacks")?.kind).toBe("person");
  });

  it("adds no junk candidates from the article", () => {
    expect(candidates(article)).toEqual([]);
  });

  it("adds no junk candidates even from the footer adverts", () => {
    expect(candidates(seed).map((m) => m.name)).toEqual([]);
  });
});

describe("tagEntities matching rules", () => {
  it("respects word boundaries, in English and in Vietnamese", () => {
    expect(slugs("The Metaverse and metadata are not Meta.")).toEqual(["meta"]);
    expect(known("Hiện OpenAI và Microsoft, cùng các hãng Mỹ.").map((m) => m.surface)).toEqual([
      "OpenAI",
      "Microsoft",
      "Mỹ",
    ]);
    expect(slugs("mỹ phẩm và Mỹ phẩm không phải nước Mỹ")).toEqual(["united-states"]);
    expect(slugs("Ugandan Americans and USAID staff")).toEqual([]);
  });

  it("matches names with punctuation and prefers the longest alias", () => {
    const text =
      "Character.AI, 01.AI, GPT-4o and GPT-4.5 were compared with GPT-4 in the U.S. by Google DeepMind.";
    const mentions = known(text);
    expectWellFormed(text, mentions);
    expect(mentions.map((m) => [m.slug, m.surface])).toEqual([
      ["character-ai", "Character.AI"],
      ["01-ai", "01.AI"],
      ["gpt-4o", "GPT-4o"],
      ["gpt-4-5", "GPT-4.5"],
      ["gpt-4", "GPT-4"],
      ["united-states", "U.S."],
      ["google-deepmind", "Google DeepMind"],
    ]);
  });

  it("uses case where it matters", () => {
    expect(slugs("The US and the EU said the SEC and FTC would act.")).toEqual([
      "united-states",
      "european-union",
      "sec",
      "ftc",
    ]);
    expect(slugs("let us go, eu, the sec filing was short")).toEqual([]);
    expect(
      slugs("Meta sued; meta tags; The Information reported that the information was leaked."),
    ).toEqual(["meta", "the-information"]);
  });

  it("does not see Apple the company in a recipe, but does in a tech story", () => {
    const recipe =
      "Apple Crumble Bars\n\nPeel six apples. Apple varieties such as Granny Smith hold their shape. " +
      "Mix flour, butter and sugar, then bake for 40 minutes. Apple slices on top make it prettier.";
    expect(slugs(recipe, "Grandma's Apple Crumble")).toEqual([]);
    const tech =
      "Apple said it would not use DeepSeek in iPhones sold in China, where it relies on Alibaba's AI models. Apple declined further comment.";
    const mentions = known(tech);
    expect(mentions.filter((m) => m.slug === "apple")).toHaveLength(2);
  });

  it("only tags short model names in context", () => {
    expect(slugs("DeepSeek released R1 last week; R1 rivals o1 from OpenAI.")).toEqual([
      "deepseek",
      "deepseek-r1",
      "o1",
      "openai",
    ]);
    expect(slugs("The R1 road leads to the V3 engine plant; form o1 is due.")).toEqual([]);
    expect(known("The DeepSeek-R1 and DeepSeek V3 models").map((m) => m.slug)).toEqual([
      "deepseek-r1",
      "deepseek-v3",
    ]);
  });

  it("tells the Claude model and the Gemini model from a person and a star sign", () => {
    expect(
      slugs("Claude Monet painted water lilies. Claude, a baker from Lyon, sells bread."),
    ).toEqual([]);
    expect(slugs("Your horoscope: Gemini, expect a busy week with family.")).toEqual([]);
    expect(
      slugs("Anthropic trained Claude on books; Google's Gemini chatbot was also sued."),
    ).toEqual(["anthropic", "claude", "google", "gemini"]);
  });

  it("resolves aliases across languages", () => {
    expect(slugs("Nhà Trắng, Hoa Kỳ, Liên minh châu Âu và Trung Quốc")).toEqual([
      "white-house",
      "united-states",
      "european-union",
      "china",
    ]);
    expect(slugs("Deep Seek, Deepseek and DeepSeek")).toEqual(["deepseek"]);
    expect(slugs("President Trump met Xi Jinping; Tập Cận Bình và Lương Văn Phong")).toEqual([
      "donald-trump",
      "xi-jinping",
      "liang-wenfeng",
    ]);
    expect(
      slugs("the Southern District of New York and the Northern District of California"),
    ).toEqual(["us-district-court-sdny", "us-district-court-ndcal"]);
    expect(slugs("Tuổi Trẻ và Thanh Niên đưa tin; tuổi trẻ thanh niên Việt Nam")).toEqual([
      "tuoi-tre",
      "thanh-nien",
      "vietnam",
    ]);
  });

  it("tags Latin names glued to Han or kana, and Han aliases inside running Chinese text", () => {
    expect(slugs("OpenAI指控DeepSeek违反服务条款")).toEqual(["openai", "deepseek"]);
    expect(slugs("据深度求索称，英伟达和微软否认")).toEqual(["deepseek", "nvidia", "microsoft"]);
    expect(slugs("OpenAIはDeepSeekを批判した")).toEqual(["openai", "deepseek"]);
    const text = "Anthropic称DeepSeek、Moonshot和MiniMax违规";
    expectWellFormed(text, tagEntities(text));
    // "Moonshot" needs context words in English text; written capitalised against Chinese it is the name.
    expect(known(text).map((m) => m.surface)).toEqual([
      "Anthropic",
      "DeepSeek",
      "Moonshot",
      "MiniMax",
    ]);
    expect(known("Anthropic said the moonshot failed").map((m) => m.surface)).toEqual([
      "Anthropic",
    ]);
  });

  it("splits letter runs only where Han, kana or Hangul meet other letters", () => {
    expect(matchTokens("OpenAI指控DeepSeek").map((t) => t.raw)).toEqual([
      "OpenAI",
      "指",
      "控",
      "DeepSeek",
    ]);
    expect(matchTokens("오픈AI는 イーロン").map((t) => [t.raw, t.spaceBefore])).toEqual([
      ["오", false],
      ["픈", false],
      ["AI", false],
      ["는", false],
      ["イ", true],
      ["ー", false],
      ["ロ", false],
      ["ン", false],
    ]);
    expect(matchTokens("Nguyễn Văn đã nói: GPT-4o").map((t) => t.raw)).toEqual([
      "Nguyễn",
      "Văn",
      "đã",
      "nói",
      ":",
      "GPT",
      "-",
      "4o",
    ]);
  });

  describe("Korean", () => {
    const kb = createKnowledgeBase([
      { slug: "deepseek", name: "DeepSeek", kind: "company", aliases: ["딥시크"] },
      { slug: "openai", name: "OpenAI", kind: "company", aliases: ["오픈AI"] },
      { slug: "meta", name: "Meta", kind: "company", aliases: ["메타"], caseSensitive: true },
      { slug: "united-states", name: "United States", kind: "government", aliases: ["미국"] },
      { slug: "nvidia", name: "Nvidia", kind: "company", aliases: ["엔비디아"] },
      { slug: "apple", name: "Apple", kind: "company", aliases: ["애플"] },
    ]);
    const ko = (text: string) =>
      tagEntities(text, { kb })
        .filter((m) => m.verified)
        .map((m) => `${m.surface}:${m.slug}`);

    it("matches names with a particle glued to them", () => {
      expect(ko("오픈AI는 딥시크를 고소했다")).toEqual(["오픈AI:openai", "딥시크:deepseek"]);
      expect(ko("미국의 규제에 엔비디아가 반발했고, 메타와의 협상과 딥시크에서는")).toEqual([
        "미국:united-states",
        "엔비디아:nvidia",
        "메타:meta",
        "딥시크:deepseek",
      ]);
      expect(ko("OpenAI를 상대로 DeepSeek이 낸 소송, 딥시크 측은")).toEqual([
        "OpenAI:openai",
        "DeepSeek:deepseek",
        "딥시크:deepseek",
      ]);
    });

    it("does not match inside a longer word", () => {
      expect(ko("메타버스 사업과 미국인 이용자, 아딥시크")).toEqual([]);
      expect(ko("애플리케이션을 내려받은 미국산 기기")).toEqual([]);
      expect(ko("애플의 앱스토어")).toEqual(["애플:apple"]);
    });
  });

  it("does not tag names inside hosts and handles", () => {
    expect(slugs("Visit chat.deepseek.com or @OpenAI on X.")).toEqual([]);
  });
});

describe("discoverCandidates", () => {
  it("finds new people and companies with cues, once", () => {
    const text =
      "The suit was filed by Veritas Labs, a San Diego start-up. Its chief executive, Mr. Jonah Pell, said OpenAI ignored warnings. " +
      "Ông Trần Quốc Bảo, giám đốc công ty Hiệp Phát, nói rằng DeepSeek đã vi phạm.";
    const found = candidates(text);
    expectWellFormed(text, found);
    const byName = Object.fromEntries(found.map((m) => [m.name, m]));
    expect(byName["Veritas Labs"]?.kind).toBe("company");
    expect(byName["Jonah Pell"]?.kind).toBe("person");
    expect(byName["Jonah Pell"]?.slug).toBe("jonah-pell");
    expect(byName["Trần Quốc Bảo"]?.kind).toBe("person");
    expect(byName["Trần Quốc Bảo"]?.slug).toBe("tran-quoc-bao");
    expect(found.every((m) => m.verified === false)).toBe(true);
  });

  it("finds a recurring two-word name and a recurring camelCase name", () => {
    const text =
      "Lawyers for Maria Okafor say the model reproduced her novels. In a filing, Maria Okafor asked for damages. " +
      "The data came from ShadowShelf, a pirate library; ShadowShelf has since gone offline.";
    const names = [...new Set(candidates(text).map((m) => m.name))];
    expect(names).toEqual(["Maria Okafor", "ShadowShelf"]);
    const withSurname = candidates(`${text} Okafor said she would appeal.`);
    expect(withSurname.find((m) => m.name === "Maria Okafor")?.kind).toBe("person");
  });

  it("ignores sentence-initial words, months, weekdays and one-off capitals", () => {
    const text =
      "However, the judge disagreed. On Monday, In January the company said. Yesterday Sources Close To The Matter spoke. " +
      "Theo nguồn tin, Hôm Thứ Hai các bên gặp nhau. Quan trọng hơn, Tháng Một sẽ có phán quyết. The API and the CEO were named.";
    expect(candidates(text)).toEqual([]);
  });

  it("never overlaps known mentions", () => {
    const text = "Sam Altman and Sam Altman met Jonah Pell, CEO of Veritas Labs.";
    const knownMentions = tagEntities(text).filter((m) => m.verified);
    const found = discoverCandidates(text, knownMentions, "en");
    for (const c of found)
      for (const k of knownMentions) expect(c.end <= k.start || c.start >= k.end).toBe(true);
    expect(found.map((m) => m.name)).toContain("Veritas Labs");
  });
});

describe("uniqueEntities", () => {
  it("keeps first-mention order and drops repeats", () => {
    const mentions = tagEntities("Microsoft and OpenAI. OpenAI and Microsoft and DeepSeek.");
    expect(uniqueEntities(mentions)).toEqual([
      { name: "Microsoft", slug: "microsoft", kind: "company" },
      { name: "OpenAI", slug: "openai", kind: "company" },
      { name: "DeepSeek", slug: "deepseek", kind: "company" },
    ]);
  });
});
