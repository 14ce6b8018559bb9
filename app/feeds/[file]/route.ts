/** /feeds/latest.{rss,atom,json} and /feeds/search.{rss,atom,json}?q=... (filters in the query string). */
import { fromError } from "@/lib/http/respond";
import { serveFeed } from "@/lib/digest/serve";
import { parseFeedFile, parseQueryText } from "@/lib/digest/view";
import { AppError } from "@/lib/errors";

export async function GET(
  request: Request,
  context: { params: Promise<{ file: string }> },
): Promise<Response> {
  try {
    const { name, format } = parseFeedFile((await context.params).file);
    if (name === "latest") return serveFeed(request, { kind: "latest" }, format);
    if (name === "search")
      return serveFeed(
        request,
        { kind: "search", q: parseQueryText(new URL(request.url).searchParams.get("q")) },
        format,
      );
    throw new AppError("NOT_FOUND", `feeds: no feed named "${name}"`);
  } catch (error) {
    return fromError(error, request);
  }
}
