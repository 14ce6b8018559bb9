/** `npm run db:migrate`: applies the migrations for whatever DATABASE_URL says (SQLite by default). */
import { getConfig } from "@/lib/config";
import { migrate } from "@/lib/store/migrate";

const config = getConfig();
const result = await migrate(config.DATABASE_URL);
console.log(
  `db:migrate: ${result.database}: ${result.applied.length} applied${result.applied.length ? ` (${result.applied.join(", ")})` : ""}, ${result.alreadyApplied} already there`,
);
