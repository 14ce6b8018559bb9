/**
 * The one skeleton of the feed route handlers under `app/feeds/`: the route's last path segment is
 * read as `NAME.rss|atom|json` (lib/digest/view.ts), and a route only says what its name and
 * other segments mean. What goes wrong while reading the path is answered as the API's error body;
 * serveFeed and serveDigest answer their own errors.
 */
import { fromError } from "@/lib/http/respond";
import type { FeedFormat } from "@/lib/urls";
import { parseFeedFile } from "./view";

/** A feed route's handler: the request, its file's name and format, and the route's segments. */
export type FeedAnswer<P extends { file: string }> = (
  request: Request,
  file: { name: string; format: FeedFormat },
  params: P,
) => Promise<Response>;

/** The GET handler of a feed route whose last segment is `[file]`. */
export function feedRoute<P extends { file: string }>(answer: FeedAnswer<P>) {
  return async function GET(request: Request, context: { params: Promise<P> }): Promise<Response> {
    try {
      const params = await context.params;
      return answer(request, parseFeedFile(params.file), params);
    } catch (error) {
      return fromError(error, request);
    }
  };
}
