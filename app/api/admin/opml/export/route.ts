/** GET /api/admin/opml/export: the feed sources (not the bundled sample ones) as an OPML download. */
import { renderOpml } from "@/lib/ingest/opml";
import { getDb } from "@/lib/store/db";
import { listSources } from "@/lib/store/sources";
import { refuse } from "@/app/api/admin/guard";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const refused = refuse(request, { mutation: false });
  if (refused) return refused;
  const sources = (await listSources(getDb())).filter(
    (source) => source.kind === "feed" && !source.isSample,
  );
  const body = renderOpml(
    sources.map((source) => ({
      title: source.title ?? source.url,
      xmlUrl: source.url,
      htmlUrl: source.siteUrl,
      category: source.category,
    })),
    "DisputeWatch sources",
  );
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/x-opml; charset=utf-8",
      "content-disposition": `attachment; filename="disputewatch-sources-${day}.opml"`,
      "cache-control": "no-store",
    },
  });
}
