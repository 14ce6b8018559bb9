import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The Prisma CLI is used for `generate` and `migrate diff` only (scripts/db-generate.ts);
// migrations are applied by our own runner (lib/store/migrate.ts) on both databases.
// A url must be set or Prisma 6.19 tries to download a query engine.
process.env.DATABASE_URL ??= "file:./data/disputewatch.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: async () =>
    new PrismaBetterSQLite3({ url: process.env.DATABASE_URL ?? "file:./data/disputewatch.db" }),
});
