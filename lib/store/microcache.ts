/**
 * A few seconds of memory for read models that every visitor asks for in the same form (the
 * timeline's first pages, the filter form's counts): concurrent identical requests share one
 * computation, and the result is reused until it is `ttlMs` old. What it holds is at most that
 * old, which a news timeline fed by a worker every few minutes can afford; nothing per user is
 * ever cached here. Per database client, bounded in entries; a failed computation is forgotten.
 * With `staleMs`, a value past its time is still answered at once while it is recomputed behind.
 */
import { getConfig } from "@/lib/config";
import type { Db } from "./db";

const MAX_ENTRIES = 500;

interface Entry {
  at: number;
  value: Promise<unknown>;
  /** Set once the value resolved: only a resolved value may be served stale. */
  ready: boolean;
  /** A background refresh is under way (stale-while-revalidate). */
  refreshing: boolean;
}

const caches = new WeakMap<Db, Map<string, Entry>>();

export interface MicrocacheOptions {
  /**
   * For this long after `ttlMs`, an expired value is still answered at once while one background
   * computation replaces it: for aggregates slow enough that no visitor should wait for them.
   */
  staleMs?: number;
}

export function microcache<T>(
  db: Db,
  key: string,
  ttlMs: number,
  compute: () => Promise<T>,
  options: MicrocacheOptions = {},
): Promise<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const now = Date.now();
  const staleMs = options.staleMs ?? 0;
  const hit = cache.get(key);
  if (hit && now - hit.at < ttlMs) return hit.value as Promise<T>;
  if (hit && hit.ready && now - hit.at < ttlMs + staleMs) {
    if (!hit.refreshing) {
      hit.refreshing = true;
      const settle = () => {
        hit.refreshing = false;
      };
      compute().then((value) => {
        if (cache.get(key) === hit) store(cache, key, Promise.resolve(value), Date.now(), true);
      }, settle);
    }
    return hit.value as Promise<T>;
  }
  if (cache.size >= MAX_ENTRIES) {
    // Drop what has expired, else the oldest half (a Map iterates in insertion order).
    for (const [k, entry] of cache) if (now - entry.at >= ttlMs + staleMs) cache.delete(k);
    if (cache.size >= MAX_ENTRIES)
      for (const k of [...cache.keys()].slice(0, MAX_ENTRIES / 2)) cache.delete(k);
  }
  const value = compute();
  const entry = store(cache, key, value, now, false);
  value.then(
    () => {
      entry.ready = true;
    },
    () => {
      if (cache.get(key) === entry) cache.delete(key);
    },
  );
  return value;
}

function store(
  cache: Map<string, Entry>,
  key: string,
  value: Promise<unknown>,
  at: number,
  ready: boolean,
): Entry {
  const entry: Entry = { at, value, ready, refreshing: false };
  cache.delete(key);
  cache.set(key, entry);
  return entry;
}

/** How much longer than AGGREGATE_CACHE_SECONDS a shared aggregate is still answered while recomputed. */
const AGGREGATE_STALE_MS = 60 * 60_000;

/**
 * For aggregates over much of the store that move only as the worker stores articles and are too
 * slow for a visitor to wait on (the filter form's counts, an entity's figures, a thread's outline,
 * the claims table: from tens of milliseconds to a second at 100,000 articles): shared for
 * AGGREGATE_CACHE_SECONDS (a minute), then for up to an hour answered at once while one
 * recomputation runs behind.
 */
export function sharedAggregate<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  const ttlMs = getConfig().AGGREGATE_CACHE_SECONDS * 1000;
  if (ttlMs === 0) return compute();
  return microcache(db, key, ttlMs, compute, { staleMs: AGGREGATE_STALE_MS });
}
