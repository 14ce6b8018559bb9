/**
 * Responses for feeds and the JSON API: JSON bodies, and errors as {error: {code, message}} with
 * the status httpStatusFor gives. Unexpected errors are logged and answered without details.
 */
import { AppError, httpStatusFor, isAppError } from "@/lib/errors";

/** A JSON response. */
export function jsonResponse(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "X-Content-Type-Options": "nosniff",
      ...headers,
    },
  });
}

/** The error body for any thrown value, with Retry-After on 429. */
export function errorResponse(error: unknown): Response {
  const status = httpStatusFor(error);
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (isAppError(error, "RATE_LIMITED"))
    headers["Retry-After"] = String(error.details?.retryAfter ?? 60);
  if (error instanceof AppError && status < 500) {
    const parameter =
      typeof error.details?.parameter === "string" ? { parameter: error.details.parameter } : {};
    return jsonResponse(
      { error: { code: error.code, message: error.message, ...parameter } },
      status,
      headers,
    );
  }
  console.error(error);
  return jsonResponse(
    { error: { code: "INTERNAL", message: "an unexpected error; it has been logged" } },
    500,
    headers,
  );
}

/** Runs a handler body and turns whatever it throws into an error response. */
export async function handle(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    return errorResponse(error);
  }
}
