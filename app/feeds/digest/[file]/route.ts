/** /feeds/digest/{daily|weekly}.{rss,atom,json}?[story=|thread=|q=][&filters][&tz=][&complete=1] */
import { fromError } from "@/lib/http/respond";
import { serveDigest } from "@/lib/digest/serve";
import { digestViewFromParams, parseFeedFile } from "@/lib/digest/view";
import { AppError } from "@/lib/errors";

export async function GET(
  request: Request,
  context: { params: Promise<{ file: string }> },
): Promise<Response> {
  try {
    const { name, format } = parseFeedFile((await context.params).file);
    if (name !== "daily" && name !== "weekly")
      throw new AppError("NOT_FOUND", `feeds: no digest "${name}" (daily or weekly)`);
    return serveDigest(
      request,
      digestViewFromParams(new URL(request.url).searchParams),
      name,
      format,
    );
  } catch (error) {
    return fromError(error, request);
  }
}
