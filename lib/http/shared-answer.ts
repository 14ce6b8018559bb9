/**
 * API lists and feeds shared between everyone who asks for the same URL: like the public pages
 * (lib/http/page-cache.ts), an answer is the same for every client, so for PAGE_CACHE_SECONDS one
 * computation serves every request for its URL (concurrent requests wait for the one under way
 * rather than each querying the database), and past that time it is still answered, for up to
 * PAGE_CACHE_STALE_SECONDS, while one recomputation runs behind (lib/store/microcache.ts). Rate
 * limits are applied before, and conditional GET (lib/api/etag.ts) after, per request; errors are
 * never kept. PAGE_CACHE_SECONDS=0 computes every answer.
 *
 * Behind scripts/serve.ts the whole answer is shared before Next sees the request
 * (lib/http/page-cache.ts); the request then says so (lib/http/front-cache.ts) and is computed
 * here, so an answer is kept in one place and its age is that copy's alone.
 */
import { getConfig } from "@/lib/config";
import { sharedInFront } from "@/lib/http/front-cache";
import { getDb } from "@/lib/store/db";
import { microcache } from "@/lib/store/microcache";

/**
 * The shared result of `compute` for this request's URL (path and query as sent), plus `variant`
 * for whatever else the answer depends on.
 */
export function sharedAnswer<T>(
  request: Request,
  compute: () => Promise<T>,
  variant = "",
): Promise<T> {
  const config = getConfig();
  const ttlMs = config.PAGE_CACHE_SECONDS * 1000;
  if (ttlMs <= 0 || sharedInFront(request.headers)) return compute();
  const url = new URL(request.url);
  return microcache(getDb(), `answer:${variant}:${url.pathname}${url.search}`, ttlMs, compute, {
    staleMs: config.PAGE_CACHE_STALE_SECONDS * 1000,
  });
}
