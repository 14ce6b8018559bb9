/** /feeds/opml?feed=/feeds/entities/openai.rss&feed=...: the chosen feeds as an OPML file. */
import { serveOpml } from "@/lib/digest/serve";

export function GET(request: Request): Promise<Response> {
  return serveOpml(request);
}
