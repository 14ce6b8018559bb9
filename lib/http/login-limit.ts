/**
 * Limits on admin login attempts, so the token cannot be guessed by the thousand: per client
 * address, LOGIN_MAX_FAILURES wrong tokens lock that address out for LOGIN_LOCKOUT_SECONDS, and each
 * lockout after that doubles the wait (up to a day); over all addresses, LOGIN_MAX_FAILURES_GLOBAL
 * wrong tokens in a minute lock every login out the same way, so an attacker with many addresses
 * gains nothing either (the admin waits too: a lockout says so and how long). While locked, a login
 * is refused before its token is looked at, so the answer tells nothing about the token. Every
 * failure and every lockout is logged with the address.
 *
 * Like the rate limiter (lib/api/rate-limit.ts), each web process keeps its own counts in memory and
 * takes its share of the limits (the workers take connections in turn). Counts are taken in the
 * same tick as the token check, so parallel guesses are counted one by one, not after a delay.
 */
import { getLogger } from "@/lib/log";

/** Why a login is refused before its token is checked. */
export interface LoginLock {
  scope: "address" | "global";
  /** Seconds until a login is looked at again. */
  retryAfter: number;
}

export interface LoginLimitOptions {
  /** Wrong tokens from one address before it is locked out. */
  maxFailures: number;
  /** Wrong tokens from everyone within a minute before every login is locked out. */
  maxFailuresGlobal: number;
  /** The first lockout; each next one of the same scope doubles it, up to MAX_LOCKOUT_MS. */
  lockoutMs: number;
  now?: () => number;
  log?: (line: string) => void;
}

/** The longest a lockout grows to. */
export const MAX_LOCKOUT_MS = 24 * 3600_000;

/** An address's record is forgotten after this long without a failure (its back-off starts over). */
const FORGET_AFTER_MS = 24 * 3600_000;

interface LoginRecord {
  failures: number;
  lockouts: number;
  lockedUntil: number;
  lastFailure: number;
}

/** Login failures per address and overall, with lockouts that back off (see the module comment). */
export class LoginLimiter {
  private readonly addresses = new Map<string, LoginRecord>();
  private readonly global: LoginRecord = {
    failures: 0,
    lockouts: 0,
    lockedUntil: 0,
    lastFailure: 0,
  };
  private globalWindowStart = 0;
  private lastSweep = 0;
  private readonly now: () => number;
  private readonly log: (line: string) => void;

  constructor(readonly options: LoginLimitOptions) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? ((line) => getLogger().warn(line));
  }

  /** The lock that refuses a login from `address` now, or null when its token may be checked. */
  check(address: string): LoginLock | null {
    const now = this.now();
    if (this.global.lockedUntil > now)
      return { scope: "global", retryAfter: Math.ceil((this.global.lockedUntil - now) / 1000) };
    const record = this.addresses.get(address);
    if (record && record.lockedUntil > now)
      return { scope: "address", retryAfter: Math.ceil((record.lockedUntil - now) / 1000) };
    return null;
  }

  /** Counts a wrong token from `address`; returns the lock it started, if any. */
  fail(address: string): LoginLock | null {
    const now = this.now();
    this.sweep(now);
    let record = this.addresses.get(address);
    if (!record) {
      record = { failures: 0, lockouts: 0, lockedUntil: 0, lastFailure: now };
      this.addresses.set(address, record);
    }
    record.failures += 1;
    record.lastFailure = now;
    if (now - this.globalWindowStart >= 60_000) {
      // A quiet minute after the last lockout ended lets the global back-off shrink by one step.
      if (this.global.lockouts > 0 && now - this.global.lockedUntil >= 60_000)
        this.global.lockouts -= 1;
      this.globalWindowStart = now;
      this.global.failures = 0;
    }
    this.global.failures += 1;
    this.log(
      `admin/login: wrong token from ${address} (${record.failures} of ${this.options.maxFailures} before a lockout)`,
    );
    let lock: LoginLock | null = null;
    if (this.global.failures >= this.options.maxFailuresGlobal) {
      lock = this.lockOut(this.global, now, "global");
      this.global.failures = 0;
      this.log(
        `admin/login: ${this.options.maxFailuresGlobal} wrong tokens within a minute; every login locked out for ${lock.retryAfter} s`,
      );
    }
    if (record.failures >= this.options.maxFailures) {
      const own = this.lockOut(record, now, "address");
      record.failures = 0;
      this.log(
        `admin/login: ${address} locked out for ${own.retryAfter} s after ${this.options.maxFailures} wrong tokens (lockout ${record.lockouts})`,
      );
      lock ??= own;
    }
    return lock;
  }

  /** A right token: the address's failures and back-off are forgotten. */
  succeed(address: string): void {
    this.addresses.delete(address);
  }

  private lockOut(record: LoginRecord, now: number, scope: LoginLock["scope"]): LoginLock {
    record.lockouts += 1;
    const duration = Math.min(
      this.options.lockoutMs * 2 ** Math.min(record.lockouts - 1, 30),
      MAX_LOCKOUT_MS,
    );
    record.lockedUntil = now + duration;
    return { scope, retryAfter: Math.ceil(duration / 1000) };
  }

  /** Forgets addresses quiet for a day, so the map holds only recent guessers. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [address, record] of this.addresses) {
      if (record.lockedUntil <= now && now - record.lastFailure > FORGET_AFTER_MS)
        this.addresses.delete(address);
    }
  }

  /** Addresses tracked (tests). */
  get size(): number {
    return this.addresses.size;
  }
}

const holder = globalThis as unknown as {
  __disputewatchLoginLimiter?: LoginLimiter;
  __disputewatchLoginLimiterKey?: string;
};

/** The process-wide login limiter, made on first use with the configured limits. */
export function sharedLoginLimiter(options: LoginLimitOptions): LoginLimiter {
  const key = `${options.maxFailures}:${options.maxFailuresGlobal}:${options.lockoutMs}`;
  if (!holder.__disputewatchLoginLimiter || holder.__disputewatchLoginLimiterKey !== key) {
    holder.__disputewatchLoginLimiter = new LoginLimiter(options);
    holder.__disputewatchLoginLimiterKey = key;
  }
  return holder.__disputewatchLoginLimiter;
}
