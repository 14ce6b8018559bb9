/**
 * A local news site on 127.0.0.1 for ingest tests and the ingest benchmark: `feeds` RSS feeds of
 * `itemsPerFeed` items each, every item a 4–7 KB article page of invented text (made up here from a
 * seed, so every page differs and no two are near-duplicates), feeds with ETags that answer 304 to
 * a matching If-None-Match. Faults can be switched on while it runs: pages answering 500, a body
 * cut short, a slow answer. It counts the requests for each path.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface NewsSiteOptions {
  feeds: number;
  itemsPerFeed: number;
  /** Milliseconds each page waits before answering (0: none). */
  pageDelayMs?: number;
}

/** What to do with one page request: answer normally, with a status, or cut the body short. */
export type PageFault = "ok" | "500" | "truncate";

export interface NewsSite {
  url: string;
  feedUrls: string[];
  /** Every article page's URL, feed by feed. */
  articleUrls: string[];
  /** Requests received for a path. */
  hits(path: string): number;
  /** Sets (or clears, with null) the rule deciding faults; `attempt` counts this path's requests from 1. */
  setFault(rule: ((path: string, attempt: number) => PageFault) | null): void;
  close(): Promise<void>;
}

const SUBJECTS = [
  "OpenAI",
  "DeepSeek",
  "Anthropic",
  "Google",
  "Meta",
  "Microsoft",
  "Mistral AI",
  "xAI",
  "Perplexity",
  "Stability AI",
  "Midjourney",
  "Cohere",
];
const CLAIMS = [
  "accused {b} of distilling its models through the API",
  "said {b} had copied copyrighted books to train a chatbot",
  "sued {b} over scraping news articles without a licence",
  "alleged that {b} broke its terms of service",
  "claimed that {b} took trade secrets when engineers left",
  "denied the claims made by {b} in court filings",
];
const FILLER = [
  "The filing runs to dozens of pages and cites internal messages.",
  "Lawyers for both sides declined to comment on the schedule.",
  "Analysts said the case could shape how models are trained for years.",
  "The company said it would defend itself vigorously.",
  "A hearing is expected before the end of the quarter.",
  "Regulators in several countries are watching the dispute closely.",
  "Engineers familiar with the matter described the training pipeline.",
  "The startup raised money from investors earlier in the year.",
  "Critics argue that the rules on data use remain unclear.",
  "The judge asked both parties to narrow their requests.",
];

/** A small seeded generator, so a page's text is the same on every request. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/** The invented article for feed f, item i: a title and 4–7 KB of paragraphs. */
export function newsArticle(
  f: number,
  i: number,
): { title: string; html: (url: string) => string; publishedAt: Date } {
  const next = random(f * 100_003 + i * 7919 + 17);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const a = pick(SUBJECTS);
  let b = pick(SUBJECTS);
  if (b === a) b = SUBJECTS[(SUBJECTS.indexOf(a) + 1) % SUBJECTS.length];
  const title = `Report ${f}-${i}: ${a} and ${b} in a new dispute`;
  const target = 4000 + Math.floor(next() * 3000);
  const paragraphs: string[] = [];
  let size = 0;
  let n = 0;
  while (size < target) {
    const sentences = [
      `${a} ${pick(CLAIMS).replace("{b}", b)}, according to report ${f}-${i} paragraph ${n}.`,
    ];
    for (let k = 0; k < 4; k++)
      sentences.push(`${pick(FILLER)} (note ${Math.floor(next() * 1e9).toString(36)})`);
    const paragraph = sentences.join(" ");
    paragraphs.push(`<p>${paragraph}</p>`);
    size += paragraph.length;
    n++;
  }
  const publishedAt = new Date(Date.UTC(2025, 0, 1) + (f * 1000 + i) * 60_000);
  return {
    title,
    publishedAt,
    html: (url) =>
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="canonical" href="${url}">` +
      `<meta property="article:published_time" content="${publishedAt.toISOString()}"></head><body><header><nav><a href="/">Home</a></nav></header>` +
      `<article><h1>${title}</h1><p class="byline">By Staff</p>${paragraphs.join("\n")}</article><footer>Local news site</footer></body></html>`,
  };
}

/** Starts the site on a free port. */
export async function startNewsSite(options: NewsSiteOptions): Promise<NewsSite> {
  const counts = new Map<string, number>();
  const sockets = new Set<Socket>();
  let fault: ((path: string, attempt: number) => PageFault) | null = null;
  let base = "";

  const feedXml = (f: number) => {
    const items = Array.from({ length: options.itemsPerFeed }, (_, i) => {
      const article = newsArticle(f, i);
      const link = `${base}/f${f}/a${i}.html`;
      return `<item><title>${article.title}</title><link>${link}</link><guid>${link}</guid><pubDate>${article.publishedAt.toUTCString()}</pubDate></item>`;
    }).join("");
    return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Local news ${f}</title><link>${base}/</link>${items}</channel></rss>`;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    const attempt = (counts.get(path) ?? 0) + 1;
    counts.set(path, attempt);
    res.on("error", () => undefined);
    const feed = /^\/feed-(\d+)\.xml$/.exec(path);
    if (feed && Number(feed[1]) < options.feeds) {
      const etag = `"feed-${feed[1]}-v1"`;
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag });
      res.end(feedXml(Number(feed[1])));
      return;
    }
    const page = /^\/f(\d+)\/a(\d+)\.html$/.exec(path);
    if (page && Number(page[1]) < options.feeds && Number(page[2]) < options.itemsPerFeed) {
      if (options.pageDelayMs)
        await new Promise((resolve) => setTimeout(resolve, options.pageDelayMs));
      const what = fault?.(path, attempt) ?? "ok";
      if (what === "500") {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end("server error");
        return;
      }
      const body = Buffer.from(
        newsArticle(Number(page[1]), Number(page[2])).html(`${base}${path}`),
      );
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "content-length": String(body.length),
      });
      if (what === "truncate") {
        // Promise the whole body, send a third of it, and hang up.
        res.write(body.subarray(0, Math.floor(body.length / 3)));
        setTimeout(() => res.destroy(), 5);
        return;
      }
      res.end(body);
      return;
    }
    if (path === "/robots.txt") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("User-agent: *\nAllow: /\n");
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const feedUrls = Array.from({ length: options.feeds }, (_, f) => `${base}/feed-${f}.xml`);
  const articleUrls = Array.from({ length: options.feeds }, (_, f) =>
    Array.from({ length: options.itemsPerFeed }, (_, i) => `${base}/f${f}/a${i}.html`),
  ).flat();
  return {
    url: base,
    feedUrls,
    articleUrls,
    hits: (path) => counts.get(path) ?? 0,
    setFault: (rule) => {
      fault = rule;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
