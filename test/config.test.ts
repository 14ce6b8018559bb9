import { describe, expect, it } from "vitest";
import { parseConfig, publicUrlWarning, webWorkers } from "@/lib/config";
import { AppError } from "@/lib/errors";

function failure(env: Record<string, string>): AppError {
  try {
    parseConfig(env);
  } catch (error) {
    return error as AppError;
  }
  throw new Error("expected parseConfig to throw");
}

describe("config", () => {
  it("has defaults that run a newcomer's instance on SQLite", () => {
    const config = parseConfig({});
    expect(config.DATABASE_URL).toBe("file:./data/disputewatch.db");
    expect(config.databaseKind).toBe("sqlite");
    expect(config.PORT).toBe(3000);
    expect(config.ADMIN_TOKEN).toBeUndefined();
    expect(config.ALLOW_PRIVATE_NETWORKS).toBe(false);
    expect(config.FETCH_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(config.FETCH_MAX_REDIRECTS).toBe(5);
    expect(config.publicUrl).toBe("http://localhost:3000");
  });

  it("reads PostgreSQL URLs and booleans", () => {
    const config = parseConfig({
      DATABASE_URL: "postgresql://u@db:5432/dw",
      ALLOW_PRIVATE_NETWORKS: "true",
      PORT: "8080",
    });
    expect(config.databaseKind).toBe("postgresql");
    expect(config.ALLOW_PRIVATE_NETWORKS).toBe(true);
    expect(config.publicUrl).toBe("http://localhost:8080");
  });

  it.each([
    [{ PORT: "http" }, "PORT", "integer between 1 and 65535"],
    [{ PORT: "70000" }, "PORT", "integer between 1 and 65535"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL", "file:PATH"],
    [{ ADMIN_TOKEN: "short" }, "ADMIN_TOKEN", "at least 12 characters"],
    [{ ALLOW_PRIVATE_NETWORKS: "maybe" }, "ALLOW_PRIVATE_NETWORKS", "true or false"],
    [{ DIGEST_TIME_ZONE: "Mars/Olympus" }, "DIGEST_TIME_ZONE", "IANA time zone"],
    [{ FETCH_TIMEOUT_MS: "-5" }, "FETCH_TIMEOUT_MS", "integer"],
  ])("refuses %o naming the variable and what it expects", (env, variable, expectation) => {
    const error = failure(env as Record<string, string>);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("CONFIG_INVALID");
    expect(error.message).toContain(`${variable}:`);
    expect(error.message).toContain(expectation);
  });

  it("names every bad variable at once", () => {
    const error = failure({ PORT: "x", ADMIN_TOKEN: "a" });
    expect(error.details?.variables).toEqual(expect.arrayContaining(["PORT", "ADMIN_TOKEN"]));
  });

  it("runs one web worker per core (at most 4) unless told, and splits the rate limit between them", () => {
    expect(webWorkers(0, 2)).toBe(2);
    expect(webWorkers(0, 1)).toBe(1);
    expect(webWorkers(0, 64)).toBe(4);
    expect(webWorkers(3, 64)).toBe(3);
    expect(parseConfig({}).rateLimitPerProcess).toBe(120);
    // scripts/serve.ts tells each of its 2 workers; 2 x 60 = the configured 120 a minute.
    expect(parseConfig({ DW_WEB_WORKERS: "2" }).rateLimitPerProcess).toBe(60);
    expect(
      parseConfig({ DW_WEB_WORKERS: "3", RATE_LIMIT_PER_MINUTE: "10" }).rateLimitPerProcess,
    ).toBe(4);
    expect(failure({ WEB_CONCURRENCY: "-1" }).details?.variables).toEqual(["WEB_CONCURRENCY"]);
  });
});

describe("the PUBLIC_URL start-up warning", () => {
  it("warns when PUBLIC_URL is unset and the app listens beyond loopback, not otherwise", () => {
    const warning = publicUrlWarning(parseConfig({ HOST: "0.0.0.0", PORT: "3000" }));
    expect(warning).toMatch(/PUBLIC_URL is not set while the app listens on 0\.0\.0\.0:3000/);
    expect(warning).toContain("http://localhost:3000");
    expect(publicUrlWarning(parseConfig({}))).not.toBeNull();
    expect(
      publicUrlWarning(parseConfig({ HOST: "0.0.0.0", PUBLIC_URL: "https://dw.example.org" })),
    ).toBeNull();
    for (const host of ["127.0.0.1", "localhost", "::1"])
      expect(publicUrlWarning(parseConfig({ HOST: host })), host).toBeNull();
  });
});
