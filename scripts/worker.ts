/** Entry point of `npm run worker` (see lib/ingest/worker.ts). */
import { errorMessage } from "@/lib/errors";
import { runWorker } from "@/lib/ingest/worker";
import { getLogger } from "@/lib/log";

// A bug that escapes every handler: log it and exit non-zero; `npm start` starts the worker again.
const crash = (kind: string) => (error: unknown) => {
  getLogger().error({ stage: "worker", err: error }, `${kind}: ${errorMessage(error)}`);
  process.exit(1);
};
process.on("uncaughtException", crash("uncaught exception"));
process.on("unhandledRejection", crash("unhandled rejection"));

try {
  await runWorker();
} catch (error) {
  getLogger().error({ stage: "worker", err: error }, errorMessage(error));
  process.exitCode = 1;
}
