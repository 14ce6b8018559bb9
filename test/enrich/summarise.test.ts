import { describe, expect, it } from "vitest";
import {
  scanBoilerplate,
  stripBoilerplate,
  summariseArticle,
  summariseStory,
} from "@/lib/enrich/summarise";

const ARTICLE = [
  "OpenAI accuses DeepSeek of distilling its models",
  "The New York Times sued OpenAI and Microsoft on Wednesday, saying millions of its articles were used to train chatbots without permission.",
  "The lawsuit, filed in federal court in Manhattan, seeks billions of dollars in damages over the copying of the newspaper's journalism.",
  "Click here to subscribe to our newsletter.",
  "OpenAI said it respects the rights of content creators and was surprised by the lawsuit, which it called without merit.",
  "Microsoft declined to comment on the lawsuit filed by the newspaper on Wednesday in Manhattan.",
  "The weather in New York was mild that week, with temperatures well above the seasonal average.",
].join("\n\n");

const FOOTER = [
  "==***==",
  "Khoá học: Quản trị Chiến lược Dành cho các Lãnh đạo Doanh nghiệp",
  "Nhấn vào đây để bắt đầu khóa học",
  "Khóa học: Phân tích dữ liệu với Power BI",
  "Nhấn vào đây để bắt đầu khóa học",
  "Làm Chủ thiết kế ảnh với Photoshop CC",
  "Nhấn vào đây để bắt đầu khóa học",
  "Gửi ý kiến cho ban biên tập",
  "ĐĂNG KÝ/LIÊN HỆ:",
].join("\n\n");

describe("scanBoilerplate / stripBoilerplate", () => {
  it("cuts a trailing advert footer and keeps offsets of what remains", () => {
    const text = `${ARTICLE}\n\n${FOOTER}\n`;
    const scan = scanBoilerplate(text);
    expect(scan.footerStart).toBe(text.indexOf("==***=="));
    const stripped = stripBoilerplate(text);
    expect(stripped).not.toMatch(/khóa học/i);
    // Every kept character is where it was: the body is a prefix with furniture blanked.
    const at = stripped.indexOf("OpenAI said");
    expect(text.slice(at, at + 11)).toBe("OpenAI said");
    expect(stripped).not.toMatch(/Click here/);
    expect(stripped.length).toBeLessThanOrEqual(text.length);
  });

  it("leaves a clean article alone", () => {
    const clean = ARTICLE.replace("Click here to subscribe to our newsletter.\n\n", "");
    expect(stripBoilerplate(clean)).toBe(clean);
    expect(scanBoilerplate(clean).footerStart).toBe(clean.length);
  });
});

describe("summariseArticle", () => {
  const summary = summariseArticle(`${ARTICLE}\n\n${FOOTER}`, {
    language: "en",
    title: "Times sues OpenAI and Microsoft over copyright",
  });

  it("picks up to three real sentences, in article order, never furniture or the headline", () => {
    expect(summary.length).toBeGreaterThan(100);
    expect(summary).toMatch(/^The New York Times sued/);
    expect(summary).not.toMatch(/Click here|Nhấn vào đây|khóa học|accuses DeepSeek of distilling/i);
    const parts = ARTICLE.split("\n\n").filter((sentence) => summary.includes(sentence));
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts.length).toBeLessThanOrEqual(3);
    const positions = parts.map((sentence) => summary.indexOf(sentence));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(summary).not.toMatch(/weather/);
  });

  it("honours maxSentences and returns '' when nothing is summarisable", () => {
    const one = summariseArticle(ARTICLE, { language: "en", maxSentences: 1 });
    expect(ARTICLE.split("\n\n")).toContain(one);
    expect(summariseArticle(FOOTER, { language: "vi" })).toBe("");
    expect(summariseArticle("", {})).toBe("");
  });

  it("does not repeat a sentence that appears twice", () => {
    const repeated = `${ARTICLE}\n\n${ARTICLE.split("\n\n")[1]}`;
    const result = summariseArticle(repeated, { language: "en", maxSentences: 3 });
    const first = ARTICLE.split("\n\n")[1];
    expect(result.split(first).length - 1).toBeLessThanOrEqual(1);
  });
});

describe("summariseStory", () => {
  const wire =
    "OpenAI said it had found evidence that DeepSeek used its models to train a competitor through distillation.";
  const articles = [
    {
      title: "OpenAI says DeepSeek distilled its models",
      text: `${wire}\n\nMicrosoft and OpenAI investigated accounts believed to belong to DeepSeek last year, people familiar with the matter said.`,
      language: "en",
      publishedAt: "2025-01-29T10:00:00Z",
    },
    {
      title: "OpenAI: DeepSeek used our models",
      text: `${wire}\n\nWhite House AI adviser David Sacks said there was substantial evidence that DeepSeek distilled knowledge from OpenAI models.`,
      language: "en",
      publishedAt: "2025-01-29T12:00:00Z",
    },
    {
      title: "OpenAI cáo buộc DeepSeek",
      text: "OpenAI tuyên bố họ có bằng chứng DeepSeek của Trung Quốc đã dùng dữ liệu của OpenAI để phát triển model mới của mình.",
      language: "vi",
      publishedAt: "2025-01-30T08:00:00Z",
    },
  ];

  it("summarises in the main language without repeating the syndicated sentence", () => {
    const summary = summariseStory(articles);
    expect(summary.split(wire).length - 1).toBe(1);
    expect(summary).toMatch(/David Sacks|Microsoft/);
    expect(summary).not.toMatch(/tuyên bố/);
  });

  it("takes relative dates out when the summary joins articles days apart, and only then", () => {
    const story = [
      {
        title: "OpenAI says DeepSeek distilled its models",
        text: "OpenAI said this week that DeepSeek, whose chatbot rattled Silicon Valley, had distilled its models through the API.",
        language: "en",
        publishedAt: "2025-01-29T10:00:00Z",
      },
      {
        title: "DeepSeek denies copying OpenAI in a peer-reviewed paper",
        text: "On Wednesday, DeepSeek denied that its R1 reasoning model learned by copying OpenAI, in a paper published this week.",
        language: "en",
        publishedAt: "2025-09-17T10:00:00Z",
      },
    ];
    const apart = summariseStory(story);
    expect(apart).toContain("OpenAI said that DeepSeek");
    expect(apart).toContain("DeepSeek denied that its R1");
    expect(apart).not.toMatch(/this week|Wednesday/i);
    // The same day: "this week" means one week, and stays.
    const sameDay = summariseStory(
      story.map((a) => ({ ...a, publishedAt: "2025-01-29T10:00:00Z" })),
    );
    expect(sameDay.match(/this week/g)).toHaveLength(2);
  });

  it("uses a requested language when the story has articles in it", () => {
    const summary = summariseStory(articles, { language: "vi" });
    expect(summary).toMatch(/tuyên bố/);
    expect(summary).not.toMatch(/evidence/);
    expect(summariseStory([])).toBe("");
  });
});
