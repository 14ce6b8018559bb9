-- What a timeline card shows, kept on the story (lib/store/stories.ts refreshStoryCards): the
-- timeline no longer aggregates every article of every story on its page.
-- Written by hand: the generated table rebuild would DROP "Story" inside the migration's
-- transaction, where PRAGMA foreign_keys cannot be turned off, and cascade to "StoryArticle".
ALTER TABLE "Story" ADD COLUMN "sourceCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Story" ADD COLUMN "cardEntities" TEXT NOT NULL DEFAULT '[]';
ALTER TABLE "Story" ADD COLUMN "cardClaims" TEXT NOT NULL DEFAULT '[]';

-- Stories already stored (the same statement as refreshStoryCards at the time of writing).
UPDATE "Story" SET
  "sourceCount" = (SELECT COUNT(DISTINCT coalesce(a."sourceName", a."url")) FROM "StoryArticle" sa JOIN "Article" a ON a."id" = sa."articleId" WHERE sa."storyId" = "Story"."id"),
  "cardEntities" = (SELECT coalesce(json_group_array(json_array(x."entityId", x."n")), '[]') FROM (
    SELECT m."entityId" AS "entityId", COUNT(*) AS "n" FROM "StoryArticle" sa JOIN "Mention" m ON m."articleId" = sa."articleId"
    JOIN "Entity" e ON e."id" = m."entityId" AND e."verified"
    WHERE sa."storyId" = "Story"."id" GROUP BY m."entityId" ORDER BY COUNT(*) DESC, m."entityId" LIMIT 32) x),
  "cardClaims" = (SELECT coalesce(json_group_array(json_array(x."type", x."n")), '[]') FROM (
    SELECT c."type" AS "type", COUNT(*) AS "n" FROM "StoryArticle" sa JOIN "Claim" c ON c."articleId" = sa."articleId"
    WHERE sa."storyId" = "Story"."id" GROUP BY c."type" ORDER BY COUNT(*) DESC, c."type") x);
