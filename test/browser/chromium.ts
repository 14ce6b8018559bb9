/**
 * Debian's Chromium driven by playwright-core (no browser download). Screenshots go to
 * screenshots/ at the repository root, named by page and width.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOT_DIR = resolve(process.cwd(), "screenshots");
export const WIDTHS = [375, 1280] as const;

/** Launches headless Chromium with the flags a closed network needs (playwright gives it a fresh profile). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Saves a full-page screenshot of the page at each width in WIDTHS, as screenshots/<name>-<width>.png. */
export async function screenshotAtWidths(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const paths: string[] = [];
  const original = page.viewportSize();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const path = join(SCREENSHOT_DIR, `${name}-${width}.png`);
    await page.screenshot({ path, fullPage: true });
    paths.push(path);
  }
  if (original) await page.setViewportSize(original);
  return paths;
}

/**
 * Logs the page in as the admin with `token` through the login form (from `/admin`, which sends a
 * visitor without a session to the form) and waits for the admin page.
 */
export async function logInAsAdmin(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByLabel("Admin token").fill(token);
  await Promise.all([
    page.waitForURL(`${baseUrl}/admin`),
    page.getByRole("button", { name: "Log in" }).click(),
  ]);
}
