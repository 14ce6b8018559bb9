/**
 * The built app served by the production server (scripts/serve.ts) on a free port of 127.0.0.1,
 * for tests that talk to it over HTTP. The app must be built (test/browser/global-setup.ts does).
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { resolve } from "node:path";

export interface AppServer {
  baseUrl: string;
  stop(): void;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => ok(typeof address === "object" && address ? address.port : 0));
    });
    probe.on("error", fail);
  });
}

/** Starts scripts/serve.ts with `env` on top of this process's environment; resolves once it answers. */
export async function startAppServer(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<AppServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(resolve("node_modules/.bin/tsx"), ["scripts/serve.ts"], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = () => {
    child.kill("SIGTERM");
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`app server exited with ${child.exitCode} before answering`);
    try {
      const response = await fetch(`${baseUrl}/icon.svg`);
      await response.arrayBuffer();
      if (response.status < 500) return { baseUrl, stop };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error(`app server on ${baseUrl} did not answer in ${timeoutMs} ms`);
}
