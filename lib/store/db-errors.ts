/**
 * What a database error means for the caller: a conflict between concurrent writers (try the
 * transaction again), or the database being out of reach (answer 503, wait, try later). Prisma
 * wraps driver errors in several shapes, so both look at codes and messages down the cause chain.
 */

/** The error, its causes and the driver errors Prisma keeps on it, flattened. */
function chain(error: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length && out.length < 12) {
    const next = queue.shift();
    if (!next || typeof next !== "object" || seen.has(next)) continue;
    seen.add(next);
    const record = next as Record<string, unknown>;
    out.push(record);
    queue.push(
      record.cause,
      (record.meta as Record<string, unknown> | undefined)?.driverAdapterError,
      record.originalError,
    );
  }
  return out;
}

function text(record: Record<string, unknown>): string {
  return `${String(record.code ?? "")} ${String(record.kind ?? "")} ${String(record.message ?? "")} ${String(record.originalCode ?? "")}`;
}

/**
 * True for a conflict with another writer that a fresh transaction can get past: a deadlock or
 * serialization failure (PostgreSQL 40P01 / 40001, Prisma P2034), a unique key another writer took
 * first (P2002, 23505), or SQLite's database-is-busy.
 */
export function isWriteConflict(error: unknown): boolean {
  return chain(error).some((record) =>
    /\b(P2034|P2002|40P01|40001|23505|UniqueConstraintViolation|TransactionWriteConflict|SQLITE_BUSY)\b|deadlock detected|could not serialize|database is locked/i.test(
      text(record),
    ),
  );
}

/**
 * True when the database cannot be reached or refuses connections right now: connection refused or
 * reset, the server shutting down or restarting (57P01-57P03), too many connections (53300), the
 * database not existing (3D000, during a restore), a pool timeout, or SQLite unable to open its file.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return chain(error).some((record) =>
    /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|57P01|57P02|57P03|53300|3D000|08000|08001|08003|08006|P1001|P1002|P1017|P2024|DatabaseNotReachable|DatabaseDoesNotExist|ConnectionClosed|TooManyConnections|SocketTimeout|SQLITE_CANTOPEN)\b|Connection terminated|connection timeout|Can't reach database|terminating connection|the database system is (starting up|shutting down|in recovery)|database "[^"]*" does not exist/i.test(
      text(record),
    ),
  );
}

/** Runs `work`, trying again (up to `tries` times, with a short jittered pause) when it hits a write conflict. */
export async function retryOnConflict<T>(work: () => Promise<T>, tries = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= tries || !isWriteConflict(error)) throw error;
      await new Promise((resolve) =>
        setTimeout(resolve, 20 * 2 ** attempt * (0.5 + Math.random())),
      );
    }
  }
}
