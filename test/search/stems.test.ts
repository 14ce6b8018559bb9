/**
 * Word forms: Snowball stems for the query and the indexed words (lib/search/stems.ts), and how a
 * query is read before matching (lib/search/understand.ts): what is stemmed, what stays whole,
 * which stop words go.
 */
import { describe, expect, it } from "vitest";
import { parseSearchQuery } from "@/lib/search/query";
import { articleLexemes, queryStem } from "@/lib/search/stems";
import { interpretQuery } from "@/lib/search/understand";

describe("stems", () => {
  it("gives a word's forms one stem", () => {
    const stem = (word: string) => queryStem(word)?.stem;
    expect(stem("lawsuits")).toBe(stem("lawsuit"));
    expect(stem("accused")).toBe(stem("accuse"));
    expect(stem("distilled")).toBe(stem("distill"));
    expect(stem("distillation")).toBe(stem("distill"));
    expect(stem("scraped")).toBe(stem("scraping"));
    expect(stem("stability")).not.toBe(stem("stable"));
  });

  it("leaves Vietnamese, CJK, numbers and short words whole", () => {
    for (const word of ["liệu", "chưng", "蒸馏", "2025", "ai", "r1"])
      expect(queryStem(word)).toBe(null);
  });

  it("keeps an article's words under their stems in its language only", () => {
    const lexemes = articleLexemes("en", "OpenAI sues", null, "Two lawsuits; the lawsuit, 2025.");
    expect(lexemes).toContainEqual({ language: "english", stem: "lawsuit", word: "lawsuits" });
    expect(lexemes).toContainEqual({ language: "english", stem: "lawsuit", word: "lawsuit" });
    expect(lexemes.some((l) => /\d/.test(l.word))).toBe(false);
    expect(articleLexemes("fr", "Procès")).toEqual([
      { language: "french", stem: "proces", word: "proces" },
    ]);
    expect(articleLexemes("vi", "Dữ liệu bị đánh cắp")).toEqual([]);
    expect(articleLexemes(null, "lawsuits")).toEqual([]);
  });
});

describe("reading a query", () => {
  const read = (q: string, names?: Map<string, string>) =>
    interpretQuery(parseSearchQuery(q), names);
  const words = (q: string, names?: Map<string, string>) =>
    read(q, names).query.clauses.map((clause) => clause.map((t) => t.text).join("|"));

  it("keeps the Vietnamese dữ, with or without its marks", () => {
    expect(words("dữ liệu")).toEqual(["dữ", "liệu"]);
    expect(words("du lieu")).toEqual(["du", "lieu"]);
    expect(read("dữ liệu").notes).toEqual([]);
  });

  it("still drops other languages' stop words beside longer words", () => {
    expect(words("the lawsuit filed")).toEqual(["filed"]);
    expect(words("le procès d'OpenAI")).not.toContain("le");
  });

  it("stems plain words and keeps names whole, one word or several", () => {
    const names = new Map([
      ["stability ai", "Stability AI"],
      ["openai", "OpenAI"],
    ]);
    const reading = read("Stability AI rulings openai", names);
    expect(words("Stability AI rulings openai", names)).toEqual([
      "Stability",
      "AI",
      "rulings",
      "openai",
    ]);
    const [stability, ai, rulings, openai] = reading.query.clauses.map((clause) => clause[0]!);
    expect(stability!.stem).toBeUndefined();
    expect(ai!.stem).toBeUndefined();
    expect(openai!.stem).toBeUndefined();
    expect(rulings!.stem).toEqual({ language: "english", stem: "rule" });
    expect(rulings!.prefix).toBeFalsy();
  });
});
