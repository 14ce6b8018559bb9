/**
 * The worker (scripts/worker.ts) started as its own process against a test database, as an
 * operator runs it: for the tests of what it does on a signal and what it says after a pass.
 */
import { spawn, type ChildProcess } from "node:child_process";

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it has written so far, standard output and error together. */
  output(): string;
  /** Resolves once its output contains `text`. */
  says(text: string): Promise<void>;
  /** Its exit code. */
  exited: Promise<number | null>;
}

/** Starts the worker on `databaseUrl`, fetching from 127.0.0.1 without delays, with `env` on top. */
export function startWorker(databaseUrl: string, env: Record<string, string>): WorkerProcess {
  const child = spawn("node_modules/.bin/tsx", ["scripts/worker.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ALLOW_PRIVATE_NETWORKS: "true",
      FETCH_HOST_DELAY_MS: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const waiting: { text: string; resolve: () => void }[] = [];
  const read = (chunk: Buffer) => {
    output += chunk;
    for (const wait of [...waiting])
      if (output.includes(wait.text)) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve();
      }
  };
  child.stdout!.on("data", read);
  child.stderr!.on("data", read);
  return {
    child,
    output: () => output,
    says: (text) =>
      output.includes(text)
        ? Promise.resolve()
        : new Promise((resolve) => waiting.push({ text, resolve })),
    exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))),
  };
}
