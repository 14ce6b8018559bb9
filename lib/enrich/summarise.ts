/**
 * Extractive summaries: of one article (the few sentences that best carry it) and of a story (the
 * sentences that best carry several articles, without saying the same thing twice). Extractive on
 * purpose: every sentence shown is one a source actually printed, which is what a reader checking a
 * dispute needs. Also the one place that knows what boilerplate looks like in a text (call-to-action
 * lines, repeated lines, a footer of adverts after the article), so that the summary, the entity
 * tagger and the claim extractor all skip the same lines.
 */

import { foldDiacritics } from "@/lib/text/fold";
import { splitSentences, type Sentence } from "./text";
import { withoutRelativeDates } from "./relative-dates";

/** Lower-cased, diacritic-free form used by every lexicon here ("Nhấn vào đây" → "nhan vao day"). */
const fold = foldDiacritics;

// Call-to-action and site-furniture phrases, folded. Kept to phrases that do not occur in news prose:
// "bản quyền" (copyright) is a claim word, only "bản quyền thuộc" (rights belong to) is furniture.
const CALL_TO_ACTION = new RegExp(
  [
    "\\bclick (?:here|to)\\b",
    "\\btap here\\b",
    "\\bread (?:more|next|also)\\b",
    "\\bsee also\\b",
    "\\brelated (?:articles?|stories|news|coverage)\\b",
    "\\bsubscribe\\b",
    "\\bsign (?:up|in)\\b",
    "\\blog ?in\\b",
    "\\bnewsletter\\b",
    "\\bfollow us\\b",
    "\\bshare (?:this|on)\\b",
    "\\bcontact us\\b",
    "\\bdownload (?:the|our) app\\b",
    "\\badvertisement\\b",
    "\\bsponsored\\b",
    "\\bcookies?\\b",
    "\\ball rights reserved\\b",
    "\\bcopyright ©",
    "©",
    "\\bnhan vao day\\b",
    "\\bbam vao day\\b",
    "\\bclick vao\\b",
    "\\bxem them\\b",
    "\\bdoc them\\b",
    "\\btin lien quan\\b",
    "\\bbai lien quan\\b",
    "\\bdang ky\\b",
    "\\blien he\\b",
    "\\btheo doi (?:chung toi|tren)\\b",
    "\\bchia se\\b",
    "\\bgui y kien\\b",
    "\\bgui thong tin\\b",
    "\\bdong gop noi dung\\b",
    "\\bquang cao\\b",
    "\\bban quyen thuoc\\b",
    "\\btai ung dung\\b",
    "\\bbat dau khoa hoc\\b",
  ].join("|"),
);

const DATELINE =
  /^(?:(?:published|updated|posted|dang luc|cap nhat|ngay dang)\b|\d{1,2}[:h]\d{2}\b|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b)/;
const URL_LIKE = /https?:\/\/|www\.|\.(?:com|net|org|vn)\b/;
const SEPARATOR = /^[^\p{L}\p{N}]{3,}$/u;

/** A line of the text and whether it is furniture rather than article prose. */
interface Line {
  start: number;
  end: number;
  text: string;
  /** Call-to-action, repeated, separator or link-like: never article prose. */
  hard: boolean;
  /** Short and unpunctuated (a heading, a menu entry, an advert's title): prose only in context. */
  weak: boolean;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /[^\n]+/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const raw = match[0];
    const trimmed = raw.trim();
    if (trimmed.length === 0) continue;
    const lead = raw.length - raw.trimStart().length;
    lines.push({
      start: match.index + lead,
      end: match.index + lead + trimmed.length,
      text: trimmed,
      hard: false,
      weak: false,
    });
  }
  return lines;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/**
 * Marks that separate the links of a menu or a breadcrumb. A middle dot glued between two words is
 * Korean, Japanese and Chinese list punctuation ("KBS·MBC·SBS", "생물학·화학"), not a separator.
 */
const SEPARATOR_MARKS = /[|»•]|(?<!\S)·|·(?!\S)/gu;

/** Marks each line hard or weak boilerplate; the rules are about shape, never about one site. */
function classifyLines(lines: Line[]): void {
  const counts = new Map<string, number>();
  const foldedLines = lines.map((line) => fold(line.text));
  const keys = foldedLines.map((folded) => folded.replace(/[^\p{L}\p{N}]+/gu, " ").trim());
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const folded = foldedLines[index];
    const key = keys[index];
    const words = wordCount(line.text);
    const repeated = key.length > 0 && (counts.get(key) ?? 0) >= 2 && line.text.length < 200;
    const pipes = (line.text.match(SEPARATOR_MARKS) ?? []).length;
    line.hard =
      SEPARATOR.test(line.text) ||
      repeated ||
      (words <= 25 && CALL_TO_ACTION.test(folded)) ||
      pipes >= 2 ||
      (URL_LIKE.test(folded) && words <= 12);
    line.weak =
      line.hard || (words < 14 && !/[.!?…"”»)]$/.test(line.text)) || DATELINE.test(folded);
  }
}

/** What of a text is article prose: the spans to drop, and where a trailing footer begins. */
export interface BoilerplateScan {
  /** Offset where a footer of adverts / site furniture starts (text.length when there is none). */
  footerStart: number;
  /** Spans (inside the body) of lines that are furniture: repeated lines, call-to-action lines. */
  spans: Array<{ start: number; end: number }>;
}

/**
 * Finds boilerplate in a plain text: a trailing footer (a tail that is mostly short, unpunctuated
 * or call-to-action lines, with at least two of the latter or a separator) and single furniture
 * lines inside the body. Offsets refer to `text`, so callers can blank spans and keep offsets.
 */
export function scanBoilerplate(text: string): BoilerplateScan {
  const lines = splitLines(text);
  classifyLines(lines);
  let footerIndex = lines.length;
  let weak = 0;
  let hard = 0;
  // Walk the tail backwards; the footer is the longest suffix that is almost all furniture.
  for (let index = lines.length - 1; index > 0; index--) {
    const line = lines[index];
    if (line.weak) weak++;
    if (line.hard) hard++;
    const size = lines.length - index;
    if (!line.weak) {
      // A real paragraph: the footer cannot extend above it unless it is drowned in furniture.
      if (weak / size < 0.85) break;
      continue;
    }
    if (hard >= 2 && weak / size >= 0.85) footerIndex = index;
  }
  // Never call the whole text a footer: an all-furniture text is left for the caller to judge.
  const footerStart =
    footerIndex < lines.length && footerIndex > 0 ? lines[footerIndex].start : text.length;
  const spans = lines
    .filter((line) => line.hard && line.start < footerStart)
    .map((line) => ({ start: line.start, end: line.end }));
  return { footerStart, spans };
}

/**
 * The text with boilerplate removed but every remaining character at its original offset: the
 * footer is cut off and furniture lines inside the body are blanked with spaces. Offsets computed
 * on the result (entity mentions, claim sentences) are therefore offsets in the original text.
 */
export function stripBoilerplate(text: string): string {
  const scan = scanBoilerplate(text);
  let body = text.slice(0, scan.footerStart);
  if (scan.spans.length === 0) return body.trimEnd();
  const parts: string[] = [];
  let cursor = 0;
  for (const span of scan.spans) {
    parts.push(body.slice(cursor, span.start), " ".repeat(span.end - span.start));
    cursor = span.end;
  }
  parts.push(body.slice(cursor));
  body = parts.join("");
  return body.trimEnd();
}

// Function words (folded) that say nothing about what a sentence is about, English and Vietnamese.
const STOPWORDS = new Set(
  (
    "a an the and or but of to in on at by for from with as is are was were be been being it its this that these those " +
    "he she they them his her their we our you your i me my not no so than then there here which who whom what when where " +
    "why how all any each more most other some such only own same also can could will would should may might must has have " +
    "had do does did just into over after before about against between under again further once said says say told " +
    "cua va cac la co duoc cho voi trong mot nhung da nay de khong nguoi tu khi den ve theo nhu thi ma cung se vao ra lai " +
    "nhieu hon rang do tai tren nen bi ho chung toi dang con nay kia ay viec su cai nhu vay rat qua thuc hien cung nhu"
  ).split(" "),
);

/** Content terms of a text, folded; Vietnamese syllables pair into bigrams so "chưng cất" counts as one idea. */
export function contentTerms(text: string, language?: string): string[] {
  const words = fold(text).match(/[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*/gu) ?? [];
  const terms: string[] = [];
  if (language === "vi") {
    for (let index = 0; index < words.length; index++) {
      const word = words[index];
      if (!STOPWORDS.has(word) && word.length > 1) terms.push(word);
      const next = words[index + 1];
      if (next && !STOPWORDS.has(word) && !STOPWORDS.has(next)) terms.push(`${word}_${next}`);
    }
    return terms;
  }
  for (const word of words) {
    if (word.length > 2 && !STOPWORDS.has(word))
      terms.push(word.length > 5 ? word.slice(0, 6) : word);
  }
  return terms;
}

type Vector = Map<string, number>;

function vectorOf(terms: readonly string[]): Vector {
  const vector: Vector = new Map();
  for (const term of terms) vector.set(term, (vector.get(term) ?? 0) + 1);
  return vector;
}

function norm(vector: Vector): number {
  let sum = 0;
  for (const value of vector.values()) sum += value * value;
  return Math.sqrt(sum);
}

function cosine(a: Vector, b: Vector, normA = norm(a), normB = norm(b)): number {
  if (normA === 0 || normB === 0) return 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, value] of small) {
    const other = large.get(term);
    if (other !== undefined) dot += value * other;
  }
  return dot / (normA * normB);
}

/** Share of the smaller set found in the larger one: 1 for a sentence repeated with a word changed. */
function overlap(a: Vector, b: Vector): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const term of small.keys()) if (large.has(term)) shared++;
  return shared / small.size;
}

const MIN_SENTENCE_CHARS = 40;
const MAX_SENTENCE_CHARS = 420;

/** True for a sentence a summary may quote: prose of reasonable length, not furniture. */
function isSummarisable(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length < MIN_SENTENCE_CHARS || trimmed.length > MAX_SENTENCE_CHARS) return false;
  if (wordCount(trimmed) < 6) return false;
  const folded = fold(trimmed);
  if (CALL_TO_ACTION.test(folded) || URL_LIKE.test(folded) || DATELINE.test(folded)) return false;
  if ((trimmed.match(SEPARATOR_MARKS) ?? []).length >= 2) return false;
  const letters = trimmed.match(/\p{L}/gu) ?? [];
  if (letters.length < trimmed.length * 0.5) return false;
  const upper = trimmed.match(/\p{Lu}/gu) ?? [];
  if (upper.length > letters.length * 0.5) return false;
  // A statement ends like one; a headline, a caption or a line ending in ":" does not.
  if (!/[.!?…。"”»’')]$/.test(trimmed)) return false;
  return true;
}

interface Candidate {
  index: number;
  text: string;
  vector: Vector;
  norm: number;
  score: number;
}

/** Picks sentences by maximal marginal relevance: high score, little overlap with what is already picked. */
function selectMmr(
  candidates: Candidate[],
  count: number,
  lambda = 0.75,
  duplicateOverlap = 0.6,
): Candidate[] {
  const picked: Candidate[] = [];
  const pool = [...candidates];
  while (picked.length < count && pool.length > 0) {
    let bestIndex = -1;
    let bestValue = -Infinity;
    for (let index = 0; index < pool.length; index++) {
      const candidate = pool[index];
      let redundancy = 0;
      let duplicate = false;
      for (const chosen of picked) {
        redundancy = Math.max(
          redundancy,
          cosine(candidate.vector, chosen.vector, candidate.norm, chosen.norm),
        );
        if (overlap(candidate.vector, chosen.vector) >= duplicateOverlap) duplicate = true;
      }
      if (duplicate) continue;
      const value = lambda * candidate.score - (1 - lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = index;
      }
    }
    if (bestIndex < 0) break;
    picked.push(pool[bestIndex]);
    pool.splice(bestIndex, 1);
  }
  return picked;
}

/** Options of `summariseArticle`. */
export interface SummariseOptions {
  language?: string;
  title?: string | null;
  /** How many sentences at most (3). */
  maxSentences?: number;
  /**
   * Sentences already split from this exact text after `stripBoilerplate`, to avoid doing both
   * twice; when given, the caller vouches that boilerplate is already gone.
   */
  sentences?: Sentence[];
}

function sentenceCandidates(text: string, options: SummariseOptions): Candidate[] {
  // Sentences handed in were split from a text already cleaned (analyzeArticle does it once).
  const sentences = options.sentences ?? splitSentences(stripBoilerplate(text), options.language);
  const usable = sentences.filter((sentence) => isSummarisable(sentence.text));
  if (usable.length === 0) return [];
  const vectors = usable.map((sentence) => vectorOf(contentTerms(sentence.text, options.language)));
  const documentVector: Vector = new Map();
  for (const vector of vectors)
    for (const [term, value] of vector)
      documentVector.set(term, (documentVector.get(term) ?? 0) + value);
  const documentNorm = norm(documentVector);
  const titleVector = options.title
    ? vectorOf(contentTerms(options.title, options.language))
    : null;
  const candidates = usable.map((sentence, position) => {
    const vector = vectors[position];
    const vectorNorm = norm(vector);
    const centrality = cosine(vector, documentVector, vectorNorm, documentNorm);
    const titleScore = titleVector ? overlap(titleVector, vector) : 0;
    // News puts the event first; the bonus fades over the first handful of sentences.
    const positionScore = 1 / (1 + position * 0.35);
    const score = 0.45 * centrality + 0.35 * positionScore + 0.2 * titleScore;
    return {
      index: sentence.start,
      text: sentence.text.trim(),
      vector,
      norm: vectorNorm,
      score,
      titleScore,
    };
  });
  // The title repeated as the first line of the text is not news to a reader who sees the title.
  return candidates.filter(
    (candidate) =>
      candidate.titleScore < 0.9 || candidate.vector.size > (titleVector?.size ?? 0) * 1.5,
  );
}

/**
 * An extractive summary of one article: up to `maxSentences` (3) sentences chosen for centrality,
 * position and overlap with the title, never boilerplate, near-duplicates suppressed, given in the
 * order the article has them. Empty when the text holds no summarisable sentence.
 */
export function summariseArticle(text: string, options: SummariseOptions = {}): string {
  const maxSentences = Math.max(1, options.maxSentences ?? 3);
  const candidates = sentenceCandidates(text, options);
  const picked = selectMmr(candidates, maxSentences);
  return picked
    .sort((a, b) => a.index - b.index)
    .map((candidate) => candidate.text)
    .join(" ");
}

/** One article of a story as the story summary needs it. */
export interface StoryArticleInput {
  title: string | null;
  text: string;
  /** The article's own summary, when one is stored; its sentences are preferred candidates. */
  summary?: string | null;
  language: string;
  publishedAt: string | Date | null;
}

/** Articles of a story that its summary is drawn from (the latest ones, when a story grows long). */
export const STORY_SUMMARY_ARTICLES = 12;

/** Options of `summariseStory`. */
export interface StorySummaryOptions {
  /** The language to summarise in; defaults to the story's main language. */
  language?: string;
  /** How many sentences at most (4). */
  maxSentences?: number;
}

function timeOf(value: string | Date | null): number {
  if (value === null) return Number.POSITIVE_INFINITY;
  const time = (value instanceof Date ? value : new Date(value)).getTime();
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/**
 * An extractive summary of a story: sentences from its articles in one language (the requested
 * one when it has articles in it, otherwise the most common), scored by how central they are to
 * the whole story and how early they come, picked without repeating one another (MMR with
 * near-duplicate suppression, so five wire copies give one sentence), ordered oldest article first.
 */
export function summariseStory(
  articles: readonly StoryArticleInput[],
  options: StorySummaryOptions = {},
): string {
  if (articles.length === 0) return "";
  const maxSentences = Math.max(1, options.maxSentences ?? 4);
  const languageCounts = new Map<string, number>();
  for (const article of articles)
    languageCounts.set(article.language, (languageCounts.get(article.language) ?? 0) + 1);
  let language =
    options.language && languageCounts.has(options.language) ? options.language : undefined;
  if (!language) {
    language = [...languageCounts.entries()].sort(
      (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
    )[0][0];
  }
  const chosen = articles
    .map((article, order) => ({ article, order }))
    .filter(({ article }) => article.language === language)
    .sort(
      (a, b) => timeOf(a.article.publishedAt) - timeOf(b.article.publishedAt) || a.order - b.order,
    );

  interface StoryCandidate extends Candidate {
    articleRank: number;
  }
  const candidates: StoryCandidate[] = [];
  chosen.forEach(({ article }, articleRank) => {
    // The article's own best sentences: its stored summary when there is one, else its top few.
    const own = sentenceCandidates(
      article.summary && article.summary.trim() ? article.summary : article.text,
      {
        language,
        title: article.title,
      },
    )
      .sort((a, b) => b.score - a.score)
      .slice(0, 6);
    for (const candidate of own) candidates.push({ ...candidate, articleRank });
  });
  if (candidates.length === 0) return "";

  const storyVector: Vector = new Map();
  for (const candidate of candidates) {
    for (const [term, value] of candidate.vector)
      storyVector.set(term, (storyVector.get(term) ?? 0) + value);
  }
  const storyNorm = norm(storyVector);
  for (const candidate of candidates) {
    const centrality = cosine(candidate.vector, storyVector, candidate.norm, storyNorm);
    candidate.score = 0.6 * centrality + 0.4 * candidate.score;
  }
  const picked = selectMmr(candidates, maxSentences, 0.7, 0.5) as StoryCandidate[];
  // "This week" from two articles weeks apart means two weeks: across more than a few days,
  // relative dates are taken out (the story page dates every article).
  const times = picked
    .map((candidate) => timeOf(chosen[candidate.articleRank].article.publishedAt))
    .filter(Number.isFinite);
  const spread = times.length > 0 ? Math.max(...times) - Math.min(...times) : 0;
  const undated = spread > RELATIVE_DATE_SPREAD_MS;
  return picked
    .sort((a, b) => a.articleRank - b.articleRank || a.index - b.index)
    .map((candidate) => (undated ? withoutRelativeDates(candidate.text, language) : candidate.text))
    .join(" ");
}

/** How far apart a story summary's articles may be before their relative dates are taken out. */
export const RELATIVE_DATE_SPREAD_MS = 3 * 86_400_000;
