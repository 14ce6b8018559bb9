import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";

/**
 * The read-only shared folder beside the repository (benchmark pages, feeds, the seed article),
 * DISPUTEWATCH_SHARED or ../shared. Tests, benchmarks and scripts read it in place; nothing from
 * it is copied into the repository. It is on every development machine and in CI, so a test that
 * needs it fails, naming what is missing, when it is not there; none is skipped.
 */
export const SHARED_DIR = resolve(
  process.env.DISPUTEWATCH_SHARED ?? resolve(process.cwd(), "../shared"),
);

/**
 * Absolute path of a file or folder inside the shared folder `root`; throws, naming the file and
 * where it was looked for, when it is not there.
 */
export function sharedPathIn(root: string, ...parts: string[]): string {
  const path = resolve(root, ...parts);
  if (!existsSync(path)) {
    const name = relative(root, path) || ".";
    throw new Error(
      `the shared folder lacks ${name} (looked for ${path}): put the shared folder beside the repository as ../shared, or set DISPUTEWATCH_SHARED to where it is`,
    );
  }
  return path;
}

/** Absolute path of a file or folder inside the shared folder; throws, naming it, when it is missing. */
export function sharedPath(...parts: string[]): string {
  return sharedPathIn(SHARED_DIR, ...parts);
}
