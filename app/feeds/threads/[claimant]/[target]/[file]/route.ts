/** /feeds/threads/{claimant}/{target}/{type}.{rss,atom,json}: one claim thread. */
import { fromError } from "@/lib/http/respond";
import { serveFeed } from "@/lib/digest/serve";
import { parseClaimType, parseFeedFile, parseSlug } from "@/lib/digest/view";

export async function GET(
  request: Request,
  context: { params: Promise<{ claimant: string; target: string; file: string }> },
): Promise<Response> {
  try {
    const params = await context.params;
    const { name, format } = parseFeedFile(params.file);
    return serveFeed(
      request,
      {
        kind: "thread",
        claimant: parseSlug(params.claimant, "claimant"),
        target: parseSlug(params.target, "target"),
        type: parseClaimType(name, "type"),
      },
      format,
    );
  } catch (error) {
    return fromError(error, request);
  }
}
