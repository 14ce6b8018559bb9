/** /feeds/latest.{rss,atom,json} and /feeds/search.{rss,atom,json}?q=... (filters in the query string). */
import { feedRoute } from "@/lib/digest/route";
import { serveFeed } from "@/lib/digest/serve";
import { parseQueryText } from "@/lib/digest/view";
import { AppError } from "@/lib/errors";

export const GET = feedRoute((request, { name, format }) => {
  if (name === "latest") return serveFeed(request, { kind: "latest" }, format);
  if (name === "search")
    return serveFeed(
      request,
      { kind: "search", q: parseQueryText(new URL(request.url).searchParams.get("q")) },
      format,
    );
  throw new AppError("NOT_FOUND", `feeds: no feed named "${name}"`);
});
