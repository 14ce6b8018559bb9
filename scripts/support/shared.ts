import { existsSync } from "node:fs";
import { resolve } from "node:path";

/**
 * The read-only shared folder beside the repository (benchmark pages, feeds, the seed article),
 * DISPUTEWATCH_SHARED or ../shared. Tests, benchmarks and scripts read it in place; nothing from
 * it is copied into the repository.
 */
export const SHARED_DIR = resolve(
  process.env.DISPUTEWATCH_SHARED ?? resolve(process.cwd(), "../shared"),
);

/** Absolute path of a file or folder inside the shared folder. */
export function sharedPath(...parts: string[]): string {
  return resolve(SHARED_DIR, ...parts);
}

/** True when the shared folder is there (it is on every development machine and in CI). */
export const HAS_SHARED = existsSync(resolve(SHARED_DIR, "PRODUCT.md"));
