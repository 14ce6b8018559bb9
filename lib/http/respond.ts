/**
 * One helper per HTTP status for route handlers, so every JSON answer has the same shape:
 * a body of data on success, `{ error: { code, message } }` on failure.
 */
import { AppError, httpStatusFor, type ErrorCode } from "@/lib/errors";

/** A JSON response with any status. */
export function json(data: unknown, status = 200, headers: HeadersInit = {}): Response {
  const merged = new Headers(headers);
  merged.set("content-type", "application/json; charset=utf-8");
  if (!merged.has("cache-control")) merged.set("cache-control", "no-store");
  return new Response(JSON.stringify(data), { status, headers: merged });
}

function failure(
  status: number,
  code: ErrorCode,
  message: string,
  details?: Record<string, unknown>,
): Response {
  return json({ error: details ? { code, message, details } : { code, message } }, status);
}

/** 200 with data. */
export function ok(data: unknown, headers: HeadersInit = {}): Response {
  return json(data, 200, headers);
}

/** 400: the request is malformed. */
export function badRequest(message: string, details?: Record<string, unknown>): Response {
  return failure(400, "BAD_REQUEST", message, details);
}

/** 401: a login is required. */
export function unauthorized(message = "login required"): Response {
  return failure(401, "UNAUTHORIZED", message);
}

/** 403: the request is not allowed (foreign origin, admin disabled). */
export function forbidden(message: string): Response {
  return failure(403, "FORBIDDEN", message);
}

/** 404: no such thing. */
export function notFound(message = "not found"): Response {
  return failure(404, "NOT_FOUND", message);
}

/**
 * Any thrown value as a response: an AppError keeps its code and message and gets its status from
 * httpStatusFor; anything else is a 500 whose message reveals nothing of the server's insides.
 */
export function fromError(error: unknown): Response {
  if (error instanceof AppError) return failure(httpStatusFor(error), error.code, error.message);
  return failure(500, "INTERNAL", "internal error");
}

/** A 303 redirect to a path on this site (relative, so it holds behind any proxy). */
export function seeOther(path: string, headers: HeadersInit = {}): Response {
  const merged = new Headers(headers);
  merged.set("location", path);
  merged.set("cache-control", "no-store");
  return new Response(null, { status: 303, headers: merged });
}
