/**
 * Throwaway real databases for integration tests and benchmarks: a fresh SQLite file, or a fresh
 * PostgreSQL database on the server at 127.0.0.1:5432 (PG_TEST_URL overrides the admin
 * connection). Each is migrated with our runner and dropped afterwards.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createDb, type Db } from "@/lib/store/db";
import { migrate } from "@/lib/store/migrate";

export type ScratchDatabaseKind = "sqlite" | "postgresql";
export const DATABASE_KINDS: ScratchDatabaseKind[] = ["sqlite", "postgresql"];

/** The admin connection used to create and drop test databases. */
export const PG_ADMIN_URL =
  process.env.PG_TEST_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface ScratchDatabase {
  kind: ScratchDatabaseKind;
  url: string;
  db: Db;
  drop(): Promise<void>;
}

function randomName(): string {
  return `dw_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Runs one statement on the server's admin database. */
async function adminQuery(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** Creates, migrates and connects a brand-new database of the given kind. */
export async function createScratchDatabase(kind: ScratchDatabaseKind): Promise<ScratchDatabase> {
  let url: string;
  let remove: () => Promise<void>;
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "dw-test-"));
    url = `file:${join(dir, "test.db")}`;
    remove = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = randomName();
    await adminQuery(`CREATE DATABASE "${name}"`);
    const base = new URL(PG_ADMIN_URL);
    base.pathname = `/${name}`;
    url = base.toString();
    remove = () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  await migrate(url);
  const db = createDb(url);
  return {
    kind,
    url,
    db,
    async drop() {
      await db.$disconnect();
      await remove();
    },
  };
}
