/** /feeds/entities/{slug}.{rss,atom,json}: articles naming an entity. */
import { errorResponse } from "@/lib/api/respond";
import { serveFeed } from "@/lib/digest/serve";
import { parseFeedFile, parseSlug } from "@/lib/digest/view";

export async function GET(
  request: Request,
  context: { params: Promise<{ file: string }> },
): Promise<Response> {
  try {
    const { name, format } = parseFeedFile((await context.params).file);
    return serveFeed(request, { kind: "entity", slug: parseSlug(name, "slug") }, format);
  } catch (error) {
    return errorResponse(error);
  }
}
