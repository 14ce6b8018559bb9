import { defineConfig } from "vitest/config";

export default defineConfig({
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
