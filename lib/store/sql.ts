/**
 * Raw SQL for both databases: one parameter list per statement with placeholders in each
 * database's style (SQLite `?`, PostgreSQL `$n`), and the few expressions whose spelling differs
 * (JSON aggregation, a timestamp's UTC day). Every store module that writes raw SQL builds it
 * here, so the dialect differences stay in this file and in the search index's own statements.
 */
import { clientKind, type DatabaseKind } from "./db";

/** A statement's parameters, collected as its text is built. */
export class Sql {
  readonly params: unknown[] = [];
  constructor(readonly kind: DatabaseKind) {}

  /** A builder for the database a client (or transaction client) talks to. */
  static for(db: object): Sql {
    return new Sql(clientKind(db));
  }

  /** Adds a parameter and returns its placeholder. */
  p(value: unknown): string {
    this.params.push(value);
    return this.kind === "sqlite" ? "?" : `$${this.params.length}`;
  }

  /** Adds each value and returns their placeholders separated by commas (for IN lists). */
  list(values: readonly unknown[]): string {
    return values.map((value) => this.p(value)).join(", ");
  }

  /**
   * A JSON array (as text) of `[key, value]` pairs, one per row of `inner`, '[]' when it has
   * none. `inner` is a subquery with columns named `key` and `value`.
   */
  jsonPairs(inner: string, key: string, value: string): string {
    return this.kind === "sqlite"
      ? `(SELECT coalesce(json_group_array(json_array(x."${key}", x."${value}")), '[]') FROM (${inner}) x)`
      : `coalesce((SELECT CAST(json_agg(json_build_array(x."${key}", x."${value}")) AS TEXT) FROM (${inner}) x), '[]')`;
  }

  /** The UTC day of a timestamp expression as 'YYYY-MM-DD' text. */
  utcDay(timestamp: string): string {
    return this.kind === "sqlite" ? `date(${timestamp})` : `to_char(${timestamp}, 'YYYY-MM-DD')`;
  }
}
