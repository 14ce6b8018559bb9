import { describe, expect, it } from "vitest";
import { hasRelativeDate, withoutRelativeDates } from "@/lib/enrich/relative-dates";

describe("relative dates in summary sentences", () => {
  it.each([
    [
      "en",
      "The chatbot rattled Silicon Valley this week, adding an accusation of copying.",
      "The chatbot rattled Silicon Valley, adding an accusation of copying.",
    ],
    ["en", "Last week, OpenAI said it would appeal.", "OpenAI said it would appeal."],
    [
      "en",
      "The New York Times sued OpenAI and Microsoft on Wednesday, accusing them of copying.",
      "The New York Times sued OpenAI and Microsoft, accusing them of copying.",
    ],
    [
      "en",
      "Researchers saw data leave the interface late last year.",
      "Researchers saw data leave the interface.",
    ],
    [
      "vi",
      "Hôm thứ Tư, OpenAI cho biết tuần này họ sẽ kháng cáo.",
      "OpenAI cho biết họ sẽ kháng cáo.",
    ],
    ["vi", "Tuần trước, DeepSeek phủ nhận cáo buộc.", "DeepSeek phủ nhận cáo buộc."],
    [
      "fr",
      "Le New York Times a porté plainte mardi dernier.",
      "Le New York Times a porté plainte.",
    ],
    ["de", "Die Klage wurde am Montag eingereicht.", "Die Klage wurde eingereicht."],
  ])("%s: %s", (language, text, expected) => {
    expect(hasRelativeDate(text, language)).toBe(true);
    expect(withoutRelativeDates(text, language)).toBe(expected);
  });

  it("leaves words that only contain a date word, and languages it has no list for", () => {
    expect(withoutRelativeDates("Today's ruling was narrow.", "en")).toBe(
      "Today's ruling was narrow.",
    );
    expect(hasRelativeDate("The Mondayville plant closed.", "en")).toBe(false);
    expect(withoutRelativeDates("昨日、OpenAIは述べた。", "ja")).toBe("昨日、OpenAIは述べた。");
  });
});
