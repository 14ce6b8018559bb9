/** /feeds/stories/{id}.{rss,atom,json}: the articles of one story. */
import { errorResponse } from "@/lib/api/respond";
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
    return errorResponse(error);
  }
}
