import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectLanguage } from "@/lib/enrich/language";
import { sharedPath } from "@/scripts/support/shared";

const ENGLISH =
  "OpenAI says it has found evidence that the Chinese start-up DeepSeek used its models to train a competitor, " +
  "in breach of its terms of service. Microsoft's security researchers detected large volumes of data being pulled out.";
const VIETNAMESE =
  "Nhà Trắng cho biết đang xem xét tác động của DeepSeek đối với an ninh quốc gia, trong khi các công ty công nghệ Mỹ lo ngại.";
const GERMAN =
  "Die New York Times hat OpenAI und Microsoft wegen Urheberrechtsverletzungen verklagt, weil Millionen Artikel ohne Erlaubnis genutzt wurden.";
const FRENCH =
  "La CNIL a ouvert une enquête sur DeepSeek après des plaintes concernant le transfert de données personnelles vers la Chine.";
const CHINESE = "美国商务部正在调查深度求索是否通过第三方获得了受出口管制的英伟达芯片。";

describe("detectLanguage", () => {
  it("detects the seed article as Vietnamese", () => {
    const seed = readFileSync(sharedPath("seeds", "000_bb0ccbdd8d08316c.txt"), "utf8");
    expect(detectLanguage(seed)).toBe("vi");
    expect(detectLanguage(seed, "en")).toBe("vi");
  });

  it("detects English, Vietnamese, German, French and Chinese prose", () => {
    expect(detectLanguage(ENGLISH)).toBe("en");
    expect(detectLanguage(VIETNAMESE)).toBe("vi");
    expect(detectLanguage(GERMAN)).toBe("de");
    expect(detectLanguage(FRENCH)).toBe("fr");
    expect(detectLanguage(CHINESE)).toBe("zh");
  });

  it("does not take an English text with Vietnamese names for Vietnamese", () => {
    const text = `${ENGLISH} The minister, Nguyễn Mạnh Hùng, spoke in Đà Nẵng about the case and the wider market.`;
    expect(detectLanguage(text)).toBe("en");
  });

  it("lets the page's language win on short or ambiguous text", () => {
    expect(detectLanguage("OpenAI", "vi")).toBe("vi");
    expect(detectLanguage("DeepSeek R1 GPT-4o", "vi-VN")).toBe("vi");
    expect(detectLanguage("Hello", "de")).toBe("de");
  });

  it("lets a long text overrule a wrong hint", () => {
    expect(detectLanguage(`${ENGLISH} ${ENGLISH}`, "vi")).toBe("en");
    expect(detectLanguage(VIETNAMESE, "en")).toBe("vi");
  });

  it('answers "und" when it cannot tell', () => {
    expect(detectLanguage("")).toBe("und");
    expect(detectLanguage("12:04 29.01.2025 — !!!")).toBe("und");
    expect(detectLanguage("OK", null)).toBe("und");
    expect(detectLanguage("OK", "not a tag")).toBe("und");
  });
});
