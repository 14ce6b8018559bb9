-- AlterTable
ALTER TABLE "Story" ADD COLUMN     "cardClaims" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "cardEntities" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "sourceCount" INTEGER NOT NULL DEFAULT 0;


-- Stories already stored (the same statement as refreshStoryCards in lib/store/stories.ts at the
-- time of writing): what a timeline card shows, kept on the story.
UPDATE "Story" SET
  "sourceCount" = (SELECT COUNT(DISTINCT coalesce(a."sourceName", a."url")) FROM "StoryArticle" sa JOIN "Article" a ON a."id" = sa."articleId" WHERE sa."storyId" = "Story"."id"),
  "cardEntities" = coalesce((SELECT CAST(json_agg(json_build_array(x."entityId", x."n")) AS TEXT) FROM (
    SELECT m."entityId" AS "entityId", COUNT(*) AS "n" FROM "StoryArticle" sa JOIN "Mention" m ON m."articleId" = sa."articleId"
    JOIN "Entity" e ON e."id" = m."entityId" AND e."verified"
    WHERE sa."storyId" = "Story"."id" GROUP BY m."entityId" ORDER BY COUNT(*) DESC, m."entityId" LIMIT 32) x), '[]'),
  "cardClaims" = coalesce((SELECT CAST(json_agg(json_build_array(x."type", x."n")) AS TEXT) FROM (
    SELECT c."type" AS "type", COUNT(*) AS "n" FROM "StoryArticle" sa JOIN "Claim" c ON c."articleId" = sa."articleId"
    WHERE sa."storyId" = "Story"."id" GROUP BY c."type" ORDER BY COUNT(*) DESC, c."type") x), '[]');
