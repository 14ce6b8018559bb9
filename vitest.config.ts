import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The `@/` import alias of tsconfig.json: `@/lib/config` is `<repo>/lib/config`.
  resolve: {
    alias: [{ find: /^@\//, replacement: fileURLToPath(new URL("./", import.meta.url)) }],
  },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Browser tests start the app and Chromium; they run in their own project (see package.json).
    exclude: ["test/browser/**", "node_modules/**"],
  },
});
