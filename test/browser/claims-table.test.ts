/**
 * The claims table ("who accuses whom") in Chromium, on SQLite (the shared test server) and on
 * PostgreSQL (a server of its own): every row's accusations are the accuser's own allegations
 * (a denial by the accused is counted in the accuser's row, never as the denier accusing), the
 * table fits its box at 1280 px and scrolls inside it at 375 px with its header row and first
 * column in view and nothing covering a heading, and a reader sorts it and filters it by type.
 */
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bootstrap } from "@/lib/bootstrap";
import { parseConfig } from "@/lib/config";
import { fillDatabase } from "@/bench/fill";
import { createDb, type Db } from "@/lib/store/db";
import { CLAIM_TABLE_PAGE, listClaimTable } from "@/lib/store/pages/list-claim-table";
import { startAppServer, type AppServer } from "@/test/helpers/app-server";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";
import { launchBrowser, screenshotAtWidths } from "./chromium";

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact})`);
}

interface ShownRow {
  accuser: string;
  accused: string;
  type: string;
  accusations: number;
  denials: number;
  reports: number;
}

async function shownRows(page: Page): Promise<ShownRow[]> {
  return page.locator("table.claim-table tbody tr").evaluateAll((rows) =>
    rows.map((row) => {
      const cell = (column: string) =>
        Number(row.querySelector(`[data-column="${column}"]`)?.textContent ?? "NaN");
      const data = (row as HTMLElement).dataset;
      return {
        accuser: data.accuser ?? "",
        accused: data.accused ?? "",
        type: data.type ?? "",
        accusations: cell("accusations"),
        denials: cell("denials"),
        reports: cell("reports"),
      };
    }),
  );
}

/** What the rows should say, from the claim rows themselves: allegations by the accuser, denials by the accused. */
async function expectedCounts(
  db: Db,
): Promise<{ accusations: Map<string, number>; denials: Map<string, number> }> {
  const claims = await db.claim.findMany({
    select: {
      stance: true,
      type: true,
      claimant: { select: { slug: true } },
      target: { select: { slug: true } },
    },
  });
  const accusations = new Map<string, number>();
  const denials = new Map<string, number>();
  for (const claim of claims) {
    if (claim.stance === "alleges" || claim.stance === "confirms") {
      const key = `${claim.claimant.slug}|${claim.target.slug}|${claim.type}`;
      accusations.set(key, (accusations.get(key) ?? 0) + 1);
    } else if (claim.stance === "denies") {
      const key = `${claim.target.slug}|${claim.claimant.slug}|${claim.type}`;
      denials.set(key, (denials.get(key) ?? 0) + 1);
    }
  }
  return { accusations, denials };
}

async function checkTable(base: string, db: Db, name: string): Promise<void> {
  const context = await browser.newContext({
    locale: "en-US",
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));

  expect((await page.goto(`${base}/claims`))?.status()).toBe(200);
  const rows = await shownRows(page);
  expect(rows.length).toBeGreaterThan(5);
  const expected = await expectedCounts(db);
  for (const row of rows) {
    const key = `${row.accuser}|${row.accused}|${row.type}`;
    expect(row.accusations, key).toBe(expected.accusations.get(key) ?? 0);
    expect(row.denials, key).toBe(expected.denials.get(key) ?? 0);
  }
  // OpenAI accuses DeepSeek of distillation; DeepSeek's denials stand in that row.
  const distillation = rows.find(
    (r) => r.accuser === "openai" && r.accused === "deepseek" && r.type === "distillation",
  );
  expect(distillation!.accusations).toBeGreaterThan(0);
  expect(distillation!.denials).toBeGreaterThan(0);
  // Busiest accusations first by default.
  const counts = rows.map((r) => r.accusations);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));

  // Wide: the table fits its box, the box fits the page.
  const box = page.locator(".claim-table-wrap");
  const wide = await box.evaluate((el) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
    page: document.documentElement.scrollWidth,
  }));
  expect(wide.scroll).toBeLessThanOrEqual(wide.client);
  expect(wide.page).toBeLessThanOrEqual(1280);
  expect(await axeProblems(page)).toEqual([]);
  await screenshotAtWidths(page, `${name}-claims-table`);

  // Narrow: the page does not overflow; the table scrolls inside its box, says so, and keeps its
  // header row and first column in view without covering a heading.
  await page.setViewportSize({ width: 375, height: 700 });
  const narrow = await box.evaluate((el) => ({
    scroll: el.scrollWidth,
    client: el.clientWidth,
    page: document.documentElement.scrollWidth,
  }));
  expect(narrow.page).toBeLessThanOrEqual(375);
  expect(narrow.scroll).toBeGreaterThan(narrow.client);
  expect(await page.locator(".scroll-hint").isVisible()).toBe(true);
  const pinned = await box.evaluate((el) => {
    el.scrollLeft = 150;
    el.scrollTop = 120;
    const frame = el.getBoundingClientRect();
    const corner = el.querySelector("thead th")!.getBoundingClientRect();
    const header = el.querySelectorAll("thead th")[2]!.getBoundingClientRect();
    const at = (x: number, y: number) => {
      const hit = document.elementFromPoint(x, y);
      const cell = hit?.closest("th, td");
      return cell
        ? `${cell.parentElement?.parentElement?.tagName}/${cell.tagName}`
        : String(hit?.tagName);
    };
    return {
      scrolled: el.scrollLeft > 0 && el.scrollTop > 0,
      cornerTop: corner.top - frame.top,
      cornerLeft: corner.left - frame.left,
      // The corner heading, a heading beside it, and the pinned column just below the header.
      onCorner: at(corner.left + 4, corner.top + 4),
      onHeader: at(Math.max(header.left, corner.right) + 4, header.top + 4),
      belowCorner: at(corner.left + 4, corner.bottom + 6),
    };
  });
  expect(pinned.scrolled).toBe(true);
  expect(Math.abs(pinned.cornerTop)).toBeLessThanOrEqual(2);
  expect(Math.abs(pinned.cornerLeft)).toBeLessThanOrEqual(2);
  expect(pinned.onCorner).toBe("THEAD/TH");
  expect(pinned.onHeader).toBe("THEAD/TH");
  expect(pinned.belowCorner).toBe("TBODY/TH");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Sorting by a column is a link; the column then runs largest first.
  await Promise.all([
    page.waitForURL(/\/claims\?sort=denials$/),
    page.getByRole("link", { name: "Denials", exact: true }).click(),
  ]);
  expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain("Denials");
  const denials = (await shownRows(page)).map((r) => r.denials);
  expect(denials[0]).toBeGreaterThan(0);
  expect(denials).toEqual([...denials].sort((a, b) => b - a));

  // Filtering by type keeps the sort and shows that type only.
  await page.selectOption("#claim-type", "copyright");
  await Promise.all([
    page.waitForURL(/claim=copyright/),
    page.getByRole("button", { name: "Show" }).click(),
  ]);
  expect(new URL(page.url()).searchParams.get("sort")).toBe("denials");
  const copyright = await shownRows(page);
  expect(copyright.length).toBeGreaterThan(1);
  expect(copyright.every((r) => r.type === "copyright")).toBe(true);
  expect(await page.locator("#claim-type").inputValue()).toBe("copyright");

  // A row's claim type opens its thread, where the accused's denials are read with the accusation.
  await page.goto(`${base}/claims?sort=accuser`);
  await Promise.all([
    page.waitForURL(/\/claims\/openai\/deepseek\/distillation$/),
    page.locator('table.claim-table a[href="/claims/openai/deepseek/distillation"]').click(),
  ]);
  expect(await page.locator("ol.timeline li.alleges").count()).toBeGreaterThan(0);
  expect(await page.locator("ol.timeline li.denies").count()).toBeGreaterThan(0);

  expect(errors).toEqual([]);
  // An unknown claim type is a 400 (the browser logs the failed load: after the check above).
  expect((await page.goto(`${base}/claims?claim=lying`))?.status()).toBe(400);
  await context.close();
}

describe("the claims table on SQLite", () => {
  it("counts accusations apart from denials, fits or scrolls with its headers in view, sorts and filters", async () => {
    const db = createDb(inject("databaseUrl"));
    try {
      await checkTable(inject("baseUrl"), db, "sqlite");
    } finally {
      await db.$disconnect();
    }
  });
});

describe("the claims table on PostgreSQL", () => {
  let database: ScratchDatabase;
  let server: AppServer;

  beforeAll(async () => {
    database = await createScratchDatabase("postgresql");
    const env = {
      DATABASE_URL: database.url,
      DEFAULT_SOURCES: "false",
      LOAD_SAMPLE_DATA: "true",
      PAGE_CACHE_SECONDS: "0",
      // The paging test below adds disputes and must see them at once.
      AGGREGATE_CACHE_SECONDS: "0",
      WEB_CONCURRENCY: "1",
    };
    await bootstrap(database.db, parseConfig(env));
    server = await startAppServer(env, 180_000);
  }, 300_000);

  afterAll(async () => {
    server?.stop();
    await database?.drop();
  });

  it("counts accusations apart from denials, fits or scrolls with its headers in view, sorts and filters", async () => {
    await checkTable(server.baseUrl, database.db, "postgresql");
  });

  it("pages a table of more disputes than fit on a page, keeping the order and the sort", async () => {
    // Generated articles (bench/fill.ts) among many parties: well over a page of disputes.
    await fillDatabase(database.db, "postgresql", 400);
    const disputes = (await listClaimTable(database.db)).length;
    expect(disputes).toBeGreaterThan(CLAIM_TABLE_PAGE + 5);
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    const base = server.baseUrl;
    expect((await page.goto(`${base}/claims`))?.status()).toBe(200);
    const first = await shownRows(page);
    expect(first).toHaveLength(CLAIM_TABLE_PAGE);
    expect(await page.locator(".claim-table-filter [role=status]").textContent()).toBe(
      `Rows 1–${CLAIM_TABLE_PAGE} of ${disputes}`,
    );
    expect(await page.locator('nav.pager a[rel="prev"]').count()).toBe(0);
    await Promise.all([
      page.waitForURL(/\/claims\?page=2$/),
      page.locator('nav.pager a[rel="next"]').click(),
    ]);
    const second = await shownRows(page);
    expect(second.length).toBeGreaterThan(0);
    // The order runs on across the pages, and no row is on both.
    expect(second[0]!.accusations).toBeLessThanOrEqual(first.at(-1)!.accusations);
    const key = (r: ShownRow) => `${r.accuser}|${r.accused}|${r.type}`;
    expect(second.filter((r) => first.some((f) => key(f) === key(r)))).toEqual([]);
    expect(await page.locator('nav.pager a[rel="prev"]').getAttribute("href")).toBe("/claims");
    // A sort starts again at its first page; paging keeps the sort.
    await page.goto(`${base}/claims?sort=accuser`);
    expect(await page.locator('nav.pager a[rel="next"]').getAttribute("href")).toBe(
      "/claims?sort=accuser&page=2",
    );
    expect(await page.locator('th a[href^="/claims?sort=denials"]').getAttribute("href")).toBe(
      "/claims?sort=denials",
    );
    expect((await page.goto(`${base}/claims?page=0`))?.status()).toBe(400);
    await context.close();
  }, 120_000);
});
