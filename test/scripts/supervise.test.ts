/**
 * The supervisor of `npm start` (scripts/support/supervise.ts): a child that keeps crashing is
 * started again after delays that double; the real ingest worker killed with SIGKILL is started
 * again by itself and then stops cleanly on SIGTERM.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restartDelayMs, supervise } from "@/scripts/support/supervise";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/support/scratch-db";

async function waitFor(
  check: () => boolean,
  timeoutMs: number,
  what: string,
  context: () => string = () => "",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}. ${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("restartDelayMs", () => {
  it("doubles from 1 s per crash in a row, up to a minute", () => {
    expect([1, 2, 3, 4, 7, 8, 20].map((n) => restartDelayMs(n))).toEqual([
      1000, 2000, 4000, 8000, 60_000, 60_000, 60_000,
    ]);
  });
});

describe("supervise", () => {
  it("starts a crashing child again with doubling delays, and never after stop()", async () => {
    const starts: number[] = [];
    const lines: string[] = [];
    const supervisor = supervise({
      name: "crasher",
      command: process.execPath,
      args: ["-e", "process.exit(3)"],
      env: process.env,
      isStopping: () => false,
      onStopped: () => undefined,
      baseDelayMs: 300,
      log: (line) => lines.push(line),
      onStart: () => starts.push(Date.now()),
    });
    await waitFor(() => starts.length >= 4, 30_000, "four starts");
    supervisor.stop();
    const gaps = starts.slice(1).map((at, i) => at - starts[i]);
    // Each gap is the backoff (300, 600, 1200 ms) plus the child's own start-up.
    expect(gaps[0]).toBeGreaterThanOrEqual(300);
    expect(gaps[1]).toBeGreaterThanOrEqual(600);
    expect(gaps[2]).toBeGreaterThanOrEqual(1200);
    expect(lines[0]).toBe("start: the crasher exited (3); starting it again in 0.3 s");
    expect(lines[2]).toBe("start: the crasher exited (3); starting it again in 1.2 s");
    const count = starts.length;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(starts.length).toBe(count);
  }, 60_000);

  describe("the real ingest worker", () => {
    let database: ScratchDatabase;
    beforeAll(async () => {
      database = await createScratchDatabase("sqlite");
    }, 60_000);
    afterAll(async () => {
      await database?.drop();
    });

    it("is started again after kill -9, and stops cleanly on SIGTERM", async () => {
      const children: { child: ChildProcess; output: string; exit: number | string | null }[] = [];
      const lines: string[] = [];
      let stopping = false;
      let stopped = false;
      const supervisor = supervise({
        name: "ingest worker",
        command: process.execPath,
        args: ["--import", "tsx", "scripts/worker.ts"],
        env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "info" },
        stdio: "pipe",
        isStopping: () => stopping,
        onStopped: () => (stopped = true),
        log: (line) => lines.push(line),
        onStart: (child) => {
          const entry = { child, output: "", exit: null as number | string | null };
          children.push(entry);
          child.stdout!.on("data", (chunk) => (entry.output += chunk));
          child.stderr!.on("data", (chunk) => (entry.output += chunk));
          child.on("exit", (code, signal) => (entry.exit = signal ?? code));
        },
      });
      try {
        await waitFor(
          () => children[0]?.output.includes("started (pid"),
          240_000,
          "the worker to start",
          () => `Its output: ${children[0]?.output}`,
        );
        children[0].child.kill("SIGKILL");
        await waitFor(() => children.length === 2, 30_000, "a second worker");
        expect(lines).toEqual([
          "start: the ingest worker exited (SIGKILL); starting it again in 1.0 s",
        ]);
        await waitFor(
          () => children[1].output.includes(`started (pid ${children[1].child.pid}`),
          240_000,
          "the second worker to start",
          () => `Its output: ${children[1].output}`,
        );
        stopping = true;
        supervisor.stop();
        await waitFor(() => stopped, 60_000, "the worker to stop");
        expect(children[1].exit).toBe(0);
        expect(children[1].output).toMatch(/"msg":"stopped"/);
        expect(children).toHaveLength(2);
      } finally {
        stopping = true;
        supervisor.stop();
      }
    }, 600_000);
  });
});
