import { describe, expect, it } from "vitest";
import { parseFilters } from "@/lib/filters";
import { parseSearchQuery } from "@/lib/search/query";
import { narrowQueryByFilters } from "@/lib/search/with-filters";

const filters = (query: string) => parseFilters(new URLSearchParams(query));

describe("narrowQueryByFilters", () => {
  it("adds entities, claim types, a source and a language to the query's own", () => {
    const query = narrowQueryByFilters(
      parseSearchQuery("distillation entity:openai"),
      filters("entity=deepseek&claim=tos_violation&source=reuters.com&lang=vi"),
    );
    expect(query.entities).toEqual(["openai", "deepseek"]);
    expect(query.claimTypes).toEqual(["tos_violation"]);
    expect(query.sources).toEqual(["reuters.com"]);
    expect(query.languages).toEqual(["vi"]);
  });

  it("keeps the narrower of the query's dates and the filters' (to counts its whole day)", () => {
    const narrowerQuery = narrowQueryByFilters(
      parseSearchQuery("openai after:2025-06-01 before:2025-07-01"),
      filters("from=2025-01-01&to=2025-12-31"),
    );
    expect([narrowerQuery.after, narrowerQuery.before]).toEqual(["2025-06-01", "2025-07-01"]);
    const narrowerFilters = narrowQueryByFilters(
      parseSearchQuery("openai after:2025-01-01 before:2026-01-01"),
      filters("from=2025-03-01&to=2025-03-31"),
    );
    expect([narrowerFilters.after, narrowerFilters.before]).toEqual(["2025-03-01", "2025-04-01"]);
  });

  it("starts a digest's search no earlier than its first day", () => {
    const query = narrowQueryByFilters(
      parseSearchQuery("openai"),
      filters("from=2025-01-01"),
      new Date("2025-02-10T05:00:00Z"),
    );
    expect(query.after).toBe("2025-02-10");
  });
});
