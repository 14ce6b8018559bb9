/** Entry point of `npm run worker` (see lib/ingest/worker.ts). */
import { errorMessage } from "../lib/errors";
import { runWorker } from "../lib/ingest/worker";

try {
  await runWorker();
} catch (error) {
  process.stderr.write(`worker: ${errorMessage(error)}\n`);
  process.exitCode = 1;
}
