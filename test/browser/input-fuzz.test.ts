/**
 * The input boundary, fuzzed: every route template of the app (pages, the JSON API, feeds and
 * digests, the admin's pages and form handlers) with hostile values in its path segments and query
 * parameters (malformed percent-encoding, NUL bytes, ids at and past 2^31, over-long values, odd
 * Unicode), sent byte for byte as written to the production server (scripts/serve.ts) on SQLite and
 * on PostgreSQL, each loaded with the sample corpus. No answer may be a 5xx, every answer carries
 * the security headers, and the server still answers afterwards. The cases issue 17 found by hand
 * are checked first, each with the status it must get.
 */
import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "@/lib/bootstrap";
import { parseConfig } from "@/lib/config";
import { startAppServer, type AppServer } from "@/test/helpers/app-server";
import {
  createScratchDatabase,
  DATABASE_KINDS,
  type ScratchDatabase,
} from "@/scripts/support/scratch-db";

/** Route templates; `:name` is a segment, `:file` a feed file (NAME.rss|atom|json). */
const ROUTES = [
  "/",
  "/search",
  "/stories/:id",
  "/articles/:id",
  "/entities/:slug",
  "/claims",
  "/claims/:claimant/:target/:type",
  "/admin",
  "/admin/login",
  "/admin/sources/:id/remove",
  "/api/v1/articles",
  "/api/v1/stories",
  "/api/v1/stories/:id",
  "/api/v1/entities",
  "/api/v1/entities/:slug",
  "/api/v1/claims",
  "/api/v1/claims/threads",
  "/api/v1/search",
  "/api/v1/openapi.json",
  "/feeds/:file",
  "/feeds/stories/:file",
  "/feeds/entities/:file",
  "/feeds/claims/:file",
  "/feeds/threads/:claimant/:target/:file",
  "/feeds/digest/:file",
  "/feeds/opml",
];

/** Form handlers, fuzzed with POST (no session: they must refuse cleanly, never fail). */
const POST_ROUTES = [
  "/api/admin/login",
  "/api/admin/logout",
  "/api/admin/sources",
  "/api/admin/sources/:id/:action",
  "/api/admin/opml/import",
];

const PARAMETERS = [
  "q",
  "entity",
  "claim",
  "source",
  "lang",
  "from",
  "to",
  "cursor",
  "limit",
  "sort",
  "page",
  "story",
  "thread",
  "feed",
  "kind",
  "claimant",
  "target",
  "stance",
  "ui",
];

/** Values a segment or parameter may get, written as they go on the wire (already percent-encoded or not). */
const HOSTILE = [
  "%",
  "%%",
  "%zz",
  "%FF",
  "%C0%AF",
  "%ED%A0%80",
  "%E0%80",
  "%00",
  "a%00b",
  "%2500",
  "%2F",
  "%5C",
  "..",
  "%2e%2e",
  "2147483647",
  "2147483648",
  "4294967296",
  "99999999999999999999",
  "-1",
  "0",
  "1e3",
  "0x10",
  "1.5",
  " 1",
  "openai",
  "deepseek",
  "OpenAI",
  "copyright",
  "distillation",
  "latest",
  "1",
  "2",
  "3",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "'",
  "%22",
  "%27%20OR%201%3D1--",
  "%F0%9F%98%80",
  "%E2%80%AE",
  "chung%20cat",
  "entity:openai",
  "after:2025-13-45",
  "%5B%5D",
  "a,b,,c",
  "",
  "+",
];

/** Any string, percent-encoded byte by byte so it can go on the wire (lone surrogates as U+FFFD). */
function wire(text: string): string {
  return [...Buffer.from(text, "utf8")]
    .map((byte) =>
      byte > 0x20 && byte < 0x7f && !"?#%&=+/ ".includes(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");
}

const value = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30, unit: "binary" }).map(wire) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE).map((v) => v.repeat(300)) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...HOSTILE), fc.constantFrom(...HOSTILE))
      .map(([a, b]) => a + b),
  },
);

const fileValue = fc
  .tuple(value, fc.constantFrom(".rss", ".atom", ".json", "", ".xml", ".rss%00"))
  .map(([name, ext]) => name + ext);

const query = fc
  .array(fc.tuple(fc.constantFrom(...PARAMETERS), value), { maxLength: 3 })
  .map((pairs) => (pairs.length === 0 ? "" : `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`));

/** A request target for a template: each `:name` replaced by a generated value. */
function target(template: string) {
  const names = template.match(/:\w+/g) ?? [];
  return fc
    .tuple(fc.tuple(...names.map((name) => (name === ":file" ? fileValue : value))), query)
    .map(([values, search]) => {
      let i = 0;
      // Whatever the values hold, what goes on the wire is printable ASCII (a raw space or byte is not a request line).
      return (template.replace(/:\w+/g, () => values[i++] || "x") + search).replace(
        /[^\x21-\x7e]/g,
        (ch) => wire(ch),
      );
    });
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with the target sent exactly as written (fetch would normalise it first). */
function send(base: string, path: string, method = "GET"): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((done, fail) => {
    const req = httpRequest(
      {
        hostname,
        port,
        path,
        method,
        headers: {
          "accept-language": "en",
          ...(method === "POST"
            ? { "content-type": "application/x-www-form-urlencoded", "content-length": "0" }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          done({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", fail);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout on ${path}`)));
    req.on("error", fail);
    req.end();
  });
}

/** What every answer must hold: no 5xx, the security headers. */
function expectSafe(answer: Answer, path: string): void {
  expect(answer.status, `${path} → ${answer.status} ${answer.body.slice(0, 200)}`).toBeLessThan(
    500,
  );
  expect(answer.headers["x-content-type-options"], `${path}: nosniff`).toBe("nosniff");
  if (String(answer.headers["content-type"] ?? "").startsWith("text/html")) {
    expect(answer.headers["content-security-policy"], `${path}: CSP`).toBeTruthy();
    expect(answer.headers["x-frame-options"], `${path}: X-Frame-Options`).toBe("DENY");
  }
}

/** The cases found by hand (issue 17), with the status each must get on either database. */
const KNOWN: [string, number][] = [
  ["/search?q=a%00b", 400],
  ["/?source=a%00b", 400],
  ["/entities/open%00ai", 400],
  ["/claims/openai/deep%00seek/distillation", 400],
  ["/feeds/latest.rss?source=%00", 400],
  ["/feeds/search.rss?q=a%00b", 400],
  ["/stories/2147483648", 404],
  ["/articles/2147483648", 404],
  ["/articles/99999999999", 404],
  ["/api/v1/stories/2147483648", 404],
  ["/feeds/stories/2147483648.rss", 404],
  ["/feeds/digest/daily.rss?story=2147483648", 400],
  ["/admin/sources/2147483648/remove", 404],
  ["/articles/%FF", 400],
  ["/entities/%zz", 400],
  ["/entities/%2500", 404],
  ["/api/v1/stories/%2e%2e", 404],
  [`/api/v1/articles?cursor=${Buffer.from("0:99999999999").toString("base64url")}`, 400],
  [`/api/v1/stories?cursor=${Buffer.from("0:2147483648").toString("base64url")}`, 400],
  [`/?cursor=${Buffer.from("1735689600000:2147483648").toString("base64url")}`, 400],
  [`/feeds/latest.rss?cursor=${Buffer.from("0:99999999999").toString("base64url")}`, 400],
  ["/claims/openai/%2500/distillation", 404],
  ["/api/v1/entities/%2500", 400],
  ["/feeds/stories/%", 400],
  ["/api/v1/entities/%E0%80", 400],
  ["/claims/%/openai/copyright", 400],
  ["/feeds/opml?feed=/feeds/latest.rss?x=%25zz", 200],
  [`/search?q=${"a".repeat(2001)}`, 400],
  [`/entities/${"a".repeat(201)}`, 404],
  [`/?entity=${"a".repeat(5000)}`, 400],
];

describe.each(DATABASE_KINDS)("the input boundary on %s", (kind) => {
  let database: ScratchDatabase;
  let server: AppServer;

  beforeAll(async () => {
    database = await createScratchDatabase(kind);
    const env = {
      DATABASE_URL: database.url,
      DEFAULT_SOURCES: "false",
      LOAD_SAMPLE_DATA: "true",
      PAGE_CACHE_SECONDS: "0",
      WEB_CONCURRENCY: "1",
      ADMIN_TOKEN: "input-fuzz-admin-token",
      // The fuzz sends far more than a reader would; the limiter is tested on its own.
      RATE_LIMIT_PER_MINUTE: "100000",
    };
    await bootstrap(database.db, parseConfig(env));
    server = await startAppServer(env, 240_000);
  }, 300_000);

  afterAll(async () => {
    server?.stop();
    await database?.drop();
  });

  it(
    "answers each case found by hand with its 4xx and the security headers",
    { timeout: 120_000 },
    async () => {
      const wrong: string[] = [];
      for (const [path, status] of KNOWN) {
        const answer = await send(server.baseUrl, path);
        expectSafe(answer, path);
        if (answer.status !== status)
          wrong.push(`${path.slice(0, 80)}: ${answer.status}, expected ${status}`);
      }
      expect(wrong).toEqual([]);
    },
  );

  it(
    "finds no 5xx over every route template with generated hostile input",
    { timeout: 600_000 },
    async () => {
      const seen = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(fc.oneof(...ROUTES.map(target)), async (path) => {
          const answer = await send(server.baseUrl, path);
          seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
          expectSafe(answer, path);
        }),
        { numRuns: 400 },
      );
      await fc.assert(
        fc.asyncProperty(fc.oneof(...POST_ROUTES.map(target)), async (path) => {
          const answer = await send(server.baseUrl, path, "POST");
          seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
          expectSafe(answer, path);
        }),
        { numRuns: 60 },
      );
      // The fuzz reached the routes, not only the boundary: some answers were pages and documents.
      expect(seen.get(200) ?? 0).toBeGreaterThan(10);
      expect((seen.get(400) ?? 0) + (seen.get(404) ?? 0)).toBeGreaterThan(50);
      const home = await send(server.baseUrl, "/");
      expect(home.status).toBe(200);
    },
  );
});
