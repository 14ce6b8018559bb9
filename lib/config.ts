/**
 * The one reader of process.env. Every setting is parsed and bounded here by zod, once; a missing or
 * invalid value stops start-up with a message naming the variable and what it expects.
 */
import { availableParallelism } from "node:os";
import { z } from "zod";
import { AppError } from "./errors";

const bool = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no"], { message: "expected true or false" })
    .optional()
    .transform((value) =>
      value === undefined ? fallback : value === "true" || value === "1" || value === "yes",
    );

const int = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ message: `expected an integer between ${min} and ${max}` })
    .int({ message: `expected an integer between ${min} and ${max}` })
    .min(min, { message: `expected an integer between ${min} and ${max}` })
    .max(max, { message: `expected an integer between ${min} and ${max}` })
    .optional()
    .transform((value) => value ?? fallback);

const schema = z.object({
  DATABASE_URL: z
    .string()
    .optional()
    .transform((value) =>
      value && value.trim() !== "" ? value.trim() : "file:./data/disputewatch.db",
    )
    .refine((value) => /^file:.+/.test(value) || /^postgres(ql)?:\/\/.+/.test(value), {
      message: "expected file:PATH (SQLite) or postgresql://USER@HOST:PORT/DB",
    }),
  PORT: int(3000, 1, 65535),
  HOST: z
    .string()
    .optional()
    .transform((value) => value || "0.0.0.0"),
  PUBLIC_URL: z
    .url({ message: "expected an absolute http(s) URL such as https://disputes.example.org" })
    .optional(),
  ADMIN_TOKEN: z
    .string()
    .min(12, {
      message: "expected at least 12 characters (leave it unset to disable the admin area)",
    })
    .optional(),
  ALLOW_PRIVATE_NETWORKS: bool(false),
  FETCH_CONNECT_TIMEOUT_MS: int(10_000, 100, 120_000),
  FETCH_TIMEOUT_MS: int(20_000, 100, 600_000),
  FETCH_MAX_BYTES: int(10 * 1024 * 1024, 1024, 200 * 1024 * 1024),
  FETCH_MAX_REDIRECTS: int(5, 0, 20),
  FETCH_HOST_CONCURRENCY: int(2, 1, 16),
  FETCH_HOST_DELAY_MS: int(1000, 0, 60_000),
  FETCH_RETRIES: int(2, 0, 10),
  FETCH_RESPECT_ROBOTS: bool(true),
  SOURCE_REFRESH_MINUTES: int(30, 1, 24 * 60),
  WORKER_POLL_SECONDS: int(60, 1, 3600),
  MAX_ARTICLES_PER_FEED: int(50, 1, 1000),
  INGEST_CONCURRENCY: int(8, 1, 64),
  // The one default of the off-topic threshold: ingest, search, the timeline, feeds and the API
  // all take the configured value as a parameter.
  RELEVANCE_THRESHOLD: z.coerce
    .number({ message: "expected a number between 0 and 1" })
    .min(0, { message: "expected a number between 0 and 1" })
    .max(1, { message: "expected a number between 0 and 1" })
    .default(0.3),
  VOCABULARY_FILE: z.string().optional(),
  LOAD_SAMPLE_DATA: bool(true),
  DEFAULT_SOURCES: bool(true),
  SUMMARISER_URL: z
    .url({ message: "expected the base URL of an OpenAI-compatible API" })
    .optional(),
  SUMMARISER_MODEL: z.string().optional(),
  SUMMARISER_API_KEY: z.string().optional(),
  SUMMARISER_TIMEOUT_MS: int(20_000, 100, 300_000),
  DIGEST_TIME_ZONE: z
    .string()
    .optional()
    .transform((value) => value || "UTC")
    .refine(
      (value) => {
        try {
          new Intl.DateTimeFormat("en", { timeZone: value });
          return true;
        } catch {
          return false;
        }
      },
      { message: "expected an IANA time zone such as Asia/Ho_Chi_Minh or UTC" },
    ),
  RATE_LIMIT_PER_MINUTE: int(120, 1, 100_000),
  /** Reverse proxies of ours in front of the app, each appending to X-Forwarded-For (lib/api/rate-limit.ts). */
  TRUSTED_PROXIES: int(0, 0, 10),
  /** Wrong admin tokens from one address before it is locked out (lib/http/login-limit.ts). */
  LOGIN_MAX_FAILURES: int(5, 1, 1000),
  /** Wrong admin tokens from everyone within a minute before every login is locked out. */
  LOGIN_MAX_FAILURES_GLOBAL: int(30, 1, 100_000),
  /** The first login lockout; each next one doubles it, up to a day. */
  LOGIN_LOCKOUT_SECONDS: int(60, 1, 86_400),
  /** Web server processes (scripts/serve.ts); 0: one per core, at most 4. */
  WEB_CONCURRENCY: int(0, 0, 32),
  /** Threads each web server process reads SQLite on, off its request thread (lib/store/sqlite-readers.ts); 0: none. */
  SQLITE_READ_THREADS: int(2, 0, 8),
  /** Set by scripts/serve.ts on each of its workers: how many there are (not for users to set). */
  DW_WEB_WORKERS: int(1, 1, 32),
  /** Seconds the home page reuses a timeline view for everyone (lib/store/microcache.ts); 0 turns it off. */
  PAGE_CACHE_SECONDS: int(5, 0, 300),
  /** Seconds past PAGE_CACHE_SECONDS a page is still answered while it is rendered again (lib/http/page-cache.ts). */
  PAGE_CACHE_STALE_SECONDS: int(60, 0, 3600),
  /** Seconds a shared aggregate (filter counts, entity figures, the claims table) is reused before it is recomputed behind; 0 turns it off. */
  AGGREGATE_CACHE_SECONDS: int(60, 0, 3600),
  LOG_LEVEL: z
    .enum(["debug", "info", "warn", "error", "silent"], {
      message: "expected debug, info, warn, error or silent",
    })
    .optional()
    .transform((v) => v ?? "info"),
  /** Log lines as JSON, as readable text, or (auto) readable when they go to a terminal (lib/log.ts). */
  LOG_FORMAT: z
    .enum(["auto", "json", "pretty"], { message: "expected auto, json or pretty" })
    .optional()
    .transform((v) => v ?? "auto"),
});

export type Config = z.infer<typeof schema> & {
  databaseKind: "sqlite" | "postgresql";
  publicUrl: string;
  /** This process's share of RATE_LIMIT_PER_MINUTE: the web workers take requests in turn. */
  rateLimitPerProcess: number;
};

/** Parses an environment (process.env by default) into a Config, or throws CONFIG_INVALID naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    cleaned[key] = value === undefined || value === "" ? undefined : value;
  }
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) =>
        `  ${issue.path.join(".")}: ${issue.message} (got ${JSON.stringify(cleaned[String(issue.path[0])] ?? null)})`,
    );
    throw new AppError("CONFIG_INVALID", `config: invalid environment\n${lines.join("\n")}`, {
      variables: result.error.issues.map((issue) => issue.path.join(".")),
    });
  }
  const data = result.data;
  return {
    ...data,
    databaseKind: data.DATABASE_URL.startsWith("file:") ? "sqlite" : "postgresql",
    publicUrl: (data.PUBLIC_URL ?? `http://localhost:${data.PORT}`).replace(/\/+$/, ""),
    rateLimitPerProcess: Math.ceil(data.RATE_LIMIT_PER_MINUTE / data.DW_WEB_WORKERS),
  };
}

/**
 * The start-up warning for a PUBLIC_URL left unset while the app listens where others reach it
 * (any address but loopback): feed links and Origin checks would then name http://localhost:PORT,
 * which no other machine reaches. Null when PUBLIC_URL is set or the app only listens on loopback.
 */
export function publicUrlWarning(config: Config): string | null {
  if (config.PUBLIC_URL) return null;
  if (/^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i.test(config.HOST)) return null;
  return `config: PUBLIC_URL is not set while the app listens on ${config.HOST}:${config.PORT}; feed item links and Origin checks will use ${config.publicUrl}. Set PUBLIC_URL to the address readers use.`;
}

/** The variable scripts/serve.ts sets on its workers. */
export const DW_WEB_WORKERS = "DW_WEB_WORKERS";

/** Web server processes for WEB_CONCURRENCY (0: one per core, at most 4; each holds ~200 MB). */
export function webWorkers(configured: number, cores = availableParallelism()): number {
  return configured > 0 ? configured : Math.max(1, Math.min(4, cores));
}

let cached: Config | undefined;

/** The process's configuration, parsed once. */
export function getConfig(): Config {
  cached ??= parseConfig();
  return cached;
}

/** Forget the cached configuration (tests that change the environment). */
export function resetConfig(): void {
  cached = undefined;
}
