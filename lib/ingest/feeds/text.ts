/**
 * Small value helpers every feed format shares: trimmed strings, plain objects, URLs and titles.
 */
import { decodeHtmlEntities } from "./entities";

/** The trimmed string, or null when it is missing or blank. */
export function nonEmpty(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/** True for a plain object (an XML element as the tree gives it, a JSON object), not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Escapes text for use as XML or HTML element content. */
export function escapeXmlText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A title as plain text: tags stripped, entities decoded, whitespace collapsed. */
export function plainTitle(value: string | null): string | null {
  if (value === null) return null;
  // Titles are one line; a longer "title" is junk or an attack, and capping keeps the regexes cheap.
  const capped = value.length > 4000 ? value.slice(0, 4000) : value;
  const stripped = /<[A-Za-z/!]/.test(capped)
    ? capped
        .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "")
        .replace(/<!--[\s\S]*?(?:-->|$)/g, "")
        .replace(/<[^>]*>/g, "")
    : capped;
  return nonEmpty(decodeHtmlEntities(stripped).replace(/\s+/g, " "));
}

/** Resolves `href` against `base`; null when it is not a usable URL. */
export function resolveUrl(href: string | null, base: string | null): string | null {
  const value = nonEmpty(href);
  if (!value) return null;
  try {
    return base ? new URL(value, base).href : new URL(value).href;
  } catch {
    try {
      return new URL(value).href;
    } catch {
      return null;
    }
  }
}
