/**
 * Keeping a child process running, for `npm start` (scripts/start.ts): when the child exits without
 * being asked to (a crash, an uncaught exception, kill -9), it is started again after a backoff
 * that doubles from 1 s to a minute while it keeps crashing, and falls back to 1 s once it has run
 * well for a minute. Its siblings are never taken down with it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { getLogger } from "@/lib/log";

/** Restart delays after a crash: doubling from `baseMs` (1 s) to `maxMs` (1 min). */
export function restartDelayMs(crashesInARow: number, baseMs = 1000, maxMs = 60_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, crashesInARow - 1));
}

export interface SupervisorOptions {
  /** What the process is, for the log line ("ingest worker"). */
  name: string;
  /** Executable and arguments of the child. */
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** True once the whole app is stopping: an exit then is expected, not a crash. */
  isStopping: () => boolean;
  /** Called when the child exited while stopping. */
  onStopped: () => void;
  /** A child that ran this long before crashing counts as having run well (60 s). */
  healthyAfterMs?: number;
  /** First restart delay (1 s); tests shorten it. */
  baseDelayMs?: number;
  log?: (line: string) => void;
  /** Called at each start, with the child (tests watch the restarts). */
  onStart?: (child: ChildProcess) => void;
  /** The child's output: the supervisor's own (default), or pipes for the caller to read. */
  stdio?: "inherit" | "pipe";
}

export interface Supervisor {
  readonly running: boolean;
  /** Stops the child (SIGTERM) and does not restart it. */
  stop(): void;
}

/** Starts the child and keeps it running until stop(). */
export function supervise(options: SupervisorOptions): Supervisor {
  const healthyAfterMs = options.healthyAfterMs ?? 60_000;
  const log = options.log ?? ((line: string) => getLogger().error(line));
  let child: ChildProcess | null = null;
  let crashes = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const launch = () => {
    timer = null;
    const startedAt = Date.now();
    const current = spawn(options.command, options.args, {
      stdio: options.stdio ?? "inherit",
      env: options.env,
    });
    child = current;
    options.onStart?.(current);
    current.on("exit", (code, signal) => {
      child = null;
      if (stopped || options.isStopping()) return options.onStopped();
      crashes = Date.now() - startedAt > healthyAfterMs ? 1 : crashes + 1;
      const delay = restartDelayMs(crashes, options.baseDelayMs);
      log(
        `start: the ${options.name} exited (${signal ?? code}); starting it again in ${(delay / 1000).toFixed(1)} s`,
      );
      timer = setTimeout(launch, delay);
    });
  };
  launch();
  return {
    get running() {
      return child !== null;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      child?.kill("SIGTERM");
    },
  };
}
