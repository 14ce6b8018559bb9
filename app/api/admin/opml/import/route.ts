/**
 * POST /api/admin/opml/import: a multipart upload of an OPML file. Every http(s) feed in it is added
 * (nothing is fetched now: the worker fetches new sources on its next round, so a long list imports
 * at once and a dead feed just shows its error later).
 */
import { AppError } from "@/lib/errors";
import { parseOpml } from "@/lib/ingest/opml";
import { ok, seeOther } from "@/lib/http/respond";
import { getDb } from "@/lib/store/db";
import { addSource } from "@/lib/store/sources";
import { flashPath } from "@/components/admin/flash";
import { adminPost } from "@/app/api/admin/guard";

export const dynamic = "force-dynamic";

/** Real subscription lists are a few hundred kilobytes at most. */
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

export async function POST(request: Request): Promise<Response> {
  return adminPost(
    request,
    {
      logPrefix: "admin/opml",
      failedPath: (code) => flashPath("/admin", { error: code }) + "#import-opml",
    },
    async (asJson) => {
      const declared = Number(request.headers.get("content-length") ?? "0");
      if (declared > MAX_UPLOAD_BYTES + 64 * 1024)
        throw new AppError("BAD_REQUEST", "admin/opml: the upload is larger than 2 MB");
      const form = await request.formData().catch(() => null);
      const file = form?.get("file");
      if (!file || typeof file === "string" || file.size === 0)
        throw new AppError("BAD_REQUEST", "admin/opml: choose an OPML file to upload");
      if (file.size > MAX_UPLOAD_BYTES)
        throw new AppError("BAD_REQUEST", "admin/opml: the upload is larger than 2 MB");
      const outlines = parseOpml(await file.text());
      const db = getDb();
      let added = 0;
      let existing = 0;
      let invalid = 0;
      for (const outline of outlines) {
        let url: URL;
        try {
          url = new URL(outline.xmlUrl);
        } catch {
          invalid++;
          continue;
        }
        if (url.protocol !== "http:" && url.protocol !== "https:") {
          invalid++;
          continue;
        }
        const { created } = await addSource(db, {
          url: url.href,
          kind: "feed",
          title: outline.title || null,
          siteUrl: outline.htmlUrl,
          category: outline.category,
        });
        if (created) added++;
        else existing++;
      }
      if (asJson) return ok({ added, existing, invalid });
      return seeOther(
        flashPath("/admin", { notice: "imported", values: { added, existing, invalid } }),
      );
    },
  );
}
