/** Small key/value state kept in the database (for example: the sample corpus was loaded). */
import type { Db } from "./db";

/** A setting's value, or null. */
export async function getSetting(db: Db, key: string): Promise<string | null> {
  return (await db.setting.findUnique({ where: { key } }))?.value ?? null;
}

/** Sets a setting. */
export async function setSetting(db: Db, key: string, value: string): Promise<void> {
  await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}
