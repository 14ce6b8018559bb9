/**
 * The bundled sample corpus (sample/): on first start it goes through the real pipeline, served from
 * disk instead of the network, so a newcomer offline sees a full timeline. Everything it stores is
 * marked as sample data.
 */
import type { Config } from "../config";
import type { Db } from "../store/db";
import { getSetting, setSetting } from "../store/settings";
import { addSource } from "../store/sources";
import { ingestSources, type IngestReport, type PipelineContext } from "./index";
import { readSampleManifest, sampleTransport } from "./transport";

const LOADED_KEY = "sample_corpus_loaded";

/** Loads the sample corpus once per database; later calls do nothing and return null. */
export async function loadSampleCorpus(db: Db, config: Config, log?: PipelineContext["log"], root = process.cwd()): Promise<IngestReport | null> {
  if (await getSetting(db, LOADED_KEY)) return null;
  const manifest = readSampleManifest(root);
  for (const feed of manifest.feeds) {
    await addSource(db, { url: feed.url, title: feed.title ?? null, language: feed.language ?? null, isSample: true });
  }
  const report = await ingestSources({ db, config, transport: sampleTransport(root), isSample: true, log }, { all: true });
  await setSetting(db, LOADED_KEY, new Date().toISOString());
  return report;
}
