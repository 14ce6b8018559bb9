/**
 * Sample data kept apart, on SQLite and PostgreSQL: a real article on the very dispute of a sample
 * story founds a story of its own (the card keeps neither the sample headline nor the badge), and
 * removing the sample corpus takes its stories, articles and sources in one transaction, leaving
 * the real article, its story and its claims as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "@/lib/bootstrap";
import { parseConfig } from "@/lib/config";
import { analyzeArticle, loadAnalysisResources } from "@/lib/enrich/analyze";
import { placeInStory } from "@/lib/enrich/index";
import { writeArticle } from "@/lib/store/articles";
import { removeSampleData } from "@/lib/store/stories";
import {
  createScratchDatabase,
  DATABASE_KINDS,
  type ScratchDatabase,
} from "@/scripts/support/scratch-db";

describe.each(DATABASE_KINDS)("sample data on %s", (kind) => {
  let test: ScratchDatabase;

  beforeAll(async () => {
    test = await createScratchDatabase(kind);
    await bootstrap(
      test.db,
      parseConfig({ DATABASE_URL: test.url, DEFAULT_SOURCES: "false", LOAD_SAMPLE_DATA: "true" }),
    );
  }, 180_000);

  afterAll(async () => {
    await test?.drop();
  });

  it("places a real article on a sample story's dispute in a story of its own, and removes the sample all at once", async () => {
    const db = test.db;
    // A real report of the founding dispute, a day after the sample's English article on it.
    const sample = await db.article.findFirstOrThrow({
      where: { isSample: true, canonicalUrl: { contains: "openai-says-it-has-evidence-deepseek" } },
      include: { story: true },
    });
    const sampleStory = sample.story!.storyId;
    const publishedAt = new Date(sample.publishedAt!.getTime() + 86_400_000);
    const title = "OpenAI says DeepSeek may have distilled its models through its API";
    const analysis = analyzeArticle(
      { text: sample.text, title, languageHint: "en" },
      loadAnalysisResources(),
    );
    const realId = await db.$transaction(async (tx) => {
      const id = await writeArticle(tx, {
        canonicalUrl: "https://real-news.example/2025/01/30/openai-deepseek-distillation",
        url: "https://real-news.example/2025/01/30/openai-deepseek-distillation",
        guid: null,
        sourceId: null,
        sourceName: "Real News",
        contentHash: "real-article-hash",
        simhash: null,
        duplicateOfId: null,
        language: analysis.language,
        title,
        byline: null,
        text: sample.text,
        summary: analysis.summary,
        leadImage: null,
        relevance: analysis.relevance,
        publishedAt,
        isSample: false,
        mentions: analysis.mentions,
        claims: analysis.claims,
      });
      await placeInStory(tx, {
        articleId: id,
        analysis,
        text: sample.text,
        title,
        publishedAt,
        isSample: false,
      });
      return id;
    });
    const placed = await db.storyArticle.findUniqueOrThrow({
      where: { articleId: realId },
      include: { story: true },
    });
    expect(placed.storyId).not.toBe(sampleStory);
    expect(placed.story.isSample).toBe(false);
    expect(placed.story.title).toBe(title);
    expect(
      await db.storyArticle.count({
        where: { storyId: placed.storyId, article: { isSample: true } },
      }),
    ).toBe(0);

    const before = {
      articles: await db.article.count({ where: { isSample: true } }),
      stories: await db.story.count({ where: { isSample: true } }),
      sources: await db.source.count({ where: { isSample: true } }),
    };
    expect(before.articles).toBeGreaterThan(10);
    const removed = await removeSampleData(db);
    expect(removed).toEqual({ ...before, kept: 0 });
    expect(await db.article.count({ where: { isSample: true } })).toBe(0);
    expect(await db.story.count({ where: { isSample: true } })).toBe(0);
    expect(await db.source.count({ where: { isSample: true } })).toBe(0);
    expect(await db.article.count()).toBe(1);
    expect(await db.claim.count({ where: { article: { isSample: true } } })).toBe(0);
    expect(
      (await db.storyArticle.findUniqueOrThrow({ where: { articleId: realId } })).storyId,
    ).toBe(placed.storyId);
    expect((await db.story.findUniqueOrThrow({ where: { id: placed.storyId } })).articleCount).toBe(
      1,
    );
    // Nothing left to remove.
    expect(await removeSampleData(db)).toEqual({ articles: 0, stories: 0, sources: 0, kept: 0 });
  });
});
