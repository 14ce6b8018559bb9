import { describe, expect, it } from "vitest";
import { analyzeArticle, loadAnalysisResources } from "@/lib/enrich/analyze";
import {
  articleFeatures,
  assignStory,
  clusterBatch,
  entityIdf,
  entityIdfFromCounts,
  matchHorizonDays,
  mergeIntoCentroid,
  storySimilarity,
  timeDecay,
  type StoryCandidate,
  type StoryFeatures,
} from "@/lib/enrich/cluster";

function features(
  title: string,
  text: string,
  publishedAt: string,
  languageHint = "en",
): StoryFeatures {
  return articleFeatures(
    analyzeArticle({ text, title, languageHint }, loadAnalysisResources()),
    text,
    publishedAt,
  );
}

const DISTILL_EN = features(
  "OpenAI says DeepSeek distilled its models",
  "OpenAI said it had found evidence that DeepSeek used distillation of its models through developer API accounts, in breach of its terms of use. " +
    "Microsoft security researchers observed large amounts of data being exfiltrated through OpenAI developer accounts believed to be linked to DeepSeek, Bloomberg reported. " +
    "White House AI adviser David Sacks said there was substantial evidence that DeepSeek distilled knowledge from OpenAI's models.",
  "2025-01-29T10:00:00Z",
);

const DISTILL_VI = features(
  'Deepseek đã "chưng cất" dữ liệu từ chính OpenAI để phát triển model',
  "OpenAI tuyên bố họ có bằng chứng DeepSeek của Trung Quốc đã dùng dữ liệu của OpenAI để phát triển model. " +
    'OpenAI nói với Financial Times họ đã tìm thấy bằng chứng cho thấy Deep Seek đã sử dụng kỹ thuật "chưng cất". ' +
    'David Sacks, cố vấn AI của tổng thống Trump, nói rằng "có thể" đã có việc đánh cắp công nghệ.',
  "2025-01-29T23:04:00Z",
  "vi",
);

const TIMES_SUIT = features(
  "New York Times sues OpenAI and Microsoft over copyright",
  "The New York Times sued OpenAI and Microsoft, alleging that millions of its articles were used without permission to train chatbots, infringing its copyright. " +
    "The newspaper said the companies' models compete with it as a source of reliable information. OpenAI said it respects the rights of content creators.",
  "2023-12-27T12:00:00Z",
);

const TIMES_SUIT_LATER = features(
  "Judge lets New York Times copyright case against OpenAI proceed",
  "A federal judge allowed The New York Times copyright lawsuit against OpenAI and Microsoft to proceed. The New York Times alleges that OpenAI infringed its copyright by training on its articles.",
  "2024-01-10T12:00:00Z",
);

describe("articleFeatures", () => {
  it("weighs entities, keeps claim keys and terms, and records date and language", () => {
    expect(DISTILL_EN.entities.deepseek).toBeGreaterThan(0.5);
    expect(DISTILL_EN.claims["type:distillation"]).toBeGreaterThan(0);
    // Pairs are unordered, so a denial joins the dispute it answers.
    expect(DISTILL_EN.claims["claim:deepseek~openai:distillation"]).toBeGreaterThan(0);
    expect(DISTILL_EN.claims["pair:deepseek~openai"]).toBeGreaterThan(0);
    expect(Object.keys(DISTILL_EN.terms).length).toBeGreaterThan(3);
    expect(DISTILL_EN.publishedAt).toBe("2025-01-29T10:00:00.000Z");
    expect(DISTILL_VI.language).toBe("vi");
    // Governments are context, not the event.
    expect(DISTILL_VI.entities.china ?? 0).toBeLessThan(DISTILL_VI.entities.deepseek);
  });
});

describe("assignStory", () => {
  const distillStory: StoryCandidate = {
    id: "story-distill",
    centroid: DISTILL_EN,
    lastPublishedAt: DISTILL_EN.publishedAt,
    size: 1,
  };
  const timesStory: StoryCandidate = {
    id: "story-times",
    centroid: TIMES_SUIT,
    lastPublishedAt: TIMES_SUIT.publishedAt,
    size: 1,
  };

  it("joins a Vietnamese article to the English story on the same event", () => {
    const result = assignStory(DISTILL_VI, [timesStory, distillStory]);
    expect(result.storyId).toBe("story-distill");
    expect(result.score).toBeGreaterThan(storySimilarity(DISTILL_VI, timesStory));
  });

  it("keeps different disputes apart and starts a new story when nothing fits", () => {
    expect(assignStory(TIMES_SUIT_LATER, [distillStory, timesStory]).storyId).toBe("story-times");
    expect(assignStory(TIMES_SUIT, [distillStory]).storyId).toBeNull();
    expect(assignStory(DISTILL_EN, []).storyId).toBeNull();
  });

  it("decays with time: an event weeks later does not join, the same dispute months later does, years later not", () => {
    expect(timeDecay(3)).toBe(1);
    expect(timeDecay(45)).toBeLessThan(0.25);
    const noClaims = { ...DISTILL_VI, claims: {}, publishedAt: "2025-04-01T00:00:00.000Z" };
    expect(assignStory(noClaims, [distillStory]).storyId).toBeNull();
    expect(
      assignStory({ ...noClaims, publishedAt: DISTILL_VI.publishedAt }, [distillStory]).storyId,
    ).toBe("story-distill");
    const monthsLater = { ...DISTILL_VI, publishedAt: "2025-06-01T00:00:00.000Z" };
    expect(assignStory(monthsLater, [distillStory]).storyId).toBe("story-distill");
    const yearsLater = { ...DISTILL_VI, publishedAt: "2028-06-01T00:00:00.000Z" };
    expect(assignStory(yearsLater, [distillStory]).storyId).toBeNull();
  });
});

describe("mergeIntoCentroid and clusterBatch", () => {
  it("averages weights and keeps the newest date", () => {
    const merged = mergeIntoCentroid(DISTILL_EN, DISTILL_VI, 1);
    expect(merged.publishedAt).toBe(DISTILL_VI.publishedAt);
    expect(merged.language).toBe("en");
    expect(merged.entities.deepseek).toBeGreaterThan(0);
    expect(merged.entities["financial-times"] ?? 0).toBeLessThan(
      DISTILL_VI.entities["financial-times"],
    );
  });

  it("puts every article in exactly one story, keyed by its founding article, stable under input order", () => {
    const items = [
      { id: "vi", features: DISTILL_VI },
      { id: "times-2", features: TIMES_SUIT_LATER },
      { id: "en", features: DISTILL_EN },
      { id: "times-1", features: TIMES_SUIT },
    ];
    const stories = clusterBatch(items);
    expect([...stories.keys()].sort()).toEqual(["en", "times-1", "times-2", "vi"]);
    expect(stories.get("vi")).toBe("en");
    expect(stories.get("en")).toBe("en");
    expect(stories.get("times-2")).toBe("times-1");
    expect(stories.get("times-1")).toBe("times-1");
    const reversed = clusterBatch([...items].reverse());
    expect(reversed).toEqual(stories);
  });
});

describe("time as a story's span, and the match horizon", () => {
  it("measures an article against the story's first..last span, not only its newest article", () => {
    const noClaims = { ...DISTILL_VI, claims: {} };
    // A story that ran from late January to June: a late-arriving article from February is inside it.
    const longStory: StoryCandidate = {
      id: "long",
      centroid: { ...DISTILL_EN, claims: {} },
      firstPublishedAt: "2025-01-29T00:00:00.000Z",
      lastPublishedAt: "2025-06-30T00:00:00.000Z",
      size: 5,
    };
    const february = { ...noClaims, publishedAt: "2025-02-10T00:00:00.000Z" };
    expect(assignStory(february, [longStory]).storyId).toBe("long");
    // Known only by its newest date, the same story is months away and decays out of reach.
    expect(
      assignStory(february, [{ ...longStory, firstPublishedAt: undefined }]).storyId,
    ).toBeNull();
    // Before the span starts, the distance is to its first article.
    const longBefore = { ...noClaims, publishedAt: "2024-10-01T00:00:00.000Z" };
    expect(assignStory(longBefore, [longStory]).storyId).toBeNull();
  });

  it("lets the middle of a long story take another step of the dispute, not any article naming its companies", () => {
    const dispute: StoryCandidate = {
      id: "dispute",
      centroid: DISTILL_EN,
      firstPublishedAt: "2025-01-29T00:00:00.000Z",
      lastPublishedAt: "2025-09-19T00:00:00.000Z",
      size: 4,
    };
    const april = "2025-04-20T00:00:00.000Z";
    expect(assignStory({ ...DISTILL_VI, publishedAt: april }, [dispute]).storyId).toBe("dispute");
    expect(
      assignStory({ ...DISTILL_VI, claims: {}, publishedAt: april }, [dispute]).storyId,
    ).toBeNull();
  });

  it("is the distance beyond which no article can join, even a perfect dispute match", () => {
    const horizon = matchHorizonDays();
    expect(horizon).toBeGreaterThan(400);
    const story: StoryCandidate = {
      id: "s",
      centroid: DISTILL_EN,
      lastPublishedAt: DISTILL_EN.publishedAt,
      size: 1,
    };
    const at = (days: number) => ({
      ...DISTILL_EN,
      publishedAt: new Date(Date.parse(DISTILL_EN.publishedAt!) + days * 86_400_000).toISOString(),
    });
    expect(storySimilarity(at(horizon + 1), story)).toBeLessThan(0.37);
    expect(storySimilarity(at(horizon - 60), story)).toBeGreaterThanOrEqual(0.37);
    expect(matchHorizonDays({ threshold: 0.6 })).toBeLessThan(horizon);
    expect(matchHorizonDays({ disputeDecayDays: 100, disputeGraceDays: 30 })).toBeLessThan(horizon);
  });
});

describe("centroid words per language", () => {
  it("keeps a second language's words apart and compares an article with its own language's", () => {
    const founded = DISTILL_VI;
    const merged = mergeIntoCentroid(founded, DISTILL_EN, 1);
    expect(merged.language).toBe("vi");
    expect(merged.terms).toEqual(founded.terms);
    expect(merged.termsByLanguage?.en?.count).toBe(1);
    expect(merged.termsByLanguage?.en?.terms).toEqual(DISTILL_EN.terms);
    const again = mergeIntoCentroid(merged, { ...DISTILL_EN, terms: { distinctword: 1 } }, 2);
    expect(again.termsByLanguage?.en?.count).toBe(2);
    expect(again.termsByLanguage?.en?.terms.distinctword).toBeCloseTo(0.5);
    // An English article's words now count against the Vietnamese-founded story.
    const english = { ...DISTILL_EN, entities: {}, claims: {} };
    const withWords: StoryCandidate = {
      id: "m",
      centroid: merged,
      lastPublishedAt: merged.publishedAt,
      size: 2,
    };
    const withoutWords: StoryCandidate = {
      ...withWords,
      centroid: { ...merged, termsByLanguage: undefined },
    };
    expect(storySimilarity(english, withWords)).toBeGreaterThan(0.3);
    expect(storySimilarity(english, withoutWords)).toBe(0);
  });
});

describe("entityIdfFromCounts", () => {
  it("gives what entityIdf gives for the same articles, and nothing for under four", () => {
    const all = [DISTILL_EN, DISTILL_VI, TIMES_SUIT, TIMES_SUIT_LATER];
    const counts: Record<string, number> = {};
    for (const feature of all)
      for (const key of Object.keys(feature.entities)) counts[key] = (counts[key] ?? 0) + 1;
    expect(entityIdfFromCounts(counts, all.length)).toEqual(entityIdf(all));
    expect(entityIdf(all).openai).toBeLessThan(entityIdf(all).deepseek);
    expect(entityIdfFromCounts(counts, 3)).toEqual({});
  });
});
