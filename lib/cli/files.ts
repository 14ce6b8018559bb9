/** Reading the CLI's input files: .html, .html.gz (decoded by their declared or detected charset) and .txt. */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { decodeBody } from "@/lib/ingest/charset";
import { extractArticle } from "@/lib/ingest/extract";
import type { ExtractedArticle } from "@/lib/types";

export type InputKind = "html" | "text";

export interface InputDocument {
  file: string;
  kind: InputKind;
  /** Decoded contents. */
  content: string;
}

/** Reads one input file; .gz is gunzipped, HTML is decoded by its charset, .txt as UTF-8. */
export function readInput(file: string): InputDocument {
  let bytes = readFileSync(file);
  const name = file.toLowerCase();
  if (name.endsWith(".gz")) bytes = gunzipSync(bytes);
  const plain = name.replace(/\.gz$/, "");
  if (plain.endsWith(".txt") || plain.endsWith(".text"))
    return { file, kind: "text", content: decodeBody(bytes, "text/plain", "html").text };
  return { file, kind: "html", content: decodeBody(bytes, null, "html").text };
}

/** A plain-text file as an article: a short first line followed by a blank line is its title. */
export function textAsArticle(content: string): { title: string | null; text: string } {
  const normalised = content.replace(/\r\n?/g, "\n").replace(/^\uFEFF/, "");
  const match = /^([^\n]{1,300})\n\s*\n([\s\S]*)$/.exec(normalised);
  if (match) return { title: match[1].trim(), text: match[2].trim() };
  return { title: null, text: normalised.trim() };
}

/** The article in an input document: extracted from HTML, or taken from a text file as it is. */
export function articleFromInput(input: InputDocument, url?: string): ExtractedArticle {
  if (input.kind === "html") return extractArticle(input.content, { url });
  const { title, text } = textAsArticle(input.content);
  return {
    title,
    byline: null,
    publishedAt: null,
    language: null,
    canonicalUrl: null,
    leadImage: null,
    text,
  };
}
