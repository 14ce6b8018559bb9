/** Digest periods in time zones, stable ids, empty periods, and the subscribe button's links. */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SubscribeButton } from "@/components/SubscribeButton";
import { parseFilters } from "@/lib/filters";
import { buildDigestDocument } from "@/lib/digest/serve";
import { parseTimeZone, periodOf, recentPeriods } from "@/lib/digest/periods";
import { feedLinks } from "@/lib/urls";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";
import { seedFeedsDatabase } from "./fixture";

describe("periods", () => {
  it("cuts days at local midnight, across a DST change", () => {
    const day = periodOf(new Date("2025-03-10T02:30:00Z"), "daily", "Asia/Ho_Chi_Minh");
    expect(day.key).toBe("2025-03-10");
    expect(day.start.toISOString()).toBe("2025-03-09T17:00:00.000Z");
    expect(day.end.toISOString()).toBe("2025-03-10T17:00:00.000Z");
    const utc = periodOf(new Date("2025-03-10T02:30:00Z"), "daily", "UTC");
    expect(utc.key).toBe("2025-03-10");
    const ny = periodOf(new Date("2025-03-09T12:00:00Z"), "daily", "America/New_York");
    expect(ny.start.toISOString()).toBe("2025-03-09T05:00:00.000Z");
    expect(ny.end.toISOString()).toBe("2025-03-10T04:00:00.000Z"); // a 23-hour day
  });

  it("names ISO weeks, Monday first, across a year end", () => {
    const week = periodOf(new Date("2025-01-01T12:00:00Z"), "weekly", "UTC");
    expect(week.key).toBe("2025-W01");
    expect(week.firstDate).toBe("2024-12-30");
    expect(week.lastDate).toBe("2025-01-05");
    expect(periodOf(new Date("2021-01-03T12:00:00Z"), "weekly", "UTC").key).toBe("2020-W53");
  });

  it("lists the current period and the completed ones before it, back to back", () => {
    const periods = recentPeriods(new Date("2025-03-10T02:30:00Z"), "daily", "Europe/Paris", 14);
    expect(periods).toHaveLength(14);
    for (let i = 1; i < periods.length; i++)
      expect(periods[i].end.getTime()).toBe(periods[i - 1].start.getTime());
    expect(periods[0].start.getTime()).toBeLessThanOrEqual(Date.parse("2025-03-10T02:30:00Z"));
  });

  it("refuses unknown zones", () => {
    expect(() => parseTimeZone("Mars/Olympus")).toThrow(/tz/);
    expect(parseTimeZone("Asia/Ho_Chi_Minh")).toBe("Asia/Ho_Chi_Minh");
  });
});

describe("digest documents", () => {
  let database: ScratchDatabase;
  const now = new Date("2025-03-10T10:00:00Z");
  beforeAll(async () => {
    database = await createScratchDatabase("sqlite");
    await seedFeedsDatabase(database.db, now);
  }, 120_000);
  afterAll(async () => database?.drop());

  const build = (at: Date, zone: string, completeOnly = false, params = "") =>
    buildDigestDocument(
      { db: database.db, base: "https://dw.example", minRelevance: 0.3 },
      { kind: "latest" },
      parseFilters(new URLSearchParams(params)),
      "daily",
      {
        zone,
        now: at,
        completeOnly,
        defaultZone: "UTC",
      },
    );

  it("gives one item per day with articles, none for empty days, ids stable as time passes", async () => {
    const morning = await build(now, "UTC");
    // Articles at 2 h, 3 h (off topic), 5 h, 26 h, 27 h, 50 h and 9 days before 10:00 UTC.
    expect(morning.items.map((item) => item.id.split("/").pop())).toEqual([
      "2025-03-10",
      "2025-03-09",
      "2025-03-08",
      "2025-03-01",
    ]);
    expect(morning.items[0].title).toMatch(/\(so far\)$/);
    expect(morning.items[1].title).toBe("Daily digest 2025-03-09: 1 story, 2 articles");
    const evening = await build(new Date("2025-03-10T23:00:00Z"), "UTC");
    expect(evening.items.map((item) => item.id)).toEqual(morning.items.map((item) => item.id));
    const nextDay = await build(new Date("2025-03-11T08:00:00Z"), "UTC");
    // Nothing on the 11th: no item for it; the 10th is now complete under the same id.
    expect(nextDay.items[0].id).toBe(morning.items[0].id);
    expect(nextDay.items[0].title).not.toMatch(/so far/);
  });

  it("groups by the zone's days and names the zone in ids", async () => {
    const hanoi = await build(now, "Asia/Ho_Chi_Minh");
    const utc = await build(now, "UTC");
    expect(hanoi.items[0].id).toContain("Asia%2FHo_Chi_Minh");
    // 08:00 and 05:00 UTC on the 10th are the same Hanoi day; 07:00/08:00 UTC on the 9th are the 9th in both.
    expect(hanoi.items.map((item) => item.id.split("/").pop())).toEqual([
      "2025-03-10",
      "2025-03-09",
      "2025-03-08",
      "2025-03-01",
    ]);
    expect(hanoi.items[0].id).not.toBe(utc.items[0].id);
    const newYork = await build(now, "America/New_York");
    // 08:00 UTC on the 10th is 04:00 in New York; 05:00 UTC is 01:00 (DST began on the 9th).
    expect(newYork.items[0].id.split("/").pop()).toBe("2025-03-10");
  });

  it("drops the current period when asked for completed ones only, and narrows by filters", async () => {
    const complete = await build(now, "UTC", true);
    expect(complete.items.map((item) => item.id.split("/").pop())).toEqual([
      "2025-03-09",
      "2025-03-08",
      "2025-03-01",
    ]);
    const anthropic = await build(now, "UTC", false, "entity=anthropic");
    expect(anthropic.items.map((item) => item.id.split("/").pop())).toEqual(["2025-03-01"]);
    expect(anthropic.items[0].id).toContain("entity%3Danthropic");
    expect(anthropic.items[0].contentHtml).toContain("Reddit sues Anthropic");
  });
});

describe("SubscribeButton", () => {
  it("lists every feed and digest URL in labelled read-only inputs, with no script", () => {
    const html = renderToStaticMarkup(
      createElement(SubscribeButton, {
        view: { kind: "entity", slug: "openai" },
        filters: { lang: "en" },
        baseUrl: "https://dw.example/",
      }),
    );
    const links = feedLinks(
      { kind: "entity", slug: "openai" },
      { lang: "en" },
      "https://dw.example",
    );
    expect(html).toMatch(/^<details/);
    for (const url of [
      links.rss,
      links.atom,
      links.json,
      links.dailyDigest(),
      links.weeklyDigest(),
    ]) {
      expect(html).toContain(`value="${url.replace(/&/g, "&amp;")}"`);
    }
    expect(links.dailyDigest()).toBe(
      "https://dw.example/feeds/digest/daily.rss?entity=openai&lang=en",
    );
    expect(html.match(/readOnly=""|readonly=""/g)).toHaveLength(5);
    expect(html.match(/<label for=/g)).toHaveLength(5);
    expect(html).not.toContain("<script");
  });
});
