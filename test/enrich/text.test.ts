import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { splitSentences, tokenize } from "@/lib/enrich/text";
import { sharedPath } from "@/scripts/support/shared";

const texts = (input: string) => splitSentences(input).map((s) => s.text);

describe("splitSentences", () => {
  it("does not split after titles, initials and dotted abbreviations", () => {
    expect(
      texts("Mr. Altman met Dr. Amodei in the U.S. on Monday. The meeting ended early."),
    ).toEqual(["Mr. Altman met Dr. Amodei in the U.S. on Monday.", "The meeting ended early."]);
    expect(
      texts("George R.R. Martin and the Authors Guild sued OpenAI Inc. in Manhattan."),
    ).toHaveLength(1);
    expect(texts("Microsoft Corp. declined to comment. OpenAI Inc. said it had evidence.")).toEqual(
      ["Microsoft Corp. declined to comment.", "OpenAI Inc. said it had evidence."],
    );
  });

  it("ends a sentence after a trailing abbreviation when a sentence opener follows", () => {
    expect(texts("The chips were made in the U.S. The rival lab is in China.")).toEqual([
      "The chips were made in the U.S.",
      "The rival lab is in China.",
    ]);
    expect(texts("The U.S. Commerce Department added the firm to a list.")).toHaveLength(1);
  });

  it("keeps decimals, versions and dotted names inside a sentence", () => {
    expect(
      texts("Shares rose 3.5 percent after GPT-4.5 and Character.AI were named. Nvidia fell 17%."),
    ).toEqual([
      "Shares rose 3.5 percent after GPT-4.5 and Character.AI were named.",
      "Nvidia fell 17%.",
    ]);
  });

  it("handles quotations", () => {
    expect(texts('He said: "We will sue." Then he left.')).toEqual([
      'He said: "We will sue."',
      "Then he left.",
    ]);
    expect(texts('"Are you sure?" he asked. She nodded.')).toEqual([
      '"Are you sure?" he asked.',
      "She nodded.",
    ]);
    expect(texts("“DeepSeek copied us,” OpenAI said. “We deny it.”")).toEqual([
      "“DeepSeek copied us,” OpenAI said.",
      "“We deny it.”",
    ]);
  });

  it("splits Vietnamese with TP. and v.v.", () => {
    const vi =
      "Ông Nguyễn Văn An ở TP. HCM cho biết máy tính, điện thoại v.v. đều bị ảnh hưởng. Theo Bloomberg, OpenAI đang điều tra. " +
      "Các sản phẩm gồm chip, máy chủ v.v. Các công ty Mỹ lo ngại.";
    expect(texts(vi)).toEqual([
      "Ông Nguyễn Văn An ở TP. HCM cho biết máy tính, điện thoại v.v. đều bị ảnh hưởng.",
      "Theo Bloomberg, OpenAI đang điều tra.",
      "Các sản phẩm gồm chip, máy chủ v.v.",
      "Các công ty Mỹ lo ngại.",
    ]);
  });

  it("always ends a sentence at a paragraph break, and splits CJK punctuation", () => {
    expect(
      texts("Deepseek đã chưng cất dữ liệu\n\nĐăng lúc 23:04 29.01.2025\n\nOpenAI tuyên bố."),
    ).toEqual(["Deepseek đã chưng cất dữ liệu", "Đăng lúc 23:04 29.01.2025", "OpenAI tuyên bố."]);
    expect(texts("OpenAI表示有证据。DeepSeek否认！")).toEqual([
      "OpenAI表示有证据。",
      "DeepSeek否认！",
    ]);
  });

  it("splits CJK text typed with ASCII ! and ?, and text without any space", () => {
    expect(texts("真的吗?是的!OpenAI起诉了。")).toEqual(["真的吗?", "是的!", "OpenAI起诉了。"]);
    expect(texts("OpenAI は DeepSeek を批判した。同社は否定した。")).toEqual([
      "OpenAI は DeepSeek を批判した。",
      "同社は否定した。",
    ]);
    expect(texts("오픈AI는 딥시크를 고소했다. 딥시크는 부인했다.")).toEqual([
      "오픈AI는 딥시크를 고소했다.",
      "딥시크는 부인했다.",
    ]);
    expect(texts("Is it? yes, it is.")).toEqual(["Is it? yes, it is."]);
  });

  it("starts a sentence or a paragraph with a brand written in lower case", () => {
    expect(texts("OpenAI sued Musk's company.\n\nxAI called the suit baseless.")).toEqual([
      "OpenAI sued Musk's company.",
      "xAI called the suit baseless.",
    ]);
    expect(texts("Apple reported results.\niPhone sales fell. xAI said nothing.")).toEqual([
      "Apple reported results.",
      "iPhone sales fell.",
      "xAI said nothing.",
    ]);
    expect(texts("The judge ruled.\n\nand the appeal follows.")).toEqual([
      "The judge ruled.",
      "and the appeal follows.",
    ]);
    expect(texts("Phones, e.g. iPhone models, sold well. It was hard to\nsee why.")).toEqual([
      "Phones, e.g. iPhone models, sold well.",
      "It was hard to\nsee why.",
    ]);
  });

  it("gives exact offsets on the seed article", () => {
    const seed = readFileSync(sharedPath("seeds", "000_bb0ccbdd8d08316c.txt"), "utf8");
    const sentences = splitSentences(seed, "vi");
    for (const s of sentences) expect(seed.slice(s.start, s.end)).toBe(s.text);
    const sacks = sentences.find((s) => s.text.startsWith("David Sacks"));
    expect(sacks?.text.endsWith('OpenAI đồng ý chuyện này."')).toBe(true);
    expect(sentences.some((s) => s.text === "Nhấn vào đây để bắt đầu khóa học")).toBe(true);
  });

  it("never loses or reorders text, whatever the input", () => {
    const alphabet = fc.constantFrom(
      "a",
      "B",
      "đ",
      "Ư",
      " ",
      ".",
      "!",
      "?",
      "\n",
      '"',
      "”",
      "3",
      "U.S.",
      "Mr.",
      "v.v.",
      "。",
      "…",
      "xAI",
      "深",
      "는",
      "\n\n",
      "？",
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((parts) => parts.join("")),
        (input) => {
          const sentences = splitSentences(input);
          let cursor = 0;
          for (const s of sentences) {
            expect(input.slice(s.start, s.end)).toBe(s.text);
            expect(s.start).toBeGreaterThanOrEqual(cursor);
            expect(s.text.trim()).toBe(s.text);
            expect(s.text.length).toBeGreaterThan(0);
            cursor = s.end;
          }
          expect(
            sentences
              .map((s) => s.text)
              .join("")
              .replace(/\s/gu, ""),
          ).toBe(input.replace(/\s/gu, ""));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("tokenize", () => {
  it("keeps Vietnamese syllables whole and lower-cases", () => {
    expect(tokenize("Deepseek đã “chưng cất” dữ liệu của OpenAI")).toEqual([
      "deepseek",
      "đã",
      "chưng",
      "cất",
      "dữ",
      "liệu",
      "của",
      "openai",
    ]);
  });

  it("drops possessives, splits on punctuation and treats Han characters one by one", () => {
    expect(tokenize("OpenAI's GPT-4o, don't!")).toEqual(["openai", "gpt", "4o", "don't"]);
    expect(tokenize("深度求索 R1")).toEqual(["深", "度", "求", "索", "r1"]);
    expect(tokenize("OpenAI指控DeepSeek，오픈AI는")).toEqual([
      "openai",
      "指",
      "控",
      "deepseek",
      "오픈",
      "ai",
      "는",
    ]);
  });

  it("normalises decomposed diacritics", () => {
    expect(tokenize("Tuổi Trẻ".normalize("NFD"))).toEqual(["tuổi", "trẻ"]);
  });
});
