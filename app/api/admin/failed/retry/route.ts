/**
 * POST /api/admin/failed/retry — puts failed items back in the queue with fresh tries: the one
 * named by the form's (or JSON body's) `id`, or every failed item when there is none. Their
 * sources are made due, so the next pass of a worker takes them again.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { MAX_ROW_ID } from "@/lib/http/input";
import { ok, seeOther } from "@/lib/http/respond";
import { getDb } from "@/lib/store/db";
import { retryFailedItems } from "@/lib/store/source-items";
import { flashPath } from "@/components/admin/flash";
import { adminPost } from "@/app/api/admin/guard";

export const dynamic = "force-dynamic";

const Body = z.object({
  id: z
    .union([z.literal(""), z.coerce.number().int().positive().max(MAX_ROW_ID)])
    .optional()
    .transform((value) => (value === "" ? undefined : value)),
});

export async function POST(request: Request): Promise<Response> {
  return adminPost(
    request,
    {
      logPrefix: "admin/failed",
      failedPath: (code) => flashPath("/admin/failed", { error: code }),
    },
    async (asJson) => {
      const raw = (request.headers.get("content-type") ?? "").includes("application/json")
        ? await request.json().catch(() => null)
        : Object.fromEntries((await request.formData().catch(() => new FormData())).entries());
      const parsed = Body.safeParse(raw ?? {});
      if (!parsed.success) throw new AppError("BAD_REQUEST", "admin/failed: id must be a row id");
      const items = await retryFailedItems(getDb(), parsed.data.id);
      if (parsed.data.id !== undefined && items === 0)
        throw new AppError("NOT_FOUND", `admin/failed: no failed item ${parsed.data.id}`);
      return asJson
        ? ok({ retried: items })
        : seeOther(flashPath("/admin/failed", { notice: "retried", values: { items } }));
    },
  );
}
