/**
 * POST /api/admin/sample/remove: removes the bundled sample corpus (its stories, articles and
 * sources) in one transaction, then back to the admin page saying how much went.
 */
import { AppError, errorMessage } from "@/lib/errors";
import { fromError, ok, seeOther } from "@/lib/http/respond";
import { requestLogger } from "@/lib/log";
import { getDb } from "@/lib/store/db";
import { removeSampleData } from "@/lib/store/stories";
import { flashPath } from "@/components/admin/flash";
import { refuse, wantsJson } from "@/app/api/admin/guard";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  const refused = refuse(request, { mutation: true });
  if (refused) return refused;
  const asJson = wantsJson(request);
  try {
    const removed = await removeSampleData(getDb());
    if (asJson) return ok(removed);
    return seeOther(
      flashPath("/admin", {
        notice: "sampleRemoved",
        values: { articles: removed.articles, stories: removed.stories, sources: removed.sources },
      }),
    );
  } catch (error) {
    if (!(error instanceof AppError))
      requestLogger(request).error(`admin/sample: ${errorMessage(error)}`);
    if (asJson) return fromError(error);
    return seeOther(
      flashPath("/admin", { error: error instanceof AppError ? error.code : "INTERNAL" }),
    );
  }
}
