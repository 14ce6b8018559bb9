/** POST /api/admin/sources: adds a source by URL (feed, page with a discoverable feed, or single page). */
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { addSourceByUrl } from "@/lib/ingest/index";
import { networkTransport } from "@/lib/ingest/transport";
import { json, seeOther } from "@/lib/http/respond";
import { getDb } from "@/lib/store/db";
import { flashPath } from "@/components/admin/flash";
import { adminPost } from "@/app/api/admin/guard";

export const dynamic = "force-dynamic";

const AddForm = z.object({
  url: z.string().trim().min(1).max(2048),
  title: z
    .string()
    .trim()
    .max(300)
    .optional()
    .transform((value) => (value ? value : null)),
});

export async function POST(request: Request): Promise<Response> {
  let entered = "";
  return adminPost(
    request,
    {
      logPrefix: () => `admin/sources: adding ${entered} failed`,
      failedPath: (code, error) => {
        const status = error instanceof AppError ? error.details?.status : undefined;
        return (
          flashPath("/admin", {
            error: code,
            values: {
              form: "add",
              url: entered,
              status: typeof status === "number" ? status : null,
            },
          }) + "#add-source"
        );
      },
    },
    async (asJson) => {
      const form = await readForm(request);
      entered = typeof form.url === "string" ? form.url : "";
      const parsed = AddForm.safeParse(form);
      if (!parsed.success)
        throw new AppError(
          "BAD_REQUEST",
          "admin/sources: url is required (at most 2048 characters)",
        );
      const config = getConfig();
      const result = await addSourceByUrl(
        { db: getDb(), transport: networkTransport(config) },
        parsed.data.url,
        { title: parsed.data.title },
      );
      if (asJson)
        return json(
          { source: result.source, created: result.created, discoveredFrom: result.discoveredFrom },
          result.created ? 201 : 200,
        );
      const title = result.source.title ?? result.source.url;
      const notice = !result.created
        ? "alreadyThere"
        : result.discoveredFrom
          ? "addedDiscovered"
          : "added";
      return seeOther(
        flashPath("/admin", { notice, values: { title, from: result.discoveredFrom } }) +
          `#source-${result.source.id}`,
      );
    },
  );
}

/** The body as a plain object: a form post, or JSON from a script. */
async function readForm(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    const body = (await request.json().catch(() => null)) as unknown;
    return body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  }
  const form = await request.formData().catch(() => null);
  if (!form) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") out[key] = value;
  return out;
}
