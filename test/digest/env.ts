/** Points the app's configuration at a test database and a fixed public URL, for route handler tests. */
import { resetConfig } from "@/lib/config";
import { closeDb } from "@/lib/store/db";

export const PUBLIC_URL = "https://dw.example";

/** Sets DATABASE_URL and friends, and forgets the cached config and client. */
export async function useTestEnvironment(
  url: string,
  extra: Record<string, string> = {},
): Promise<void> {
  await closeDb();
  process.env.DATABASE_URL = url;
  process.env.PUBLIC_URL = PUBLIC_URL;
  process.env.RATE_LIMIT_PER_MINUTE = "100000";
  process.env.DIGEST_TIME_ZONE = "UTC";
  for (const [key, value] of Object.entries(extra)) process.env[key] = value;
  resetConfig();
}
