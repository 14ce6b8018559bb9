/**
 * The two extraction corpora of the shared folder, read as the pipeline reads a fetched page (raw
 * bytes through lib/ingest/charset.ts), and the fixed split of each into a development half and a
 * held-out half:
 *
 * - `../shared/bench/extraction/`: article-extraction benchmark pages with the expected article body;
 * - `../shared/bench/trafilatura-eval/`: trafilatura's evaluation pages with text segments that must
 *   be in the extracted text ("with") and boilerplate segments that must not ("without").
 *
 * The split is by a hash of the page's file name, so it never changes as rules change and a page's
 * half can be worked out by anyone. Rules are tuned on the development half only.
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { decodeBody } from "@/lib/ingest/charset";
import { sharedPath } from "@/scripts/support/shared";

/** Which half of a corpus a page belongs to. */
export type Half = "dev" | "held";

/** One page of a corpus, decoded. */
export interface CorpusPage {
  /** The page's key: its file name without .html/.html.gz. */
  id: string;
  half: Half;
  html: string;
  /** The charset the bytes were decoded with. */
  charset: string;
  url?: string;
}

/** An article-extraction benchmark page and its expected article body. */
export interface BodyPage extends CorpusPage {
  expected: string;
}

/** A trafilatura-eval page and its segments to keep and to drop. */
export interface SegmentPage extends CorpusPage {
  with: string[];
  without: string[];
}

/** The half a page name falls in: the low bit of the first byte of its SHA-256. */
export function halfOf(id: string): Half {
  return createHash("sha256").update(id).digest()[0] & 1 ? "held" : "dev";
}

function readPage(dir: string, file: string): { html: string; charset: string } {
  const raw = readFileSync(join(dir, file));
  const bytes = file.endsWith(".gz") ? gunzipSync(raw) : raw;
  const { text, charset } = decodeBody(bytes, null, "html");
  return { html: text, charset };
}

const idOf = (file: string) => file.replace(/\.html(\.gz)?$/, "");

/** The article-extraction benchmark pages (`../shared/bench/extraction/`), sorted by id. */
export function loadBodyCorpus(): BodyPage[] {
  const root = sharedPath("bench", "extraction");
  const truth = JSON.parse(readFileSync(join(root, "ground-truth.json"), "utf8")) as Record<
    string,
    { articleBody: string }
  >;
  const dir = join(root, "html");
  return readdirSync(dir)
    .filter((f) => /\.html(\.gz)?$/.test(f))
    .sort()
    .map((file) => {
      const id = idOf(file);
      return {
        id,
        half: halfOf(id),
        ...readPage(dir, file),
        expected: truth[id]?.articleBody ?? "",
      };
    });
}

/** The trafilatura evaluation pages (`../shared/bench/trafilatura-eval/`), sorted by id. */
export function loadSegmentCorpus(): SegmentPage[] {
  const root = sharedPath("bench", "trafilatura-eval");
  const data = JSON.parse(readFileSync(join(root, "evaldata.json"), "utf8")) as Record<
    string,
    { url?: string; with: string[]; without: string[] }
  >;
  const dir = join(root, "html");
  return Object.keys(data)
    .sort()
    .map((id) => ({
      id,
      half: halfOf(id),
      ...readPage(dir, `${id}.html.gz`),
      url: data[id].url,
      with: data[id].with,
      without: data[id].without,
    }));
}
