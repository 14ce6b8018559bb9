/**
 * ingest/extract: one HTML page → our ExtractedArticle (metadata and clean main text).
 *
 * The page is parsed with cheerio's htmlparser2 back end: forgiving with broken markup and several
 * times faster than a spec parser, which matters because every fetched article passes through here.
 * Metadata is read from the untouched document; the main text comes from a cleaned copy
 * (lib/ingest/extract-content.ts).
 */
import { load, type CheerioAPI } from "cheerio";
import type { ExtractedArticle } from "@/lib/types";
import { limitDepth, textOf, type DomNode } from "./extract-dom";
import { extractMainBlocks } from "./extract-content";
import { extractMetadata, type PageMetadata } from "./extract-metadata";
import { repairMojibake } from "./charset";

/** Options for {@link extractArticle}. */
export interface ExtractOptions {
  /** The page's URL: resolves relative canonical/image URLs and gives a last-resort date. */
  url?: string;
  /** The feed item's date, used when the page states none. */
  feedPublishedAt?: string | null;
}

/** Pages larger than this are cut before parsing; no article needs more, and it bounds the cost. */
const MAX_HTML_LENGTH = 8_000_000;
/** Below this many characters the first pass probably threw the article away with the chrome. */
const RETRY_BELOW = 250;

const EMPTY: ExtractedArticle = {
  title: null,
  byline: null,
  publishedAt: null,
  language: null,
  canonicalUrl: null,
  leadImage: null,
  text: "",
};

/** Deeper nesting than this is flattened to text (see limitDepth). */
const MAX_DEPTH = 400;

function parse(html: string): CheerioAPI {
  const $ = load(html, {
    xml: {
      xmlMode: false,
      decodeEntities: true,
      lowerCaseTags: true,
      lowerCaseAttributeNames: true,
    },
  });
  limitDepth($.root()[0] as unknown as DomNode, MAX_DEPTH);
  return $;
}

function rootOf($: CheerioAPI): DomNode {
  return $.root()[0] as unknown as DomNode;
}

/** 4-word shingles, the unit used to compare two versions of the same text. */
function shingles(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 4 <= words.length; i++) out.add(words.slice(i, i + 4).join(" "));
  return out;
}

function overlap(part: Set<string>, whole: Set<string>): number {
  if (part.size === 0) return 0;
  let shared = 0;
  for (const s of part) if (whole.has(s)) shared++;
  return shared / part.size;
}

/**
 * Splits a JSON-LD articleBody into paragraphs. Publishers write it as plain text, sometimes with
 * newlines, sometimes as one run; either way it is only used when it agrees with the page.
 */
function articleBodyParagraphs(body: string): string {
  const cleaned = body.replace(/<[^>]+>/g, " ").replace(/\r\n?/g, "\n");
  return cleaned
    .split(/\n\s*\n|\n/)
    .map((p) => p.replace(/[ \t\u00a0]+/g, " ").trim())
    .filter((p) => p.length > 0)
    .join("\n\n");
}

/**
 * Chooses between the DOM extraction and the page's JSON-LD articleBody. The JSON-LD text is
 * trusted only when the page itself shows that text (it is not a teaser or a stale copy) and the
 * DOM extraction clearly missed part of it.
 */
function reconcileWithArticleBody(
  domText: string,
  metadata: PageMetadata,
  pageText: () => string,
): string {
  if (!metadata.articleBody) return domText;
  const ldText = articleBodyParagraphs(metadata.articleBody);
  const ldShingles = shingles(ldText);
  if (ldShingles.size < 30) return domText;
  const domShingles = shingles(domText);
  const covered = overlap(ldShingles, domShingles);
  if (covered >= 0.8) return domText;
  const onPage = overlap(ldShingles, shingles(pageText()));
  if (onPage < 0.8) return domText;
  return ldText;
}

function extractUnsafe(html: string, options: ExtractOptions): ExtractedArticle {
  const source = html.length > MAX_HTML_LENGTH ? html.slice(0, MAX_HTML_LENGTH) : html;
  const $ = parse(source);
  const metadata = extractMetadata($, options);
  // Measured before cleaning mutates the tree: a retry only helps when the page has text to find.
  const pageTextLength = textOf(rootOf($)).replace(/\s+/g, " ").length;

  let blocks = extractMainBlocks(rootOf($), {
    stripUnlikely: true,
    title: metadata.title,
    byline: metadata.byline,
  });
  if (blocks.join("\n\n").length < RETRY_BELOW && pageTextLength > RETRY_BELOW * 2) {
    const second = extractMainBlocks(rootOf(parse(source)), {
      stripUnlikely: false,
      title: metadata.title,
      byline: metadata.byline,
    });
    if (second.join("\n\n").length > blocks.join("\n\n").length) blocks = second;
  }
  let text = blocks.join("\n\n");
  text = reconcileWithArticleBody(text, metadata, () => parse(source)("body").text());

  // Text a publisher stored already misdecoded is repaired here, whatever the page's charset was.
  const repair = (value: string | null) => (value === null ? null : repairMojibake(value));
  return {
    title: repair(metadata.title),
    byline: repair(metadata.byline),
    publishedAt: metadata.publishedAt,
    language: metadata.language,
    canonicalUrl: metadata.canonicalUrl,
    leadImage: metadata.leadImage,
    text: repairMojibake(text),
  };
}

/**
 * Extracts an article from one HTML page: metadata plus the main text, paragraphs separated by a
 * blank line, without navigation, adverts, link lists or comment threads.
 *
 * Never throws: hostile or broken HTML yields whatever could be read, at worst an article with
 * empty text; the caller decides whether empty text is an error (EXTRACT_EMPTY).
 */
export function extractArticle(html: string, options: ExtractOptions = {}): ExtractedArticle {
  if (typeof html !== "string" || html.length === 0) return { ...EMPTY };
  try {
    return extractUnsafe(html, options);
  } catch {
    // A parser or heuristic failure on one odd page must not stop a batch; try metadata alone.
    try {
      const { articleBody: _unused, ...metadata } = extractMetadata(
        parse(html.slice(0, MAX_HTML_LENGTH)),
        options,
      );
      return { ...metadata, text: "" };
    } catch {
      return { ...EMPTY };
    }
  }
}
