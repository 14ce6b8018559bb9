/** /feeds/stories/{id}.{rss,atom,json}: the articles of one story. */
import { fromError } from "@/lib/http/respond";
import { serveFeed } from "@/lib/digest/serve";
import { parseFeedFile, parseStoryId } from "@/lib/digest/view";

export async function GET(
  request: Request,
  context: { params: Promise<{ file: string }> },
): Promise<Response> {
  try {
    const { name, format } = parseFeedFile((await context.params).file);
    return serveFeed(request, { kind: "story", id: parseStoryId(name, "id") }, format);
  } catch (error) {
    return fromError(error, request);
  }
}
