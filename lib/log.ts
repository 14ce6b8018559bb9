/**
 * The one logger of the web server, the ingest worker and the command line (pino). LOG_LEVEL sets
 * what is written (`silent`: nothing at all); LOG_FORMAT chooses JSON lines, one object per event,
 * for log collectors, or readable lines for a person, and by default (`auto`) readable ones when
 * the output is a terminal. Lines go to stdout, or to stderr for the command line, whose stdout is
 * its output. No worker thread: both formats are written synchronously, so a line logged just
 * before the process exits is not lost.
 *
 * Messages start with their stage ("web: ...", "admin/sources: ..."), as error messages do;
 * fields such as `reqId` (the web server's request id), `sourceId` or `url` go beside the message.
 */
import pino, { type DestinationStream, type Logger } from "pino";
import { getConfig } from "@/lib/config";
import { REQUEST_ID_HEADER, wellFormedRequestId } from "@/lib/http/request-id";

type Target = "stdout" | "stderr";

let root: Logger | null = null;
let target: Target = "stdout";

/** Sends log lines to stderr from now on (the command line, whose stdout carries its output). */
export function sendLogsToStderr(): void {
  target = "stderr";
  root = null;
}

let override: DestinationStream | null = null;

/** Builds the logger again from the configuration (tests that change LOG_LEVEL). */
export function resetLogger(): void {
  root = null;
}

/**
 * Writes the JSON lines to `destination` instead of stdout or stderr, until called with null: for
 * tests that read what was logged.
 */
export function useLogDestination(destination: DestinationStream | null): void {
  override = destination;
  root = null;
}

function settings(): { level: string; format: "auto" | "json" | "pretty" } {
  try {
    const config = getConfig();
    return { level: config.LOG_LEVEL, format: config.LOG_FORMAT };
  } catch {
    // An invalid configuration is itself reported through the logger: fall back to the defaults.
    return { level: "info", format: "auto" };
  }
}

/** The process's logger. */
export function getLogger(): Logger {
  if (root) return root;
  const { level, format } = settings();
  const stream = target === "stderr" ? process.stderr : process.stdout;
  const pretty = format === "pretty" || (format === "auto" && stream.isTTY === true);
  const destination: DestinationStream = override
    ? override
    : pretty
      ? { write: (line: string) => void stream.write(readableLine(line)) }
      : pino.destination({ fd: target === "stderr" ? 2 : 1, sync: true });
  root = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return root;
}

const OWN_FIELDS = new Set(["level", "time", "pid", "hostname", "msg", "stage", "err"]);

/**
 * One JSON log line as a person reads it: `12:04:31.207 WARN  worker: message key=value`, and an
 * error's stack on the lines below.
 */
export function readableLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith("\n") ? json : `${json}\n`;
  }
  const time = typeof entry.time === "string" ? entry.time.slice(11, 23) : "";
  const level = String(entry.level ?? "").toUpperCase();
  const stage = typeof entry.stage === "string" ? `${entry.stage}: ` : "";
  const fields = Object.entries(entry)
    .filter(([key]) => !OWN_FIELDS.has(key))
    .map(([key, value]) => ` ${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join("");
  const err = entry.err as { stack?: string; message?: string } | undefined;
  const stack = err ? `\n  ${(err.stack ?? err.message ?? "").split("\n").join("\n  ")}` : "";
  return `${time} ${level.padEnd(5)} ${stage}${String(entry.msg ?? "")}${fields}${stack}\n`;
}

/** The logger for a request a route handler answers: its lines carry the request's id. */
export function requestLogger(request: Request): Logger {
  const reqId = wellFormedRequestId(request.headers.get(REQUEST_ID_HEADER));
  return reqId ? getLogger().child({ reqId }) : getLogger();
}

/** An event of a pipeline stage (lib/ingest's IngestEvent): logged at its level, its other fields beside the message. */
export interface LogEvent {
  level: "debug" | "info" | "warn" | "error";
  stage: string;
  message: string;
  [field: string]: unknown;
}

/** Logs a stage's event (the worker's and the command line's ingest events). */
export function logEvent({ level, message, ...fields }: LogEvent): void {
  getLogger()[level](fields, message);
}
