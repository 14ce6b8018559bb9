/**
 * What `npm start` does before serving: migrate, sync the knowledge base, load the sample corpus on
 * first run, and add the default sources once (when enabled).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Config } from "./config";
import { syncKnowledgeBaseToDb } from "./enrich/index";
import { parseOpml } from "./ingest/opml";
import { loadSampleCorpus } from "./ingest/sample";
import type { Db } from "./store/db";
import { migrate } from "./store/migrate";
import { refreshSearchLexemes } from "./store/search/lexemes";
import { getSetting, setSetting } from "./store/settings";
import { addSource } from "./store/sources";

export interface BootstrapReport {
  migrationsApplied: string[];
  entitiesCreated: number;
  sampleArticles: number | null;
  defaultSourcesAdded: number | null;
}

/** Prepares the database for serving. Safe to run on every start: each step does nothing the second time. */
export async function bootstrap(
  db: Db,
  config: Config,
  root = process.cwd(),
): Promise<BootstrapReport> {
  const migration = await migrate(config.DATABASE_URL, root);
  // A database from before the word forms table: its articles' word forms, once.
  if (
    migration.applied.some((name) => name.endsWith("_search_lexemes")) &&
    (await db.article.count())
  )
    await refreshSearchLexemes(db);
  const kb = await syncKnowledgeBaseToDb(db);
  let sampleArticles: number | null = null;
  if (config.LOAD_SAMPLE_DATA) {
    const report = await loadSampleCorpus(db, config, undefined, root);
    sampleArticles = report ? report.stored : null;
  }
  let defaultSourcesAdded: number | null = null;
  if (config.DEFAULT_SOURCES && !(await getSetting(db, "default_sources_added"))) {
    const outlines = parseOpml(readFileSync(resolve(root, "config/default-sources.opml"), "utf8"));
    defaultSourcesAdded = 0;
    for (const outline of outlines) {
      const { created } = await addSource(db, {
        url: outline.xmlUrl,
        title: outline.title,
        siteUrl: outline.htmlUrl,
        category: outline.category,
      });
      if (created) defaultSourcesAdded++;
    }
    await setSetting(db, "default_sources_added", new Date().toISOString());
  }
  return {
    migrationsApplied: migration.applied,
    entitiesCreated: kb.created,
    sampleArticles,
    defaultSourcesAdded,
  };
}
