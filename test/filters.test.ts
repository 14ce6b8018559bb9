import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { filtersToParams, parseFilters } from "@/lib/filters";

describe("filters", () => {
  it("reads repeated and comma-separated values, and round-trips through URL params", () => {
    const filters = parseFilters(
      new URLSearchParams(
        "entity=openai,deepseek&claim=distillation&lang=VI&from=2025-01-01&to=2025-02-01",
      ),
    );
    expect(filters.entity).toEqual(["openai", "deepseek"]);
    expect(filters.claim).toEqual(["distillation"]);
    expect(filters.lang).toBe("vi");
    expect(parseFilters(filtersToParams(filters))).toEqual(filters);
  });

  it.each([
    ["claim=theft", "claim"],
    ["from=2025-02-30", "from"],
    ["from=2025-13-01", "from"],
    ["to=yesterday", "to"],
    ["from=2025-03-01&to=2025-02-01", "from"],
    ["lang=english", "lang"],
    ["limit=1000", "limit"],
    ["cursor=%3Cscript%3E", "cursor"],
  ])("%s is a BAD_REQUEST naming %s", (query, parameter) => {
    try {
      parseFilters(new URLSearchParams(query));
      throw new Error("expected an error");
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("BAD_REQUEST");
      expect((error as AppError).message).toContain(parameter);
    }
  });
});
