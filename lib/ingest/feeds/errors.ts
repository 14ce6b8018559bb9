/**
 * The errors feed parsing raises: every one an AppError whose message starts with the stage
 * (`ingest/feeds: detect: ...`), so a source's stored error says where its feed went wrong.
 */
import { AppError, type ErrorCode } from "@/lib/errors";

export const STAGE = "ingest/feeds";

/** The steps of parsing a feed, named in error messages. */
export type FeedStep = "detect" | "json" | "prepare" | "xml" | "convert";

/** An AppError for `feedUrl`, its message naming the step (none for an empty body). */
export function feedError(
  code: Extract<ErrorCode, "FEED_EMPTY" | "FEED_NOT_A_FEED" | "FEED_INVALID">,
  step: FeedStep | null,
  message: string,
  details: Record<string, unknown>,
  cause?: unknown,
): AppError {
  const text = step ? `${STAGE}: ${step}: ${message}` : `${STAGE}: ${message}`;
  return new AppError(code, text, details, cause === undefined ? undefined : { cause });
}
