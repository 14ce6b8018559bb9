/**
 * POST /api/admin/sources/:id/:action — pause, resume, refresh or remove one source.
 * resume clears the error state and makes the source due; refresh does that and fetches it now;
 * remove needs confirm=yes (the confirmation page sends it), so a stray click removes nothing.
 */
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { refreshSource } from "@/lib/ingest/index";
import { networkTransport } from "@/lib/ingest/transport";
import { MAX_ROW_ID } from "@/lib/http/input";
import { ok, seeOther } from "@/lib/http/respond";
import { getDb } from "@/lib/store/db";
import { findSource, pauseSource, removeSource, resetSource } from "@/lib/store/sources";
import { flashPath } from "@/components/admin/flash";
import { adminPost } from "@/app/api/admin/guard";

export const dynamic = "force-dynamic";

const Params = z.object({
  id: z.coerce.number().int().positive().max(MAX_ROW_ID),
  action: z.enum(["pause", "resume", "refresh", "remove"]),
});

export async function POST(
  request: Request,
  context: { params: Promise<{ id: string; action: string }> },
): Promise<Response> {
  return adminPost(
    request,
    {
      logPrefix: "admin/sources",
      failedPath: (code) => flashPath("/admin", { error: code }),
    },
    async (asJson) => {
      const parsed = Params.safeParse(await context.params);
      if (!parsed.success) throw new AppError("NOT_FOUND", "admin/sources: no such action");
      const { id, action } = parsed.data;
      const db = getDb();
      const source = await findSource(db, id);
      if (!source) throw new AppError("NOT_FOUND", `admin/sources: no source ${id}`);
      const title = source.title ?? source.url;
      const anchor = `#source-${id}`;

      if (action === "pause") {
        const updated = await pauseSource(db, id);
        return asJson
          ? ok({ source: updated })
          : seeOther(flashPath("/admin", { notice: "pausedDone", values: { title } }) + anchor);
      }
      if (action === "resume") {
        const updated = await resetSource(db, id);
        return asJson
          ? ok({ source: updated })
          : seeOther(flashPath("/admin", { notice: "resumed", values: { title } }) + anchor);
      }
      if (action === "refresh") {
        const reset = await resetSource(db, id);
        const report = await refreshSource(
          { db, config: getConfig(), transport: networkTransport(getConfig()) },
          reset,
        );
        if (asJson) return ok({ report, source: await findSource(db, id) });
        return seeOther(
          flashPath(
            "/admin",
            !report.ok
              ? { notice: "refreshFailed", values: { title } }
              : report.notModified
                ? { notice: "refreshUnchanged", values: { title } }
                : {
                    notice: "refreshed",
                    values: { title, items: report.items, stored: report.stored },
                  },
          ) + anchor,
        );
      }
      const form = await request.formData().catch(() => null);
      if (form?.get("confirm") !== "yes") {
        if (asJson) throw new AppError("BAD_REQUEST", "admin/sources: removing needs confirm=yes");
        return seeOther(`/admin/sources/${id}/remove`);
      }
      await removeSource(db, id);
      return asJson ? ok({ removed: id }) : seeOther(flashPath("/admin", { notice: "removed" }));
    },
  );
}
