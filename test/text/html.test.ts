import { describe, expect, it } from "vitest";
import { escapeHtml } from "@/lib/text/html";

describe("escapeHtml", () => {
  it("escapes the five characters that open markup or end an attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;",
    );
  });

  it("leaves other text, Vietnamese included, as it is", () => {
    expect(escapeHtml("chưng cất — 蒸馏")).toBe("chưng cất — 蒸馏");
  });
});
