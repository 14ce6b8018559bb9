/**
 * A story's title and summary in the reader's language. A story is stored under its earliest
 * article's title and a summary in its main language; when it also has articles in the reader's
 * language, the reader gets the earliest of those as its title and a summary drawn from their own
 * summaries (one short read, no article text), so a Vietnamese reader does not get an English
 * story, nor the reverse.
 */
import type { Db } from "@/lib/store/db";
import { listStoryArticlesIn } from "@/lib/store/pages/list-story-articles-in";
import { titledIn } from "@/lib/store/timeline";
import { STORY_SUMMARY_ARTICLES, summariseStory } from "./summarise";

export interface StoryText {
  title: string;
  summary: string;
}

/** The story's title and summary in `language`, or its own when it has no article in it or only articles in it. */
export async function storyTextIn(
  db: Db,
  story: { id: number; title: string; summary: string; languageCounts: { language: string }[] },
  language: string,
): Promise<StoryText> {
  const languages = story.languageCounts.map((entry) => entry.language);
  // One language: the stored text is already in it (or there is nothing in the reader's).
  if (languages.length < 2 || !languages.includes(language))
    return { title: story.title, summary: story.summary };
  const [[titled], articles] = await Promise.all([
    titledIn(db, [{ id: story.id, title: story.title }], language),
    listStoryArticlesIn(db, story.id, language, STORY_SUMMARY_ARTICLES),
  ]);
  const summary = summariseStory(
    articles.map((article) => ({
      title: article.title,
      text: article.summary,
      summary: article.summary,
      language: article.language,
      publishedAt: article.publishedAt,
    })),
    { language },
  );
  return { title: titled?.title ?? story.title, summary: summary || story.summary };
}
