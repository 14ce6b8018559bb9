/**
 * Builds the web app when its sources changed since the last build (a fingerprint of file sizes
 * and times is kept in .next/). Used by `npm start` and by the browser tests.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const WATCHED_DIRS = ["app", "lib", "components", "generated", "public", "knowledge"];
const WATCHED_FILES = [
  "next.config.js",
  "package-lock.json",
  "tsconfig.json",
  "proxy.ts",
  "middleware.ts",
];

function fingerprint(root: string): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        hash.update(`${path}:${stat.size}:${stat.mtimeMs}\n`);
      }
    }
  };
  for (const dir of WATCHED_DIRS) walk(resolve(root, dir));
  for (const file of WATCHED_FILES) {
    const path = resolve(root, file);
    if (existsSync(path)) hash.update(`${file}:${statSync(path).size}:${statSync(path).mtimeMs}\n`);
  }
  return hash.digest("hex");
}

/** Runs `next build` unless .next holds a build of exactly these sources. Returns whether it built. */
export function buildAppIfNeeded(
  root = process.cwd(),
  log: (line: string) => void = console.log,
): boolean {
  const marker = resolve(root, ".next/disputewatch-build");
  const current = fingerprint(root);
  if (
    existsSync(resolve(root, ".next/BUILD_ID")) &&
    existsSync(marker) &&
    readFileSync(marker, "utf8") === current
  )
    return false;
  log("building the web app (first start, or the code changed)…");
  const result = spawnSync(resolve(root, "node_modules/.bin/next"), ["build"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("build: next build failed");
  writeFileSync(marker, current);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) buildAppIfNeeded();
