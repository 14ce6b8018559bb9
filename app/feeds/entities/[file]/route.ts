/** /feeds/entities/{slug}.{rss,atom,json}: articles naming an entity. */
import { feedRoute } from "@/lib/digest/route";
import { serveFeed } from "@/lib/digest/serve";
import { parseSlug } from "@/lib/digest/view";

export const GET = feedRoute((request, { name, format }) =>
  serveFeed(request, { kind: "entity", slug: parseSlug(name, "slug") }, format),
);
