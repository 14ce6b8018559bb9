/**
 * The one logger (lib/log.ts) as the processes that ship use it: the command line and the worker
 * at each LOG_LEVEL and LOG_FORMAT, against a real SQLite file and a local feed that fails.
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readableLine } from "@/lib/log";
import { addSource } from "@/lib/store/sources";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";
import { startTestServer, type TestServer } from "@/test/helpers/http-server";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe("logging", () => {
  let database: ScratchDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createScratchDatabase("sqlite");
    server = await startTestServer({});
    server.route("/feed.xml", { status: 500, headers: {}, body: "down" });
    await addSource(database.db, { url: `${server.url}/feed.xml` });
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const env = (extra: Record<string, string>) => ({
    ...process.env,
    DATABASE_URL: database.url,
    ALLOW_PRIVATE_NETWORKS: "true",
    FETCH_RETRIES: "0",
    FETCH_RESPECT_ROBOTS: "false",
    FETCH_HOST_DELAY_MS: "0",
    ...extra,
  });

  /** Runs a script to its end (or until `stopWhen` says so, then SIGTERM) and collects its output. */
  function run(
    args: string[],
    extra: Record<string, string>,
    stopWhen?: () => boolean,
  ): Promise<Run> {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], {
      env: env(extra),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    let poll: NodeJS.Timeout | undefined;
    if (stopWhen)
      poll = setInterval(() => {
        if (stopWhen()) {
          clearInterval(poll);
          // Past the fetch, give the worker a moment to write what it would log about it.
          setTimeout(() => child.kill("SIGTERM"), 1500);
        }
      }, 100);
    return new Promise((resolve) =>
      child.on("exit", (code) => {
        clearInterval(poll);
        resolve({ code, stdout, stderr });
      }),
    );
  }

  const resetSource = () =>
    database.db.source.updateMany({
      data: { nextFetchAt: new Date(0), errorCount: 0, paused: false, pausedReason: null },
    });

  it("writes nothing at all at LOG_LEVEL=silent: the command line and the worker", async () => {
    await resetSource();
    const cli = await run(["scripts/cli.ts", "ingest", "--once", "--quiet"], {
      LOG_LEVEL: "silent",
    });
    expect(cli.code).toBe(1); // the source failed
    expect(cli.stderr).toBe("");
    expect(JSON.parse(cli.stdout)).toMatchObject({ failedSources: 1 });

    await resetSource();
    const hitsBefore = server.hits("/feed.xml");
    const worker = await run(
      ["scripts/worker.ts"],
      { LOG_LEVEL: "silent", WORKER_POLL_SECONDS: "60" },
      () => server.hits("/feed.xml") > hitsBefore,
    );
    expect(worker.code).toBe(0);
    expect(worker.stdout + worker.stderr).toBe("");
  }, 240_000);

  it("writes JSON lines when not on a terminal: the command line's to stderr, beside its output", async () => {
    await resetSource();
    const cli = await run(["scripts/cli.ts", "ingest", "--once", "--quiet"], {
      LOG_LEVEL: "warn",
    });
    expect(JSON.parse(cli.stdout)).toMatchObject({ failedSources: 1 });
    const lines = cli.stderr
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines[0]).toMatchObject({
      level: "warn",
      stage: "ingest",
      url: `${server.url}/feed.xml`,
    });
    expect(typeof lines[0].msg).toBe("string");
    expect(Number.isNaN(Date.parse(lines[0].time))).toBe(false);
  }, 180_000);

  it("writes readable lines with LOG_FORMAT=pretty: the worker at info", async () => {
    await resetSource();
    const hitsBefore = server.hits("/feed.xml");
    const pretty = await run(
      ["scripts/worker.ts"],
      { LOG_LEVEL: "info", LOG_FORMAT: "pretty", WORKER_POLL_SECONDS: "60" },
      () => server.hits("/feed.xml") > hitsBefore,
    );
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}worker: started \(pid \d+/m);
    expect(pretty.stdout).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} WARN {2}ingest: .* url=http:\/\/127\.0\.0\.1/m,
    );
    expect(pretty.stdout).toMatch(/INFO {2}worker: stopped( .*)?$/m);
  }, 240_000);
});

describe("readableLine", () => {
  it("reads a JSON line as time, level, stage, message and the other fields", () => {
    const line = JSON.stringify({
      level: "warn",
      time: "2026-12-02T09:31:02.123Z",
      pid: 42,
      stage: "ingest",
      msg: "the feed answered 500",
      sourceId: 7,
    });
    expect(readableLine(line)).toBe(
      "09:31:02.123 WARN  ingest: the feed answered 500 sourceId=7\n",
    );
  });

  it("puts an error's stack under its line", () => {
    const line = JSON.stringify({
      level: "error",
      time: "2026-12-02T09:31:02.123Z",
      msg: "web: boom",
      err: { type: "Error", message: "boom", stack: "Error: boom\n    at here" },
    });
    expect(readableLine(line)).toBe("09:31:02.123 ERROR web: boom\n  Error: boom\n      at here\n");
  });
});
