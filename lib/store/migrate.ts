/**
 * Our migration runner, one path for both databases. Prisma's wasm engine cannot run
 * `migrate deploy` on PostgreSQL (STACK.md), so we apply prisma/migrations/<db>/<id>/migration.sql
 * ourselves: each pending migration in its own transaction, recorded in "_dw_migrations".
 * Concurrent runners (several workers starting at once) are serialised by a lock.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, sqlitePath } from "./db";

export interface MigrationResult {
  database: "sqlite" | "postgresql";
  applied: string[];
  alreadyApplied: number;
}

interface Migration {
  id: string;
  sql: string;
}

/** Reads the migrations of one database kind, in order. */
export function listMigrations(kind: "sqlite" | "postgresql", root = process.cwd()): Migration[] {
  const dir = resolve(root, "prisma/migrations", kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((id) => ({ id, sql: readFileSync(join(dir, id, "migration.sql"), "utf8") }));
}

/** Applies every pending migration to the database at `url`. Safe to run again: it does nothing then. */
export async function migrate(url: string, root = process.cwd()): Promise<MigrationResult> {
  const kind = databaseKind(url);
  const migrations = listMigrations(kind, root);
  return kind === "sqlite" ? migrateSqlite(url, migrations) : migratePostgres(url, migrations);
}

function migrateSqlite(url: string, migrations: Migration[]): MigrationResult {
  const path = sqlitePath(url);
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: 15_000 });
  try {
    // WAL lets the web app read while the worker writes.
    db.pragma("journal_mode = WAL");
    db.exec(
      `CREATE TABLE IF NOT EXISTS "_dw_migrations" ("id" TEXT PRIMARY KEY, "appliedAt" TEXT NOT NULL)`,
    );
    const done = new Set(
      (db.prepare(`SELECT "id" FROM "_dw_migrations"`).all() as { id: string }[]).map(
        (row) => row.id,
      ),
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      const run = db.transaction(() => {
        // Another process may have applied it while we waited for the write lock.
        if (db.prepare(`SELECT 1 FROM "_dw_migrations" WHERE "id" = ?`).get(migration.id))
          return false;
        db.exec(migration.sql);
        db.prepare(`INSERT INTO "_dw_migrations" ("id", "appliedAt") VALUES (?, ?)`).run(
          migration.id,
          new Date().toISOString(),
        );
        return true;
      });
      if (run.immediate()) applied.push(migration.id);
    }
    return { database: "sqlite", applied, alreadyApplied: done.size };
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(727274)");
    await client.query(
      `CREATE TABLE IF NOT EXISTS "_dw_migrations" ("id" TEXT PRIMARY KEY, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    const rows = await client.query<{ id: string }>(`SELECT "id" FROM "_dw_migrations"`);
    const done = new Set(rows.rows.map((row) => row.id));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO "_dw_migrations" ("id") VALUES ($1)`, [migration.id]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(
          `store/migrate: migration ${migration.id} failed: ${(error as Error).message}`,
          { cause: error },
        );
      }
      applied.push(migration.id);
    }
    return { database: "postgresql", applied, alreadyApplied: done.size };
  } finally {
    await client.query("SELECT pg_advisory_unlock(727274)").catch(() => undefined);
    await client.end();
  }
}
