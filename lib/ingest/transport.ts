/**
 * How the pipeline gets bytes. The network transport is the safe, polite fetcher (lib/ingest/fetch.ts)
 * behind per-host pacing; the sample transport serves the bundled sample corpus (sample/) from disk so a
 * newcomer's first start works offline through the very same pipeline.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { decodeBody } from "./charset";
import { fetchWithRetry, type FetchResult } from "./fetch";
import { HostScheduler } from "./hosts";
import { RobotsCache } from "./robots";

export interface TransportRequest {
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  signal?: AbortSignal;
}

export interface Transport {
  fetch(url: string, request?: TransportRequest): Promise<FetchResult>;
}

export const FEED_ACCEPT =
  "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";
export const PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

/**
 * The real transport: fetchWithRetry with the configured limits. Per-host pacing and robots.txt are
 * the fetcher's own (one scheduler and one robots cache per transport).
 */
export function networkTransport(
  config: Config,
  scheduler: HostScheduler | null = new HostScheduler({
    concurrency: config.FETCH_HOST_CONCURRENCY,
    pauseMs: config.FETCH_HOST_DELAY_MS,
  }),
  robotsCache = new RobotsCache(),
): Transport {
  return {
    fetch(url, request = {}) {
      return fetchWithRetry(url, {
        etag: request.etag,
        lastModified: request.lastModified,
        accept: request.accept,
        signal: request.signal,
        maxBytes: config.FETCH_MAX_BYTES,
        connectTimeoutMs: config.FETCH_CONNECT_TIMEOUT_MS,
        totalTimeoutMs: config.FETCH_TIMEOUT_MS,
        maxRedirects: config.FETCH_MAX_REDIRECTS,
        allowPrivateNetworks: config.ALLOW_PRIVATE_NETWORKS,
        respectRobots: config.FETCH_RESPECT_ROBOTS,
        retries: config.FETCH_RETRIES,
        hostScheduler: scheduler,
        robotsCache,
      });
    },
  };
}

export interface SampleManifest {
  feeds: { file: string; url: string; title?: string; language?: string }[];
  pages: { file: string; url: string }[];
}

/** The folder of the bundled sample corpus. */
export function sampleDir(root = process.cwd()): string {
  return resolve(root, "sample");
}

/** Reads sample/manifest.json. */
export function readSampleManifest(root = process.cwd()): SampleManifest {
  return JSON.parse(readFileSync(join(sampleDir(root), "manifest.json"), "utf8")) as SampleManifest;
}

/** Serves the sample corpus's feeds and pages from disk by their invented URLs. */
export function sampleTransport(root = process.cwd()): Transport {
  const manifest = readSampleManifest(root);
  const files = new Map<string, string>();
  for (const entry of [...manifest.feeds, ...manifest.pages])
    files.set(entry.url, join(sampleDir(root), entry.file));
  return {
    async fetch(url) {
      const file = files.get(url);
      if (!file)
        throw new AppError("FETCH_HTTP_STATUS", `ingest/sample: no sample file for ${url}`, {
          status: 404,
        });
      const body = readFileSync(file);
      const contentType = file.endsWith(".json")
        ? "application/feed+json"
        : file.endsWith(".xml")
          ? "application/xml"
          : "text/html";
      const kind = file.endsWith(".json") ? "json" : file.endsWith(".xml") ? "xml" : "html";
      const decoded = decodeBody(body, contentType, kind);
      return {
        url,
        status: 200,
        notModified: false,
        headers: { "content-type": contentType },
        body,
        text: decoded.text,
        charset: decoded.charset,
        contentType,
        etag: null,
        lastModified: null,
      };
    },
  };
}
