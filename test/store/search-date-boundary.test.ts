/**
 * How a slice by date is sized from the planner's histogram of article dates
 * (dateBoundary in lib/store/search/slices.ts): the start of the slice that ends at `until` and
 * holds about `size` articles, erring large, or the last slice (null), or no histogram (undefined).
 */
import { describe, expect, it } from "vitest";
import { dateBoundary } from "@/lib/store/search/slices";

const day = (d: number) => Date.UTC(2025, 0, 1) + d * 86_400_000;
// Eleven bounds, ten buckets of 1,000 articles each: days 0, 10, 20 … 100.
const bounds = Array.from({ length: 11 }, (_, i) => day(i * 10));
const FAR_PAST = new Date("0001-01-01T00:00:00.000Z");
const FAR_FUTURE = new Date("9999-12-31T00:00:00.000Z");

describe("dateBoundary", () => {
  it("counts whole buckets back from the newest and starts on a bucket's lower edge", () => {
    expect(dateBoundary(bounds, 10_000, FAR_FUTURE, FAR_PAST, 1_000)).toEqual(new Date(day(90)));
    expect(dateBoundary(bounds, 10_000, FAR_FUTURE, FAR_PAST, 2_500)).toEqual(new Date(day(70)));
  });

  it("counts the share of the bucket `until` falls in", () => {
    // Half of the bucket from day 50 to 60 (500), then the next whole one (1,000).
    expect(dateBoundary(bounds, 10_000, new Date(day(55)), FAR_PAST, 1_200)).toEqual(
      new Date(day(40)),
    );
    expect(dateBoundary(bounds, 10_000, new Date(day(55)), FAR_PAST, 400)).toEqual(
      new Date(day(50)),
    );
  });

  it("is the last slice when what is left down to the floor holds fewer", () => {
    expect(dateBoundary(bounds, 10_000, FAR_FUTURE, FAR_PAST, 20_000)).toBeNull();
    expect(dateBoundary(bounds, 10_000, FAR_FUTURE, new Date(day(75)), 3_000)).toBeNull();
    expect(dateBoundary(bounds, 10_000, new Date(day(5)), FAR_PAST, 1_000)).toBeNull();
  });

  it("says nothing without a histogram", () => {
    expect(dateBoundary([], 10_000, FAR_FUTURE, FAR_PAST, 1_000)).toBeUndefined();
    expect(dateBoundary([day(0)], 10_000, FAR_FUTURE, FAR_PAST, 1_000)).toBeUndefined();
    expect(dateBoundary(bounds, 0, FAR_FUTURE, FAR_PAST, 1_000)).toBeUndefined();
  });
});
