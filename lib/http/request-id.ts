/**
 * Request ids: every request the web server takes gets one, sent back as `X-Request-Id` and put on
 * every log line written while answering it, so a reader's "error (request 3f2a…)" leads to its
 * log lines. scripts/serve.ts assigns it (keeping the id a trusted proxy in front of us gave) and
 * hands it to Next in the request headers; proxy.ts assigns one when the server was started some
 * other way.
 */
/** The header that carries the id, both ways. */
export const REQUEST_ID_HEADER = "x-request-id";

const WELL_FORMED = /^[A-Za-z0-9._:-]{1,100}$/;

/** The id a request arrives with when it is one we may keep (short, no spaces or control characters). */
export function wellFormedRequestId(value: string | string[] | null | undefined): string | null {
  const id = Array.isArray(value) ? value[0] : value;
  return id && WELL_FORMED.test(id) ? id : null;
}

/** The id of a request: the incoming one when `keep` and well formed, else a new one. */
export function requestIdFor(
  incoming: string | string[] | null | undefined,
  keep: boolean,
): string {
  return (keep ? wellFormedRequestId(incoming) : null) ?? crypto.randomUUID();
}
