/**
 * The search query language, parsed into a plain structure and formatted back (for links).
 *
 *   free words            openai distillation        every word must match (AND)
 *   "quoted phrases"      "chưng cất"                the words in this order
 *   OR                    openai OR anthropic        either side (binds tighter than the implicit AND)
 *   entity:<slug|name>    entity:openai entity:"Deep Seek"   repeatable: the article names all of them
 *   claim:<type>          claim:distillation         repeatable: the article carries all of them
 *   source:<host|name>    source:reuters.com         repeatable: any of them
 *   lang:<code>           lang:vi                    repeatable: any of them
 *   after:<date>          after:2025-01-01           published on or after (UTC day start)
 *   before:<date>         before:2025-02-01          published strictly before
 *   story:<id>            story:12                   repeatable: any of them
 *   word*                 distill*                   words starting so
 *
 * A claim type may be written as its slug or a usual name (claim:tos, claim:terms-of-service).
 * Dates are YYYY-MM-DD, YYYY-MM or YYYY. An unknown `field:value` is kept as words, so pasting
 * "https://example.org" or "12:30" still searches for something sensible. Pure: no database.
 */
import { AppError } from "@/lib/errors";
import { CLAIM_TYPES } from "@/lib/types";
import { claimTypeOf } from "./understand";

/** One searchable unit: a single word or a quoted phrase (as typed; folding happens downstream). */
export interface SearchTerm {
  text: string;
  phrase: boolean;
  /** A word matched as the start of indexed words (typed `distill*`, or a word's forms, lib/search/understand.ts). */
  prefix?: boolean;
  /** A word matched by its forms: the indexed words sharing this Snowball stem (lib/search/stems.ts, read by the store). */
  stem?: { language: string; stem: string };
}

/** A parsed search query. `clauses` is AND of ORs: every clause must match, by any of its terms. */
export interface ParsedQuery {
  clauses: SearchTerm[][];
  /**
   * The words as typed, when `clauses` adds their other forms (lib/store/search/lexemes.ts): what
   * PostgreSQL ranks by. Set by the store only, never parsed or formatted.
   */
  rankClauses?: SearchTerm[][];
  entities: string[];
  claimTypes: string[];
  sources: string[];
  languages: string[];
  /** Inclusive lower bound, ISO date (YYYY-MM-DD). */
  after: string | null;
  /** Exclusive upper bound, ISO date (YYYY-MM-DD). */
  before: string | null;
  storyIds: number[];
}

const FIELD_ALIASES: Record<string, keyof Omit<ParsedQuery, "clauses">> = {
  entity: "entities",
  claim: "claimTypes",
  source: "sources",
  lang: "languages",
  language: "languages",
  after: "after",
  before: "before",
  story: "storyIds",
};

/** An empty query (matches every on-topic original article). */
export function emptyQuery(): ParsedQuery {
  return {
    clauses: [],
    entities: [],
    claimTypes: [],
    sources: [],
    languages: [],
    after: null,
    before: null,
    storyIds: [],
  };
}

interface Token {
  kind: "word" | "phrase" | "field" | "or";
  text: string;
  field?: string;
}

/** Splits the raw query into words, phrases, OR and field:value tokens (values may be quoted). */
function tokenize(q: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = q.length;
  const isSpace = (ch: string) => /\s/u.test(ch);
  while (i < n) {
    if (isSpace(q[i]!)) {
      i++;
      continue;
    }
    if (q[i] === '"') {
      // An unclosed quote runs to the end: a half-typed phrase still searches.
      const end = q.indexOf('"', i + 1);
      const text = q.slice(i + 1, end === -1 ? n : end);
      tokens.push({ kind: "phrase", text });
      i = end === -1 ? n : end + 1;
      continue;
    }
    let j = i;
    while (j < n && !isSpace(q[j]!) && q[j] !== '"') j++;
    let word = q.slice(i, j);
    const colon = word.indexOf(":");
    const field = colon > 0 ? word.slice(0, colon).toLowerCase() : "";
    if (field && field in FIELD_ALIASES) {
      let value = word.slice(colon + 1);
      if (value === "" && q[j] === '"') {
        const end = q.indexOf('"', j + 1);
        value = q.slice(j + 1, end === -1 ? n : end);
        j = end === -1 ? n : end + 1;
      }
      tokens.push({ kind: "field", field, text: value });
      i = j;
      continue;
    }
    if (word === "OR") tokens.push({ kind: "or", text: word });
    else {
      word = word.trim();
      if (word) tokens.push({ kind: "word", text: word });
    }
    i = j;
  }
  return tokens;
}

/** Parses a date bound; `YYYY` and `YYYY-MM` mean the first day of that year or month. */
function parseDateBound(field: string, value: string): string {
  const match = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value.trim());
  if (!match) {
    throw new AppError(
      "BAD_REQUEST",
      `search/query: ${field}: expects a date like 2025-01-31, got "${value}"`,
      { field, value },
    );
  }
  const year = Number(match[1]);
  const month = match[2] ? Number(match[2]) : 1;
  const day = match[3] ? Number(match[3]) : 1;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    throw new AppError("BAD_REQUEST", `search/query: ${field}: "${value}" is not a real date`, {
      field,
      value,
    });
  }
  return date.toISOString().slice(0, 10);
}

function hasSearchableCharacters(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/**
 * Parses a query typed by a user. Throws AppError BAD_REQUEST (message names the field) for a
 * malformed date or story id, or an `after:` that is not before `before:`; everything else parses.
 */
export function parseSearchQuery(q: string): ParsedQuery {
  const query = emptyQuery();
  const tokens = tokenize(q ?? "");
  let pendingOr = false;
  for (const token of tokens) {
    if (token.kind === "or") {
      // A leading or trailing OR, or "OR OR", has nothing to join: drop it rather than fail.
      pendingOr = query.clauses.length > 0;
      continue;
    }
    if (token.kind === "field") {
      const target = FIELD_ALIASES[token.field!]!;
      const value = token.text.trim();
      pendingOr = false;
      if (target === "after" || target === "before") {
        query[target] = parseDateBound(token.field!, value);
        continue;
      }
      if (!value) continue;
      if (target === "storyIds") {
        if (!/^\d{1,9}$/.test(value) || Number(value) < 1) {
          throw new AppError(
            "BAD_REQUEST",
            `search/query: story: expects a story id (a positive number), got "${value}"`,
            { field: "story", value },
          );
        }
        if (!query.storyIds.includes(Number(value))) query.storyIds.push(Number(value));
        continue;
      }
      if (target === "claimTypes") {
        const type = claimTypeOf(value);
        if (!type) {
          throw new AppError(
            "BAD_REQUEST",
            `search/query: claim: "${value}" is no claim type; expected one of ${CLAIM_TYPES.join(", ")}`,
            { field: "claim", value },
          );
        }
        if (!query.claimTypes.includes(type)) query.claimTypes.push(type);
        continue;
      }
      const normalised = target === "languages" ? value.toLowerCase() : value;
      const list = query[target] as string[];
      if (!list.includes(normalised)) list.push(normalised);
      continue;
    }
    let text = token.text.replace(/\s+/gu, " ").trim();
    // distill*: a prefix, when what precedes the star is one word of letters or digits.
    const prefix = token.kind === "word" && /^[\p{L}\p{N}]+\*$/u.test(text);
    if (prefix) text = text.slice(0, -1);
    if (!hasSearchableCharacters(text)) continue;
    const term: SearchTerm = prefix
      ? { text, phrase: false, prefix: true }
      : { text, phrase: token.kind === "phrase" };
    if (pendingOr && query.clauses.length > 0) query.clauses[query.clauses.length - 1]!.push(term);
    else query.clauses.push([term]);
    pendingOr = false;
  }
  if (query.after && query.before && query.after >= query.before) {
    throw new AppError(
      "BAD_REQUEST",
      `search/query: after:${query.after} is not earlier than before:${query.before}`,
      {
        after: query.after,
        before: query.before,
      },
    );
  }
  return query;
}

function quoteIfNeeded(value: string): string {
  return /[\s"]/u.test(value) || value === "" ? `"${value.replace(/"/g, "")}"` : value;
}

function formatTerm(term: SearchTerm): string {
  const colon = term.text.indexOf(":");
  const looksLikeField = colon > 0 && term.text.slice(0, colon).toLowerCase() in FIELD_ALIASES;
  if (term.prefix) return `${term.text}*`;
  if (term.phrase || term.text === "OR" || looksLikeField || /[\s"]/u.test(term.text))
    return `"${term.text.replace(/"/g, "")}"`;
  return term.text;
}

/**
 * Writes a parsed query back as a query string, such that parseSearchQuery(formatSearchQuery(q))
 * gives q again. Used to build links (facet chips, pagination, feed URLs).
 */
export function formatSearchQuery(query: ParsedQuery): string {
  const parts: string[] = [];
  for (const clause of query.clauses) parts.push(clause.map(formatTerm).join(" OR "));
  for (const entity of query.entities) parts.push(`entity:${quoteIfNeeded(entity)}`);
  for (const type of query.claimTypes) parts.push(`claim:${quoteIfNeeded(type)}`);
  for (const source of query.sources) parts.push(`source:${quoteIfNeeded(source)}`);
  for (const language of query.languages) parts.push(`lang:${quoteIfNeeded(language)}`);
  if (query.after) parts.push(`after:${query.after}`);
  if (query.before) parts.push(`before:${query.before}`);
  for (const id of query.storyIds) parts.push(`story:${id}`);
  return parts.join(" ");
}

/** True when the query has words or phrases to match (otherwise it only filters, and sorts by date). */
export function hasSearchTerms(query: ParsedQuery): boolean {
  return query.clauses.length > 0;
}
