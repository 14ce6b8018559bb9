/**
 * The rate limiter counts per calendar minute (lib/api/rate-limit.ts): a test that asks for a few
 * requests and expects the limit to bite must make them inside one minute. This waits for the next
 * minute when fewer than `marginMs` are left of this one.
 */
export async function startWellInsideRateWindow(marginMs = 10_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 100));
}
