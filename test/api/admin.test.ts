/**
 * The admin route handlers called directly with Request objects, on a fresh SQLite database and a
 * real local feed server: the four checks (enabled, Origin, session) and what each action does.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSessionValue, SESSION_COOKIE } from "@/lib/auth";
import { resetConfig } from "@/lib/config";
import { useLogDestination } from "@/lib/log";
import { closeDb } from "@/lib/store/db";
import { findSource } from "@/lib/store/sources";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";
import { startTestServer, type TestServer } from "@/test/helpers/http-server";

const TOKEN = "api-test-admin-token";
const BASE = "http://127.0.0.1:3999";
const FEED = readFileSync(resolve(__dirname, "../fixtures/admin/feed.xml"), "utf8");

let database: ScratchDatabase;
let feeds: TestServer;
const saved = { ...process.env };

type Handler = (request: Request, context?: unknown) => Promise<Response>;
let login: Handler;
let logout: Handler;
let addSource: Handler;
let sourceAction: (
  request: Request,
  context: { params: Promise<{ id: string; action: string }> },
) => Promise<Response>;
let importOpml: Handler;
let exportOpml: Handler;

function request(
  path: string,
  init: {
    method?: string;
    origin?: string | null;
    session?: boolean;
    json?: boolean;
    body?: BodyInit;
    headers?: Record<string, string>;
  } = {},
): Request {
  const headers: Record<string, string> = { host: "127.0.0.1:3999", ...init.headers };
  if (init.origin !== null) headers.origin = init.origin ?? BASE;
  if (init.session !== false) headers.cookie = `${SESSION_COOKIE}=${createSessionValue(TOKEN)}`;
  if (init.json) headers.accept = "application/json";
  return new Request(`${BASE}${path}`, { method: init.method ?? "POST", headers, body: init.body });
}

let envBefore: NodeJS.ProcessEnv | undefined;

/** Runs the next handlers with these variables on top (restoreEnv undoes it). */
function withEnv(values: Record<string, string>): void {
  envBefore = { ...process.env };
  Object.assign(process.env, values);
  resetConfig();
}

function restoreEnv(): void {
  if (envBefore) process.env = envBefore;
  envBefore = undefined;
  resetConfig();
}

function form(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields);
}

beforeAll(async () => {
  database = await createScratchDatabase("sqlite");
  feeds = await startTestServer({
    routes: { "/feed.xml": { headers: { "content-type": "application/rss+xml" }, body: FEED } },
  });
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    ADMIN_TOKEN: TOKEN,
    ALLOW_PRIVATE_NETWORKS: "true",
    FETCH_HOST_DELAY_MS: "0",
    FETCH_RETRIES: "0",
  });
  delete process.env.PUBLIC_URL;
  resetConfig();
  await closeDb();
  login = (await import("@/app/api/admin/login/route")).POST;
  logout = (await import("@/app/api/admin/logout/route")).POST;
  addSource = (await import("@/app/api/admin/sources/route")).POST;
  sourceAction = (await import("@/app/api/admin/sources/[id]/[action]/route")).POST;
  importOpml = (await import("@/app/api/admin/opml/import/route")).POST;
  exportOpml = (await import("@/app/api/admin/opml/export/route")).GET;
});

afterAll(async () => {
  await closeDb();
  await feeds?.close();
  await database?.drop();
  process.env = saved;
  resetConfig();
});

describe("login and logout", () => {
  it("sends a wrong token back to the login page, after a delay, and sets no cookie", async () => {
    const started = Date.now();
    const response = await login(
      request("/api/admin/login", { session: false, body: form({ token: "wrong-token-123" }) }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin/login?login=wrong");
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(response.headers.get("set-cookie")).toBeNull();
    const empty = await login(request("/api/admin/login", { session: false, body: form({}) }));
    expect(empty.headers.get("location")).toBe("/admin/login?login=missing");
    const script = await login(
      request("/api/admin/login", {
        session: false,
        json: true,
        body: form({ token: "wrong-token-123" }),
      }),
    );
    expect(script.status).toBe(401);
  });
  it("sets a signed, HttpOnly, SameSite cookie for the right token and sends the browser to /admin", async () => {
    const response = await login(
      request("/api/admin/login", { session: false, body: form({ token: TOKEN }) }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin");
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=v1\\.\\d+\\.`));
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).not.toContain("Secure");
  });
  it("does not mark the cookie Secure on a client's own X-Forwarded-Proto", async () => {
    const response = await login(
      request("/api/admin/login", {
        session: false,
        body: form({ token: TOKEN }),
        headers: { "x-forwarded-proto": "https" },
      }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("set-cookie")).not.toContain("Secure");
  });
  it("marks the cookie Secure when a trusted proxy says https, and then wants an https Origin", async () => {
    withEnv({ TRUSTED_PROXIES: "1" });
    const headers = { "x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.20, 10.0.0.2" };
    const secure = await login(
      request("/api/admin/login", {
        session: false,
        origin: "https://127.0.0.1:3999",
        body: form({ token: TOKEN }),
        headers,
      }),
    );
    expect(secure.status).toBe(303);
    expect(secure.headers.get("set-cookie")).toContain("Secure");
    // The same host and port over the other scheme is another origin.
    const http = await login(
      request("/api/admin/login", {
        session: false,
        origin: "http://127.0.0.1:3999",
        body: form({ token: TOKEN }),
        headers,
      }),
    );
    expect(http.status).toBe(403);
    restoreEnv();
  });
  it("marks the cookie Secure when PUBLIC_URL is https", async () => {
    withEnv({ PUBLIC_URL: "https://disputes.example.org" });
    const response = await login(
      request("/api/admin/login", {
        session: false,
        origin: "https://disputes.example.org",
        body: form({ token: TOKEN }),
      }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("set-cookie")).toContain("Secure");
    const otherPort = await login(
      request("/api/admin/login", {
        session: false,
        origin: "https://disputes.example.org:8443",
        body: form({ token: TOKEN }),
      }),
    );
    expect(otherPort.status).toBe(403);
    restoreEnv();
  });
  it("refuses a login posted from another site (login CSRF)", async () => {
    const response = await login(
      request("/api/admin/login", {
        session: false,
        origin: "https://evil.example",
        body: form({ token: TOKEN }),
      }),
    );
    expect(response.status).toBe(403);
  });
  it("clears the cookie on logout", async () => {
    const response = await logout(request("/api/admin/logout"));
    expect(response.status).toBe(303);
    expect(response.headers.get("set-cookie")).toContain("Max-Age=0");
  });
});

describe("login limits", () => {
  const attempt = (address: string, token: string) =>
    login(
      request("/api/admin/login", {
        session: false,
        json: true,
        body: form({ token }),
        headers: { "x-forwarded-for": address },
      }),
    );

  it("locks an address out after its wrong tokens, however many arrive at once, and refuses even the right token then", async () => {
    withEnv({
      LOGIN_MAX_FAILURES: "3",
      LOGIN_MAX_FAILURES_GLOBAL: "1000",
      LOGIN_LOCKOUT_SECONDS: "60",
    });
    const warnings: string[] = [];
    useLogDestination({
      write: (line: string) => void warnings.push(String(JSON.parse(line).msg)),
    });
    try {
      const started = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => attempt("198.51.100.7", "wrong-token-123")),
      );
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(3);
      expect(statuses.filter((status) => status === 429)).toHaveLength(47);
      expect(Date.now() - started).toBeLessThan(5_000);
      const locked = answers.find((answer) => answer.status === 429)!;
      expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(50);
      expect((await locked.json()).error.code).toBe("RATE_LIMITED");
      expect((await attempt("198.51.100.7", TOKEN)).status).toBe(429);
      expect((await attempt("198.51.100.8", TOKEN)).status).toBe(200);
      expect(
        warnings.filter((line) => line.includes("wrong token from 198.51.100.7")),
      ).toHaveLength(3);
      expect(warnings.some((line) => line.includes("198.51.100.7 locked out for 60 s"))).toBe(true);
    } finally {
      useLogDestination(null);
      restoreEnv();
    }
  });

  it("locks every login out when wrong tokens come from many addresses", async () => {
    withEnv({
      LOGIN_MAX_FAILURES: "100",
      LOGIN_MAX_FAILURES_GLOBAL: "5",
      LOGIN_LOCKOUT_SECONDS: "30",
    });
    useLogDestination({ write: () => undefined });
    try {
      await Promise.all(
        Array.from({ length: 5 }, (_, i) => attempt(`203.0.113.${i + 1}`, "wrong-token-123")),
      );
      const response = await login(
        request("/api/admin/login", {
          session: false,
          body: form({ token: TOKEN }),
          headers: { "x-forwarded-for": "203.0.113.99" },
        }),
      );
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("30");
      expect(await response.text()).toContain("30");
    } finally {
      useLogDestination(null);
      restoreEnv();
    }
  });
});

describe("guards", () => {
  it("answers 401 JSON without a session", async () => {
    const response = await addSource(
      request("/api/admin/sources", {
        session: false,
        body: form({ url: `${feeds.url}/feed.xml` }),
      }),
    );
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe("UNAUTHORIZED");
    const exported = await exportOpml(
      request("/api/admin/opml/export", { method: "GET", session: false, origin: null }),
    );
    expect(exported.status).toBe(401);
  });
  it("answers 403 for a foreign Origin and for a missing one, even with a session", async () => {
    for (const origin of ["https://evil.example", null]) {
      const response = await addSource(
        request("/api/admin/sources", { origin, body: form({ url: `${feeds.url}/feed.xml` }) }),
      );
      expect(response.status).toBe(403);
      expect((await response.json()).error.message).toMatch(/refused/);
    }
    expect(feeds.hits("/feed.xml")).toBe(0);
  });
});

describe("sources", () => {
  let id = 0;
  it("adds a feed through the form and redirects to it with a message", async () => {
    const response = await addSource(
      request("/api/admin/sources", { body: form({ url: `${feeds.url}/feed.xml`, title: "" }) }),
    );
    expect(response.status).toBe(303);
    const location = response.headers.get("location") ?? "";
    expect(location).toMatch(/^\/admin\?notice=added&title=Admin\+Test\+Wire#source-\d+$/);
    id = Number(location.split("#source-")[1]);
    const source = await findSource(database.db, id);
    expect(source).toMatchObject({
      url: `${feeds.url}/feed.xml`,
      kind: "feed",
      title: "Admin Test Wire",
    });
  });
  it("says the source was already there when added twice (JSON)", async () => {
    const response = await addSource(
      request("/api/admin/sources", { json: true, body: form({ url: `${feeds.url}/feed.xml` }) }),
    );
    expect(response.status).toBe(200);
    expect((await response.json()).created).toBe(false);
  });
  it("turns a bad URL into a message on the page, never a 500", async () => {
    const response = await addSource(
      request("/api/admin/sources", { body: form({ url: "not a url" }) }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(
      /^\/admin\?error=FETCH_BAD_URL&form=add&url=not\+a\+url#add-source$/,
    );
    const missing = await addSource(request("/api/admin/sources", { body: form({ title: "x" }) }));
    expect(missing.headers.get("location")).toMatch(/error=BAD_REQUEST/);
  });
  it("pauses, resumes (clearing errors) and refreshes (fetching now)", async () => {
    const ctx = (action: string) => ({ params: Promise.resolve({ id: String(id), action }) });
    expect(
      (await sourceAction(request(`/api/admin/sources/${id}/pause`), ctx("pause"))).status,
    ).toBe(303);
    expect(await findSource(database.db, id)).toMatchObject({
      paused: true,
      pausedReason: "paused by hand",
    });
    await database.db.source.update({ where: { id }, data: { errorCount: 2, lastError: "boom" } });
    await sourceAction(request(`/api/admin/sources/${id}/resume`), ctx("resume"));
    expect(await findSource(database.db, id)).toMatchObject({
      paused: false,
      errorCount: 0,
      lastError: null,
    });
    const before = feeds.hits("/feed.xml");
    const refreshed = await sourceAction(
      request(`/api/admin/sources/${id}/refresh`, { json: true }),
      ctx("refresh"),
    );
    expect(refreshed.status).toBe(200);
    const body = await refreshed.json();
    expect(body.report).toMatchObject({ ok: true, items: 1 });
    expect(feeds.hits("/feed.xml")).toBe(before + 1);
    const records = await database.db.fetchRecord.findMany({ where: { sourceId: id } });
    expect(records.length).toBe(1);
  });
  it("exports the feed as OPML", async () => {
    const response = await exportOpml(
      request("/api/admin/opml/export", { method: "GET", origin: null }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /attachment; filename="disputewatch-sources-\d{4}-\d\d-\d\d\.opml"/,
    );
    expect(await response.text()).toContain(`xmlUrl="${feeds.url}/feed.xml"`);
  });
  it("imports an OPML upload and counts added, existing and skipped feeds", async () => {
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>
      <outline text="Law"><outline type="rss" text="A" xmlUrl="https://a.example/feed"/><outline type="rss" text="Dup" xmlUrl="${feeds.url}/feed.xml"/></outline>
      <outline type="rss" text="Bad" xmlUrl="ftp://b.example/feed"/></body></opml>`;
    const body = new FormData();
    body.set("file", new File([opml], "subs.opml", { type: "text/x-opml" }));
    const response = await importOpml(request("/api/admin/opml/import", { body }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(
      "/admin?notice=imported&added=1&existing=1&invalid=1",
    );
    expect(await findSource(database.db, "https://a.example/feed")).toMatchObject({
      category: "Law",
      kind: "feed",
    });
    const broken = new FormData();
    broken.set("file", new File(["this is not xml <<<"], "x.opml"));
    const bad = await importOpml(request("/api/admin/opml/import", { body: broken, json: true }));
    expect(bad.status).toBe(400);
  });
  it("removes only with confirm=yes", async () => {
    const ctx = { params: Promise.resolve({ id: String(id), action: "remove" }) };
    const unconfirmed = await sourceAction(
      request(`/api/admin/sources/${id}/remove`, { body: form({}) }),
      ctx,
    );
    expect(unconfirmed.headers.get("location")).toBe(`/admin/sources/${id}/remove`);
    expect(await findSource(database.db, id)).not.toBeNull();
    const confirmed = await sourceAction(
      request(`/api/admin/sources/${id}/remove`, { body: form({ confirm: "yes" }) }),
      { params: Promise.resolve({ id: String(id), action: "remove" }) },
    );
    expect(confirmed.headers.get("location")).toBe("/admin?notice=removed");
    expect(await findSource(database.db, id)).toBeNull();
  });
  it("answers a missing source with NOT_FOUND", async () => {
    const response = await sourceAction(request("/api/admin/sources/99999/pause", { json: true }), {
      params: Promise.resolve({ id: "99999", action: "pause" }),
    });
    expect(response.status).toBe(404);
  });
});
