/**
 * The OpenAPI 3.1 document of /api/v1, served at /api/v1/openapi.json. Its components are
 * generated from the zod schemas the handlers and the conformance test use (schemas.ts), so the
 * document cannot drift from the answers.
 */
import { z } from "zod";
import { CLAIM_TYPES, STANCES, ENTITY_KINDS } from "@/lib/types";
import * as schemas from "./schemas";

const COMPONENTS = {
  Error: schemas.ErrorBody,
  ArticlePage: schemas.ArticlePage,
  StoryPage: schemas.StoryPage,
  StoryResponse: schemas.StoryResponse,
  EntityPage: schemas.EntityPage,
  EntityResponse: schemas.EntityResponse,
  ClaimPage: schemas.ClaimPage,
  ClaimThreadPage: schemas.ClaimThreadPage,
  SearchPage: schemas.SearchPage,
};

type Parameter = {
  name: string;
  in: "query" | "path";
  required?: boolean;
  description: string;
  schema: Record<string, unknown>;
  style?: string;
  explode?: boolean;
};

const filterParameters: Parameter[] = [
  {
    name: "entity",
    in: "query",
    description: "Entity slug; repeat or comma-separate for several (all must match)",
    schema: { type: "array", items: { type: "string" }, maxItems: 10 },
    style: "form",
    explode: true,
  },
  {
    name: "claim",
    in: "query",
    description: "Claim type; repeat for several",
    schema: { type: "array", items: { type: "string", enum: [...CLAIM_TYPES] } },
    style: "form",
    explode: true,
  },
  {
    name: "source",
    in: "query",
    description: "Outlet name or host",
    schema: { type: "string", maxLength: 200 },
  },
  {
    name: "lang",
    in: "query",
    description: "Language code (en, vi…)",
    schema: { type: "string", pattern: "^[a-z]{2,3}$" },
  },
  {
    name: "from",
    in: "query",
    description: "First day, YYYY-MM-DD (UTC)",
    schema: { type: "string", format: "date" },
  },
  {
    name: "to",
    in: "query",
    description: "Last day, YYYY-MM-DD (UTC), inclusive",
    schema: { type: "string", format: "date" },
  },
];
const pageParameters: Parameter[] = [
  {
    name: "cursor",
    in: "query",
    description: "nextCursor of the previous page",
    schema: { type: "string" },
  },
  {
    name: "limit",
    in: "query",
    description: "Items per page",
    schema: { type: "integer", minimum: 1, maximum: 100, default: 20 },
  },
];
const claimParameters: Parameter[] = [
  {
    name: "claimant",
    in: "query",
    description: "Slug of who makes the claim",
    schema: { type: "string" },
  },
  {
    name: "target",
    in: "query",
    description: "Slug of whom it is made against",
    schema: { type: "string" },
  },
  {
    name: "stance",
    in: "query",
    description: "Stance",
    schema: { type: "string", enum: [...STANCES] },
  },
];

const ref = (name: keyof typeof COMPONENTS) => ({ $ref: `#/components/schemas/${name}` });
const errorResponses = {
  "400": {
    description: "A parameter is invalid (the message names it)",
    content: { "application/json": { schema: ref("Error") } },
  },
  "429": {
    description: "Too many requests from this client this minute",
    headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } } },
    content: { "application/json": { schema: ref("Error") } },
  },
};
const notFound = {
  "404": {
    description: "No such thing",
    content: { "application/json": { schema: ref("Error") } },
  },
};

function operation(
  summary: string,
  operationId: string,
  response: keyof typeof COMPONENTS,
  parameters: Parameter[],
  extra: Record<string, unknown> = {},
) {
  return {
    get: {
      summary,
      operationId,
      parameters,
      responses: {
        "200": {
          description: "OK",
          headers: { ETag: { schema: { type: "string" } } },
          content: { "application/json": { schema: ref(response) } },
        },
        "304": { description: "Not modified (If-None-Match)" },
        ...errorResponses,
        ...extra,
      },
    },
  };
}

/** Builds the OpenAPI document for a server URL. */
export function openApiDocument(serverUrl: string) {
  const components: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(COMPONENTS)) {
    const json = z.toJSONSchema(schema, {
      target: "draft-2020-12",
      io: "output",
      unrepresentable: "any",
    }) as Record<string, unknown>;
    delete json.$schema;
    // Nested ids become local $defs: point them at the component's own $defs.
    components[name] = JSON.parse(
      JSON.stringify(json).replace(/"#\/\$defs\//g, `"#/components/schemas/${name}/$defs/`),
    );
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "DisputeWatch API",
      version: "1.0.0",
      description:
        "Read-only JSON over the articles, stories, entities and claims DisputeWatch collects. Lists page with an opaque cursor ({data, nextCursor}); filters are the same as the pages' and the feeds'. Rate limited per client (RATE_LIMIT_PER_MINUTE).",
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    paths: {
      "/articles": operation("Articles, newest first", "listArticles", "ArticlePage", [
        ...filterParameters,
        ...pageParameters,
      ]),
      "/stories": operation("Stories, most recently active first", "listStories", "StoryPage", [
        ...filterParameters,
        ...pageParameters,
      ]),
      "/stories/{id}": operation(
        "One story: figures over all its articles, and its articles (oldest first) with their claims a page at a time",
        "getStory",
        "StoryResponse",
        [
          {
            name: "id",
            in: "path",
            required: true,
            description: "Story id",
            schema: { type: "integer", minimum: 1 },
          },
          {
            name: "page",
            in: "query",
            description: "Page of the story's articles, 100 a page; past the last answers the last",
            schema: { type: "integer", minimum: 1, maximum: 1000000, default: 1 },
          },
        ],
        notFound,
      ),
      "/entities": operation("Entities by slug", "listEntities", "EntityPage", [
        {
          name: "kind",
          in: "query",
          description: "Entity kind",
          schema: { type: "string", enum: [...ENTITY_KINDS] },
        },
        ...pageParameters,
      ]),
      "/entities/{slug}": operation(
        "One entity",
        "getEntity",
        "EntityResponse",
        [
          {
            name: "slug",
            in: "path",
            required: true,
            description: "Entity slug",
            schema: { type: "string" },
          },
        ],
        notFound,
      ),
      "/claims": operation("Claims, newest first", "listClaims", "ClaimPage", [
        ...filterParameters,
        ...claimParameters,
        ...pageParameters,
      ]),
      "/claims/threads": operation(
        "Claim threads (claimant, target, type), most recently active first",
        "listClaimThreads",
        "ClaimThreadPage",
        [...filterParameters, ...claimParameters, ...pageParameters],
      ),
      "/search": operation("Full-text search", "search", "SearchPage", [
        {
          name: "q",
          in: "query",
          description: 'Query: words, "phrases", OR, field:value',
          schema: { type: "string", maxLength: 500 },
        },
        {
          name: "sort",
          in: "query",
          description: "relevance (default with words) or date",
          schema: { type: "string", enum: ["relevance", "date"] },
        },
        ...filterParameters,
        ...pageParameters,
      ]),
    },
    components: { schemas: components },
  };
}

export { COMPONENTS as OPENAPI_COMPONENTS };
