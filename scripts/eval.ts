/**
 * Enrichment evaluation over the labelled corpus: each page is extracted (extractArticle), analysed
 * (analyzeArticle) and clustered (clusterBatch), then compared with test/fixtures/labelled/labels.json.
 * Prints entity precision / recall / F1 (verified slugs per article, micro-averaged), claim
 * precision / recall / F1 on (claimant, target, type), stance accuracy on matched claims, story
 * clustering pairwise precision / recall / F1, relevance accuracy, and the founding-seed checks.
 *
 *   npm run eval                      a table
 *   npm run eval -- --json            one JSON document
 *   npm run eval -- --verbose         plus each article's misses and false alarms
 *   npm run eval -- --labels FILE --pages DIR
 *   npm run eval -- --incremental     plus the stories the app itself stores: the sample corpus
 *                                     loaded through bootstrap() into a fresh SQLite database
 */

import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
import { analyzeArticle } from "../lib/enrich/analyze";
import { articleFeatures, clusterBatch } from "../lib/enrich/cluster";
import { loadKnowledgeBase, type KnowledgeBase } from "../lib/enrich/knowledge-base";
import { RELEVANCE_THRESHOLD } from "../lib/enrich/relevance";
import { bootstrap } from "../lib/bootstrap";
import { parseConfig } from "../lib/config";
import { extractArticle } from "../lib/ingest/extract";
import { canonicaliseUrl } from "../lib/ingest/normalise";
import { readSampleManifest } from "../lib/ingest/transport";
import { createDb, type Db } from "../lib/store/db";
import type { Analysis } from "../lib/types";
import { sharedPath } from "./support/shared";

export interface LabelledClaim {
  claimant: string;
  target: string;
  type: string;
  stance: string;
  sentence?: string;
}

export interface Label {
  file: string;
  language?: string;
  relevant?: boolean;
  story?: string | null;
  duplicateOf?: string | null;
  entities?: string[];
  claims?: LabelledClaim[];
  url?: string;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function prf(counts: Counts): { precision: number; recall: number; f1: number } & Counts {
  const precision = counts.tp + counts.fp === 0 ? 1 : counts.tp / (counts.tp + counts.fp);
  const recall = counts.tp + counts.fn === 0 ? 1 : counts.tp / (counts.tp + counts.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...counts, precision: round(precision), recall: round(recall), f1: round(f1) };
}

function round(value: number): number {
  return Number(value.toFixed(3));
}

function argValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

/** Maps a labelled party (a slug, a name or an alias) to a knowledge-base slug. */
function slugResolver(kb: KnowledgeBase): (value: string) => string {
  const byKey = new Map<string, string>();
  const key = (value: string) => value.normalize("NFC").toLowerCase().trim();
  for (const entity of kb.entities) {
    byKey.set(key(entity.slug), entity.slug);
    byKey.set(key(entity.name), entity.slug);
    for (const alias of entity.aliases) if (!byKey.has(key(alias))) byKey.set(key(alias), entity.slug);
  }
  return (value: string) => byKey.get(key(value)) ?? key(value).replace(/[^\p{L}\p{N}]+/gu, "-");
}

function readPage(path: string): string {
  const buffer = readFileSync(path);
  return (path.endsWith(".gz") ? gunzipSync(buffer) : buffer).toString("utf8");
}

function tokensOf(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function sentenceOverlap(a: string, b: string): number {
  const left = tokensOf(a);
  const right = tokensOf(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const token of left) if (right.has(token)) shared++;
  return shared / Math.min(left.size, right.size);
}

interface ArticleResult {
  file: string;
  analysis: Analysis;
  text: string;
  publishedAt: string | null;
  label: Label;
}

/** Runs the evaluation and returns every figure (also used by tests and the report). */
export function runEval(options: { labelsPath: string; pagesDir: string; verbose?: boolean }): Record<string, unknown> {
  const list = readLabels(options.labelsPath);
  const kb = loadKnowledgeBase();
  const toSlug = slugResolver(kb);
  const root = process.cwd();
  const labelsDir = dirname(options.labelsPath);

  const started = performance.now();
  const results: ArticleResult[] = [];
  for (const label of list) {
    const candidates = [label.file, join(options.pagesDir, label.file), join(labelsDir, label.file), join(root, label.file)];
    const path = candidates.find((candidate) => (isAbsolute(candidate) ? existsSync(candidate) : existsSync(resolve(root, candidate))));
    if (!path) throw new Error(`eval: page not found for label ${label.file}`);
    const extracted = extractArticle(readPage(resolve(root, path)), { url: label.url });
    const analysis = analyzeArticle({ text: extracted.text, title: extracted.title, languageHint: extracted.language });
    results.push({ file: label.file, analysis, text: extracted.text, publishedAt: extracted.publishedAt, label });
  }
  const analyseMs = performance.now() - started;

  const entityCounts: Counts = { tp: 0, fp: 0, fn: 0 };
  const claimCounts: Counts = { tp: 0, fp: 0, fn: 0 };
  let stanceRight = 0;
  let stanceTotal = 0;
  let relevanceRight = 0;
  let relevanceTotal = 0;
  let languageRight = 0;
  let languageTotal = 0;
  const details: Array<Record<string, unknown>> = [];

  for (const { file, analysis, label } of results) {
    const predictedEntities = new Set(analysis.entities.map((entity) => entity.slug));
    const goldEntities = new Set((label.entities ?? []).map(toSlug));
    const entityFp = [...predictedEntities].filter((slug) => !goldEntities.has(slug));
    const entityFn = [...goldEntities].filter((slug) => !predictedEntities.has(slug));
    entityCounts.tp += predictedEntities.size - entityFp.length;
    entityCounts.fp += entityFp.length;
    entityCounts.fn += entityFn.length;

    const predictedClaims = new Map<string, Analysis["claims"]>();
    for (const claim of analysis.claims) {
      const key = `${claim.claimantSlug}>${claim.targetSlug}:${claim.type}`;
      predictedClaims.set(key, [...(predictedClaims.get(key) ?? []), claim]);
    }
    const goldClaims = new Map<string, LabelledClaim[]>();
    for (const claim of label.claims ?? []) {
      const key = `${toSlug(claim.claimant)}>${toSlug(claim.target)}:${claim.type}`;
      goldClaims.set(key, [...(goldClaims.get(key) ?? []), claim]);
    }
    const claimFp = [...predictedClaims.keys()].filter((key) => !goldClaims.has(key));
    const claimFn = [...goldClaims.keys()].filter((key) => !predictedClaims.has(key));
    claimCounts.tp += predictedClaims.size - claimFp.length;
    claimCounts.fp += claimFp.length;
    claimCounts.fn += claimFn.length;
    const stanceMisses: string[] = [];
    for (const [key, golds] of goldClaims) {
      const predicted = predictedClaims.get(key);
      if (!predicted) continue;
      for (const gold of golds) {
        // Compare with the predicted claim from the closest sentence (the same key can recur).
        const best = [...predicted].sort(
          (a, b) => sentenceOverlap(b.sentence, gold.sentence ?? "") - sentenceOverlap(a.sentence, gold.sentence ?? "") || b.confidence - a.confidence,
        )[0];
        stanceTotal++;
        if (best.stance === gold.stance) stanceRight++;
        else stanceMisses.push(`${key} gold ${gold.stance}, got ${best.stance}`);
      }
    }
    if (typeof label.relevant === "boolean") {
      relevanceTotal++;
      if (analysis.relevance >= RELEVANCE_THRESHOLD === label.relevant) relevanceRight++;
    }
    if (label.language) {
      languageTotal++;
      if (analysis.language === label.language) languageRight++;
    }
    if (options.verbose) {
      details.push({
        file,
        language: analysis.language,
        relevance: round(analysis.relevance),
        entityFalsePositives: entityFp,
        entityMisses: entityFn,
        claimFalsePositives: claimFp.map((key) => `${key} «${predictedClaims.get(key)?.[0].sentence.slice(0, 140)}»`),
        claimMisses: claimFn.map((key) => `${key} «${(goldClaims.get(key)?.[0].sentence ?? "").slice(0, 140)}»`),
        stanceMisses,
      });
    }
  }

  // Story clustering, pairwise over articles that have a story label.
  const clustered = clusterBatch(results.map((result, index) => ({ id: String(index), features: articleFeatures(result.analysis, result.text, result.publishedAt) })));
  const storied = results.map((result, index) => ({ gold: result.label.story ?? null, predicted: clustered.get(String(index)) ?? `none:${index}` })).filter((entry) => entry.gold);
  if (options.verbose) {
    const byStory = new Map<string, string[]>();
    results.forEach((result, index) => {
      const key = clustered.get(String(index)) ?? "?";
      byStory.set(key, [...(byStory.get(key) ?? []), `${result.file} [${result.label.story ?? "-"}]`]);
    });
    details.push({ predictedStories: [...byStory.values()] });
  }

  return {
    articles: results.length,
    analyseMs: Math.round(analyseMs),
    entities: prf(entityCounts),
    claims: prf(claimCounts),
    stanceAccuracy: { correct: stanceRight, total: stanceTotal, accuracy: stanceTotal === 0 ? null : round(stanceRight / stanceTotal) },
    stories: storyFigures(storied),
    relevanceAccuracy: relevanceTotal === 0 ? null : round(relevanceRight / relevanceTotal),
    languageAccuracy: languageTotal === 0 ? null : round(languageRight / languageTotal),
    seed: evalSeed(),
    ...(options.verbose ? { details } : {}),
  };
}

/** Pair counts of a clustering against gold labels: a pair is positive when both share a story. */
export function pairwiseCounts(entries: ReadonlyArray<{ gold: string | null; predicted: string }>): Counts {
  const counts: Counts = { tp: 0, fp: 0, fn: 0 };
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const sameGold = entries[i].gold === entries[j].gold;
      const samePredicted = entries[i].predicted === entries[j].predicted;
      if (sameGold && samePredicted) counts.tp++;
      else if (samePredicted) counts.fp++;
      else if (sameGold) counts.fn++;
    }
  }
  return counts;
}

/** Pairwise precision, recall and F1 plus the number of gold and predicted stories. */
export function storyFigures(entries: ReadonlyArray<{ gold: string | null; predicted: string }>) {
  return {
    ...prf(pairwiseCounts(entries)),
    goldStories: new Set(entries.map((entry) => entry.gold)).size,
    predictedStories: new Set(entries.map((entry) => entry.predicted)).size,
  };
}

function readLabels(labelsPath: string): Label[] {
  const labels = JSON.parse(readFileSync(labelsPath, "utf8")) as Label[] | { articles: Label[] };
  return Array.isArray(labels) ? labels : labels.articles;
}

/** One labelled, relevant article as the app stored it. */
export interface StoredStoryEntry {
  file: string;
  gold: string;
  /** The stored story id ("story:<id>"; a duplicate takes its original's), or "none:<file>" when it has none. */
  predicted: string;
  articleId: number | null;
  duplicate: boolean;
}

/**
 * The stories the app stored for the labelled pages, read from a database the sample corpus was
 * loaded into: page file → canonical URL through sample/manifest.json, then Article and
 * StoryArticle rows. Only articles labelled relevant count; a duplicate is scored with its
 * original's story (the pipeline never places duplicates), and an article with no story at all
 * (missing, or judged off topic) stands alone.
 */
export async function storedStoryEntries(db: Db, labels: readonly Label[], root = process.cwd()): Promise<StoredStoryEntry[]> {
  const manifest = readSampleManifest(root);
  const urlByFile = new Map<string, string>();
  for (const page of manifest.pages) urlByFile.set(page.file.replace(/^\.?\//, ""), canonicaliseUrl(page.url));
  const articles = await db.article.findMany({ select: { id: true, canonicalUrl: true, duplicateOfId: true, story: { select: { storyId: true } } } });
  const byUrl = new Map(articles.map((article) => [article.canonicalUrl, article]));
  const byId = new Map(articles.map((article) => [article.id, article]));
  const entries: StoredStoryEntry[] = [];
  for (const label of labels) {
    if (label.relevant !== true || !label.story) continue;
    const file = label.file.replace(/^(\.\/)?sample\//, "");
    const url = urlByFile.get(file) ?? (label.url ? canonicaliseUrl(label.url) : undefined);
    const article = url ? byUrl.get(url) : undefined;
    let storyId = article?.story?.storyId ?? null;
    const duplicate = Boolean(article && article.duplicateOfId !== null);
    if (article && storyId === null && article.duplicateOfId !== null) storyId = byId.get(article.duplicateOfId)?.story?.storyId ?? null;
    entries.push({
      file: label.file,
      gold: label.story,
      predicted: storyId === null ? `none:${label.file}` : `story:${storyId}`,
      articleId: article?.id ?? null,
      duplicate,
    });
  }
  return entries;
}

/**
 * The clustering the app really does: a fresh SQLite database in a temporary directory,
 * bootstrapped as on first start (migrations, knowledge base, the sample corpus through the real
 * pipeline, stories placed one article at a time), then scored pairwise against the labels.
 */
export async function runIncrementalEval(options: { labelsPath: string; root?: string; verbose?: boolean }): Promise<Record<string, unknown>> {
  const root = options.root ?? process.cwd();
  const labels = readLabels(options.labelsPath);
  const dir = mkdtempSync(join(tmpdir(), "dw-eval-"));
  const url = `file:${join(dir, "eval.db")}`;
  const db = createDb(url);
  try {
    const started = performance.now();
    await bootstrap(db, parseConfig({ DATABASE_URL: url, DEFAULT_SOURCES: "false" }), root);
    const loadMs = performance.now() - started;
    const entries = await storedStoryEntries(db, labels, root);
    const result: Record<string, unknown> = {
      articles: entries.length,
      loadMs: Math.round(loadMs),
      missing: entries.filter((entry) => entry.articleId === null).map((entry) => entry.file),
      withoutStory: entries.filter((entry) => entry.predicted.startsWith("none:")).map((entry) => entry.file),
      duplicates: entries.filter((entry) => entry.duplicate).length,
      stories: storyFigures(entries),
    };
    if (options.verbose) {
      const byStory = new Map<string, string[]>();
      for (const entry of entries) byStory.set(entry.predicted, [...(byStory.get(entry.predicted) ?? []), `${entry.file} [${entry.gold}]`]);
      result.predictedStories = [...byStory.entries()].map(([story, files]) => ({ story, files }));
    }
    return result;
  } finally {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

const SEED_ENTITIES = ["openai", "deepseek", "microsoft", "bloomberg", "financial-times", "gpt-4", "david-sacks", "donald-trump", "china", "united-states"];
const SEED_CLAIMS = ["openai>deepseek:distillation:alleges", "openai>deepseek:tos_violation:alleges", "david-sacks>deepseek:ip_theft:alleges"];

/** The founding article (footer adverts included) against what the product promises for it. */
function evalSeed(): Record<string, unknown> {
  const path = sharedPath("seeds", "000_bb0ccbdd8d08316c.txt");
  if (!existsSync(path)) return { available: false };
  const text = readFileSync(path, "utf8");
  const footer = text.indexOf("==***==");
  const analysis = analyzeArticle({ text });
  const slugs = new Set(analysis.entities.map((entity) => entity.slug));
  const keys = new Set(analysis.claims.map((claim) => `${claim.claimantSlug}>${claim.targetSlug}:${claim.type}:${claim.stance}`));
  const missingEntities = SEED_ENTITIES.filter((slug) => !slugs.has(slug));
  const missingClaims = SEED_CLAIMS.filter((key) => !keys.has(key));
  const footerLeaks =
    footer < 0
      ? 0
      : analysis.mentions.filter((mention) => mention.start >= footer).length + analysis.claims.filter((claim) => claim.end > footer).length;
  return {
    language: analysis.language,
    entities: [...slugs],
    claims: [...keys],
    missingEntities,
    missingClaims,
    footerLeaks,
    summaryHasAdverts: /khóa học|khoá học|nhấn vào đây/i.test(analysis.summary),
    pass: missingEntities.length === 0 && missingClaims.length === 0 && footerLeaks === 0,
  };
}

function printTable(result: Record<string, unknown>): void {
  const line = (name: string, value: { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number }) =>
    console.log(
      `${name.padEnd(22)} P ${value.precision.toFixed(3)}  R ${value.recall.toFixed(3)}  F1 ${value.f1.toFixed(3)}   (tp ${value.tp}, fp ${value.fp}, fn ${value.fn})`,
    );
  console.log(`articles: ${result.articles} (extract + analyse ${result.analyseMs} ms)`);
  line("entities (micro)", result.entities as never);
  line("claims (c,t,type)", result.claims as never);
  const stance = result.stanceAccuracy as { correct: number; total: number; accuracy: number | null };
  console.log(`${"stance accuracy".padEnd(22)} ${stance.accuracy === null ? "n/a" : stance.accuracy.toFixed(3)}  (${stance.correct}/${stance.total} matched claims)`);
  const stories = result.stories as { goldStories: number; predictedStories: number };
  line("stories (pairwise)", result.stories as never);
  console.log(`${"".padEnd(22)} ${stories.goldStories} labelled stories, ${stories.predictedStories} predicted`);
  console.log(`${"relevance accuracy".padEnd(22)} ${result.relevanceAccuracy ?? "n/a"}`);
  console.log(`${"language accuracy".padEnd(22)} ${result.languageAccuracy ?? "n/a"}`);
  const seed = result.seed as Record<string, unknown>;
  console.log(
    `seed: ${seed.pass ? "PASS" : "FAIL"}  missing entities [${(seed.missingEntities as string[] | undefined)?.join(", ") ?? ""}]  missing claims [${(seed.missingClaims as string[] | undefined)?.join(", ") ?? ""}]  footer leaks ${seed.footerLeaks}`,
  );
  if (result.details) console.log(JSON.stringify(result.details, null, 2));
}

function printIncremental(result: Record<string, unknown>): void {
  const stories = result.stories as { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number; goldStories: number; predictedStories: number };
  console.log(`\nincremental (the app's stored stories, sample corpus through bootstrap(), ${result.loadMs} ms)`);
  console.log(
    `${"stories (pairwise)".padEnd(22)} P ${stories.precision.toFixed(3)}  R ${stories.recall.toFixed(3)}  F1 ${stories.f1.toFixed(3)}   (tp ${stories.tp}, fp ${stories.fp}, fn ${stories.fn})`,
  );
  console.log(`${"".padEnd(22)} ${result.articles} relevant labelled articles (${result.duplicates} duplicates), ${stories.goldStories} labelled stories, ${stories.predictedStories} predicted`);
  const missing = result.missing as string[];
  const without = result.withoutStory as string[];
  if (missing.length) console.log(`${"".padEnd(22)} not stored: ${missing.join(", ")}`);
  if (without.length) console.log(`${"".padEnd(22)} without a story: ${without.join(", ")}`);
  if (result.predictedStories) console.log(JSON.stringify(result.predictedStories, null, 2));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const labelsPath = resolve(argValue(args, "--labels") ?? "test/fixtures/labelled/labels.json");
  const pagesDir = resolve(argValue(args, "--pages") ?? "sample/pages");
  const verbose = args.includes("--verbose");
  const result = runEval({ labelsPath, pagesDir, verbose });
  const incremental = args.includes("--incremental") ? await runIncrementalEval({ labelsPath, verbose }) : null;
  if (args.includes("--json")) console.log(JSON.stringify(incremental ? { ...result, incremental } : result, null, 2));
  else {
    printTable(result);
    if (incremental) printIncremental(incremental);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
