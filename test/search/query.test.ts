import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import {
  emptyQuery,
  formatSearchQuery,
  hasSearchTerms,
  parseSearchQuery,
  type ParsedQuery,
} from "@/lib/search/query";

const word = (text: string) => ({ text, phrase: false });
const phrase = (text: string) => ({ text, phrase: true });

function badRequest(q: string): unknown {
  try {
    parseSearchQuery(q);
  } catch (error) {
    return error;
  }
  return null;
}

describe("parseSearchQuery", () => {
  it("reads free words and quoted phrases, all required", () => {
    expect(parseSearchQuery('openai  "chưng cất" distillation')).toEqual({
      ...emptyQuery(),
      clauses: [[word("openai")], [phrase("chưng cất")], [word("distillation")]],
    });
  });

  it("reads field filters, repeated ones included, and keeps them out of the words", () => {
    const q = parseSearchQuery(
      'entity:openai entity:"Deep Seek" claim:Distillation source:reuters.com lang:VI after:2025-01-01 before:2025-02-01 story:12 story:12 theft',
    );
    expect(q).toEqual({
      clauses: [[word("theft")]],
      entities: ["openai", "Deep Seek"],
      claimTypes: ["distillation"],
      sources: ["reuters.com"],
      languages: ["vi"],
      after: "2025-01-01",
      before: "2025-02-01",
      storyIds: [12],
    } satisfies ParsedQuery);
    expect(hasSearchTerms(q)).toBe(true);
    expect(hasSearchTerms(parseSearchQuery("lang:vi entity:openai"))).toBe(false);
  });

  it("accepts field names in any case and language: as lang:", () => {
    expect(parseSearchQuery("Entity:openai LANGUAGE:en").entities).toEqual(["openai"]);
    expect(parseSearchQuery("Entity:openai LANGUAGE:en").languages).toEqual(["en"]);
  });

  it("joins words with OR into one clause, and ignores a dangling OR", () => {
    expect(parseSearchQuery("openai OR anthropic lawsuit").clauses).toEqual([
      [word("openai"), word("anthropic")],
      [word("lawsuit")],
    ]);
    expect(parseSearchQuery('"deep seek" OR deepseek').clauses).toEqual([
      [phrase("deep seek"), word("deepseek")],
    ]);
    expect(parseSearchQuery("OR openai OR").clauses).toEqual([[word("openai")]]);
    // Lower-case "or" is a word (Vietnamese and English text both contain it).
    expect(parseSearchQuery("this or that").clauses).toEqual([
      [word("this")],
      [word("or")],
      [word("that")],
    ]);
  });

  it("treats an unknown field:value as words", () => {
    expect(parseSearchQuery("foo:bar https://example.org/a").clauses).toEqual([
      [word("foo:bar")],
      [word("https://example.org/a")],
    ]);
  });

  it("drops terms with nothing searchable and tolerates an unclosed quote", () => {
    expect(parseSearchQuery('-- !!! "" "openai says').clauses).toEqual([[phrase("openai says")]]);
    expect(parseSearchQuery("   ")).toEqual(emptyQuery());
    expect(parseSearchQuery("entity: lang:")).toEqual(emptyQuery());
  });

  it("accepts years and months as date bounds", () => {
    expect(parseSearchQuery("after:2024 before:2025-03")).toMatchObject({
      after: "2024-01-01",
      before: "2025-03-01",
    });
    expect(parseSearchQuery("after:2024-2-5").after).toBe("2024-02-05");
  });

  it("rejects bad dates and story ids with BAD_REQUEST naming the field", () => {
    for (const [q, field] of [
      ["after:yesterday", "after"],
      ["before:2025-02-30", "before"],
      ["after:2025-13-01", "after"],
      ["after:", "after"],
      ["story:abc", "story"],
      ["story:0", "story"],
    ] as const) {
      const error = badRequest(q);
      expect(isAppError(error, "BAD_REQUEST"), q).toBe(true);
      expect((error as Error).message, q).toContain(`${field}:`);
      expect((error as Error).message, q).toMatch(/^search\/query: /);
    }
    expect(isAppError(badRequest("after:2025-02-01 before:2025-01-01"), "BAD_REQUEST")).toBe(true);
    expect(isAppError(badRequest("after:2025-01-01 before:2025-01-01"), "BAD_REQUEST")).toBe(true);
  });
});

describe("formatSearchQuery", () => {
  it("writes a query back in a canonical order", () => {
    const q = parseSearchQuery(
      'lang:vi "chưng cất" entity:"Deep Seek" openai OR anthropic after:2025-01',
    );
    expect(formatSearchQuery(q)).toBe(
      '"chưng cất" openai OR anthropic entity:"Deep Seek" lang:vi after:2025-01-01',
    );
  });

  it("round-trips: parse(format(q)) equals q", () => {
    const text = fc.stringMatching(/^[A-Za-zđĐàáạảãăâêôơưÀ-ỹ0-9.:\-_/ ]{1,12}$/);
    const term = fc.record({ text, phrase: fc.boolean() });
    const query = fc.record({
      clauses: fc.array(fc.array(term, { minLength: 1, maxLength: 3 }), { maxLength: 4 }),
      entities: fc.array(text, { maxLength: 2 }),
      claimTypes: fc.array(fc.constantFrom("distillation", "copyright", "ip_theft"), {
        maxLength: 2,
      }),
      sources: fc.array(text, { maxLength: 2 }),
      languages: fc.array(fc.constantFrom("en", "vi", "zh"), { maxLength: 2 }),
      after: fc.option(fc.constantFrom("2024-01-01", "2024-06-30"), { nil: null }),
      before: fc.option(fc.constantFrom("2025-01-01", "2025-02-28"), { nil: null }),
      storyIds: fc.array(fc.integer({ min: 1, max: 99999 }), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(query, (generated) => {
        // What the parser itself would produce from these parts: it normalises before comparing.
        const once = parseSearchQuery(formatSearchQuery(generated));
        expect(parseSearchQuery(formatSearchQuery(once))).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps every filter of a parsed query through a round trip", () => {
    const samples = [
      "openai",
      '"chưng cất" OR distillation entity:openai claim:copyright',
      'source:"Financial Times" lang:en before:2025-02-01 story:7',
      "foo:bar entity:deepseek entity:openai",
    ];
    for (const sample of samples) {
      const q = parseSearchQuery(sample);
      expect(parseSearchQuery(formatSearchQuery(q)), sample).toEqual(q);
    }
  });
});
