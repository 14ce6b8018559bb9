import { describe, expect, it } from "vitest";
import { LoginLimiter, MAX_LOCKOUT_MS } from "@/lib/http/login-limit";

function limiter(overrides: Partial<ConstructorParameters<typeof LoginLimiter>[0]> = {}) {
  let now = Date.UTC(2026, 0, 1);
  const lines: string[] = [];
  const limits = new LoginLimiter({
    maxFailures: 3,
    maxFailuresGlobal: 10,
    lockoutMs: 60_000,
    now: () => now,
    log: (line) => lines.push(line),
    ...overrides,
  });
  return { limits, lines, advance: (ms: number) => (now += ms) };
}

describe("LoginLimiter", () => {
  it("locks an address out after its failures, and only that address", () => {
    const { limits, lines } = limiter();
    expect(limits.fail("198.51.100.1")).toBeNull();
    expect(limits.fail("198.51.100.1")).toBeNull();
    expect(limits.check("198.51.100.1")).toBeNull();
    expect(limits.fail("198.51.100.1")).toEqual({ scope: "address", retryAfter: 60 });
    expect(limits.check("198.51.100.1")).toEqual({ scope: "address", retryAfter: 60 });
    expect(limits.check("198.51.100.2")).toBeNull();
    expect(lines.filter((line) => line.includes("wrong token from 198.51.100.1"))).toHaveLength(3);
    expect(lines.some((line) => line.includes("198.51.100.1 locked out for 60 s"))).toBe(true);
  });

  it("doubles each next lockout of the same address, up to a day, and lifts it when its time is up", () => {
    const { limits, advance } = limiter();
    const waits: number[] = [];
    for (let round = 0; round < 14; round++) {
      let lock = null;
      for (let i = 0; i < 3; i++) lock = limits.fail("203.0.113.9");
      waits.push(lock!.retryAfter);
      advance(lock!.retryAfter * 1000 - 1);
      expect(limits.check("203.0.113.9")).not.toBeNull();
      advance(1);
      expect(limits.check("203.0.113.9")).toBeNull();
    }
    expect(waits.slice(0, 4)).toEqual([60, 120, 240, 480]);
    expect(Math.max(...waits)).toBe(MAX_LOCKOUT_MS / 1000);
  });

  it("forgets an address's failures after the right token", () => {
    const { limits } = limiter();
    limits.fail("a");
    limits.fail("a");
    limits.succeed("a");
    expect(limits.fail("a")).toBeNull();
    expect(limits.fail("a")).toBeNull();
    expect(limits.fail("a")?.scope).toBe("address");
  });

  it("locks every login out when many addresses fail within a minute, with its own back-off", () => {
    const { limits, lines, advance } = limiter();
    let lock = null;
    for (let i = 0; i < 10; i++) lock = limits.fail(`192.0.2.${i}`);
    expect(lock).toEqual({ scope: "global", retryAfter: 60 });
    expect(limits.check("192.0.2.200")).toEqual({ scope: "global", retryAfter: 60 });
    expect(lines.some((line) => line.includes("every login locked out for 60 s"))).toBe(true);
    advance(60_000);
    expect(limits.check("192.0.2.200")).toBeNull();
    for (let i = 0; i < 10; i++) lock = limits.fail(`192.0.2.${100 + i}`);
    expect(lock).toEqual({ scope: "global", retryAfter: 120 });
  });

  it("does not lock everyone out for failures spread over minutes", () => {
    const { limits, advance } = limiter();
    for (let i = 0; i < 30; i++) {
      expect(limits.fail(`10.0.${i}.1`)?.scope).not.toBe("global");
      advance(7_000);
    }
  });
});
