/**
 * How the route handlers of API lists and feeds know that the web server's cache in front of Next
 * (lib/http/page-cache.ts, run by scripts/serve.ts) already shares their answer between clients,
 * so they compute a fresh one rather than keep a second copy (whose age would add to the front
 * copy's). The web server marks such a request with a header whose value is a random token of the
 * process: a client cannot send it (the server overwrites the header on every request), and the
 * handlers, bundled by Next but run in the same process, read the token from globalThis.
 */
import { randomBytes } from "node:crypto";

/** The request header that marks a request the front cache shares. */
export const FRONT_CACHE_HEADER = "x-dw-front-cache";

const TOKEN = Symbol.for("disputewatch.frontCacheToken");
type Holder = { [TOKEN]?: string };

/** This process's token, made on first use (by the web server, before Next sees a request). */
export function frontCacheToken(): string {
  const holder = globalThis as Holder;
  holder[TOKEN] ??= randomBytes(18).toString("base64url");
  return holder[TOKEN];
}

/** True when the front cache shares this request's answer (the header carries this process's token). */
export function sharedInFront(headers: Headers): boolean {
  const token = (globalThis as Holder)[TOKEN];
  return token !== undefined && headers.get(FRONT_CACHE_HEADER) === token;
}
