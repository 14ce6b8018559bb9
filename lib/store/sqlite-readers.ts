/**
 * Reads on SQLite off the request thread, for the web server (scripts/serve.ts).
 *
 * better-sqlite3 runs every statement synchronously on the thread that calls it: while one page's
 * aggregate ran (hundreds of milliseconds, seconds while a worker ingests on the same machine),
 * its web process answered nothing else, not even the copies its page cache holds, and every
 * request that came in meanwhile waited for it. Here the adapter's plain reads (a SELECT outside a
 * transaction) go to a few threads of their own, each with its own read-only connection to the
 * same file (WAL: readers never wait for the writer), and the request thread only sends the
 * statement and takes the rows. Writes, transactions and anything a reader refuses stay on the
 * adapter's own connection, as before.
 *
 * The arguments are mapped by the adapter's own code (its performIO, run against a recorder that
 * keeps what would be bound) and the rows come back in the shape that code reads from
 * better-sqlite3, so values are converted exactly as on the request thread.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

/** Connection settings for a reading connection (also applied on the adapter's own one). */
export const SQLITE_READ_PRAGMAS = [
  // Pages read from a memory map, not copied by read() each time; 256 MB of address space.
  "mmap_size = 268435456",
  // 64 MB of page cache instead of 2 MB: a 100,000-article timeline aggregate reads more than 2 MB.
  "cache_size = -65536",
];

interface Query {
  sql: string;
  args: unknown[];
  argTypes: unknown[];
}

interface ResultSet {
  columnNames: string[];
  declaredTypes: (string | null)[];
  values: unknown[][];
}

type Reply =
  | ({ id: number } & ResultSet)
  | { id: number; notReader: true }
  | { id: number; error: { code: string; message: string } };

/** The code each reading thread runs (CommonJS, evaluated: no file to find at run time). */
const THREAD_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true, timeout: workerData.timeout });
db.defaultSafeIntegers(true);
for (const pragma of workerData.pragmas) db.pragma(pragma);
const statements = new Map();
function statement(sql) {
  let stmt = statements.get(sql);
  if (stmt) { statements.delete(sql); statements.set(sql, stmt); return stmt; }
  stmt = db.prepare(sql);
  statements.set(sql, stmt);
  if (statements.size > 500) statements.delete(statements.keys().next().value);
  return stmt;
}
parentPort.on("message", ({ id, sql, args }) => {
  try {
    const stmt = statement(sql);
    if (!stmt.reader) { parentPort.postMessage({ id, notReader: true }); return; }
    const bound = args.map((arg) => arg instanceof Uint8Array ? Buffer.from(arg.buffer, arg.byteOffset, arg.byteLength) : arg);
    const columns = stmt.columns();
    const values = stmt.raw(true).all(bound);
    for (const row of values)
      for (let i = 0; i < row.length; i++)
        if (Buffer.isBuffer(row[i])) row[i] = row[i].buffer.slice(row[i].byteOffset, row[i].byteOffset + row[i].byteLength);
    parentPort.postMessage({ id, columnNames: columns.map((c) => c.name), declaredTypes: columns.map((c) => c.type), values });
  } catch (error) {
    parentPort.postMessage({ id, error: { code: String(error && error.code || "SQLITE_ERROR"), message: String(error && error.message || error) } });
  }
});
`;

/** Errors after which the statement is run on the adapter's own connection instead. */
const FALL_BACK_CODES = new Set(["SQLITE_READONLY", "SQLITE_READONLY_DBMOVED"]);

/** Only statements that read can go to a reading thread (a thread checks again: stmt.reader). */
const READ_STATEMENT = /^\s*(?:SELECT|WITH)\b/i;

class ReaderThread {
  readonly pending = new Map<number, (reply: Reply) => void>();
  private readonly worker: Worker;
  private failed: Error | null = null;

  constructor(path: string, timeoutMs: number) {
    const driver = createRequire(join(process.cwd(), "package.json")).resolve("better-sqlite3");
    this.worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: { path, timeout: timeoutMs, pragmas: SQLITE_READ_PRAGMAS, driver },
    });
    this.worker.unref();
    this.worker.on("message", (reply: Reply) => {
      const done = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      done?.(reply);
    });
    const fail = (error: Error) => {
      this.failed = error;
      for (const [id, done] of this.pending)
        done({ id, error: { code: "SQLITE_THREAD", message: error.message } });
      this.pending.clear();
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => fail(new Error(`SQLite reading thread exited (${code})`)));
  }

  get usable(): boolean {
    return this.failed === null;
  }

  run(id: number, sql: string, args: unknown[]): Promise<Reply> {
    return new Promise((done) => {
      this.pending.set(id, done);
      this.worker.postMessage({ id, sql, args });
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}

/** A few reading threads for one SQLite file; a statement goes to the one with the least in hand. */
export class SqliteReaders {
  private readonly threads: ReaderThread[] = [];
  private nextId = 1;
  /** Statements answered by a reading thread (tests read it). */
  served = 0;

  constructor(
    private readonly path: string,
    private readonly size: number,
    private readonly timeoutMs: number,
  ) {}

  private pick(): ReaderThread | null {
    for (let i = this.threads.length - 1; i >= 0; i--)
      if (!this.threads[i]!.usable) this.threads.splice(i, 1);
    if (this.threads.length < this.size) {
      const fresh = new ReaderThread(this.path, this.timeoutMs);
      this.threads.push(fresh);
      return fresh;
    }
    let best: ReaderThread | null = null;
    for (const thread of this.threads)
      if (!best || thread.pending.size < best.pending.size) best = thread;
    return best;
  }

  /** The rows of a read, or null when it must run on the adapter's own connection. */
  async read(sql: string, args: unknown[]): Promise<ResultSet | null> {
    if (!READ_STATEMENT.test(sql)) return null;
    const thread = this.pick();
    if (!thread) return null;
    const reply = await thread.run(this.nextId++, sql, args);
    if ("notReader" in reply) return null;
    if ("error" in reply) {
      if (FALL_BACK_CODES.has(reply.error.code) || reply.error.code === "SQLITE_THREAD")
        return null;
      throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
    }
    this.served += 1;
    return reply;
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.splice(0).map((thread) => thread.close()));
  }
}

/** What this module needs of the better-sqlite3 adapter instance (not part of its typed API). */
interface AdapterInternals {
  adapterOptions: unknown;
  performIO(query: Query): Promise<ResultSet>;
  onError(error: unknown): never;
  dispose(): Promise<void>;
}

const CAPTURED = Symbol("captured");

/**
 * Sends the adapter's plain reads to `readers`. The adapter's own performIO maps the arguments
 * (dates, booleans, big integers) against a recorder, so they are bound as it would bind them.
 */
export function readOnThreads(adapter: object, readers: SqliteReaders): void {
  const target = adapter as AdapterInternals;
  const own = Object.getPrototypeOf(adapter) as AdapterInternals;
  if (typeof own.performIO !== "function")
    throw new Error("store/sqlite-readers: the SQLite adapter has no performIO to extend");
  const mappedArgs = (query: Query): unknown[] => {
    let captured: unknown[] = [];
    const recorder = {
      prepare: () => ({
        bind: (args: unknown[]) => {
          captured = args;
          throw CAPTURED;
        },
      }),
    };
    try {
      void own.performIO.call(
        {
          client: recorder,
          adapterOptions: target.adapterOptions,
          onError: (error: unknown) => {
            throw error;
          },
        } as unknown as AdapterInternals,
        query,
      );
    } catch (error) {
      if (error !== CAPTURED) throw error;
    }
    return captured;
  };
  target.performIO = async function (this: AdapterInternals, query: Query) {
    if (!READ_STATEMENT.test(query.sql)) return own.performIO.call(this, query);
    const result = await readers.read(query.sql, mappedArgs(query)).catch((error: unknown) => {
      return target.onError(error);
    });
    return result ?? own.performIO.call(this, query);
  };
  const dispose = target.dispose.bind(target);
  target.dispose = async () => {
    await readers.close();
    await dispose();
  };
}
