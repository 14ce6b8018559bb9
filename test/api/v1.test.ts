/**
 * The JSON API through its route handlers on a real database: answers conform to the served
 * OpenAPI document (its component schemas, turned back into validators with z.fromJSONSchema, and
 * the strict zod schemas they were generated from), bad parameters are 400s naming the parameter,
 * unknown ids 404, pages chain without gaps or duplicates, and the rate limit answers 429.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as articlesRoute } from "@/app/api/v1/articles/route";
import { GET as claimsRoute } from "@/app/api/v1/claims/route";
import { GET as threadsRoute } from "@/app/api/v1/claims/threads/route";
import { GET as entityRoute } from "@/app/api/v1/entities/[slug]/route";
import { GET as entitiesRoute } from "@/app/api/v1/entities/route";
import { GET as openapiRoute } from "@/app/api/v1/openapi.json/route";
import { GET as searchRoute } from "@/app/api/v1/search/route";
import { GET as storyRoute } from "@/app/api/v1/stories/[id]/route";
import { GET as storiesRoute } from "@/app/api/v1/stories/route";
import { OPENAPI_COMPONENTS } from "@/lib/api/openapi";
import { RateLimiter, appendForwardedFor, clientKey } from "@/lib/api/rate-limit";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";
import { PUBLIC_URL, useTestEnvironment } from "@/test/digest/env";
import { seedFeedsDatabase } from "@/test/digest/fixture";
import { startWellInsideRateWindow } from "@/test/helpers/rate-window";

let database: ScratchDatabase;
let document: {
  paths: Record<
    string,
    {
      get: {
        responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }>;
      };
    }
  >;
  components: { schemas: Record<string, unknown> };
};

beforeAll(async () => {
  database = await createScratchDatabase("sqlite");
  await seedFeedsDatabase(database.db, new Date());
  await useTestEnvironment(database.url);
  document = await openapiRoute().json();
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

const request = (path: string, headers: Record<string, string> = {}) =>
  new Request(new URL(path, PUBLIC_URL), { headers });
const withParams = <T extends Record<string, string>>(params: T) => ({
  params: Promise.resolve(params),
});

/** Resolves "#/components/schemas/X[/...]" references inside the document into inline schemas. */
function resolve(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(resolve);
  if (node && typeof node === "object") {
    const object = node as Record<string, unknown>;
    if (typeof object.$ref === "string") {
      const path = object.$ref.replace(/^#\//, "").split("/");
      let target: unknown = document;
      for (const part of path) target = (target as Record<string, unknown>)[part];
      return resolve(target);
    }
    return Object.fromEntries(
      Object.entries(object).map(([key, value]) => [key, key === "$defs" ? value : resolve(value)]),
    );
  }
  return node;
}

/** Checks a 200 answer of a path against the document's schema for it, and against the zod source schema. */
function conforms(path: string, body: unknown): void {
  const ref = document.paths[path].get.responses["200"].content!["application/json"].schema.$ref;
  const name = ref.split("/").pop() as keyof typeof OPENAPI_COMPONENTS;
  const fromDocument = z.fromJSONSchema(
    resolve({ $ref: ref }) as Parameters<typeof z.fromJSONSchema>[0],
  );
  const documentCheck = fromDocument.safeParse(body);
  expect(
    documentCheck.success,
    `${path} vs document: ${JSON.stringify(documentCheck.error?.issues.slice(0, 3))}`,
  ).toBe(true);
  const zodCheck = OPENAPI_COMPONENTS[name].safeParse(body);
  expect(
    zodCheck.success,
    `${path} vs ${name}: ${JSON.stringify(zodCheck.error?.issues.slice(0, 3))}`,
  ).toBe(true);
}

describe("API v1", () => {
  it("serves an OpenAPI 3.1 document that describes every endpoint", () => {
    expect((document as unknown as { openapi: string }).openapi).toBe("3.1.0");
    expect(Object.keys(document.paths).sort()).toEqual([
      "/articles",
      "/claims",
      "/claims/threads",
      "/entities",
      "/entities/{slug}",
      "/search",
      "/stories",
      "/stories/{id}",
    ]);
    // The document rejects what the API never sends: a story page without nextCursor.
    const storyPage = z.fromJSONSchema(
      resolve({ $ref: "#/components/schemas/StoryPage" }) as Parameters<typeof z.fromJSONSchema>[0],
    );
    expect(storyPage.safeParse({ data: [] }).success).toBe(false);
    expect(storyPage.safeParse({ data: [], nextCursor: null }).success).toBe(true);
  });

  it("answers every endpoint in the documented shape", async () => {
    const articles = await (await articlesRoute(request("/api/v1/articles?limit=100"))).json();
    conforms("/articles", articles);
    expect(articles.data.length).toBe(6);
    expect(
      articles.data.every((a: { pageUrl: string }) =>
        a.pageUrl.startsWith(`${PUBLIC_URL}/articles/`),
      ),
    ).toBe(true);
    const stories = await (await storiesRoute(request("/api/v1/stories?entity=openai"))).json();
    conforms("/stories", stories);
    expect(stories.data.length).toBeGreaterThan(0);
    const story = await storyRoute(
      request(`/api/v1/stories/${stories.data[0].id}`),
      withParams({ id: String(stories.data[0].id) }),
    );
    expect(story.status).toBe(200);
    const storyBody = await story.json();
    conforms("/stories/{id}", storyBody);
    expect(storyBody.data.claims.length).toBeGreaterThan(0);
    expect([storyBody.data.page, storyBody.data.pages]).toEqual([1, 1]);
    expect(storyBody.data.articles.length).toBe(storyBody.data.articleCount);
    const entities = await (
      await entitiesRoute(request("/api/v1/entities?kind=company&limit=100"))
    ).json();
    conforms("/entities", entities);
    expect(entities.data.map((e: { slug: string }) => e.slug)).toContain("openai");
    const entity = await (
      await entityRoute(request("/api/v1/entities/openai"), withParams({ slug: "openai" }))
    ).json();
    conforms("/entities/{slug}", entity);
    expect(entity.data.articleCount).toBeGreaterThanOrEqual(4);
    expect(entity.data.feeds.rss).toBe(`${PUBLIC_URL}/feeds/entities/openai.rss`);
    const claims = await (
      await claimsRoute(request("/api/v1/claims?claim=distillation&claimant=openai"))
    ).json();
    conforms("/claims", claims);
    expect(claims.data.length).toBeGreaterThan(0);
    expect(
      claims.data.every(
        (c: { type: string; claimant: { slug: string } }) =>
          c.type === "distillation" && c.claimant.slug === "openai",
      ),
    ).toBe(true);
    const threads = await (await threadsRoute(request("/api/v1/claims/threads"))).json();
    conforms("/claims/threads", threads);
    expect(threads.data.map((t: { key: string }) => t.key)).toContain(
      "openai|deepseek|distillation",
    );
    const search = await (await searchRoute(request("/api/v1/search?q=scraping"))).json();
    conforms("/search", search);
    expect(search.data[0].title).toBe("Reddit sues Anthropic for scraping its site");
  });

  it("answers 400 naming the parameter, and 404 for unknown ids", async () => {
    const cases: [Promise<Response>, string][] = [
      [articlesRoute(request("/api/v1/articles?limit=1000")), "limit"],
      [articlesRoute(request("/api/v1/articles?from=yesterday")), "from"],
      [storiesRoute(request("/api/v1/stories?claim=murder")), "claim"],
      [articlesRoute(request("/api/v1/articles?cursor=bm9wZQ")), "cursor"],
      [entitiesRoute(request("/api/v1/entities?kind=alien")), "kind"],
      [claimsRoute(request("/api/v1/claims?stance=shouts")), "stance"],
      [searchRoute(request("/api/v1/search?sort=random")), "sort"],
      [storyRoute(request("/api/v1/stories/abc"), withParams({ id: "abc" })), "id"],
      [storyRoute(request("/api/v1/stories/1?page=0"), withParams({ id: "1" })), "page"],
      [storyRoute(request("/api/v1/stories/1?page=two"), withParams({ id: "1" })), "page"],
    ];
    for (const [pending, parameter] of cases) {
      const response = await pending;
      const body = await response.json();
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/json");
      expect(body.error.code).toBe("BAD_REQUEST");
      expect(body.error.parameter).toBe(parameter);
      expect(body.error.message).toContain(parameter);
      conformsError(body);
    }
    const missingStory = await storyRoute(
      request("/api/v1/stories/99999"),
      withParams({ id: "99999" }),
    );
    expect(missingStory.status).toBe(404);
    conformsError(await missingStory.json());
    expect(
      (await entityRoute(request("/api/v1/entities/nobody"), withParams({ slug: "nobody" })))
        .status,
    ).toBe(404);
  });

  it("pages through articles, claims, entities and threads without gaps or duplicates", async () => {
    const pages: [typeof articlesRoute, string, (item: Record<string, unknown>) => unknown][] = [
      [articlesRoute, "/api/v1/articles", (item) => item.id],
      [claimsRoute, "/api/v1/claims", (item) => item.id],
      [entitiesRoute, "/api/v1/entities", (item) => item.slug],
      [threadsRoute, "/api/v1/claims/threads", (item) => item.key],
    ];
    for (const [route, path, key] of pages) {
      const walk = async (limit: number) => {
        const seen: unknown[] = [];
        let cursor: string | null = null;
        let rounds = 0;
        do {
          const url: string = `${path}?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
          const body: { data: Record<string, unknown>[]; nextCursor: string | null } = await (
            await route(request(url))
          ).json();
          seen.push(...body.data.map(key));
          cursor = body.nextCursor;
          rounds++;
        } while (cursor && rounds < 500);
        return seen;
      };
      const all = await walk(100);
      expect(all.length, path).toBeGreaterThan(2);
      expect(new Set(all).size, path).toBe(all.length);
      expect(await walk(3), path).toEqual(all);
    }
  });

  it("sends ETags and answers 304 to If-None-Match", async () => {
    const first = await articlesRoute(request("/api/v1/articles"));
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"/);
    const second = await articlesRoute(request("/api/v1/articles", { "If-None-Match": etag }));
    expect(second.status).toBe(304);
  });
});

function conformsError(body: unknown): void {
  const error = z.fromJSONSchema(
    resolve({ $ref: "#/components/schemas/Error" }) as Parameters<typeof z.fromJSONSchema>[0],
  );
  expect(error.safeParse(body).success, JSON.stringify(body)).toBe(true);
}

describe("rate limiting", () => {
  it("counts per client in fixed one-minute windows", () => {
    let now = 60_000 * 100 + 10_000;
    const limiter = new RateLimiter(3, 60_000, () => now);
    expect([1, 2, 3].map(() => limiter.take("a").allowed)).toEqual([true, true, true]);
    const refused = limiter.take("a");
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfter).toBe(50);
    expect(limiter.take("b").allowed).toBe(true);
    now += 50_000;
    expect(limiter.take("a").allowed).toBe(true);
    now += 120_000;
    limiter.take("c");
    expect(limiter.size).toBe(1);
  });

  it("keys on the address the nearest proxy saw, not on what the client wrote", () => {
    const headers = (value: string) =>
      new Request("http://x/", { headers: { "x-forwarded-for": value } });
    expect(clientKey(headers("6.6.6.6, 203.0.113.9"))).toBe("203.0.113.9");
    expect(clientKey(headers("6.6.6.6, 203.0.113.9, 10.0.0.2"), 1)).toBe("203.0.113.9");
    expect(clientKey(new Request("http://x/"))).toBe("unknown");
  });

  it("hands X-Forwarded-For on with the connecting peer last, whatever the client wrote", () => {
    expect(appendForwardedFor(undefined, "203.0.113.9")).toBe("203.0.113.9");
    expect(appendForwardedFor("6.6.6.6", "203.0.113.9")).toBe("6.6.6.6, 203.0.113.9");
    expect(appendForwardedFor(["6.6.6.6", "7.7.7.7"], "::1")).toBe("6.6.6.6, 7.7.7.7, ::1");
    expect(appendForwardedFor("  ", undefined)).toBe("unknown");
    const key = (written: string | undefined, trusted = 0) =>
      clientKey(
        new Request("http://x/", {
          headers: { "x-forwarded-for": appendForwardedFor(written, "10.0.0.2") },
        }),
        trusted,
      );
    // Straight to us: the peer, whatever the client claims to be.
    expect(key("6.6.6.6")).toBe("10.0.0.2");
    // Behind one proxy of ours (the peer) that appended the address it saw.
    expect(key("6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
  });

  it("answers 429 with Retry-After on the API and the feeds once a client is over the limit", async () => {
    await startWellInsideRateWindow();
    await useTestEnvironment(database.url, { RATE_LIMIT_PER_MINUTE: "3" });
    try {
      const from = (ip: string) => ({ "x-forwarded-for": ip });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (await articlesRoute(request("/api/v1/articles", from("198.51.100.7")))).status,
        );
      const { GET: feed } = await import("@/app/feeds/[file]/route");
      const refusedFeed = await feed(
        request("/feeds/latest.rss", from("198.51.100.7")),
        withParams({ file: "latest.rss" }),
      );
      expect(statuses.slice(0, 3).every((s) => s === 200 || s === 304)).toBe(true);
      expect(statuses[3]).toBe(429);
      expect(refusedFeed.status).toBe(429);
      expect(Number(refusedFeed.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await refusedFeed.json()).error.code).toBe("RATE_LIMITED");
      // Another client is still served.
      expect((await articlesRoute(request("/api/v1/articles", from("198.51.100.8")))).status).toBe(
        200,
      );
    } finally {
      await useTestEnvironment(database.url);
    }
  });
});
