import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { parseConfig } from "@/lib/config";
import { createVocabulary, loadVocabulary, scoreRelevance } from "@/lib/enrich/relevance";
import { sharedPath } from "@/scripts/support/shared";

/** The configured default: articles below it are off topic. */
const { RELEVANCE_THRESHOLD } = parseConfig({});

const FOOTBALL_EN =
  "Arsenal came from behind to beat Chelsea 2-1 at the Emirates on Sunday. Bukayo Saka equalised after the break and " +
  "Martin Odegaard scored the winner with ten minutes left. Chelsea manager Enzo Maresca disputed the referee's decision " +
  "to award a penalty, saying the foul happened outside the box, and the club said it would complain to the league. " +
  "The result lifts Arsenal to second in the table, three points behind Liverpool.";
const FOOTBALL_VI =
  "Đội tuyển Việt Nam thắng Thái Lan 3-2 trong trận chung kết lượt về tối qua. Huấn luyện viên Kim Sang-sik cho biết các cầu thủ " +
  "đã thi đấu kiên cường. Trọng tài rút thẻ phạt hai lần và thổi phạt đền ở phút 80, khiến ban huấn luyện đội khách phản ứng. Ai cũng " +
  "bất ngờ với bàn thắng của Nguyễn Xuân Son.";
const RECIPE =
  "Apple crumble is the easiest dessert you can bake this autumn. Peel and slice six apples, toss them with cinnamon and a spoon of " +
  "sugar, then cover with a crumble of flour, cold butter and oats. Bake for 40 minutes until golden. Serve warm with custard or ice cream.";
const AI_REVIEW_EN =
  "We spent a week with ChatGPT's new GPT-4o voice mode. The AI model answers quickly, switches languages mid-sentence and can " +
  "describe what your phone camera sees. Compared with Google's Gemini and Anthropic's Claude, OpenAI's chatbot felt the most " +
  "natural, though it still makes mistakes with arithmetic. The Plus subscription costs $20 a month and is worth it for heavy users.";
const AI_REVIEW_VI =
  "Chúng tôi đã dùng thử mô hình AI mới của OpenAI trong một tuần. Chatbot trả lời nhanh, hiểu tiếng Việt tốt và có thể mô tả hình ảnh " +
  "từ camera điện thoại. So với Gemini của Google, ChatGPT cho câu trả lời tự nhiên hơn. Gói trả phí có giá 20 USD mỗi tháng.";
const DISPUTE_EN =
  "The New York Times sued OpenAI and Microsoft on Wednesday, accusing the companies of copyright infringement for using millions " +
  "of its articles to train the chatbots that now compete with it. The lawsuit, filed in federal court in Manhattan, says the " +
  "artificial intelligence models reproduce Times stories nearly verbatim. OpenAI said it respected the rights of content creators " +
  "and was disappointed by the suit.";
const DISPUTE_SHORT_EN =
  "OpenAI says DeepSeek may have distilled its models in breach of its terms of service.";
const EXPORT_EN =
  "The US Commerce Department is investigating whether DeepSeek obtained Nvidia H100 chips through intermediaries in Singapore, " +
  "in violation of export controls that ban their sale to China. Lawmakers on the House Select Committee on China accused the AI " +
  "start-up of posing a national security threat.";
const DISPUTE_VI =
  "Nhóm tác giả tại Mỹ khởi kiện Anthropic, cáo buộc công ty dùng sách có bản quyền để huấn luyện mô hình AI Claude mà không xin phép. " +
  "Đơn kiện được nộp lên tòa án liên bang ở San Francisco. Anthropic chưa bình luận về vụ kiện.";

describe("scoreRelevance", () => {
  it("keeps off-topic articles below the threshold", () => {
    for (const text of [FOOTBALL_EN, FOOTBALL_VI, RECIPE, AI_REVIEW_EN, AI_REVIEW_VI]) {
      expect(scoreRelevance(text)).toBeLessThan(RELEVANCE_THRESHOLD);
    }
    expect(scoreRelevance(RECIPE, { title: "Apple crumble" })).toBe(0);
  });

  it("puts dispute articles above it, in English and Vietnamese", () => {
    for (const text of [DISPUTE_EN, EXPORT_EN, DISPUTE_VI])
      expect(scoreRelevance(text)).toBeGreaterThan(RELEVANCE_THRESHOLD);
    expect(
      scoreRelevance(DISPUTE_SHORT_EN, { title: "OpenAI accuses DeepSeek of distillation" }),
    ).toBeGreaterThan(RELEVANCE_THRESHOLD);
  });

  it("scores the founding article high and orders texts sensibly", () => {
    const seed = readFileSync(sharedPath("seeds", "000_bb0ccbdd8d08316c.txt"), "utf8");
    const article = seed.slice(0, seed.indexOf("==***=="));
    const score = scoreRelevance(article, { language: "vi" });
    expect(score).toBeGreaterThan(0.8);
    expect(score).toBeLessThanOrEqual(1);
    expect(scoreRelevance(DISPUTE_EN)).toBeGreaterThan(scoreRelevance(AI_REVIEW_EN));
  });

  it("lets the title raise a short text", () => {
    expect(
      scoreRelevance(DISPUTE_SHORT_EN, { title: "OpenAI accuses DeepSeek of distillation" }),
    ).toBeGreaterThan(scoreRelevance(DISPUTE_SHORT_EN));
  });

  it("keeps the shared real-world news corpus (no AI disputes in it) below the threshold", () => {
    const truth = JSON.parse(
      readFileSync(sharedPath("bench", "extraction", "ground-truth.json"), "utf8"),
    ) as Record<string, { articleBody: string }>;
    const bodies = Object.values(truth).map((page) => page.articleBody);
    expect(bodies.length).toBeGreaterThan(50);
    for (const body of bodies) expect(scoreRelevance(body)).toBeLessThan(RELEVANCE_THRESHOLD);
  });
});

describe("vocabulary", () => {
  it("is editable: a custom vocabulary with wildcards, weights and exact-case terms", () => {
    const vocabulary = createVocabulary({
      ai: { en: ["AI", "robot*"] },
      dispute: { en: ["feud*", "spat^0.5"] },
    });
    expect(
      scoreRelevance("Robots and AI firms in a feud, a feuding spat.", { vocabulary }),
    ).toBeGreaterThan(0.15);
    expect(scoreRelevance("ai cũng biết: feud", { vocabulary })).toBe(0);
  });

  it("loads from a file and rejects a malformed one", () => {
    const dir = mkdtempSync(join(tmpdir(), "vocab-"));
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify({ ai: { en: ["llm"] }, dispute: { en: ["lawsuit"] } }));
    expect(loadVocabulary(good)).toBe(loadVocabulary(good));
    expect(
      scoreRelevance("LLM lawsuit LLM lawsuit", { vocabulary: loadVocabulary(good) }),
    ).toBeGreaterThan(0);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ ai: ["llm"] }));
    expect(() => loadVocabulary(bad)).toThrow(/relevance/);
    try {
      loadVocabulary(bad);
    } catch (error) {
      expect(isAppError(error, "CONFIG_INVALID")).toBe(true);
    }
  });
});
