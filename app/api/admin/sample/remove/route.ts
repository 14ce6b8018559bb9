/**
 * POST /api/admin/sample/remove: removes the bundled sample corpus (its stories, articles and
 * sources) in one transaction, then back to the admin page saying how much went.
 */
import { ok, seeOther } from "@/lib/http/respond";
import { getDb } from "@/lib/store/db";
import { removeSampleData } from "@/lib/store/stories";
import { flashPath } from "@/components/admin/flash";
import { adminPost } from "@/app/api/admin/guard";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return adminPost(
    request,
    {
      logPrefix: "admin/sample",
      failedPath: (code) => flashPath("/admin", { error: code }),
    },
    async (asJson) => {
      const removed = await removeSampleData(getDb());
      if (asJson) return ok(removed);
      return seeOther(
        flashPath("/admin", {
          notice: "sampleRemoved",
          values: {
            articles: removed.articles,
            stories: removed.stories,
            sources: removed.sources,
          },
        }),
      );
    },
  );
}
