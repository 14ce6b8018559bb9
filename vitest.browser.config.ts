import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Browser tests: one app server and one Chromium for the whole run (see test/browser/global-setup.ts).
export default defineConfig({
  // The `@/` import alias of tsconfig.json: `@/lib/config` is `<repo>/lib/config`.
  resolve: {
    alias: [{ find: /^@\//, replacement: fileURLToPath(new URL("./", import.meta.url)) }],
  },
  test: {
    include: ["test/browser/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/browser/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    pool: "forks",
  },
});
