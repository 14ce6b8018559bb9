/**
 * One schema, two databases. prisma/schema.prisma (SQLite) is the source; this script
 *   1. writes prisma/postgresql/schema.prisma from it (provider and client output swapped),
 *   2. generates both Prisma clients (generated/sqlite, generated/postgresql),
 *   3. with `--migration NAME`, writes a new migration for each database by diffing the schema
 *      against the snapshot kept beside that database's migrations (prisma/migrations/<db>/schema.snapshot.prisma).
 *
 * Usage: npm run db:generate [-- --migration add_something]
 * Migrations are applied by lib/store/migrate.ts (npm run db:migrate), not by the Prisma CLI.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { join } from "node:path";

const root = process.cwd();
const sqliteSchema = join(root, "prisma/schema.prisma");
const pgSchema = join(root, "prisma/postgresql/schema.prisma");
const prismaBin = join(root, "node_modules/.bin/prisma");

const SQLITE_URL = "file:./data/disputewatch.db";
const PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

function writePostgresSchema(): void {
  const source = readFileSync(sqliteSchema, "utf8");
  const pg = source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output     = "../generated/sqlite"', 'output     = "../../generated/postgresql"')
    .replace(
      "// The one schema.",
      "// GENERATED from prisma/schema.prisma by scripts/db-generate.ts: do not edit.\n// The one schema.",
    );
  if (pg === source)
    throw new Error("db-generate: the provider line was not found in prisma/schema.prisma");
  mkdirSync(join(root, "prisma/postgresql"), { recursive: true });
  writeFileSync(pgSchema, pg);
}

function prisma(args: string[], url: string): string {
  return execFileSync(prismaBin, args, {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
    },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
}

function generateClients(): void {
  prisma(["generate", "--config", "prisma.config.ts"], SQLITE_URL);
  prisma(["generate", "--config", "prisma/postgresql/prisma.config.ts"], PG_URL);
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

function writeMigration(name: string): void {
  const targets = [
    { db: "sqlite", schema: sqliteSchema, config: "prisma.config.ts", url: SQLITE_URL },
    {
      db: "postgresql",
      schema: pgSchema,
      config: "prisma/postgresql/prisma.config.ts",
      url: PG_URL,
    },
  ];
  const id = `${stamp()}_${name.replace(/[^a-z0-9_]+/gi, "_")}`;
  for (const target of targets) {
    const dir = join(root, "prisma/migrations", target.db);
    const snapshot = join(dir, "schema.snapshot.prisma");
    const from = existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
    const sql = prisma(
      [
        "migrate",
        "diff",
        "--config",
        target.config,
        ...from,
        "--to-schema-datamodel",
        target.schema,
        "--script",
      ],
      target.url,
    );
    if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
      console.log(`${target.db}: no changes`);
      continue;
    }
    mkdirSync(join(dir, id), { recursive: true });
    writeFileSync(join(dir, id, "migration.sql"), sql);
    copyFileSync(target.schema, snapshot);
    console.log(`${target.db}: wrote prisma/migrations/${target.db}/${id}/migration.sql`);
  }
}

writePostgresSchema();
generateClients();
const at = process.argv.indexOf("--migration");
if (at !== -1) {
  const name = process.argv[at + 1];
  if (!name) throw new Error("db-generate: --migration needs a name");
  writeMigration(name);
}
