/** Entry point of `npm run cli -- <command>` (see lib/cli/index.ts). */
import { main } from "@/lib/cli/index";

await main();
