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
 *   npm run eval -- --misses          plus missed claims counted by kind (missKind), per half and language
 *   npm run eval -- --labels FILE --pages DIR
 *   npm run eval -- --incremental     plus the stories the app itself stores: the sample corpus
 *                                     loaded through bootstrap() into a fresh SQLite database
 */

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
import { analyzeArticle, loadAnalysisResources } from "@/lib/enrich/analyze";
import { articleFeatures, clusterBatch } from "@/lib/enrich/cluster";
import { loadKnowledgeBase, type KnowledgeBase } from "@/lib/enrich/knowledge-base";
import { bootstrap } from "@/lib/bootstrap";
import { parseConfig } from "@/lib/config";
import { extractArticle } from "@/lib/ingest/extract";
import { canonicaliseUrl } from "@/lib/ingest/normalise";
import { readSampleManifest } from "@/lib/ingest/transport";
import { createDb, type Db } from "@/lib/store/db";
import type { Analysis } from "@/lib/types";
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
    for (const alias of entity.aliases)
      if (!byKey.has(key(alias))) byKey.set(key(alias), entity.slug);
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
  split: Split;
  language: string;
}

export type Split = "dev" | "heldout";

/** One article of the multilingual set (test/fixtures/eval/articles/<lang>/<id>.json). */
export interface EvalArticle extends Label {
  id: string;
  language: string;
  title: string;
  publishedAt: string;
  text: string;
}

export const EVAL_DIR = "test/fixtures/eval";

/** The half of every story (test/fixtures/eval/stories.json). */
export function readSplits(dir = EVAL_DIR): Map<string, Split> {
  const data = JSON.parse(readFileSync(join(dir, "stories.json"), "utf8")) as {
    stories: Record<string, { split: Split }>;
  };
  return new Map(Object.entries(data.stories).map(([story, entry]) => [story, entry.split]));
}

/** Every article of the multilingual set, checked: known story, sentences found in the text. */
export function readEvalArticles(dir = EVAL_DIR): EvalArticle[] {
  const root = join(dir, "articles");
  if (!existsSync(root)) return [];
  const articles: EvalArticle[] = [];
  for (const language of readdirSync(root).sort()) {
    const folder = join(root, language);
    for (const name of readdirSync(folder)
      .filter((file) => file.endsWith(".json"))
      .sort()) {
      const article = JSON.parse(readFileSync(join(folder, name), "utf8")) as EvalArticle;
      article.file = `${EVAL_DIR}/articles/${language}/${name}`;
      articles.push(article);
    }
  }
  return articles;
}

interface EvalInput {
  file: string;
  language: string;
  split: Split;
  label: Label;
  /** Read and extracted lazily (sample pages go through the extractor, the set's texts do not). */
  load: () => {
    text: string;
    title: string | null;
    publishedAt: string | null;
    languageHint: string | null;
  };
}

/** Every labelled article of both sets with its half; `--split` and `--lang` filter them. */
function evalInputs(options: {
  labelsPath: string;
  pagesDir: string;
  evalDir?: string;
}): EvalInput[] {
  const splits = readSplits(options.evalDir);
  const splitOf = (story: string | null | undefined, file: string): Split | null => {
    const split = story ? splits.get(story) : undefined;
    if (!split)
      console.warn(`eval: skipped ${file}: story ${story ?? "(none)"} is not in stories.json`);
    return split ?? null;
  };
  const root = process.cwd();
  const labelsDir = dirname(options.labelsPath);
  const inputs: EvalInput[] = readLabels(options.labelsPath).map((label) => ({
    file: label.file,
    language: label.language ?? "?",
    split: splitOf(label.story, label.file) ?? "dev",
    label,
    load: () => {
      const candidates = [
        label.file,
        join(options.pagesDir, label.file),
        join(labelsDir, label.file),
        join(root, label.file),
      ];
      const path = candidates.find((candidate) =>
        isAbsolute(candidate) ? existsSync(candidate) : existsSync(resolve(root, candidate)),
      );
      if (!path) throw new Error(`eval: page not found for label ${label.file}`);
      const extracted = extractArticle(readPage(resolve(root, path)), { url: label.url });
      return {
        text: extracted.text,
        title: extracted.title,
        publishedAt: extracted.publishedAt,
        languageHint: extracted.language,
      };
    },
  }));
  for (const article of readEvalArticles(options.evalDir)) {
    const split = splitOf(article.story, article.file);
    if (!split) continue;
    inputs.push({
      file: article.file,
      language: article.language,
      split,
      label: article,
      load: () => ({
        text: article.text,
        title: article.title,
        publishedAt: article.publishedAt,
        languageHint: null,
      }),
    });
  }
  return inputs;
}

interface Tally {
  articles: number;
  entities: Counts;
  claims: Counts;
  stanceRight: number;
  stanceTotal: number;
  /** Missed claims by kind (see missKind), to see where recall goes without reading the texts. */
  misses: Record<string, number>;
}

/** The kinds a missed claim falls into, most specific first; see `missKind`. */
export const MISS_KINDS = [
  "other-type",
  "direction",
  "other-claimant",
  "other-target",
  "type-not-added",
  "target-not-added",
  "claimant-not-added",
  "party-elsewhere",
  "nothing",
] as const;

/**
 * Why a gold claim key `claimant>target:type` was missed, judged from the article's keys alone:
 * found with another type (`other-type`) or reversed (`direction`) or with a wrong party instead
 * (`other-claimant`, `other-target`), all false alarms; or a right claim already covers the pair
 * with another type (`type-not-added`: a second type missed), the claimant and type against
 * another target (`target-not-added`: one of several accused missed), or the target and type by
 * another claimant (`claimant-not-added`); one of its parties in some other right claim
 * (`party-elsewhere`); else `nothing`.
 */
export function missKind(
  missed: string,
  falseAlarms: readonly string[],
  found: readonly string[],
): (typeof MISS_KINDS)[number] {
  const parse = (key: string) => {
    const [pair, type] = key.split(":");
    const [claimant, target] = pair.split(">");
    return { claimant, target, type };
  };
  const gold = parse(missed);
  const alarms = falseAlarms.map(parse);
  const right = found.map(parse);
  if (alarms.some((a) => a.claimant === gold.claimant && a.target === gold.target))
    return "other-type";
  if (alarms.some((a) => a.claimant === gold.target && a.target === gold.claimant))
    return "direction";
  if (alarms.some((a) => a.target === gold.target && a.type === gold.type)) return "other-claimant";
  if (alarms.some((a) => a.claimant === gold.claimant && a.type === gold.type))
    return "other-target";
  if (right.some((r) => r.claimant === gold.claimant && r.target === gold.target))
    return "type-not-added";
  if (right.some((r) => r.claimant === gold.claimant && r.type === gold.type))
    return "target-not-added";
  if (right.some((r) => r.target === gold.target && r.type === gold.type))
    return "claimant-not-added";
  if (right.some((r) => r.claimant === gold.claimant || r.target === gold.target))
    return "party-elsewhere";
  return "nothing";
}

function emptyTally(): Tally {
  return {
    articles: 0,
    entities: { tp: 0, fp: 0, fn: 0 },
    claims: { tp: 0, fp: 0, fn: 0 },
    stanceRight: 0,
    stanceTotal: 0,
    misses: {},
  };
}

function addCounts(into: Counts, from: Counts): void {
  into.tp += from.tp;
  into.fp += from.fp;
  into.fn += from.fn;
}

function figures(tally: Tally) {
  return {
    articles: tally.articles,
    entities: prf(tally.entities),
    claims: prf(tally.claims),
    stanceAccuracy: {
      correct: tally.stanceRight,
      total: tally.stanceTotal,
      accuracy: tally.stanceTotal === 0 ? null : round(tally.stanceRight / tally.stanceTotal),
    },
    misses: tally.misses,
  };
}

/**
 * Runs the evaluation and returns every figure: for each half (dev, heldout) entities, claims,
 * stance and stories, and per language within it (also used by tests and the report).
 */
export function runEval(options: {
  labelsPath: string;
  pagesDir: string;
  evalDir?: string;
  verbose?: boolean;
  split?: Split;
  language?: string;
}): Record<string, unknown> {
  const inputs = evalInputs(options).filter(
    (input) =>
      (!options.split || input.split === options.split) &&
      (!options.language || input.language === options.language),
  );
  const kb = loadKnowledgeBase();
  const toSlug = slugResolver(kb);

  const started = performance.now();
  const results: ArticleResult[] = [];
  for (const input of inputs) {
    const loaded = input.load();
    const analysis = analyzeArticle(
      { text: loaded.text, title: loaded.title, languageHint: loaded.languageHint },
      loadAnalysisResources(),
    );
    results.push({
      file: input.file,
      analysis,
      text: loaded.text,
      publishedAt: loaded.publishedAt,
      label: input.label,
      split: input.split,
      language: input.language,
    });
  }
  const analyseMs = performance.now() - started;

  const tallies = new Map<string, Tally>();
  const tallyOf = (key: string): Tally => {
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = emptyTally()));
    return tally;
  };
  let relevanceRight = 0;
  let relevanceTotal = 0;
  let languageRight = 0;
  let languageTotal = 0;
  const details: Array<Record<string, unknown>> = [];

  for (const { file, analysis, label, split, language } of results) {
    const predictedEntities = new Set(analysis.entities.map((entity) => entity.slug));
    const goldEntities = new Set((label.entities ?? []).map(toSlug));
    const entityFp = [...predictedEntities].filter((slug) => !goldEntities.has(slug));
    const entityFn = [...goldEntities].filter((slug) => !predictedEntities.has(slug));
    const entityCounts: Counts = {
      tp: predictedEntities.size - entityFp.length,
      fp: entityFp.length,
      fn: entityFn.length,
    };

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
    const claimCounts: Counts = {
      tp: predictedClaims.size - claimFp.length,
      fp: claimFp.length,
      fn: claimFn.length,
    };
    let stanceRight = 0;
    let stanceTotal = 0;
    const stanceMisses: string[] = [];
    for (const [key, golds] of goldClaims) {
      const predicted = predictedClaims.get(key);
      if (!predicted) continue;
      for (const gold of golds) {
        // Compare with the predicted claim from the closest sentence (the same key can recur).
        const best = [...predicted].sort(
          (a, b) =>
            sentenceOverlap(b.sentence, gold.sentence ?? "") -
              sentenceOverlap(a.sentence, gold.sentence ?? "") || b.confidence - a.confidence,
        )[0];
        stanceTotal++;
        if (best.stance === gold.stance) stanceRight++;
        else stanceMisses.push(`${key} gold ${gold.stance}, got ${best.stance}`);
      }
    }
    const foundKeys = [...goldClaims.keys()].filter((key) => predictedClaims.has(key));
    const missKinds = claimFn.map((key) => missKind(key, claimFp, foundKeys));
    for (const key of ["all", split, `${split}:${language}`]) {
      const tally = tallyOf(key);
      for (const kind of missKinds) tally.misses[kind] = (tally.misses[kind] ?? 0) + 1;
      tally.articles++;
      addCounts(tally.entities, entityCounts);
      addCounts(tally.claims, claimCounts);
      tally.stanceRight += stanceRight;
      tally.stanceTotal += stanceTotal;
    }
    if (typeof label.relevant === "boolean") {
      relevanceTotal++;
      if (analysis.relevance >= parseConfig({}).RELEVANCE_THRESHOLD === label.relevant)
        relevanceRight++;
    }
    if (label.language) {
      languageTotal++;
      if (analysis.language === label.language) languageRight++;
    }
    if (options.verbose) {
      details.push({
        file,
        split,
        language: analysis.language,
        relevance: round(analysis.relevance),
        entityFalsePositives: entityFp,
        entityMisses: entityFn,
        claimFalsePositives: claimFp.map(
          (key) => `${key} «${predictedClaims.get(key)?.[0].sentence.slice(0, 140)}»`,
        ),
        claimMisses: claimFn.map(
          (key) => `${key} «${(goldClaims.get(key)?.[0].sentence ?? "").slice(0, 140)}»`,
        ),
        stanceMisses,
      });
    }
  }

  // Story clustering, pairwise over articles that have a story label, within each half.
  const stories: Record<string, ReturnType<typeof storyFigures>> = {};
  for (const half of ["dev", "heldout"] as const) {
    const members = results.filter((result) => result.split === half);
    if (members.length === 0) continue;
    const clustered = clusterBatch(
      members.map((result, index) => ({
        id: String(index),
        features: articleFeatures(result.analysis, result.text, result.publishedAt),
      })),
    );
    const storied = members
      .map((result, index) => ({
        gold: result.label.story ?? null,
        predicted: clustered.get(String(index)) ?? `none:${index}`,
        language: result.language,
      }))
      .filter((entry) => entry.gold);
    stories[half] = storyFigures(storied);
    if (options.verbose) {
      const byStory = new Map<string, string[]>();
      members.forEach((result, index) => {
        const key = clustered.get(String(index)) ?? "?";
        byStory.set(key, [
          ...(byStory.get(key) ?? []),
          `${result.file} [${result.label.story ?? "-"}]`,
        ]);
      });
      details.push({ half, predictedStories: [...byStory.values()] });
    }
  }

  const halves: Record<string, unknown> = {};
  for (const half of ["dev", "heldout"] as const) {
    if (!tallies.has(half)) continue;
    const byLanguage: Record<string, unknown> = {};
    for (const [key, tally] of [...tallies.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      if (key.startsWith(`${half}:`)) byLanguage[key.slice(half.length + 1)] = figures(tally);
    }
    halves[half] = { ...figures(tallies.get(half)!), stories: stories[half], byLanguage };
  }

  return {
    ...figures(tallies.get("all") ?? emptyTally()),
    articles: results.length,
    analyseMs: Math.round(analyseMs),
    halves,
    relevanceAccuracy: relevanceTotal === 0 ? null : round(relevanceRight / relevanceTotal),
    languageAccuracy: languageTotal === 0 ? null : round(languageRight / languageTotal),
    seed: evalSeed(),
    ...(options.verbose ? { details } : {}),
  };
}

/** Pair counts of a clustering against gold labels: a pair is positive when both share a story. */
export function pairwiseCounts(
  entries: ReadonlyArray<{ gold: string | null; predicted: string }>,
): Counts {
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
export async function storedStoryEntries(
  db: Db,
  labels: readonly Label[],
  root = process.cwd(),
): Promise<StoredStoryEntry[]> {
  const manifest = readSampleManifest(root);
  const urlByFile = new Map<string, string>();
  for (const page of manifest.pages)
    urlByFile.set(page.file.replace(/^\.?\//, ""), canonicaliseUrl(page.url));
  const articles = await db.article.findMany({
    select: {
      id: true,
      canonicalUrl: true,
      duplicateOfId: true,
      story: { select: { storyId: true } },
    },
  });
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
    if (article && storyId === null && article.duplicateOfId !== null)
      storyId = byId.get(article.duplicateOfId)?.story?.storyId ?? null;
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
export async function runIncrementalEval(options: {
  labelsPath: string;
  root?: string;
  verbose?: boolean;
}): Promise<Record<string, unknown>> {
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
      withoutStory: entries
        .filter((entry) => entry.predicted.startsWith("none:"))
        .map((entry) => entry.file),
      duplicates: entries.filter((entry) => entry.duplicate).length,
      stories: storyFigures(entries),
    };
    if (options.verbose) {
      const byStory = new Map<string, string[]>();
      for (const entry of entries)
        byStory.set(entry.predicted, [
          ...(byStory.get(entry.predicted) ?? []),
          `${entry.file} [${entry.gold}]`,
        ]);
      result.predictedStories = [...byStory.entries()].map(([story, files]) => ({ story, files }));
    }
    return result;
  } finally {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

const SEED_ENTITIES = [
  "openai",
  "deepseek",
  "microsoft",
  "bloomberg",
  "financial-times",
  "gpt-4",
  "david-sacks",
  "donald-trump",
  "china",
  "united-states",
];
const SEED_CLAIMS = [
  "openai>deepseek:distillation:alleges",
  "openai>deepseek:tos_violation:alleges",
  "david-sacks>deepseek:ip_theft:alleges",
];

/** The founding article (footer adverts included) against what the product promises for it. */
function evalSeed(): Record<string, unknown> {
  const path = sharedPath("seeds", "000_bb0ccbdd8d08316c.txt");
  if (!existsSync(path)) return { available: false };
  const text = readFileSync(path, "utf8");
  const footer = text.indexOf("==***==");
  const analysis = analyzeArticle({ text }, loadAnalysisResources());
  const slugs = new Set(analysis.entities.map((entity) => entity.slug));
  const keys = new Set(
    analysis.claims.map(
      (claim) => `${claim.claimantSlug}>${claim.targetSlug}:${claim.type}:${claim.stance}`,
    ),
  );
  const missingEntities = SEED_ENTITIES.filter((slug) => !slugs.has(slug));
  const missingClaims = SEED_CLAIMS.filter((key) => !keys.has(key));
  const footerLeaks =
    footer < 0
      ? 0
      : analysis.mentions.filter((mention) => mention.start >= footer).length +
        analysis.claims.filter((claim) => claim.end > footer).length;
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

function printTable(result: Record<string, unknown>, showMisses = false): void {
  type Prf = { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number };
  type Figures = {
    articles: number;
    entities: Prf;
    claims: Prf;
    stanceAccuracy: { correct: number; total: number; accuracy: number | null };
    misses: Record<string, number>;
  };
  const missLine = (name: string, misses: Record<string, number>) =>
    console.log(
      `  ${name.padEnd(9)} ${MISS_KINDS.map((kind) => `${kind} ${misses[kind] ?? 0}`).join(", ")}`,
    );
  const line = (name: string, value: Prf) =>
    console.log(
      `  ${name.padEnd(20)} P ${value.precision.toFixed(3)}  R ${value.recall.toFixed(3)}  F1 ${value.f1.toFixed(3)}   (tp ${value.tp}, fp ${value.fp}, fn ${value.fn})`,
    );
  const stance = (value: Figures["stanceAccuracy"]) =>
    value.accuracy === null ? "  n/a" : value.accuracy.toFixed(3);
  console.log(`articles: ${result.articles} (extract + analyse ${result.analyseMs} ms)`);
  const halves = result.halves as Record<
    string,
    Figures & {
      stories: Prf & { goldStories: number; predictedStories: number };
      byLanguage: Record<string, Figures>;
    }
  >;
  for (const [half, value] of Object.entries(halves)) {
    console.log(
      `\n${half === "dev" ? "development half" : "held-out half"}: ${value.articles} articles`,
    );
    line("entities (micro)", value.entities);
    line("claims (c,t,type)", value.claims);
    console.log(
      `  ${"stance accuracy".padEnd(20)} ${stance(value.stanceAccuracy)}  (${value.stanceAccuracy.correct}/${value.stanceAccuracy.total} matched claims)`,
    );
    if (value.stories) {
      line("stories (pairwise)", value.stories);
      console.log(
        `  ${"".padEnd(20)} ${value.stories.goldStories} labelled stories, ${value.stories.predictedStories} predicted`,
      );
    }
    console.log(
      `  ${"language".padEnd(9)} ${"n".padStart(3)}   entity F1   claims P   claims R   claims F1   stance`,
    );
    for (const [language, figure] of Object.entries(value.byLanguage)) {
      console.log(
        `  ${language.padEnd(9)} ${String(figure.articles).padStart(3)}   ${figure.entities.f1.toFixed(3).padStart(9)}   ${figure.claims.precision.toFixed(3).padStart(8)}   ${figure.claims.recall.toFixed(3).padStart(8)}   ${figure.claims.f1.toFixed(3).padStart(9)}   ${stance(figure.stanceAccuracy).padStart(6)}  (claims tp ${figure.claims.tp}, fp ${figure.claims.fp}, fn ${figure.claims.fn})`,
      );
    }
    if (showMisses) {
      console.log(`  missed claims by kind (see missKind in scripts/eval.ts):`);
      missLine("all", value.misses);
      for (const [language, figure] of Object.entries(value.byLanguage))
        missLine(language, figure.misses);
    }
  }
  console.log("");
  console.log(`${"relevance accuracy".padEnd(22)} ${result.relevanceAccuracy ?? "n/a"}`);
  console.log(`${"language accuracy".padEnd(22)} ${result.languageAccuracy ?? "n/a"}`);
  const seed = result.seed as Record<string, unknown>;
  console.log(
    `seed: ${seed.pass ? "PASS" : "FAIL"}  missing entities [${(seed.missingEntities as string[] | undefined)?.join(", ") ?? ""}]  missing claims [${(seed.missingClaims as string[] | undefined)?.join(", ") ?? ""}]  footer leaks ${seed.footerLeaks}`,
  );
  if (result.details) console.log(JSON.stringify(result.details, null, 2));
}

function printIncremental(result: Record<string, unknown>): void {
  const stories = result.stories as {
    precision: number;
    recall: number;
    f1: number;
    tp: number;
    fp: number;
    fn: number;
    goldStories: number;
    predictedStories: number;
  };
  console.log(
    `\nincremental (the app's stored stories, sample corpus through bootstrap(), ${result.loadMs} ms)`,
  );
  console.log(
    `${"stories (pairwise)".padEnd(22)} P ${stories.precision.toFixed(3)}  R ${stories.recall.toFixed(3)}  F1 ${stories.f1.toFixed(3)}   (tp ${stories.tp}, fp ${stories.fp}, fn ${stories.fn})`,
  );
  console.log(
    `${"".padEnd(22)} ${result.articles} relevant labelled articles (${result.duplicates} duplicates), ${stories.goldStories} labelled stories, ${stories.predictedStories} predicted`,
  );
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
  const split = argValue(args, "--split");
  if (split !== undefined && split !== "dev" && split !== "heldout")
    throw new Error("eval: --split is dev or heldout");
  const language = argValue(args, "--lang");
  const result = runEval({ labelsPath, pagesDir, verbose, split, language });
  const incremental = args.includes("--incremental")
    ? await runIncrementalEval({ labelsPath, verbose })
    : null;
  if (args.includes("--json"))
    console.log(JSON.stringify(incremental ? { ...result, incremental } : result, null, 2));
  else {
    printTable(result, args.includes("--misses"));
    if (incremental) printIncremental(incremental);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
