/** /feeds/threads/{claimant}/{target}/{type}.{rss,atom,json}: one claim thread. */
import { feedRoute } from "@/lib/digest/route";
import { serveFeed } from "@/lib/digest/serve";
import { parseClaimType, parseSlug } from "@/lib/digest/view";

export const GET = feedRoute<{ claimant: string; target: string; file: string }>(
  (request, { name, format }, params) =>
    serveFeed(
      request,
      {
        kind: "thread",
        claimant: parseSlug(params.claimant, "claimant"),
        target: parseSlug(params.target, "target"),
        type: parseClaimType(name, "type"),
      },
      format,
    ),
);
