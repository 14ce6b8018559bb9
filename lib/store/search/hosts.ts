/**
 * SQLite: `source:` filters read as the exact hosts they name, so a search finds their articles
 * through the (host, date) index instead of walking every article by date and testing each row's
 * host and source name (a source holding 4% of 100,000 articles: 25,000 rows walked for a page
 * and its facets). The archive's hosts are few: read per search, each with the source name of its
 * newest article, by skipping from host to host through that index (under a millisecond at
 * 100,000 articles), so a source added a moment ago is found at once.
 */
import { rawQuery, type Db } from "@/lib/store/db";
import { normaliseSource } from "./plan";

/** Whether one `source:` value names this host or source name (as plan.ts's SQL reads it). */
function names(value: string, row: { host: string; name: string | null }): boolean {
  const host = normaliseSource(value);
  return (
    row.host === host || row.host.endsWith(`.${host}`) || row.name === value.trim().toLowerCase()
  );
}

/** The hosts any of the `source:` values names (none: the filter matches nothing). */
export async function sourceHosts(db: Db, values: string[]): Promise<string[]> {
  const rows = await rawQuery<{ host: string; name: string | null }>(
    db,
    `SELECT h."host" AS "host",
            (SELECT lower(x."sourceName") FROM "ArticleSearchMeta" x WHERE x."host" = h."host"
              ORDER BY x."date" DESC LIMIT 1) AS "name"
       FROM (SELECT DISTINCT "host" FROM "ArticleSearchMeta") h`,
    [],
  );
  return [
    ...new Set(rows.filter((row) => values.some((value) => names(value, row))).map((r) => r.host)),
  ];
}
