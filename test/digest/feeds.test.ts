/**
 * Every kind of feed we serve, through the real route handlers on a real database: parsed by
 * rss-parser and by Python's feedparser without error, with the expected items, escaped payloads,
 * stable ids, validators and 304s.
 */
import Parser from "rss-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as latestOrSearch } from "@/app/feeds/[file]/route";
import { GET as claimFeed } from "@/app/feeds/claims/[file]/route";
import { GET as digestFeed } from "@/app/feeds/digest/[file]/route";
import { GET as entityFeed } from "@/app/feeds/entities/[file]/route";
import { GET as opmlFeed } from "@/app/feeds/opml/route";
import { GET as storyFeed } from "@/app/feeds/stories/[file]/route";
import { GET as threadFeed } from "@/app/feeds/threads/[claimant]/[target]/[file]/route";
import { parseOpml } from "@/lib/ingest/opml";
import { feedLinks, type FeedView } from "@/lib/urls";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";
import { useTestEnvironment, PUBLIC_URL } from "./env";
import { parseWithFeedparser } from "./feedparser";
import { checkJsonFeed } from "./jsonfeed";
import { FIXTURE_ARTICLES, seedFeedsDatabase, XSS_TITLE } from "./fixture";

let database: ScratchDatabase;
let ids: Map<string, number>;
let storyId: number;

beforeAll(async () => {
  database = await createScratchDatabase("sqlite");
  ids = await seedFeedsDatabase(database.db, new Date());
  await useTestEnvironment(database.url);
  const link = await database.db.storyArticle.findUniqueOrThrow({
    where: { articleId: ids.get("openai-evidence-distillation")! },
  });
  storyId = link.storyId;
}, 120_000);

afterAll(async () => {
  await database?.drop();
});

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

/** Calls the route handler that serves a path, the way Next.js would. */
async function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<Response> {
  const url = new URL(pathAndQuery, PUBLIC_URL);
  const request = new Request(url, { headers });
  const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const call = (handler: unknown, params: Record<string, string>) =>
    (handler as Handler)(request, { params: Promise.resolve(params as never) });
  if (segments[1] === "opml") return (opmlFeed as (r: Request) => Promise<Response>)(request);
  if (segments.length === 2) return call(latestOrSearch, { file: segments[1] });
  if (segments[1] === "stories") return call(storyFeed, { file: segments[2] });
  if (segments[1] === "entities") return call(entityFeed, { file: segments[2] });
  if (segments[1] === "claims") return call(claimFeed, { file: segments[2] });
  if (segments[1] === "digest") return call(digestFeed, { file: segments[2] });
  if (segments[1] === "threads")
    return call(threadFeed, { claimant: segments[2], target: segments[3], file: segments[4] });
  throw new Error(`no handler for ${pathAndQuery}`);
}

const parser = new Parser();
const FORMATS = ["rss", "atom", "json"] as const;
const CONTENT_TYPES = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
  json: "application/feed+json",
};

function views(): {
  name: string;
  view: FeedView;
  filters?: Record<string, string[]>;
  expect: string[];
  not?: string[];
}[] {
  return [
    {
      name: "latest",
      view: { kind: "latest" },
      expect: [
        "openai-evidence-distillation",
        "nyt-sues-openai",
        "reddit-sues-anthropic",
        "xss-title",
      ],
      not: ["apple-crisp"],
    },
    {
      name: "latest in Vietnamese",
      view: { kind: "latest" },
      filters: { lang: ["vi"] },
      expect: ["deepseek-chung-cat"],
      not: ["nyt-sues-openai"],
    },
    {
      name: "story",
      view: { kind: "story", id: storyId },
      expect: ["openai-evidence-distillation"],
      not: ["reddit-sues-anthropic"],
    },
    {
      name: "entity",
      view: { kind: "entity", slug: "anthropic" },
      expect: ["reddit-sues-anthropic"],
      not: ["nyt-sues-openai"],
    },
    {
      name: "claim type",
      view: { kind: "claim", type: "copyright" },
      expect: ["nyt-sues-openai"],
      not: ["reddit-sues-anthropic"],
    },
    {
      name: "claim thread",
      view: { kind: "thread", claimant: "openai", target: "deepseek", type: "distillation" },
      expect: ["openai-evidence-distillation"],
      not: ["nyt-sues-openai"],
    },
    {
      name: "search",
      view: { kind: "search", q: "scraping" },
      expect: ["reddit-sues-anthropic"],
      not: ["nyt-sues-openai"],
    },
    {
      name: "search with a filter",
      view: { kind: "search", q: "DeepSeek" },
      filters: { entity: ["microsoft"] },
      expect: ["microsoft-probes-deepseek-accounts"],
      not: ["nyt-sues-openai"],
    },
  ];
}

describe("feeds", () => {
  it("serves every view in RSS 2.0, Atom 1.0 and JSON Feed 1.1, readable by rss-parser and feedparser", async () => {
    const bodies: { body: string; ext: string; label: string; expect: string[]; not: string[] }[] =
      [];
    for (const entry of views()) {
      const links = feedLinks(entry.view, entry.filters ?? {});
      for (const format of FORMATS) {
        const response = await get(links[format]);
        const body = await response.text();
        expect(response.status, `${entry.name} ${format}: ${body.slice(0, 200)}`).toBe(200);
        expect(response.headers.get("content-type")).toContain(CONTENT_TYPES[format]);
        expect(response.headers.get("etag")).toMatch(/^"[\w-]+"$/);
        expect(response.headers.get("cache-control")).toBe("public, max-age=300");
        expect(response.headers.get("last-modified")).toMatch(/GMT$/);
        const expectedUrls = entry.expect.map((slug) => `${PUBLIC_URL}/articles/${ids.get(slug)}`);
        const unexpected = (entry.not ?? []).map(
          (slug) => `${PUBLIC_URL}/articles/${ids.get(slug)}`,
        );
        if (format === "json") {
          const { json, parsed } = await checkJsonFeed(body, `${PUBLIC_URL}${links.json}`);
          expect(parsed.items.map((item) => item.guid)).toEqual(json.items.map((item) => item.id));
          expect(
            parsed.items.every(
              (item) =>
                item.url?.startsWith("https://news.example/") || item.url?.startsWith(PUBLIC_URL),
            ),
          ).toBe(true);
          const itemIds = json.items.map((item: { id: string }) => item.id);
          expect(itemIds).toEqual(expect.arrayContaining(expectedUrls));
          for (const id of unexpected) expect(itemIds).not.toContain(id);
        } else {
          const parsed = await parser.parseString(body);
          const itemIds = parsed.items.map((item) => item.guid ?? item.id);
          expect(itemIds, `${entry.name} ${format}`).toEqual(expect.arrayContaining(expectedUrls));
          for (const id of unexpected) expect(itemIds).not.toContain(id);
          for (const item of parsed.items) {
            expect(item.link).toMatch(/^https:\/\/news\.example\//);
            expect(item.content ?? item.contentSnippet ?? "").not.toBe("");
          }
        }
        if (format !== "json")
          bodies.push({
            body,
            ext: "xml",
            label: `${entry.name} ${format}`,
            expect: expectedUrls,
            not: unexpected,
          });
      }
    }
    const results = parseWithFeedparser(bodies);
    results.forEach((result, index) => {
      const { label, expect: wanted, not } = bodies[index];
      expect(result.bozo, `${label}: ${result.bozoException}`).toBe(false);
      expect(result.version, label).toMatch(/^(rss20|atom10|json11)$/);
      const entryIds = result.entries.map((entry) => entry.id);
      expect(entryIds, label).toEqual(expect.arrayContaining(wanted));
      for (const id of not) expect(entryIds, label).not.toContain(id);
      for (const entry of result.entries) {
        expect(entry.title, label).not.toBe("");
        expect(entry.link, label).toMatch(/^https:\/\/news\.example\//);
        expect(entry.content, label).toContain(`${PUBLIC_URL}/articles/`);
      }
    });
  }, 120_000);

  it("gives each article its categories: entities and claim types", async () => {
    const parsed = await parser.parseString(await (await get("/feeds/latest.rss")).text());
    const item = parsed.items.find(
      (entry) => entry.guid === `${PUBLIC_URL}/articles/${ids.get("reddit-sues-anthropic")}`,
    )!;
    const categories = (item.categories ?? []).map((c) =>
      typeof c === "string" ? c : (c as { _: string })._,
    );
    expect(categories).toEqual(
      expect.arrayContaining(["Anthropic", "Reddit", "claim: data scraping"]),
    );
  });

  it("escapes script payloads in titles, summaries and sources in every format", async () => {
    const xssId = `${PUBLIC_URL}/articles/${ids.get("xss-title")}`;
    const rss = await (await get("/feeds/latest.rss")).text();
    const atom = await (await get("/feeds/latest.atom")).text();
    const json = JSON.parse(await (await get("/feeds/latest.json")).text());
    for (const body of [rss, atom]) {
      expect(body).not.toMatch(/<script/i);
      expect(body).not.toContain("<Feed>");
    }
    const jsonItem = json.items.find((item: { id: string }) => item.id === xssId);
    // JSON Feed titles are plain text: the reader shows the characters, it never parses them.
    expect(jsonItem.title).toBe(XSS_TITLE);
    expect(jsonItem.content_html).not.toMatch(/<script|<Feed>/);
    expect(jsonItem.content_html).toContain("Evil &lt;Feed&gt; &amp; Co");
    const [rssParsed, atomParsed] = parseWithFeedparser([
      { body: rss, ext: "xml" },
      { body: atom, ext: "xml" },
    ]);
    for (const result of [rssParsed, atomParsed]) {
      const entry = result.entries.find((e) => e.id === xssId)!;
      // feedparser reads the title as HTML: it shows the payload as text, escaped once.
      expect(entry.title).toContain("&lt;script&gt;");
      expect(entry.title).not.toMatch(/<script/i);
      expect(entry.content).not.toMatch(/<script/i);
    }
    await checkJsonFeed(JSON.stringify(json), `${PUBLIC_URL}/feeds/latest.json`);
  });

  it("keeps GUIDs stable across requests and never uses the original URL's tracking", async () => {
    const first = JSON.parse(await (await get("/feeds/entities/openai.json")).text());
    const second = JSON.parse(await (await get("/feeds/entities/openai.json?limit=2")).text());
    expect(second.items).toHaveLength(2);
    expect(second.items.map((i: { id: string }) => i.id)).toEqual(
      first.items.slice(0, 2).map((i: { id: string }) => i.id),
    );
    for (const item of first.items)
      expect(item.id).toMatch(new RegExp(`^${PUBLIC_URL}/articles/\\d+$`));
  });

  it("answers 304 to If-None-Match and If-Modified-Since, and 200 when the copy is stale", async () => {
    const first = await get("/feeds/claims/distillation.atom");
    const etag = first.headers.get("etag")!;
    const lastModified = first.headers.get("last-modified")!;
    const again = await get("/feeds/claims/distillation.atom");
    expect(again.headers.get("etag")).toBe(etag);
    const byEtag = await get("/feeds/claims/distillation.atom", {
      "If-None-Match": `W/"nope", ${etag}`,
    });
    expect(byEtag.status).toBe(304);
    expect(await byEtag.text()).toBe("");
    expect(byEtag.headers.get("etag")).toBe(etag);
    expect(
      (await get("/feeds/claims/distillation.atom", { "If-Modified-Since": lastModified })).status,
    ).toBe(304);
    expect(
      (await get("/feeds/claims/distillation.atom", { "If-None-Match": '"other"' })).status,
    ).toBe(200);
    const older = new Date(Date.parse(lastModified) - 60_000).toUTCString();
    expect(
      (await get("/feeds/claims/distillation.atom", { "If-Modified-Since": older })).status,
    ).toBe(200);
    // Another format or other filters are another document.
    expect((await get("/feeds/claims/distillation.rss")).headers.get("etag")).not.toBe(etag);
    expect((await get("/feeds/claims/distillation.atom?lang=vi")).headers.get("etag")).not.toBe(
      etag,
    );
  });

  it("answers 404 for unknown stories, entities and feed names, 400 for bad parameters", async () => {
    expect((await get("/feeds/stories/999999.rss")).status).toBe(404);
    expect((await get("/feeds/entities/no-such-entity.rss")).status).toBe(404);
    expect((await get("/feeds/latest.html")).status).toBe(404);
    expect((await get("/feeds/nothing.rss")).status).toBe(404);
    const badClaim = await get("/feeds/claims/murder.rss");
    expect(badClaim.status).toBe(400);
    expect((await badClaim.json()).error.code).toBe("BAD_REQUEST");
    const badFilter = await get("/feeds/latest.rss?from=2025-13-40");
    expect(badFilter.status).toBe(400);
    expect((await badFilter.json()).error.message).toContain("from");
    expect((await get("/feeds/search.rss")).status).toBe(400);
    expect((await get("/feeds/stories/abc.rss")).status).toBe(400);
  });

  it("exports chosen feeds as OPML that reads back, and refuses foreign URLs", async () => {
    const chosen = [
      "/feeds/entities/openai.rss",
      "/feeds/threads/openai/deepseek/distillation.atom",
      "/feeds/digest/daily.rss?entity=openai",
    ];
    const response = await get(
      `/feeds/opml?${chosen.map((feed) => `feed=${encodeURIComponent(feed)}`).join("&")}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/x-opml");
    const outlines = parseOpml(await response.text());
    expect(outlines.map((outline) => outline.xmlUrl)).toEqual(
      chosen.map((feed) => `${PUBLIC_URL}${feed}`),
    );
    // Titles in words, never raw parameters.
    expect(outlines.map((outline) => outline.title)).toEqual([
      "DisputeWatch: Entity: openai",
      "DisputeWatch: Thread: openai → deepseek (distillation)",
      "DisputeWatch: Daily digest — Latest articles (openai)",
    ]);
    expect(
      (await get(`/feeds/opml?feed=${encodeURIComponent("https://evil.example/feed.rss")}`)).status,
    ).toBe(400);
    expect((await get("/feeds/opml")).status).toBe(400);
  });

  it("covers every fixture article that is on topic in the latest feed, newest first", async () => {
    const json = JSON.parse(await (await get("/feeds/latest.json")).text());
    const onTopic = FIXTURE_ARTICLES.filter((a) => !a.offTopic).sort(
      (a, b) => a.ageHours - b.ageHours,
    );
    expect(json.items.map((i: { id: string }) => i.id)).toEqual(
      onTopic.map((a) => `${PUBLIC_URL}/articles/${ids.get(a.slug)}`),
    );
  });
});

describe("digests over the route", () => {
  it("serves daily and weekly digests for a filter in all formats, parseable, one item per non-empty period", async () => {
    const links = feedLinks({ kind: "entity", slug: "openai" });
    const bodies: { body: string; ext: string }[] = [];
    for (const format of FORMATS) {
      for (const url of [links.dailyDigest(format), links.weeklyDigest(format)]) {
        const response = await get(url);
        const body = await response.text();
        expect(response.status, body.slice(0, 200)).toBe(200);
        expect(response.headers.get("content-type")).toContain(CONTENT_TYPES[format]);
        if (format === "json")
          expect(
            (await checkJsonFeed(body, `${PUBLIC_URL}${url}`)).json.items.length,
          ).toBeGreaterThan(0);
        else bodies.push({ body, ext: "xml" });
      }
    }
    const results = parseWithFeedparser(bodies);
    for (const result of results) {
      expect(result.bozo, result.bozoException ?? "").toBe(false);
      expect(result.entries.length).toBeGreaterThan(0);
      for (const entry of result.entries) expect(entry.title).toMatch(/^(Daily|Weekly) digest /);
    }
    const daily = results[0];
    // OpenAI articles were published 2 h, 5 h, 26-27 h and 50 h ago: at most 4 distinct UTC days, never 14.
    expect(daily.entries.length).toBeGreaterThanOrEqual(2);
    expect(daily.entries.length).toBeLessThanOrEqual(4);
    // The newest period lists the newest OpenAI article (under its story), with a link to the original.
    expect(daily.entries[0].content).toContain("https://news.example/openai-evidence-distillation");
    expect(daily.entries[0].content).not.toContain("Reddit sues Anthropic");
  });

  it("follows a thread, a story and a search query", async () => {
    for (const view of [
      { kind: "thread", claimant: "openai", target: "deepseek", type: "distillation" },
      { kind: "story", id: storyId },
      { kind: "search", q: "scraping" },
    ] as FeedView[]) {
      const response = await get(feedLinks(view).weeklyDigest("json"));
      const json = await response.json();
      expect(response.status, JSON.stringify(json)).toBe(200);
      expect(json.items.length).toBeGreaterThan(0);
    }
  });

  it("validates tz and complete, and serves completed periods only on request", async () => {
    const bad = await get("/feeds/digest/daily.rss?tz=Mars/Olympus");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain("tz");
    expect((await get("/feeds/digest/daily.rss?complete=maybe")).status).toBe(400);
    expect((await get("/feeds/digest/hourly.rss")).status).toBe(404);
    expect((await get("/feeds/digest/daily.rss?story=1&q=x")).status).toBe(400);
    // An article published just now, so that today (in Ho Chi Minh City, whatever the hour in UTC)
    // has one and its period is listed "(so far)"; the fixture's newest is 2 hours old.
    await seedFeedsDatabase(database.db, new Date(), [
      {
        slug: "just-now",
        title:
          "Anthropic accuses a Chinese lab of distilling Claude through thousands of fake accounts",
        text:
          "Anthropic said on Monday that a Chinese artificial intelligence lab had used thousands of fraudulent accounts to query Claude and distil its answers into a rival model, in breach of its terms of service.\n\n" +
          "The lab denied wrongdoing and said its model was trained on public data.",
        source: "NightDesk",
        ageHours: 0,
      },
    ]);
    const all = await (await get("/feeds/digest/daily.json?tz=Asia/Ho_Chi_Minh")).json();
    const complete = await (
      await get("/feeds/digest/daily.json?tz=Asia/Ho_Chi_Minh&complete=1")
    ).json();
    const completeIds = complete.items.map((i: { id: string }) => i.id);
    expect(
      completeIds.every((id: string) => all.items.some((i: { id: string }) => i.id === id)),
    ).toBe(true);
    expect(all.items.some((i: { title: string }) => i.title.endsWith("(so far)"))).toBe(true);
    expect(complete.items.some((i: { title: string }) => i.title.endsWith("(so far)"))).toBe(false);
  });
});
