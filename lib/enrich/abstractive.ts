/**
 * Optional abstractive summaries through any OpenAI-compatible chat endpoint (a local llama.cpp or
 * vLLM server, or a hosted one). Off unless the caller passes options; whatever goes wrong (timeout,
 * refused connection, non-200, bad JSON, an empty answer) the extractive summary is used instead,
 * so a flaky model can never leave an article without a summary or stop a batch.
 */

import { AppError, errorMessage } from "@/lib/errors";

/** How to reach the model. The caller builds it from configuration; this module reads no env. */
export interface AbstractiveOptions {
  /** e.g. "http://127.0.0.1:8080" or "http://127.0.0.1:8080/v1". */
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Whole-request budget in milliseconds (15 000). */
  timeoutMs?: number;
  /** Longest summary asked for, in words (80). */
  maxWords?: number;
}

/** The article to summarise. */
export interface AbstractiveInput {
  text: string;
  title?: string | null;
  /** BCP 47 tag; the summary is asked for in this language. */
  language?: string;
}

/** A summary and where it came from; `error` says why the model's answer was not used. */
export interface AbstractiveResult {
  summary: string;
  source: "abstractive" | "extractive";
  error?: string;
}

const LANGUAGE_NAMES: Record<string, string> = {
  en: "English",
  vi: "Vietnamese",
  fr: "French",
  de: "German",
  es: "Spanish",
  zh: "Chinese",
  ja: "Japanese",
  ko: "Korean",
  ru: "Russian",
  pt: "Portuguese",
  it: "Italian",
};

// Long articles are cut: the lead carries the event, and small local models have small contexts.
const MAX_INPUT_CHARS = 12_000;

function endpointOf(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, "");
  if (/\/chat\/completions$/.test(trimmed)) return trimmed;
  return /\/v1$/.test(trimmed) ? `${trimmed}/chat/completions` : `${trimmed}/v1/chat/completions`;
}

/**
 * Asks the model for a summary and returns its text; throws AppError SUMMARISER_FAILED on any
 * failure. Most callers want `summariseAbstractive`, which falls back instead of throwing.
 */
export async function requestAbstractiveSummary(
  input: AbstractiveInput,
  options: AbstractiveOptions,
): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxWords = options.maxWords ?? 80;
  const languageName =
    LANGUAGE_NAMES[input.language ?? "en"] ?? input.language ?? "the article's language";
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(endpointOf(options.baseUrl), {
      method: "POST",
      signal: controller.signal,
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: options.model,
        temperature: 0.2,
        messages: [
          {
            role: "system",
            content:
              `You summarise news about disputes between AI developers. Write at most ${maxWords} words in ${languageName}. ` +
              "Say who accuses whom of what, and any response. Use only facts stated in the article. Plain text, no preamble.",
          },
          {
            role: "user",
            content: `${input.title ? `Title: ${input.title}\n\n` : ""}${input.text.slice(0, MAX_INPUT_CHARS)}`,
          },
        ],
      }),
    });
    // The body is read under the same timer: a server that sends headers then stalls still times out.
    const body = await response.text();
    if (!response.ok) {
      throw new AppError(
        "SUMMARISER_FAILED",
        `enrich/abstractive: the model answered HTTP ${response.status}`,
        {
          status: response.status,
        },
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      throw new AppError(
        "SUMMARISER_FAILED",
        "enrich/abstractive: the model's answer is not JSON",
        undefined,
        { cause: error },
      );
    }
    const content = (parsed as { choices?: Array<{ message?: { content?: unknown } }> })
      ?.choices?.[0]?.message?.content;
    if (typeof content !== "string" || content.trim().length === 0) {
      throw new AppError(
        "SUMMARISER_FAILED",
        "enrich/abstractive: the model's answer has no summary text",
      );
    }
    return content.replace(/\s+/g, " ").trim();
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (controller.signal.aborted) {
      throw new AppError(
        "SUMMARISER_FAILED",
        `enrich/abstractive: no answer within ${timeoutMs} ms`,
        { timeoutMs },
        { cause: error },
      );
    }
    throw new AppError(
      "SUMMARISER_FAILED",
      `enrich/abstractive: ${errorMessage(error)}`,
      undefined,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The abstractive summary when a model is configured and answers well, otherwise `fallback` (the
 * extractive summary). Never throws: the reason for a fallback is returned in `error` for logging.
 */
export async function summariseAbstractive(
  input: AbstractiveInput,
  fallback: string,
  options: AbstractiveOptions | null | undefined,
): Promise<AbstractiveResult> {
  if (!options || !options.baseUrl || !options.model)
    return { summary: fallback, source: "extractive" };
  try {
    const summary = await requestAbstractiveSummary(input, options);
    return { summary, source: "abstractive" };
  } catch (error) {
    return { summary: fallback, source: "extractive", error: errorMessage(error) };
  }
}
