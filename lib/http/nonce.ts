/** The CSP nonce of one response: proxy.ts makes one per request, lib/http/page-cache.ts one per cached answer. */
export function newNonce(): string {
  return Buffer.from(crypto.randomUUID()).toString("base64");
}
