/**
 * JSON Feed 1.1 checked two ways, since Debian's feedparser (6.0) does not read JSON Feed: against
 * the spec's required fields and types (https://jsonfeed.org/version/1.1), and through our own
 * ingest parser, which every JSON Feed we subscribe to goes through.
 */
import { z } from "zod";
import { parseFeed } from "@/lib/ingest/feeds";
import type { ParsedFeed } from "@/lib/types";

const url = z.url();
const author = z.object({
  name: z.string().optional(),
  url: url.optional(),
  avatar: url.optional(),
});
const item = z
  .object({
    id: z.string().min(1),
    url: url.optional(),
    external_url: url.optional(),
    title: z.string().optional(),
    content_html: z.string().optional(),
    content_text: z.string().optional(),
    summary: z.string().optional(),
    date_published: z.iso.datetime().optional(),
    date_modified: z.iso.datetime().optional(),
    authors: z.array(author).optional(),
    tags: z.array(z.string()).optional(),
    language: z.string().optional(),
  })
  .refine(
    (value) => value.content_html !== undefined || value.content_text !== undefined,
    "an item needs content_html or content_text",
  );

export const jsonFeedSchema = z.object({
  version: z.literal("https://jsonfeed.org/version/1.1"),
  title: z.string().min(1),
  home_page_url: url.optional(),
  feed_url: url.optional(),
  description: z.string().optional(),
  language: z.string().optional(),
  authors: z.array(author).optional(),
  items: z.array(item),
});

/** Validates a JSON Feed 1.1 body and parses it with our ingest parser; throws on any problem. */
export async function checkJsonFeed(
  body: string,
  feedUrl: string,
): Promise<{ json: z.infer<typeof jsonFeedSchema>; parsed: ParsedFeed }> {
  const json = jsonFeedSchema.parse(JSON.parse(body));
  const parsed = await parseFeed(body, feedUrl);
  if (parsed.format !== "json")
    throw new Error(`expected a JSON Feed, our parser saw ${parsed.format}`);
  return { json, parsed };
}
