/**
 * The JSON API (/api/v1): each endpoint is the same four steps, validate (lib/filters.ts and the
 * zod params in schemas.ts) → rate limit → one store query → convert to the documented shape and
 * answer with validators. Route handlers under app/api/v1 only pick the endpoint.
 */
import type { z } from "zod";
import { getConfig } from "@/lib/config";
import { feedLinks } from "@/lib/urls";
import { AppError } from "@/lib/errors";
import { parseFilters, SLUG_PATTERN, type Filters } from "@/lib/filters";
import { decodePathSegment, parseRowId } from "@/lib/http/input";
import { sharedAnswer } from "@/lib/http/shared-answer";
import { parseSearchQuery } from "@/lib/search/query";
import { narrowQueryByFilters } from "@/lib/search/with-filters";
import { getDb } from "@/lib/store/db";
import type { FeedArticle } from "@/lib/store/feeds/list-feed-articles";
import { getEntity } from "@/lib/store/api/get-entity";
import { getStory } from "@/lib/store/api/get-story";
import { listArticles } from "@/lib/store/api/list-articles";
import { listClaimThreads } from "@/lib/store/api/list-claim-threads";
import { listClaims } from "@/lib/store/api/list-claims";
import { listEntities } from "@/lib/store/api/list-entities";
import { searchArticles } from "@/lib/store/search";
import { timelinePage } from "@/lib/store/timeline";
import type { ClaimType, ClaimWithParties, Stance } from "@/lib/types";
import { conditionalResponse } from "./etag";
import { enforceRateLimit } from "./rate-limit";
import { handle } from "@/lib/http/respond";
import {
  claimListParams,
  entityListParams,
  searchParams as searchParamsSchema,
  storyParams,
  type ArticleSummaryT,
  type ClaimRowT,
  type ClaimThreadRowT,
  type EntityDetailT,
  type StoryCardT,
} from "./schemas";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Parses endpoint-specific params with a zod schema; the first issue becomes a 400 naming its parameter. */
function parseParams<T extends z.ZodType>(
  schema: T,
  params: URLSearchParams,
  keys: string[],
): z.infer<T> {
  const raw: Record<string, string> = {};
  for (const key of keys) {
    const value = params.get(key);
    if (value !== null && value.trim() !== "") raw[key] = value.trim();
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const parameter = String(issue.path[0] ?? keys[0]);
    throw new AppError("BAD_REQUEST", `invalid parameter ${parameter}: ${issue.message}`, {
      parameter,
    });
  }
  return result.data;
}

function minRelevance(): number {
  return getConfig().RELEVANCE_THRESHOLD;
}

/**
 * Rate limit, run (shared between clients asking the same URL, lib/http/shared-answer.ts), answer
 * JSON with ETag/Last-Modified (API answers may be cached a minute).
 */
function endpoint(
  request: Request,
  run: (params: URLSearchParams, base: string) => Promise<unknown>,
): Promise<Response> {
  return handle(request, async () => {
    const config = getConfig();
    enforceRateLimit(request, config.rateLimitPerProcess, config.TRUSTED_PROXIES);
    const body = await sharedAnswer(
      request,
      () => run(new URL(request.url).searchParams, config.publicUrl),
      "api",
    );
    return conditionalResponse(request, {
      body: JSON.stringify(body),
      contentType: "application/json; charset=utf-8",
      lastModified: null,
      maxAge: 60,
    });
  });
}

/** Our article shape from a stored article. */
export function toArticleSummary(article: FeedArticle, base: string): ArticleSummaryT {
  return {
    id: article.id,
    title: article.title,
    summary: article.summary,
    url: article.url,
    pageUrl: `${base}/articles/${article.id}`,
    sourceName: article.sourceName,
    language: article.language,
    publishedAt: iso(article.publishedAt),
    storyId: article.storyId,
    isSample: article.isSample,
    entities: article.entities.map((entity) => ({
      slug: entity.slug,
      name: entity.name,
      kind: entity.kind,
    })),
    claimTypes: article.claimTypes as ArticleSummaryT["claimTypes"],
  };
}

function toClaimRow(
  claim: ClaimWithParties,
  article: { publishedAt: Date | null; sourceName: string | null },
): ClaimRowT {
  return {
    id: claim.id,
    articleId: claim.articleId,
    claimant: claim.claimant,
    target: claim.target,
    type: claim.type as ClaimType,
    stance: claim.stance as Stance,
    sentence: claim.sentence,
    confidence: claim.confidence,
    publishedAt: iso(article.publishedAt),
    sourceName: article.sourceName,
  };
}

/** GET /api/v1/articles */
export function apiArticles(request: Request): Promise<Response> {
  return endpoint(request, async (params, base) => {
    const filters = parseFilters(params);
    const page = await listArticles(getDb(), filters, minRelevance());
    return {
      data: page.rows.map((row) => toArticleSummary(row, base)),
      nextCursor: page.nextCursor,
    };
  });
}

function toStoryCard(card: Awaited<ReturnType<typeof timelinePage>>["cards"][number]): StoryCardT {
  return {
    ...card,
    firstPublishedAt: iso(card.firstPublishedAt),
    lastPublishedAt: iso(card.lastPublishedAt),
    articles: card.articles.map((article) => ({
      ...article,
      publishedAt: iso(article.publishedAt),
    })),
  };
}

/** GET /api/v1/stories */
export function apiStories(request: Request): Promise<Response> {
  return endpoint(request, async (params) => {
    const filters: Filters = parseFilters(params);
    const page = await timelinePage(getDb(), filters);
    return { data: page.cards.map(toStoryCard), nextCursor: page.nextCursor };
  });
}

/** GET /api/v1/stories/{id}[?page=N]: the story's figures over all its articles, a page of its articles (oldest first) and their claims. */
export function apiStory(request: Request, rawId: string): Promise<Response> {
  return endpoint(request, async (params) => {
    if (!/^\d{1,12}$/.test(rawId))
      throw new AppError(
        "BAD_REQUEST",
        "invalid parameter id: expected a story id (a positive integer)",
        { parameter: "id" },
      );
    const { page } = parseParams(storyParams, params, ["page"]);
    // A number the id column cannot hold is no story; asking PostgreSQL for it fails the query.
    const id = parseRowId(rawId);
    if (id === null) throw new AppError("NOT_FOUND", `api: no story ${rawId}`);
    const story = await getStory(getDb(), id, page);
    if (!story) throw new AppError("NOT_FOUND", `api: no story ${rawId}`);
    const { detail, claims } = story;
    const articleOf = new Map(detail.articles.map((article) => [article.id, article]));
    return {
      data: {
        id: detail.id,
        title: detail.title,
        summary: detail.summary,
        firstPublishedAt: iso(detail.firstPublishedAt),
        lastPublishedAt: iso(detail.lastPublishedAt),
        articleCount: detail.articleCount,
        sourceCount: detail.sources.length,
        languages: detail.languages,
        isSample: detail.isSample,
        entities: detail.entities,
        claimTypes: detail.claimTypes,
        articles: detail.articles.map((a) => ({
          id: a.id,
          title: a.title,
          url: a.url,
          sourceName: a.sourceName,
          language: a.language,
          publishedAt: iso(a.publishedAt),
        })),
        claims: claims.map((claim) => toClaimRow(claim, articleOf.get(claim.articleId)!)),
        page: detail.page,
        pages: detail.pages,
      },
    };
  });
}

/** GET /api/v1/entities */
export function apiEntities(request: Request): Promise<Response> {
  return endpoint(request, async (params) => {
    const options = parseParams(entityListParams, params, ["kind", "cursor", "limit"]);
    const page = await listEntities(getDb(), options);
    return { data: page.rows, nextCursor: page.nextCursor };
  });
}

/** GET /api/v1/entities/{slug} */
export function apiEntity(request: Request, rawSlug: string): Promise<Response> {
  return endpoint(request, async (_params, base) => {
    const slug = (decodePathSegment(rawSlug) ?? "").trim().toLowerCase();
    if (!SLUG_PATTERN.test(slug))
      throw new AppError(
        "BAD_REQUEST",
        "invalid parameter slug: expected an entity slug such as openai",
        { parameter: "slug" },
      );
    const entity = await getEntity(getDb(), slug);
    if (!entity) throw new AppError("NOT_FOUND", `api: no entity "${slug}"`);
    const links = feedLinks({ kind: "entity", slug }, {}, base);
    const data: EntityDetailT = {
      slug: entity.slug,
      name: entity.name,
      kind: entity.kind as EntityDetailT["kind"],
      description: entity.description,
      articleCount: entity._count.mentions,
      aliases: entity.aliases.map((alias) => alias.alias),
      claimsMade: entity._count.claimsMade,
      claimsReceived: entity._count.claimsReceived,
      feeds: { rss: links.rss, atom: links.atom, json: links.json },
    };
    return { data };
  });
}

/** GET /api/v1/claims */
export function apiClaims(request: Request): Promise<Response> {
  return endpoint(request, async (params) => {
    const filters = parseFilters(params);
    const options = parseParams(claimListParams, params, ["claimant", "target", "stance"]);
    const page = await listClaims(getDb(), filters, { ...options, minRelevance: minRelevance() });
    return {
      data: page.rows.map((row) => toClaimRow(row, row.article)),
      nextCursor: page.nextCursor,
    };
  });
}

/** GET /api/v1/claims/threads */
export function apiClaimThreads(request: Request): Promise<Response> {
  return endpoint(request, async (params, base) => {
    const filters = parseFilters(params);
    const options = parseParams(claimListParams, params, ["claimant", "target", "stance"]);
    const page = await listClaimThreads(getDb(), filters, {
      ...options,
      minRelevance: minRelevance(),
    });
    const data: ClaimThreadRowT[] = page.rows.map((thread) => ({
      key: thread.key,
      claimant: { slug: thread.claimantSlug, name: thread.claimant },
      target: { slug: thread.targetSlug, name: thread.target },
      type: thread.type,
      firstSeen: thread.firstSeen,
      lastSeen: thread.lastSeen,
      articleCount: thread.articleCount,
      sources: thread.sources,
      stances: thread.stances.map((step) => ({
        stance: step.stance,
        firstSeen: step.firstSeen,
        articleId: Number(step.articleId),
      })),
      feed: feedLinks(
        {
          kind: "thread",
          claimant: thread.claimantSlug,
          target: thread.targetSlug,
          type: thread.type,
        },
        {},
        base,
      ).rss,
    }));
    return { data, nextCursor: page.nextCursor };
  });
}

/** GET /api/v1/search */
export function apiSearch(request: Request): Promise<Response> {
  return endpoint(request, async (params, base) => {
    const { q, sort } = parseParams(searchParamsSchema, params, ["q", "sort"]);
    const filters = parseFilters(params);
    const query = narrowQueryByFilters(parseSearchQuery(q), filters);
    const result = await searchArticles(getDb(), query, {
      sort,
      limit: filters.limit,
      cursor: filters.cursor,
      minRelevance: minRelevance(),
    });
    return {
      data: result.hits.map((hit) => ({
        articleId: hit.articleId,
        title: hit.title,
        titleHighlighted: hit.titleHighlighted,
        snippet: hit.snippet,
        url: hit.url,
        pageUrl: `${base}/articles/${hit.articleId}`,
        sourceName: hit.sourceName,
        language: hit.language,
        publishedAt: iso(hit.publishedAt),
        summary: hit.summary,
        storyId: hit.storyId,
        score: hit.score,
      })),
      nextCursor: result.nextCursor,
      total: result.total,
      totalIsLowerBound: result.totalIsLowerBound,
      query: result.query,
      sort: result.sort,
      facets: result.facets,
    };
  });
}
