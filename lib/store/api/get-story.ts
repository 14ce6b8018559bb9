/** One story with its articles, chips and claims; null when there is no such story. */
import type { Db } from "../db";

/** Reads a story by id with what its API answer shows. */
export async function getStory(db: Db, id: number) {
  const story = await db.story.findUnique({
    where: { id },
    include: {
      articles: {
        include: {
          article: {
            select: {
              id: true,
              title: true,
              url: true,
              sourceName: true,
              language: true,
              publishedAt: true,
              mentions: { select: { entity: { select: { slug: true, name: true, kind: true, verified: true } } } },
              claims: {
                orderBy: { id: "asc" },
                select: {
                  id: true,
                  articleId: true,
                  type: true,
                  stance: true,
                  sentence: true,
                  confidence: true,
                  claimant: { select: { slug: true, name: true, kind: true } },
                  target: { select: { slug: true, name: true, kind: true } },
                },
              },
            },
          },
        },
      },
    },
  });
  return story;
}
