/**
 * The JSON API's response shapes, written once in zod: the route handlers build their answers
 * through these types, the OpenAPI document's components are generated from them
 * (z.toJSONSchema), and the conformance test parses real responses with them. Objects are strict,
 * so a field the document does not describe is a test failure, not a silent drift.
 */
import { z } from "zod";
import { SLUG_PATTERN } from "@/lib/filters";
import { CLAIM_TYPES, ENTITY_KINDS, STANCES } from "@/lib/types";

const isoDateTime = z.string().meta({ format: "date-time", description: "ISO 8601 in UTC" });
const nullableDateTime = isoDateTime.nullable();

export const ErrorBody = z
  .strictObject({
    error: z.strictObject({
      code: z
        .string()
        .meta({ description: "An AppError code, e.g. BAD_REQUEST, NOT_FOUND, RATE_LIMITED" }),
      message: z.string(),
      parameter: z
        .string()
        .optional()
        .meta({ description: "The request parameter at fault, for 400s" }),
    }),
  })
  .meta({ id: "Error" });

export const EntityChip = z
  .strictObject({ slug: z.string(), name: z.string(), kind: z.string() })
  .meta({ id: "EntityChip" });

export const ArticleSummary = z
  .strictObject({
    id: z.int(),
    title: z.string(),
    summary: z.string(),
    url: z.string().meta({ description: "The original article" }),
    pageUrl: z.string().meta({ description: "Our page about the article" }),
    sourceName: z.string().nullable(),
    language: z.string(),
    publishedAt: nullableDateTime,
    storyId: z.int().nullable(),
    isSample: z.boolean(),
    entities: z.array(EntityChip),
    claimTypes: z.array(z.enum(CLAIM_TYPES)),
  })
  .meta({ id: "Article" });

export const StoryCard = z
  .strictObject({
    id: z.int(),
    title: z.string(),
    summary: z.string(),
    firstPublishedAt: nullableDateTime,
    lastPublishedAt: nullableDateTime,
    articleCount: z.int(),
    sourceCount: z.int(),
    languages: z.array(z.string()),
    isSample: z.boolean(),
    entities: z.array(EntityChip.extend({ count: z.int() })),
    claimTypes: z.array(z.strictObject({ type: z.string(), count: z.int() })),
    articles: z.array(
      z.strictObject({
        id: z.int(),
        title: z.string(),
        url: z.string(),
        sourceName: z.string().nullable(),
        language: z.string(),
        publishedAt: nullableDateTime,
      }),
    ),
  })
  .meta({ id: "Story" });

export const ClaimRow = z
  .strictObject({
    id: z.int(),
    articleId: z.int(),
    claimant: EntityChip,
    target: EntityChip,
    type: z.enum(CLAIM_TYPES),
    stance: z.enum(STANCES),
    sentence: z.string(),
    confidence: z.number(),
    publishedAt: nullableDateTime,
    sourceName: z.string().nullable(),
  })
  .meta({ id: "Claim" });

export const StoryDetail = StoryCard.extend({
  articles: StoryCard.shape.articles.describe(
    "One page of the story's articles, oldest first (100 a page)",
  ),
  claims: z
    .array(ClaimRow)
    .describe("Every claim of this page's articles, in article and sentence order"),
  page: z
    .int()
    .describe("This page of the story's articles (1-based); a page past the last answers the last"),
  pages: z.int().describe("How many pages the story's articles fill"),
}).meta({
  id: "StoryDetail",
  description:
    "A story: its figures (counts, sources, entities, claim types) over all its articles, its articles and their claims a page at a time",
});

export const EntityRow = z
  .strictObject({
    slug: z.string(),
    name: z.string(),
    kind: z.enum(ENTITY_KINDS),
    description: z.string().nullable(),
    articleCount: z.int(),
  })
  .meta({ id: "Entity" });

export const EntityDetail = EntityRow.extend({
  aliases: z.array(z.string()),
  claimsMade: z.int(),
  claimsReceived: z.int(),
  feeds: z.strictObject({ rss: z.string(), atom: z.string(), json: z.string() }),
}).meta({ id: "EntityDetail" });

export const ClaimThreadRow = z
  .strictObject({
    key: z.string(),
    claimant: EntityChip.omit({ kind: true }),
    target: EntityChip.omit({ kind: true }),
    type: z.enum(CLAIM_TYPES),
    firstSeen: nullableDateTime,
    lastSeen: nullableDateTime,
    articleCount: z.int(),
    sources: z.array(z.string()),
    stances: z.array(
      z.strictObject({ stance: z.enum(STANCES), firstSeen: nullableDateTime, articleId: z.int() }),
    ),
    feed: z.string(),
  })
  .meta({ id: "ClaimThread" });

export const SearchHitRow = z
  .strictObject({
    articleId: z.int(),
    title: z.string(),
    titleHighlighted: z.string().meta({ description: "HTML-escaped, matches in <mark>" }),
    snippet: z.string().meta({ description: "HTML-escaped, matches in <mark>" }),
    url: z.string(),
    pageUrl: z.string(),
    sourceName: z.string().nullable(),
    language: z.string(),
    publishedAt: nullableDateTime,
    summary: z.string(),
    storyId: z.int().nullable(),
    score: z.number(),
  })
  .meta({ id: "SearchHit" });

const facetList = <T extends z.ZodRawShape>(shape: T) =>
  z.array(z.strictObject({ ...shape, count: z.int() }));
export const SearchFacetsRow = z
  .strictObject({
    entities: facetList({ slug: z.string(), name: z.string(), kind: z.string() }),
    claimTypes: facetList({ type: z.string() }),
    languages: facetList({ language: z.string() }),
    sources: facetList({ source: z.string() }),
  })
  .meta({ id: "SearchFacets" });

/** A page of a list: the items and the cursor of the next page (null on the last one). */
export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z.strictObject({ data: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
}

export const ArticlePage = pageOf(ArticleSummary, "ArticlePage");
export const StoryPage = pageOf(StoryCard, "StoryPage");
export const EntityPage = pageOf(EntityRow, "EntityPage");
export const ClaimPage = pageOf(ClaimRow, "ClaimPage");
export const ClaimThreadPage = pageOf(ClaimThreadRow, "ClaimThreadPage");
export const SearchPage = z
  .strictObject({
    data: z.array(SearchHitRow),
    nextCursor: z.string().nullable(),
    total: z.int(),
    totalIsLowerBound: z
      .boolean()
      .describe("true when there are more matches than `total` (counting stops at 1,000)"),
    query: z.string(),
    sort: z.enum(["relevance", "date"]),
    facets: SearchFacetsRow,
  })
  .meta({ id: "SearchPage" });
export const StoryResponse = z.strictObject({ data: StoryDetail }).meta({ id: "StoryResponse" });
export const EntityResponse = z.strictObject({ data: EntityDetail }).meta({ id: "EntityResponse" });

export type ArticleSummaryT = z.infer<typeof ArticleSummary>;
export type StoryCardT = z.infer<typeof StoryCard>;
export type ClaimRowT = z.infer<typeof ClaimRow>;
export type EntityRowT = z.infer<typeof EntityRow>;
export type EntityDetailT = z.infer<typeof EntityDetail>;
export type ClaimThreadRowT = z.infer<typeof ClaimThreadRow>;
export type SearchHitRowT = z.infer<typeof SearchHitRow>;

/** Request parameters beyond the shared filters, validated per endpoint. */
export const entityListParams = z.strictObject({
  kind: z.enum(ENTITY_KINDS, { message: `expected one of ${ENTITY_KINDS.join(", ")}` }).optional(),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,300}$/, "expected a cursor from a previous page")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const storyParams = z.strictObject({
  page: z.coerce
    .number()
    .int("expected a page number (1, 2, ...)")
    .min(1, "expected a page number (1, 2, ...)")
    .max(1_000_000, "expected a page number (1, 2, ...)")
    .default(1),
});
export const claimListParams = z.strictObject({
  claimant: z.string().regex(SLUG_PATTERN, "expected an entity slug").optional(),
  target: z.string().regex(SLUG_PATTERN, "expected an entity slug").optional(),
  stance: z.enum(STANCES, { message: `expected one of ${STANCES.join(", ")}` }).optional(),
});
export const searchParams = z.strictObject({
  q: z.string().trim().max(500, "at most 500 characters").default(""),
  sort: z.enum(["relevance", "date"], { message: "expected relevance or date" }).optional(),
});
