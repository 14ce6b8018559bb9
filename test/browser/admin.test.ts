/**
 * The admin area in a real browser against `next start`: login (wrong token first, which lands on
 * the styled login page), add a local feed through the form, a refused and an already-followed
 * address, pause, refresh (and refresh again when the feed answers 304), export OPML, log out; a
 * foreign-Origin POST from node is 403. Screenshots of the login and sources pages at two widths;
 * axe finds nothing serious.
 */
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "@/lib/store/db";
import { addSource } from "@/lib/store/sources";
import { startTestServer, type TestServer } from "@/test/helpers/http-server";
import { launchBrowser, screenshotAtWidths, logInAsAdmin } from "./chromium";

const baseUrl = inject("baseUrl");
const adminToken = inject("adminToken");
const databaseUrl = inject("databaseUrl");
const FEED = readFileSync(resolve(__dirname, "../fixtures/admin/feed.xml"), "utf8");
/** The same feed under another title, served with an ETag and answered 304 when it is sent back. */
const ETAG_FEED = FEED.replace("<title>Admin Test Wire</title>", "<title>Admin Etag Wire</title>");
/** A source whose host no one can reach (the sample corpus's sources are like it). */
const UNREACHABLE = "https://feeds.unreachable.invalid/rss.xml";

let browser: Browser;
let page: Page;
let feeds: TestServer;

async function seriousViolations(target: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page: target }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}

beforeAll(async () => {
  feeds = await startTestServer({
    routes: {
      "/feed.xml": { headers: { "content-type": "application/rss+xml" }, body: FEED },
      "/gone.xml": { status: 404, body: "not here" },
      "/etag.xml": (req, res) => {
        if (req.headers["if-none-match"] === '"v1"') {
          res.writeHead(304, { etag: '"v1"' });
          res.end();
          return;
        }
        res.writeHead(200, { "content-type": "application/rss+xml", etag: '"v1"' });
        res.end(ETAG_FEED);
      },
    },
  });
  const db = createDb(databaseUrl);
  await addSource(db, { url: UNREACHABLE, title: "Unreachable Wire" });
  await db.$disconnect();
  browser = await launchBrowser();
  page = await (await browser.newContext({ acceptDownloads: true, locale: "en-GB" })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await feeds?.close();
});

describe("admin area", () => {
  it("sends a visitor without a session to the login page, and the API answers 401", async () => {
    await page.goto(`${baseUrl}/admin`);
    expect(new URL(page.url()).pathname).toBe("/admin/login");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "Admin login",
    );
    const api = await fetch(`${baseUrl}/api/admin/opml/export`);
    expect(api.status).toBe(401);
    expect((await api.json()).error.code).toBe("UNAUTHORIZED");
    await screenshotAtWidths(page, "admin-login");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("sends a wrong token back to the styled login page with the error", async () => {
    await page.getByLabel("Admin token").fill("not-the-admin-token");
    await Promise.all([
      page.waitForURL(/\/admin\/login\?login=wrong$/),
      page.getByRole("button", { name: "Log in" }).click(),
    ]);
    expect(new URL(page.url()).pathname).toBe("/admin/login");
    await expect(page.locator("#login-error[role=alert]").textContent()).resolves.toMatch(
      /not right/,
    );
    // The app's own frame and stylesheet: the site header, the admin bar, a styled alert.
    await expect(
      page.locator("header a", { hasText: "DisputeWatch" }).count(),
    ).resolves.toBeGreaterThan(0);
    await expect(page.locator(".admin-bar").count()).resolves.toBe(1);
    const alertBackground = await page
      .locator("#login-error")
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(alertBackground).not.toBe("rgba(0, 0, 0, 0)");
    await expect(page.getByLabel("Admin token").count()).resolves.toBe(1);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === "dw_admin")).toBeUndefined();
    await screenshotAtWidths(page, "admin-login-wrong-token");
  });

  it("logs in with the token", async () => {
    await logInAsAdmin(page, baseUrl, adminToken);
    const cookie = (await page.context().cookies()).find((c) => c.name === "dw_admin");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Sources");
  });

  it("adds a local feed through the form and lists it", async () => {
    await page.getByLabel("URL", { exact: true }).fill(`${feeds.url}/feed.xml`);
    await Promise.all([
      page.waitForURL(/notice=added/),
      page.getByRole("button", { name: "Add source" }).click(),
    ]);
    await expect(page.getByRole("status").textContent()).resolves.toContain(
      "Source added: Admin Test Wire",
    );
    const card = page.locator("li.admin-source", {
      has: page.getByRole("heading", { name: "Admin Test Wire" }),
    });
    await expect(card.count()).resolves.toBe(1);
    await expect(card.getByRole("link", { name: `${feeds.url}/feed.xml` }).count()).resolves.toBe(
      1,
    );
  });

  it("shows a refused address as a message on the page, not an error page", async () => {
    await page.getByLabel("URL", { exact: true }).fill("http://[::1");
    // The browser's own URL check would stop this; the server must cope with what scripts send.
    await page.locator("#add-url").evaluate((input) => input.setAttribute("type", "text"));
    const [response] = await Promise.all([
      page.waitForURL(/error=/),
      page.getByRole("button", { name: "Add source" }).click(),
    ]);
    void response;
    await expect(page.locator("#flash[role=alert]").textContent()).resolves.toMatch(
      /Could not do that: that is not an absolute http\(s\) URL/,
    );
    await expect(page.locator("#add-url").inputValue()).resolves.toBe("http://[::1");
  });

  /** True when the element's box lies inside the viewport. */
  const inView = (selector: string) =>
    page.locator(selector).evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
    });

  it("keeps a refused source's error in view, saying what to do, at both widths", async () => {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${baseUrl}/admin`);
      await page.getByLabel("URL", { exact: true }).fill(`${feeds.url}/gone.xml`);
      await Promise.all([
        page.waitForURL(/error=FETCH_HTTP_STATUS/),
        page.getByRole("button", { name: "Add source" }).click(),
      ]);
      const alert = page.locator("#flash[role=alert]");
      await expect(alert.textContent()).resolves.toMatch(
        /Could not do that: the server answered with an error status \(HTTP 404\)\. Open the address in a browser/,
      );
      expect(await inView("#flash[role=alert]")).toBe(true);
      expect(await inView("#add-url")).toBe(true);
      await expect(page.locator("#add-url").inputValue()).resolves.toBe(`${feeds.url}/gone.xml`);
    }
    await screenshotAtWidths(page, "admin-refused-source");
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("says a source is already there instead of fetching it again", async () => {
    await page.goto(`${baseUrl}/admin`);
    await page.getByLabel("URL", { exact: true }).fill(UNREACHABLE);
    await Promise.all([
      page.waitForURL(/notice=alreadyThere/),
      page.getByRole("button", { name: "Add source" }).click(),
    ]);
    await expect(page.getByRole("status").textContent()).resolves.toBe(
      "This source was already there: Unreachable Wire",
    );
    await expect(page.locator(".admin-flash.error").count()).resolves.toBe(0);
  });

  it("says 'unchanged' when a refreshed feed answers 304", async () => {
    await page.getByLabel("URL", { exact: true }).fill(`${feeds.url}/etag.xml`);
    await Promise.all([
      page.waitForURL(/notice=added/),
      page.getByRole("button", { name: "Add source" }).click(),
    ]);
    const card = () =>
      page.locator("li.admin-source", {
        has: page.getByRole("heading", { name: "Admin Etag Wire" }),
      });
    await Promise.all([
      page.waitForURL(/notice=refreshed/),
      card().getByRole("button", { name: "Refresh now" }).click(),
    ]);
    await Promise.all([
      page.waitForURL(/notice=refreshUnchanged/),
      card().getByRole("button", { name: "Refresh now" }).click(),
    ]);
    const status = await page.getByRole("status").textContent();
    expect(status).toMatch(/^Refreshed: Admin Etag Wire\. Unchanged since the last fetch/);
    expect(status).not.toMatch(/Items in the feed: 0/);
    expect(
      feeds.requests.filter((r) => r.path === "/etag.xml" && r.headers["if-none-match"] === '"v1"')
        .length,
    ).toBeGreaterThan(0);
  });

  it("pauses the source, then refreshes it (which fetches it and clears the pause)", async () => {
    const card = () =>
      page.locator("li.admin-source", {
        has: page.getByRole("heading", { name: "Admin Test Wire" }),
      });
    await Promise.all([
      page.waitForURL(/notice=pausedDone/),
      card().getByRole("button", { name: "Pause" }).click(),
    ]);
    await expect(card().locator(".admin-tag.paused").count()).resolves.toBe(1);
    await expect(card().getByRole("button", { name: "Resume" }).count()).resolves.toBe(1);
    const hits = feeds.hits("/feed.xml");
    await Promise.all([
      page.waitForURL(/notice=refreshed/),
      card().getByRole("button", { name: "Refresh now" }).click(),
    ]);
    await expect(page.getByRole("status").textContent()).resolves.toMatch(
      /Refreshed: Admin Test Wire\. Items in the feed: 1;/,
    );
    expect(feeds.hits("/feed.xml")).toBeGreaterThan(hits);
    await expect(card().locator(".admin-tag.paused").count()).resolves.toBe(0);
    await card().locator("summary").click();
    await expect(card().locator("tbody tr").count()).resolves.toBeGreaterThanOrEqual(1);
    await screenshotAtWidths(page, "admin-sources");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("exports OPML with the new feed inside", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download sources as OPML" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^disputewatch-sources-\d{4}-\d\d-\d\d\.opml$/);
    const text = readFileSync((await download.path())!, "utf8");
    expect(text).toContain(`xmlUrl="${feeds.url}/feed.xml"`);
    expect(text).toContain('title="Admin Test Wire"');
  });

  it("refuses a POST from a foreign Origin with 403, even with a valid session", async () => {
    const cookie = (await page.context().cookies()).find((c) => c.name === "dw_admin")!;
    const response = await fetch(`${baseUrl}/api/admin/sources`, {
      method: "POST",
      redirect: "manual",
      headers: {
        origin: "https://evil.example",
        cookie: `dw_admin=${cookie.value}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "url=https%3A%2F%2Fevil.example%2Ffeed",
    });
    expect(response.status).toBe(403);
    expect((await response.json()).error.message).toMatch(/evil\.example/);
    const same = await fetch(`${baseUrl}/api/admin/sources/999999/pause`, {
      method: "POST",
      headers: { origin: baseUrl, cookie: `dw_admin=${cookie.value}`, accept: "application/json" },
    });
    expect(same.status).toBe(404);
  });

  it("removes through the confirmation page, then logs out", async () => {
    const card = page.locator("li.admin-source", {
      has: page.getByRole("heading", { name: "Admin Test Wire" }),
    });
    await Promise.all([
      page.waitForURL(/\/remove$/),
      card.getByRole("link", { name: "Remove…" }).click(),
    ]);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "Remove this source?",
    );
    await Promise.all([
      page.waitForURL(/notice=removed/),
      page.getByRole("button", { name: "Yes, remove it" }).click(),
    ]);
    await expect(page.getByRole("heading", { name: "Admin Test Wire" }).count()).resolves.toBe(0);
    await Promise.all([
      page.waitForURL(/\/admin\/login/),
      page.getByRole("button", { name: "Log out" }).click(),
    ]);
    await expect(page.getByRole("status").textContent()).resolves.toBe("You are logged out.");
    await page.goto(`${baseUrl}/admin`);
    expect(new URL(page.url()).pathname).toBe("/admin/login");
  });
});
