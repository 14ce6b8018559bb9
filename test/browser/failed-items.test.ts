/**
 * The admin's failed items in a real browser: an item that failed for good (as the job queue leaves
 * it after its last try) is listed with its error; Retry puts it back in the queue with fresh tries
 * and makes its source due; the page then says so and lists nothing. Runs against the app of
 * test/browser/global-setup.ts, writing its rows into that app's database.
 */
import { type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb, type Db } from "@/lib/store/db";
import { launchBrowser, screenshotAtWidths, logInAsAdmin } from "./chromium";

const baseUrl = inject("baseUrl");
const adminToken = inject("adminToken");

let browser: Browser;
let page: Page;
let db: Db;
let sourceId: number;
const itemIds: number[] = [];

beforeAll(async () => {
  db = createDb(inject("databaseUrl"));
  const later = new Date(Date.now() + 3600_000);
  const source = await db.source.create({
    data: {
      url: `http://127.0.0.1:9/failing-${Date.now()}.xml`,
      title: "Failing Wire",
      nextFetchAt: later,
    },
  });
  sourceId = source.id;
  for (const [n, error] of [
    [1, "fetch: HTTP 500 from 127.0.0.1 after 3 tries"],
    [2, "ingest/extract: no article text in http://127.0.0.1:9/a2.html"],
  ] as const) {
    const url = `http://127.0.0.1:9/a${n}.html`;
    const row = await db.sourceItem.create({
      data: {
        sourceId,
        url,
        item: JSON.stringify({ guid: url, url, title: `Failing article ${n}` }),
        status: "failed",
        attempts: 5,
        lastError: error,
      },
    });
    itemIds.push(row.id);
  }
  browser = await launchBrowser();
  page = await (await browser.newContext({ locale: "en-GB" })).newPage();
  await logInAsAdmin(page, baseUrl, adminToken);
});

afterAll(async () => {
  await browser?.close();
  if (sourceId) await db?.source.delete({ where: { id: sourceId } }).catch(() => undefined);
  await db?.$disconnect();
});

describe("failed items in the admin", () => {
  it("lists each failed item with its source, tries and error, linked from the admin bar", async () => {
    await Promise.all([
      page.waitForURL(`${baseUrl}/admin/failed`),
      page.getByRole("link", { name: "Failed items" }).click(),
    ]);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "Failed items",
    );
    const row = page.locator(`#item-${itemIds[0]}`);
    await expect(row.textContent()).resolves.toContain("Failing article 1");
    await expect(row.textContent()).resolves.toContain("Failing Wire");
    await expect(row.textContent()).resolves.toContain("HTTP 500 from 127.0.0.1 after 3 tries");
    await expect(page.locator(`#item-${itemIds[1]}`).textContent()).resolves.toContain(
      "no article text",
    );
    await screenshotAtWidths(page, "admin-failed-items");
  });

  it("Retry puts one item back in the queue with fresh tries and makes its source due", async () => {
    await Promise.all([
      page.waitForURL(/notice=retried/),
      page
        .locator(`#item-${itemIds[0]}`)
        .getByRole("button", { name: /^Retry/ })
        .click(),
    ]);
    await expect(page.getByRole("status").textContent()).resolves.toBe(
      "1 items put back in the queue.",
    );
    await expect(page.locator(`#item-${itemIds[0]}`).count()).resolves.toBe(0);
    const retried = await db.sourceItem.findUniqueOrThrow({ where: { id: itemIds[0] } });
    expect(retried).toMatchObject({ status: "pending", attempts: 0, lastError: null });
    const other = await db.sourceItem.findUniqueOrThrow({ where: { id: itemIds[1] } });
    expect(other.status).toBe("failed");
    const source = await db.source.findUniqueOrThrow({ where: { id: sourceId } });
    expect(source.nextFetchAt!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("Retry all puts back the rest, and the page then has nothing to list", async () => {
    await Promise.all([
      page.waitForURL(/notice=retried/),
      page.getByRole("button", { name: "Retry all" }).click(),
    ]);
    await expect(page.getByText("No failed items.").count()).resolves.toBe(1);
    const statuses = await db.sourceItem.findMany({
      where: { id: { in: itemIds } },
      select: { status: true },
    });
    expect(statuses.map((row) => row.status)).toEqual(["pending", "pending"]);
  });
});
