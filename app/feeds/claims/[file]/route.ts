/** /feeds/claims/{type}.{rss,atom,json}: articles carrying a type of claim. */
import { feedRoute } from "@/lib/digest/route";
import { serveFeed } from "@/lib/digest/serve";
import { parseClaimType } from "@/lib/digest/view";

export const GET = feedRoute((request, { name, format }) =>
  serveFeed(request, { kind: "claim", type: parseClaimType(name, "type") }, format),
);
