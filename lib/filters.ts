/**
 * The filters a user can put on the timeline, the API and the feeds: entity, claim type, source,
 * language and date range, plus a cursor. One zod schema parses them from URL search params, so a
 * link reproduces a view and a bad value is a clear 400, never a 500.
 */
import { z } from "zod";
import { AppError } from "./errors";
import { CLAIM_TYPES } from "./types";

/** An entity slug as links, filters and feed paths carry it: a letter or digit, then up to 99 more (also `: . _ -`). */
export const SLUG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}:._-]{0,99}$/u;

const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SLUG_PATTERN, "expected an entity slug such as openai");
const date = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .refine((value) => {
    // Date.parse rolls 2025-02-30 over to March; a real date survives the round trip.
    const time = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
  }, "expected a real calendar date");

export const filtersSchema = z.object({
  entity: z.array(slug).max(10, "at most 10 entities").default([]),
  claim: z
    .array(z.enum(CLAIM_TYPES, { message: `expected one of ${CLAIM_TYPES.join(", ")}` }))
    .max(12)
    .default([]),
  source: z.string().trim().min(1).max(200).optional(),
  lang: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2,3}$/, "expected a language code such as en or vi")
    .optional(),
  from: date.optional(),
  to: date.optional(),
  cursor: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, "expected a cursor from a previous page")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export type Filters = z.infer<typeof filtersSchema>;

/** Parses filters from URL search params (or a Next.js searchParams object); throws BAD_REQUEST naming the parameter. */
export function parseFilters(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Filters {
  const get = (key: string): string[] => {
    if (params instanceof URLSearchParams) return params.getAll(key);
    const value = params[key];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };
  const list = (key: string) =>
    get(key)
      .flatMap((value) => value.split(","))
      .map((v) => v.trim())
      .filter(Boolean);
  const single = (key: string) => get(key).find((value) => value.trim() !== "");
  const raw = {
    entity: list("entity"),
    claim: list("claim"),
    source: single("source"),
    lang: single("lang"),
    from: single("from"),
    to: single("to"),
    cursor: single("cursor"),
    limit: single("limit"),
  };
  const result = filtersSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError(
      "BAD_REQUEST",
      `invalid parameter ${String(issue.path[0])}: ${issue.message}`,
      { parameter: String(issue.path[0]) },
    );
  }
  if (result.data.from && result.data.to && result.data.from > result.data.to) {
    throw new AppError("BAD_REQUEST", "invalid parameter from: it is after to", {
      parameter: "from",
    });
  }
  return result.data;
}

/** The search params that reproduce a set of filters (without the cursor unless asked). */
export function filtersToParams(
  filters: Partial<Filters>,
  options: { cursor?: boolean } = {},
): URLSearchParams {
  const params = new URLSearchParams();
  for (const entity of filters.entity ?? []) params.append("entity", entity);
  for (const claim of filters.claim ?? []) params.append("claim", claim);
  if (filters.source) params.set("source", filters.source);
  if (filters.lang) params.set("lang", filters.lang);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (options.cursor && filters.cursor) params.set("cursor", filters.cursor);
  return params;
}

/** Columns the claims table sorts by: counts and dates largest first, names A to Z. */
export const CLAIM_TABLE_SORTS = [
  "accusations",
  "denials",
  "reports",
  "latest",
  "accuser",
  "accused",
  "type",
] as const;
export type ClaimTableSort = (typeof CLAIM_TABLE_SORTS)[number];

/**
 * The claims table's view from its URL (`claim` = one claim type, `sort`, `page` from 1); throws
 * BAD_REQUEST naming the parameter.
 */
export function parseClaimTableParams(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): { claim: string | null; sort: ClaimTableSort; page: number } {
  const get = (key: string): string | undefined => {
    const value = params instanceof URLSearchParams ? (params.get(key) ?? undefined) : params[key];
    return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
  };
  const claim = get("claim");
  const sort = get("sort");
  if (claim && !(CLAIM_TYPES as readonly string[]).includes(claim)) {
    throw new AppError(
      "BAD_REQUEST",
      `invalid parameter claim: expected one of ${CLAIM_TYPES.join(", ")}`,
      { parameter: "claim" },
    );
  }
  if (sort && !(CLAIM_TABLE_SORTS as readonly string[]).includes(sort)) {
    throw new AppError(
      "BAD_REQUEST",
      `invalid parameter sort: expected one of ${CLAIM_TABLE_SORTS.join(", ")}`,
      { parameter: "sort" },
    );
  }
  const page = get("page");
  if (page !== undefined && !/^[1-9]\d{0,5}$/.test(page)) {
    throw new AppError("BAD_REQUEST", "invalid parameter page: expected a page number from 1", {
      parameter: "page",
    });
  }
  return {
    claim: claim ?? null,
    sort: (sort as ClaimTableSort | undefined) ?? "accusations",
    page: page === undefined ? 1 : Number(page),
  };
}
