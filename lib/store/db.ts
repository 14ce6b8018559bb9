/**
 * The Prisma client, one per process, cached on globalThis (Next.js reloads modules in dev).
 * Which generated client and driver adapter is used follows DATABASE_URL: file: -> SQLite
 * (better-sqlite3), postgresql:// -> PostgreSQL (pg). Both clients come from one schema, so they
 * expose the same API; we type everything against the SQLite one.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
} from "@prisma/driver-adapter-utils";
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/generated/postgresql/client";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { readOnThreads, SQLITE_READ_PRAGMAS, SqliteReaders } from "./sqlite-readers";

export type Db = SqliteClient;
export type DatabaseKind = "sqlite" | "postgresql";

type Holder = { client?: Db; url?: string; readThreads?: number };
const holder = globalThis as unknown as { __disputewatchDb?: Holder };
holder.__disputewatchDb ??= {};

/** The filesystem path of a file: URL, relative to the working directory. */
export function sqlitePath(url: string): string {
  return resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""));
}

/** Which database a URL points at. */
export function databaseKind(url: string): DatabaseKind {
  return url.startsWith("file:") ? "sqlite" : "postgresql";
}

/** Which database a client (or a transaction's client) talks to, for the statements written in each one's SQL. */
export function clientKind(db: object): DatabaseKind {
  const provider = (db as { _activeProvider?: string })._activeProvider;
  if (provider === "sqlite") return "sqlite";
  if (provider === "postgresql" || provider === "postgres") return "postgresql";
  throw new AppError("INTERNAL", `store/db: unknown database provider "${provider}"`);
}

/**
 * A date column read by a raw query: PostgreSQL gives a Date, SQLite the stored text (ISO 8601, or
 * "YYYY-MM-DD HH:MM:SS" in UTC from SQLite's own functions) or milliseconds. Null when absent or unreadable.
 */
export function rawDate(value: Date | string | number | bigint | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date =
    value instanceof Date
      ? value
      : new Date(
          typeof value === "bigint"
            ? Number(value)
            : typeof value === "string" && /^\d{4}-\d\d-\d\d \d/.test(value)
              ? `${value.replace(" ", "T")}Z`
              : value,
        );
  return Number.isNaN(date.getTime()) ? null : date;
}

let statements = 0;

/**
 * Statements this process's clients have sent to their databases so far (each query, and a
 * transaction's BEGIN and COMMIT or ROLLBACK): the worker reports it, the ingest benchmark divides
 * it by the articles stored.
 */
export function statementsSent(): number {
  return statements;
}

type Queryable = Pick<SqlDriverAdapter, "queryRaw" | "executeRaw">;

/** Counts the statements a queryable sends (its methods wrapped in place). */
function countQueries<T extends Queryable>(target: T): T {
  const queryRaw = target.queryRaw.bind(target);
  const executeRaw = target.executeRaw.bind(target);
  target.queryRaw = (query) => {
    statements++;
    return queryRaw(query);
  };
  target.executeRaw = (query) => {
    statements++;
    return executeRaw(query);
  };
  return target;
}

/** The connection (driver adapter) a client made, once it has made it: what rawQuery sends on. */
const connections = new WeakMap<object, { adapter?: Queryable }>();

/** A driver adapter factory whose connections count what they send (statementsSent). */
function counted(
  factory: SqlDriverAdapterFactory,
  connection: { adapter?: Queryable } = {},
): SqlDriverAdapterFactory {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = countQueries(await connect());
    connection.adapter = adapter;
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      // BEGIN, sent by the adapter itself.
      statements++;
      return countQueries(await startTransaction(isolationLevel));
    };
    return adapter;
  };
  return factory;
}

/** How long a statement on SQLite waits for a lock (busy_timeout) before it fails. */
const SQLITE_BUSY_TIMEOUT_MS = 15_000;

export interface CreateDbOptions {
  /**
   * SQLite: threads of their own that plain reads run on (lib/store/sqlite-readers.ts), so a slow
   * one does not hold up the calling thread; 0 runs everything on the calling thread.
   */
  readThreads?: number;
}

/** Creates a new client for a database URL (tests use this to talk to their own database). */
export function createDb(url: string, options: CreateDbOptions = {}): Db {
  if (databaseKind(url) === "sqlite") {
    const path = sqlitePath(url);
    mkdirSync(dirname(path), { recursive: true });
    const factory = new PrismaBetterSQLite3({
      url: `file:${path}`,
      timeout: SQLITE_BUSY_TIMEOUT_MS,
    });
    const connect = factory.connect.bind(factory);
    const threads = options.readThreads ?? 0;
    factory.connect = async () => {
      const adapter = await connect();
      const client = (adapter as unknown as { client?: { pragma(source: string): unknown } })
        .client;
      for (const pragma of SQLITE_READ_PRAGMAS) client?.pragma(pragma);
      if (threads > 0)
        readOnThreads(adapter, new SqliteReaders(path, threads, SQLITE_BUSY_TIMEOUT_MS));
      return adapter;
    };
    const connection: { adapter?: Queryable } = {};
    const client = new SqliteClient({ adapter: counted(factory, connection) });
    connections.set(client, connection);
    return client;
  }
  const connection: { adapter?: Queryable } = {};
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  const client = new PostgresClient({ adapter: counted(adapter, connection) }) as unknown as Db;
  connections.set(client, connection);
  return client;
}

/** How a driver adapter is told a parameter's type (it converts dates and booleans by it). */
function argType(value: unknown): SqlQuery["argTypes"][number] {
  const scalarType =
    value instanceof Date
      ? "datetime"
      : typeof value === "boolean"
        ? "boolean"
        : typeof value === "bigint"
          ? "bigint"
          : typeof value === "number"
            ? Number.isInteger(value)
              ? "int"
              : "float"
            : "string";
  return { scalarType, arity: "scalar" } as SqlQuery["argTypes"][number];
}

/**
 * A raw statement's rows, as `$queryRawUnsafe` gives them, but sent straight to the client's own
 * connection when it has one: the client builds a plan for every statement, raw ones too, which
 * costs more CPU than the statement itself on the ingest path. Values come as the driver reads
 * them (integers may be bigints, dates text): callers convert with Number and rawDate. A
 * transaction's client, or one not yet connected, goes through the client as usual.
 */
export async function rawQuery<T extends Record<string, unknown>>(
  client: object,
  sql: string,
  params: readonly unknown[],
): Promise<T[]> {
  const adapter = connections.get(client)?.adapter;
  if (!adapter) return (client as Db).$queryRawUnsafe<T[]>(sql, ...params);
  const result = await adapter.queryRaw({
    sql,
    args: [...params],
    argTypes: params.map(argType),
  });
  return result.rows.map((row) => {
    const record: Record<string, unknown> = {};
    result.columnNames.forEach((name, i) => (record[name] = row[i]));
    return record as T;
  });
}

/** rawQuery for a statement that returns no rows: the number of rows it changed. */
export async function rawExecute(
  client: object,
  sql: string,
  params: readonly unknown[],
): Promise<number> {
  const adapter = connections.get(client)?.adapter;
  if (!adapter) return (client as Db).$executeRawUnsafe(sql, ...params);
  return adapter.executeRaw({ sql, args: [...params], argTypes: params.map(argType) });
}

/**
 * Reading threads for the process-wide client on SQLite (createDb's readThreads): the web server
 * (scripts/serve.ts) asks for them before its first request; everything else reads on its own thread.
 */
export function useReadThreads(threads: number): void {
  holder.__disputewatchDb!.readThreads = threads;
}

/** The process-wide client for the configured DATABASE_URL. */
export function getDb(): Db {
  const url = getConfig().DATABASE_URL;
  const state = holder.__disputewatchDb!;
  if (!state.client || state.url !== url) {
    state.client = createDb(url, { readThreads: state.readThreads ?? 0 });
    state.url = url;
  }
  return state.client;
}

/** Disconnects the process-wide client (end of CLI commands and tests). */
export async function closeDb(): Promise<void> {
  const state = holder.__disputewatchDb!;
  if (state.client) await state.client.$disconnect();
  state.client = undefined;
  state.url = undefined;
}

/** A transaction's client: what store functions that write inside a caller's transaction take. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Runs `work` in one transaction, waiting up to 30 s for a connection and allowing it a minute (a
 * busy worker's pool must not turn a slow moment into a failed article).
 */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(work, { timeout: 60_000, maxWait: 30_000 });
}
