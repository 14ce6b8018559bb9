/** Entry point of `npm run worker` (see lib/ingest/worker.ts). */
import { errorMessage } from "@/lib/errors";
import { runWorker } from "@/lib/ingest/worker";

// A bug that escapes every handler: log it and exit non-zero; `npm start` starts the worker again.
const crash = (kind: string) => (error: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: "error", stage: "worker", message: `${kind}: ${errorMessage(error)}` })}\n`,
  );
  process.exit(1);
};
process.on("uncaughtException", crash("uncaught exception"));
process.on("unhandledRejection", crash("unhandled rejection"));

try {
  await runWorker();
} catch (error) {
  process.stderr.write(`worker: ${errorMessage(error)}\n`);
  process.exitCode = 1;
}
