/** /feeds/claims/{type}.{rss,atom,json}: articles carrying a type of claim. */
import { fromError } from "@/lib/http/respond";
import { serveFeed } from "@/lib/digest/serve";
import { parseClaimType, parseFeedFile } from "@/lib/digest/view";

export async function GET(
  request: Request,
  context: { params: Promise<{ file: string }> },
): Promise<Response> {
  try {
    const { name, format } = parseFeedFile((await context.params).file);
    return serveFeed(request, { kind: "claim", type: parseClaimType(name, "type") }, format);
  } catch (error) {
    return fromError(error, request);
  }
}
