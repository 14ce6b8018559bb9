/**
 * A few seconds of memory for read models that every visitor asks for in the same form (the
 * timeline's first pages, the filter form's counts): concurrent identical requests share one
 * computation, and the result is reused until it is `ttlMs` old. What it holds is at most that
 * old, which a news timeline fed by a worker every few minutes can afford; nothing per user is
 * ever cached here. Per database client, bounded in entries; a failed computation is forgotten.
 */
import type { Db } from "./db";

const MAX_ENTRIES = 500;
const caches = new WeakMap<Db, Map<string, { at: number; value: Promise<unknown> }>>();

export function microcache<T>(db: Db, key: string, ttlMs: number, compute: () => Promise<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < ttlMs) return hit.value as Promise<T>;
  if (cache.size >= MAX_ENTRIES) {
    // Drop what has expired, else the oldest half (a Map iterates in insertion order).
    for (const [k, entry] of cache) if (now - entry.at >= ttlMs) cache.delete(k);
    if (cache.size >= MAX_ENTRIES) for (const k of [...cache.keys()].slice(0, MAX_ENTRIES / 2)) cache.delete(k);
  }
  const value = compute();
  const entry = { at: now, value: value as Promise<unknown> };
  cache.delete(key);
  cache.set(key, entry);
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return value;
}
