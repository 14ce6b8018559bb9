/**
 * Serves the bundled sample corpus (sample/) over real HTTP on 127.0.0.1: each invented URL
 * https://<host>/<path> becomes <server>/<host>/<path>, and the feeds are served with their links
 * rewritten the same way, so the pipeline fetches real feed files and real pages over the network.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readSampleManifest, sampleDir } from "@/lib/ingest/transport";
import { startTestServer, type TestServer } from "./http-server";

export interface SampleSite {
  server: TestServer;
  /** Local URL of each sample feed, in manifest order. */
  feedUrls: string[];
  /** Local URL for an invented sample URL. */
  local(url: string): string;
  close(): Promise<void>;
}

/** Starts the sample site. */
export async function startSampleSite(): Promise<SampleSite> {
  const manifest = readSampleManifest();
  const server = await startTestServer({});
  const origins = new Set(
    [...manifest.feeds, ...manifest.pages].map((entry) => new URL(entry.url).origin),
  );
  const local = (url: string) => {
    const parsed = new URL(url);
    return `${server.url}/${parsed.host}${parsed.pathname}${parsed.search}`;
  };
  const rewrite = (text: string) => {
    let out = text;
    for (const origin of origins)
      out = out.split(origin).join(`${server.url}/${new URL(origin).host}`);
    return out;
  };
  for (const entry of [...manifest.feeds, ...manifest.pages]) {
    const file = join(sampleDir(), entry.file);
    const isFeed = manifest.feeds.includes(entry as (typeof manifest.feeds)[number]);
    const contentType = entry.file.endsWith(".json")
      ? "application/feed+json"
      : entry.file.endsWith(".xml")
        ? "application/xml; charset=utf-8"
        : "text/html; charset=utf-8";
    const path = new URL(local(entry.url)).pathname;
    server.route(path, {
      status: 200,
      headers: { "content-type": contentType },
      body: isFeed ? rewrite(readFileSync(file, "utf8")) : readFileSync(file),
    });
  }
  return {
    server,
    feedUrls: manifest.feeds.map((feed) => local(feed.url)),
    local,
    close: () => server.close(),
  };
}
