/** /feeds/stories/{id}.{rss,atom,json}: the articles of one story. */
import { feedRoute } from "@/lib/digest/route";
import { serveFeed } from "@/lib/digest/serve";
import { parseStoryId } from "@/lib/digest/view";

export const GET = feedRoute((request, { name, format }) =>
  serveFeed(request, { kind: "story", id: parseStoryId(name, "id") }, format),
);
