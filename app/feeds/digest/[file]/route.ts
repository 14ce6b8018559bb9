/** /feeds/digest/{daily|weekly}.{rss,atom,json}?[story=|thread=|q=][&filters][&tz=][&complete=1] */
import { feedRoute } from "@/lib/digest/route";
import { serveDigest } from "@/lib/digest/serve";
import { digestViewFromParams } from "@/lib/digest/view";
import { AppError } from "@/lib/errors";

export const GET = feedRoute((request, { name, format }) => {
  if (name !== "daily" && name !== "weekly")
    throw new AppError("NOT_FOUND", `feeds: no digest "${name}" (daily or weekly)`);
  return serveDigest(
    request,
    digestViewFromParams(new URL(request.url).searchParams),
    name,
    format,
  );
});
