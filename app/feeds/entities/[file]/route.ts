/** /feeds/entities/{slug}.{rss,atom,json}: articles naming an entity. */
import { fromError } from "@/lib/http/respond";
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
    return fromError(error, request);
  }
}
