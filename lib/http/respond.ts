/**
 * Every JSON answer of the route handlers (the public API, feeds, the admin's JSON answers) goes
 * through here, so they share one shape: a body of data on success, and on failure the API's
 * documented `{ error: { code, message, parameter? } }` (lib/api/schemas.ts) with the status
 * `httpStatusFor` gives. An error we did not raise on purpose is logged with the request's id and
 * answered 500 without details.
 */
import { AppError, errorBody, httpStatusFor, isAppError } from "@/lib/errors";
import { REQUEST_ID_HEADER, wellFormedRequestId } from "@/lib/http/request-id";
import { getLogger, requestLogger } from "@/lib/log";

/** A JSON response with any status; `Cache-Control: no-store` unless the headers say otherwise. */
export function json(data: unknown, status = 200, headers: HeadersInit = {}): Response {
  const merged = new Headers(headers);
  merged.set("content-type", "application/json; charset=utf-8");
  merged.set("x-content-type-options", "nosniff");
  if (!merged.has("cache-control")) merged.set("cache-control", "no-store");
  return new Response(JSON.stringify(data), { status, headers: merged });
}

/** 200 with data. */
export function ok(data: unknown, headers: HeadersInit = {}): Response {
  return json(data, 200, headers);
}

/** 401: a login is required. */
export function unauthorized(message = "login required"): Response {
  return json(errorBody("UNAUTHORIZED", message), 401);
}

/** 403: the request is not allowed (foreign origin, admin disabled). */
export function forbidden(message: string): Response {
  return json(errorBody("FORBIDDEN", message), 403);
}

/**
 * Any thrown value as a response: an AppError keeps its code, message and the parameter at fault,
 * with its status from httpStatusFor (Retry-After on 429); anything else, and an AppError that maps
 * to 500, is logged and answered 500 with a message that reveals nothing of the server's insides
 * but the request's id.
 */
export function fromError(error: unknown, request?: Request): Response {
  const status = httpStatusFor(error);
  const headers: Record<string, string> = {};
  if (isAppError(error, "RATE_LIMITED"))
    headers["retry-after"] = String(error.details?.retryAfter ?? 60);
  if (error instanceof AppError && status !== 500) {
    const parameter =
      typeof error.details?.parameter === "string" ? error.details.parameter : undefined;
    return json(errorBody(error.code, error.message, parameter), status, headers);
  }
  (request ? requestLogger(request) : getLogger()).error(
    { err: error },
    `web: ${error instanceof Error ? error.message : String(error)}`,
  );
  const reqId = request ? wellFormedRequestId(request.headers.get(REQUEST_ID_HEADER)) : null;
  const message = `an unexpected error; it has been logged${reqId ? ` (request ${reqId})` : ""}`;
  return json(errorBody("INTERNAL", message), 500, headers);
}

/** Runs a handler body and turns whatever it throws into an error response. */
export async function handle(request: Request, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    return fromError(error, request);
  }
}

/** A 303 redirect to a path on this site (relative, so it holds behind any proxy). */
export function seeOther(path: string, headers: HeadersInit = {}): Response {
  const merged = new Headers(headers);
  merged.set("location", path);
  merged.set("cache-control", "no-store");
  return new Response(null, { status: 303, headers: merged });
}
