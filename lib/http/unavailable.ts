/**
 * 503 with Retry-After while the database is out of reach, in front of the app (scripts/serve.ts).
 *
 * An answer of 500 or more from the app is held back, not sent, until a probe of the database
 * (a fresh connection and `SELECT 1`, never the app's pool) says whether it is reachable: if it is
 * not, the client gets 503 with Retry-After instead of the app's 500, and every later request is
 * answered 503 at once, without reaching the app, while the probe tries again every second; the
 * first probe that succeeds lets requests through again. Nothing needs restarting. Static files
 * of the build never need the database and always go through.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import Database from "better-sqlite3";
import pg from "pg";
import { errorBody } from "@/lib/errors";
import { getLogger } from "@/lib/log";
import { databaseKind, sqlitePath } from "@/lib/store/db";

/** Seconds a client is told to wait. */
export const RETRY_AFTER_SECONDS = 5;
const PROBE_TIMEOUT_MS = 2_000;
const PROBE_EVERY_MS = 1_000;
const ALWAYS_THROUGH = /^\/(?:_next\/static\/|favicon\.ico$|icon\.svg$|robots\.txt$)/;

/** Whether the database answers `SELECT 1` on a fresh connection within two seconds. */
export async function probeDatabase(url: string): Promise<boolean> {
  if (databaseKind(url) === "sqlite") {
    try {
      const db = new Database(sqlitePath(url), {
        readonly: true,
        fileMustExist: true,
        timeout: PROBE_TIMEOUT_MS,
      });
      try {
        db.prepare("SELECT 1").get();
      } finally {
        db.close();
      }
      return true;
    } catch {
      return false;
    }
  }
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
    query_timeout: PROBE_TIMEOUT_MS,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Answers 503 with Retry-After and a short body (JSON for the API, text otherwise). `send` is the
 * response's own writeHead/end when the app has wrapped them (its compression, already ended).
 */
export function answerUnavailable(
  request: IncomingMessage,
  response: ServerResponse,
  send: {
    writeHead: (...args: unknown[]) => unknown;
    end: (...args: unknown[]) => unknown;
  } = response as never,
): void {
  const api = (request.url ?? "").startsWith("/api/");
  const body = api
    ? JSON.stringify(errorBody("UNAVAILABLE", "the database is out of reach; try again shortly"))
    : "DisputeWatch is briefly unavailable: its database is out of reach. Try again in a few seconds.\n";
  // Whatever the app set for its own answer (a content encoding, cookies) does not apply to this
  // one; the request's id (scripts/serve.ts) does.
  for (const name of response.getHeaderNames())
    if (name !== "x-request-id") response.removeHeader(name);
  send.writeHead.call(response, 503, {
    "retry-after": String(RETRY_AFTER_SECONDS),
    "content-type": api ? "application/json; charset=utf-8" : "text/plain; charset=utf-8",
    "cache-control": "no-store",
    "content-length": String(Buffer.byteLength(body)),
  });
  send.end.call(response, request.method === "HEAD" ? undefined : body);
}

type Handler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

/** The gate: `serve` wraps the app's handler; `down` says what the last probe found. */
export class DatabaseGate {
  private unavailable = false;
  private probing: Promise<boolean> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly probe: (url: string) => Promise<boolean> = probeDatabase,
    private readonly log: (line: string) => void = (line) => getLogger().warn(line),
  ) {}

  /** True while the database is known to be out of reach. */
  get down(): boolean {
    return this.unavailable;
  }

  /** Probes the database (one probe at a time, shared by everyone asking) and updates the state. */
  check(): Promise<boolean> {
    this.probing ??= this.probe(this.url)
      .then((reachable) => {
        this.setDown(!reachable);
        return reachable;
      })
      .finally(() => {
        this.probing = null;
      });
    return this.probing;
  }

  private setDown(down: boolean): void {
    if (down === this.unavailable) return;
    this.unavailable = down;
    if (down) {
      this.log(
        `web: the database is out of reach; answering 503 (Retry-After: ${RETRY_AFTER_SECONDS}) until it is back`,
      );
      this.timer = setInterval(() => void this.check(), PROBE_EVERY_MS);
      this.timer.unref();
    } else {
      this.log("web: the database is back");
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
    }
  }

  /** Stops the probe timer (server shutdown). */
  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Runs `handler` for the request, or answers 503 when the database is out of reach (see the file's comment). */
  async serve(request: IncomingMessage, response: ServerResponse, handler: Handler): Promise<void> {
    const path = (request.url ?? "/").split("?")[0];
    if (ALWAYS_THROUGH.test(path)) return handler(request, response);
    if (this.unavailable) return answerUnavailable(request, response);
    const held = holdServerErrors(response);
    // The app may wait for its response to finish before its handler returns: decide on the held
    // answer as soon as it is ended, and only then wait for the handler.
    const handling = Promise.resolve().then(() => handler(request, response));
    await Promise.race([held.finished, handling.catch(() => undefined)]);
    if (held.status && !held.ended) await held.finished;
    if (held.status) {
      if (!(await this.check())) held.replace((send) => answerUnavailable(request, response, send));
      else held.release();
    }
    await handling;
  }
}

/**
 * Makes a response keep an answer of status 500 or more to itself: its head and body are recorded
 * instead of sent, until `release` sends them as they were or `discard` drops them. `finished`
 * resolves when the app has ended the response (or as soon as its status is known to be below 500).
 * The app (Next's compression) wraps these methods in turn, so they are never put back: once the
 * status is known they pass every call straight through.
 */
function holdServerErrors(response: ServerResponse) {
  type Method = (...args: unknown[]) => unknown;
  const original = {
    writeHead: response.writeHead as Method,
    write: response.write as Method,
    end: response.end as Method,
  };
  let mode: "undecided" | "through" | "held" = "undecided";
  let status = 0;
  let head: unknown[] = [];
  const chunks: unknown[][] = [];
  let endArgs: unknown[] | null = null;
  let settle!: () => void;
  const finished = new Promise<void>((resolve) => (settle = resolve));
  // A client gone before the app answered: nothing more will come.
  response.once("close", () => settle());
  const decide = (code: number) => {
    if (mode !== "undecided") return;
    if (code < 500) {
      mode = "through";
      settle();
    } else {
      mode = "held";
      status = code;
      head = [code];
    }
  };
  const callbacks = (args: unknown[]) => {
    for (const arg of args) if (typeof arg === "function") (arg as () => void)();
    return args.filter((arg) => typeof arg !== "function");
  };
  response.writeHead = function (this: ServerResponse, code: number, ...rest: unknown[]) {
    decide(code);
    if (mode === "through") return original.writeHead.call(this, code, ...rest);
    head = [code, ...rest];
    return this;
  } as ServerResponse["writeHead"];
  response.write = function (this: ServerResponse, ...args: unknown[]) {
    decide(this.statusCode);
    if (mode === "through") return original.write.apply(this, args);
    chunks.push(callbacks(args));
    return true;
  } as ServerResponse["write"];
  response.end = function (this: ServerResponse, ...args: unknown[]) {
    decide(this.statusCode);
    if (mode === "through") return original.end.apply(this, args);
    endArgs = callbacks(args);
    settle();
    return this;
  } as ServerResponse["end"];
  return {
    finished,
    get status() {
      return status;
    },
    get ended() {
      return endArgs !== null;
    },
    /** Sends the held answer as the app wrote it. */
    release() {
      mode = "through";
      original.writeHead.apply(response, head);
      for (const chunk of chunks) original.write.apply(response, chunk);
      original.end.apply(response, endArgs ?? []);
    },
    /** Drops the held answer and sends another through the response's own methods (the app's wrappers have ended). */
    replace(answer: (send: { writeHead: Method; end: Method }) => void) {
      mode = "through";
      if (!response.headersSent) answer({ writeHead: original.writeHead, end: original.end });
      else original.end.call(response);
    },
  };
}
