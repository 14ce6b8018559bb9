/**
 * Errors with codes. Every error the product raises on purpose is an AppError whose message names
 * its stage ("ingest/fetch: ..."), so logs, stored source errors and HTTP answers say where it came
 * from. `httpStatusFor` is the one mapping from codes to HTTP statuses.
 */

export const ERROR_CODES = {
  CONFIG_INVALID: "a configuration variable is missing or invalid",
  BAD_REQUEST: "a request parameter is missing or invalid",
  UNAUTHORIZED: "login required",
  FORBIDDEN: "the request is not allowed (foreign origin, bad token)",
  NOT_FOUND: "no such thing",
  RATE_LIMITED: "too many requests",
  FETCH_BAD_URL: "the URL is not an absolute http(s) URL",
  FETCH_PRIVATE_ADDRESS: "the host resolves to a private, loopback or link-local address",
  FETCH_TIMEOUT: "the server did not answer in time",
  FETCH_TOO_LARGE: "the body is larger than the limit",
  FETCH_TOO_MANY_REDIRECTS: "more redirects than allowed",
  FETCH_HTTP_STATUS: "the server answered with an error status",
  FETCH_RATE_LIMITED: "the server asked us to slow down (429/503)",
  FETCH_ROBOTS_DISALLOWED: "robots.txt disallows the URL",
  FETCH_NETWORK: "a network error (DNS, connection reset, TLS)",
  FEED_EMPTY: "the body is empty",
  FEED_NOT_A_FEED: "the document is not RSS, Atom, RDF or JSON Feed",
  FEED_INVALID: "the feed could not be parsed",
  EXTRACT_EMPTY: "no article text found in the page",
  OPML_INVALID: "the OPML document could not be parsed",
  SUMMARISER_FAILED: "the abstractive summariser failed",
  STORE_CONFLICT: "the record already exists",
  UNAVAILABLE: "the database is out of reach for now",
  INTERNAL: "an unexpected error",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An error we raise on purpose: a code, a message naming the stage, optional details. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

/** True when `error` is an AppError (optionally with one of the given codes). */
export function isAppError(error: unknown, ...codes: ErrorCode[]): error is AppError {
  return error instanceof AppError && (codes.length === 0 || codes.includes(error.code));
}

/** The HTTP status an error maps to when it reaches a route handler. */
export function httpStatusFor(error: unknown): number {
  if (!(error instanceof AppError)) return 500;
  switch (error.code) {
    case "BAD_REQUEST":
    case "FETCH_BAD_URL":
    case "OPML_INVALID":
    case "CONFIG_INVALID":
      return 400;
    case "UNAUTHORIZED":
      return 401;
    case "FORBIDDEN":
    case "FETCH_PRIVATE_ADDRESS":
      return 403;
    case "NOT_FOUND":
      return 404;
    case "STORE_CONFLICT":
      return 409;
    case "UNAVAILABLE":
      return 503;
    case "RATE_LIMITED":
      return 429;
    case "FETCH_TIMEOUT":
    case "FETCH_TOO_LARGE":
    case "FETCH_TOO_MANY_REDIRECTS":
    case "FETCH_HTTP_STATUS":
    case "FETCH_RATE_LIMITED":
    case "FETCH_ROBOTS_DISALLOWED":
    case "FETCH_NETWORK":
    case "FEED_EMPTY":
    case "FEED_NOT_A_FEED":
    case "FEED_INVALID":
    case "EXTRACT_EMPTY":
    case "SUMMARISER_FAILED":
      return 502;
    default:
      return 500;
  }
}

/**
 * The one error body of every JSON answer (route handlers, the input boundary, the 503 gate):
 * `{ error: { code, message } }`, with `parameter` when a request parameter is at fault.
 */
export function errorBody(
  code: ErrorCode,
  message: string,
  parameter?: string,
): { error: { code: ErrorCode; message: string; parameter?: string } } {
  return { error: parameter === undefined ? { code, message } : { code, message, parameter } };
}

/** A one-line message for any thrown value, for logs and stored error fields. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
