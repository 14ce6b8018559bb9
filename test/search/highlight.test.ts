/**
 * Highlighting of a hit's snippet and title (lib/search/highlight.ts), pure: which words are
 * marked and where the snippet starts, for texts the words are found in by searching the folded
 * text (plain and accented Latin, Vietnamese) and for those still split word by word (CJK runs,
 * combining marks, Greek capital sigma).
 */
import { describe, expect, it } from "vitest";
import { highlighter, type HighlightSource } from "@/lib/search/highlight";
import { parseSearchQuery } from "@/lib/search/query";

const mark = (q: string, article: Partial<HighlightSource>, entityForms: string[][] = []) =>
  highlighter(parseSearchQuery(q))(
    { title: "", summary: "", text: "", language: "en", ...article },
    entityForms,
  );

/** About 1,400 characters without any query word. */
const FILLER = "Lorem ipsum dolor sit amet, the court heard. ".repeat(30);

describe("highlighter", () => {
  it("takes the snippet from the summary when only the summary matches", () => {
    expect(
      mark("distillation", {
        title: "A ruling",
        summary: "The distillation claim, in brief.",
        text: "Nothing about it here.",
      }),
    ).toEqual({
      snippet: "The <mark>distillation</mark> claim, in brief.",
      titleHighlighted: "A ruling",
    });
  });

  it("finds a match beyond the first kilobyte of the text", () => {
    expect(
      mark("injunction", {
        title: "Filing",
        text: `${FILLER}The judge granted an injunction on Friday.`,
      }).snippet,
    ).toBe(
      "…dolor sit amet, the court heard. The judge granted an <mark>injunction</mark> on Friday.",
    );
  });

  it("places the snippet where the most different query words meet", () => {
    expect(
      mark("copyright lawsuit", {
        text: `A lawsuit was filed. ${FILLER}The copyright lawsuit, filed in Delaware, names OpenAI.`,
      }).snippet,
    ).toBe(
      "…heard. Lorem ipsum dolor sit amet, the court heard. The <mark>copyright</mark> <mark>lawsuit</mark>, filed in Delaware, names OpenAI.",
    );
  });

  it("marks whole words only, in any case", () => {
    expect(
      mark("model", {
        title: "Models",
        text: "A modeling exercise: remodel the model, then the MODEL again.",
      }),
    ).toEqual({
      snippet:
        "A modeling exercise: remodel the <mark>model</mark>, then the <mark>MODEL</mark> again.",
      titleHighlighted: "Models",
    });
  });

  it("marks the words a prefix starts, to their end", () => {
    expect(
      mark("distill*", {
        title: "Distillers",
        text: "Reports say the model was distilled from another; distillation is common.",
      }),
    ).toEqual({
      snippet:
        "Reports say the model was <mark>distilled</mark> from another; <mark>distillation</mark> is common.",
      titleHighlighted: "<mark>Distillers</mark>",
    });
  });

  it("marks a CJK word inside a longer run", () => {
    expect(
      mark("蒸馏", {
        language: "zh",
        title: "OpenAI称DeepSeek蒸馏其模型",
        text: "OpenAI表示，DeepSeek通过接口蒸馏了它的模型。",
      }),
    ).toEqual({
      snippet: "OpenAI表示，DeepSeek通过接口<mark>蒸馏</mark>了它的模型。",
      titleHighlighted: "OpenAI称DeepSeek<mark>蒸馏</mark>其模型",
    });
  });

  it("takes the summary when the text is empty", () => {
    expect(mark("openai", { title: "OpenAI", summary: "Summary of OpenAI news." })).toEqual({
      snippet: "Summary of <mark>OpenAI</mark> news.",
      titleHighlighted: "<mark>OpenAI</mark>",
    });
    expect(mark("openai", {})).toEqual({ snippet: "", titleHighlighted: "" });
  });

  it("marks Vietnamese syllables typed without diacritics where they stand together", () => {
    expect(
      mark("chung cat", {
        language: "vi",
        title: "Chưng cất mô hình",
        text: "Có bằng chứng rằng công ty đã chưng cất mô hình của OpenAI.",
      }),
    ).toEqual({
      snippet: "Có bằng chứng rằng công ty đã <mark>chưng cất</mark> mô hình của OpenAI.",
      titleHighlighted: "<mark>Chưng cất</mark> mô hình",
    });
  });

  it("marks words written with combining marks, and Greek capitals", () => {
    expect(
      mark("ecole", {
        language: "fr",
        title: "L'e\u0301cole",
        text: "Une e\u0301cole, puis une école, puis Ecole.",
      }),
    ).toEqual({
      snippet:
        "Une <mark>e\u0301cole</mark>, puis une <mark>école</mark>, puis <mark>Ecole</mark>.",
      titleHighlighted: "L&#39;<mark>e\u0301cole</mark>",
    });
    expect(mark("οδος", { language: "el", title: "ΟΔΟΣ'Α", text: "Η ΟΔΟΣ και η οδός." })).toEqual({
      snippet: "Η <mark>ΟΔΟΣ</mark> και η <mark>οδός</mark>.",
      titleHighlighted: "<mark>ΟΔΟΣ</mark>&#39;Α",
    });
  });
});
