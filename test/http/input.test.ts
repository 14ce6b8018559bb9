import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkRequestTarget,
  decodePathSegment,
  MAX_ROW_ID,
  parseRowId,
  rejectionResponse,
} from "@/lib/http/input";

describe("checkRequestTarget", () => {
  it.each([
    ["/articles/%FF", 400],
    ["/entities/%zz", 400],
    ["/feeds/stories/%", 400],
    ["/claims/%E0%80/openai/copyright", 400],
    ["/search?q=a%00b", 400],
    ["/?source=%00", 400],
    ["/entities/open%00ai", 400],
    ["/stories/2147483648", 404],
    ["/articles/99999999999999", 404],
    ["/api/v1/stories/2147483648", 404],
    ["/feeds/stories/4294967296.atom", 404],
    ["/admin/sources/2147483648/remove", 404],
    ["/api/admin/sources/2147483648/pause", 404],
    ["/feeds/digest/daily.rss?story=2147483648", 400],
    [`/search?q=${"a".repeat(2001)}`, 400],
    [`/entities/${"b".repeat(201)}`, 404],
    [`/?q=${"c".repeat(5000)}`, 400],
    ["/api/v1/stories/%2e%2e", 404],
    [`/api/v1/articles?cursor=${Buffer.from("0:99999999999").toString("base64url")}`, 400],
    [`/?cursor=${Buffer.from("1735689600000:2147483648").toString("base64url")}`, 400],
    [
      `/search?q=openai&cursor=${Buffer.from('{"sort":"date","id":4294967296}').toString("base64url")}`,
      400,
    ],
    ["/entities/%2E", 404],
  ])("refuses %s with %i", (target, status) => {
    expect(checkRequestTarget(target)?.status).toBe(status);
  });

  it.each([
    "/",
    "/stories/2147483647",
    "/articles/12",
    "/entities/openai",
    "/entities/tr%C6%B0%E1%BB%9Dng",
    "/search?q=chung+cat&sort=date",
    "/search?q=%",
    "/feeds/digest/daily.rss?story=12",
    "/claims/openai/deepseek/distillation?page=2",
    "/feeds/opml?feed=%2Ffeeds%2Flatest.rss",
    `/api/v1/articles?cursor=${Buffer.from("1735689600000:2147483647").toString("base64url")}`,
    `/search?q=a&cursor=${Buffer.from('{"sort":"date","id":12}').toString("base64url")}`,
  ])("lets %s through", (target) => {
    expect(checkRequestTarget(target)).toBeNull();
  });

  it("never throws, whatever the target", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: "binary" }), (text) => {
        const result = checkRequestTarget(`/${text}`);
        expect(result === null || result.status === 400 || result.status === 404).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the readers routes use", () => {
  it("decodes a segment or says null", () => {
    expect(decodePathSegment("open%20ai")).toBe("open ai");
    expect(decodePathSegment("%zz")).toBeNull();
    expect(decodePathSegment("%ED%A0%80")).toBeNull();
    // A segment Next already decoded once (%2500 → %00) decodes here to a NUL: refused too.
    expect(decodePathSegment("%00")).toBeNull();
    expect(decodePathSegment("a%2500")).toBe("a%00");
  });

  it("reads ids that fit the id column only", () => {
    expect(parseRowId("1")).toBe(1);
    expect(parseRowId(String(MAX_ROW_ID))).toBe(MAX_ROW_ID);
    for (const bad of ["0", "-1", "2147483648", "1e3", "01", "", "x", null, undefined])
      expect(parseRowId(bad)).toBeNull();
  });

  it("answers the API in its error shape and pages as HTML, with the security headers", () => {
    const api = rejectionResponse("/api/v1/stories/%zz", {
      status: 400,
      message: "the path is not valid percent-encoding",
    });
    expect(JSON.parse(api.body)).toEqual({
      error: { code: "BAD_REQUEST", message: "the path is not valid percent-encoding" },
    });
    const page = rejectionResponse("/entities/<b>", { status: 404, message: "no <b>" });
    expect(page.body).toContain("no &lt;b&gt;");
    for (const answer of [api, page]) {
      expect(answer.headers["X-Content-Type-Options"]).toBe("nosniff");
      expect(answer.headers["Content-Security-Policy"]).toContain("default-src 'none'");
      expect(answer.headers["X-Frame-Options"]).toBe("DENY");
    }
  });
});
