import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Used by scripts/db-generate.ts for the PostgreSQL copy of the schema (generate and migrate diff only).
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/postgres";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
