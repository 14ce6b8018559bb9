import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { requestIdFor, wellFormedRequestId } from "@/lib/http/request-id";
import { fromError, handle, json } from "@/lib/http/respond";
import { resetLogger } from "@/lib/log";

describe("fromError", () => {
  const level = process.env.LOG_LEVEL;
  beforeAll(() => {
    // The 500 below is logged; keep the test output clean.
    process.env.LOG_LEVEL = "silent";
    resetConfig();
    resetLogger();
  });
  afterAll(() => {
    if (level === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = level;
    resetConfig();
    resetLogger();
  });

  it("answers an AppError with the documented body, naming the parameter at fault", async () => {
    const response = fromError(
      new AppError("BAD_REQUEST", "invalid parameter lang: expected a language code", {
        parameter: "lang",
      }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      error: {
        code: "BAD_REQUEST",
        message: "invalid parameter lang: expected a language code",
        parameter: "lang",
      },
    });
  });

  it("tells a rate-limited client when to come back", async () => {
    const response = fromError(new AppError("RATE_LIMITED", "too many", { retryAfter: 17 }));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("17");
  });

  it("hides an unexpected error's insides and names the request it belongs to", async () => {
    const request = new Request("http://localhost/api/v1/articles", {
      headers: { "x-request-id": "req-42" },
    });
    const response = await handle(request, async () => {
      throw new Error("connection string postgres://secret@db");
    });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("INTERNAL");
    expect(body.error.message).toContain("req-42");
    expect(body.error.message).not.toContain("secret");
  });

  it("keeps a cache policy a handler sets", () => {
    expect(
      json({}, 200, { "Cache-Control": "public, max-age=60" }).headers.get("cache-control"),
    ).toBe("public, max-age=60");
  });
});

describe("request ids", () => {
  it("keeps a well-formed incoming id only when told to", () => {
    expect(requestIdFor("abc-123", true)).toBe("abc-123");
    expect(requestIdFor("abc-123", false)).not.toBe("abc-123");
  });

  it("never keeps one that could break a log line", () => {
    expect(wellFormedRequestId("a b")).toBeNull();
    expect(wellFormedRequestId("x\nlevel=error")).toBeNull();
    expect(wellFormedRequestId("x".repeat(101))).toBeNull();
    expect(requestIdFor("a b", true)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
