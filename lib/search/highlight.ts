/**
 * Highlighting of search results, the same for both databases: the query's word sequences are
 * found in the original text (folded as the indexes fold it), everything is HTML-escaped and only
 * our own <mark>…</mark> is markup. Pure: a query and an article's texts in, HTML strings out.
 */
import type { ParsedQuery, SearchTerm } from "./query";
import { hasCjk, splitCjkChars } from "./cjk";
import { wordsOf } from "./words";

const CJK = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}";
/** A run of letters and digits with their combining marks. */
const PLAIN_WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
/** One CJK character, or a run of other letters and digits (with their combining marks). */
const CJK_WORD = new RegExp(
  `[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}])(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])*`,
  "gu",
);

/** A text's words as highlighting compares them: folded, CJK characters one by one. */
export function highlightWords(text: string): string[] {
  return splitCjkChars(wordsOf(text));
}

/** About how many characters a snippet shows. */
const SNIPPET_LENGTH = 240;

/** What highlighting reads of an article. */
export interface HighlightSource {
  title: string;
  text: string;
  summary: string;
  language: string;
}

/** A hit's snippet and title, HTML-escaped with the matches wrapped in <mark>…</mark>. */
export interface Highlighted {
  /** An excerpt around the best match (the start of the text when nothing matches). */
  snippet: string;
  titleHighlighted: string;
}

/**
 * The highlighter of a query (as matched, after lib/search/understand.ts): given an article and
 * the forms of the entities it mentions (each entity's names, slugs and aliases, as folded word
 * strings), marks the query's words, and every form of an entity the query names by one form.
 */
export function highlighter(
  query: ParsedQuery,
): (article: HighlightSource, entityForms: string[][]) => Highlighted {
  // A prefix term marks the words it starts (findMatches reads the trailing "*").
  const termPattern = (term: SearchTerm) =>
    term.prefix
      ? highlightWords(term.text).map((word, i, all) => (i === all.length - 1 ? `${word}*` : word))
      : highlightWords(term.text);
  const patterns = query.clauses
    .flat()
    .map(termPattern)
    .filter((words) => words.length > 0);
  // Vietnamese writes a word as several syllables: "chung cat" means "chưng cất", and a lone
  // "chứng" (of "bằng chứng", evidence) is no hit worth marking. Where the query's words stand
  // together in a Vietnamese text only that run is marked; where they never do, each word is.
  const plain = query.clauses.every((clause) => clause.length === 1 && !clause[0]!.phrase);
  const run =
    plain && query.clauses.length > 1
      ? query.clauses.flatMap((clause) => termPattern(clause[0]!))
      : null;
  const marking = (text: string, language: string, forms: string[][]) => {
    if (!run || language !== "vi" || !findMatches(text, [run]).length) return forms;
    return [run, ...forms.filter((form) => form.length > 1 || !run.includes(form[0]!))];
  };
  return (article, entityForms) => {
    const articlePatterns = expandPatterns(patterns, entityForms);
    return {
      snippet: makeSnippet([article.text, article.summary], (text) =>
        marking(text, article.language, articlePatterns),
      ),
      titleHighlighted: highlight(
        article.title,
        marking(article.title, article.language, articlePatterns),
      ),
    };
  };
}

/** Query patterns plus, for a pattern equal to some form of a mentioned entity, every other form of it. */
function expandPatterns(patterns: string[][], entities: string[][]): string[][] {
  const result = patterns.map((p) => p.join(" "));
  for (const forms of entities) {
    const names = (p: string[]) => {
      const text = p.join(" ");
      return text.endsWith("*")
        ? forms.some((form) => form.startsWith(text.slice(0, -1)))
        : forms.includes(text);
    };
    if (patterns.some(names)) result.push(...forms);
  }
  return [...new Set(result)].map((p) => p.split(" "));
}

interface Word {
  folded: string;
  start: number;
  end: number;
}

/** A match of a pattern: where it starts and ends in the text, and which pattern it is. */
interface Span {
  start: number;
  end: number;
  pattern: number;
}

/**
 * The text split last: a Vietnamese text is split to choose its patterns, then again to mark them.
 * `folded` is set where the text could be folded in place (see foldInPlace), `words` otherwise.
 */
let lastSplit: { text: string; folded: string | null; words: Word[] | null } | null = null;

function splitText(text: string): { folded: string | null; words: Word[] | null } {
  if (lastSplit?.text === text) return lastSplit;
  const folded = foldInPlace(text);
  lastSplit = { text, folded, words: folded === null ? splitWords(text) : null };
  return lastSplit;
}

/** The matches of the patterns in a text, sorted, overlapping ones merged into the first. */
function findMatches(text: string, patterns: string[][]): Span[] {
  const split = splitText(text);
  const spans =
    split.folded !== null
      ? findInFolded(split.folded, patterns)
      : findInWords(split.words!, patterns);
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of spans) {
    const previous = merged[merged.length - 1];
    if (previous && span.start <= previous.end) previous.end = Math.max(previous.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/**
 * How one character of a text folds on its own, by char code: the code of the one folded
 * character of a letter or digit, of " " for a character no word holds, -1 where folding one
 * character alone may differ from folding it within its word (combining marks, Σ whose lower case
 * depends on what follows, letters folding to more than one character, surrogate halves) and for
 * a CJK character, which makes each one of them a word of its own (splitWords). 0 until met.
 */
const CHAR_FOLDS = new Int32Array(0x10000);

function charFold(code: number): number {
  const known = CHAR_FOLDS[code]!;
  if (known !== 0) return known;
  const char = String.fromCharCode(code);
  const apart =
    (code >= 0xd800 && code <= 0xdfff) || code === 0x3a3 || /\p{M}/u.test(char) || hasCjk(char);
  let fold = -1;
  if (!apart && !/[\p{L}\p{N}]/u.test(char)) fold = 0x20;
  else if (!apart) {
    const folded = wordsOf(char).join("");
    if (folded.length === 1) fold = folded.charCodeAt(0);
  }
  CHAR_FOLDS[code] = fold;
  return fold;
}

/**
 * The text folded character by character, at the same offsets, with " " for every character no
 * word holds; null where that is not how its words fold or split (see charFold). Then a word's
 * folded form is the folded text over the word's characters, and the words are found by
 * searching the folded text instead of splitting it all: most texts hold a query's words a few
 * times in thousands of characters.
 */
function foldInPlace(text: string): string | null {
  if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase();
  const codes: number[] = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) codes[i] = code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
    else {
      const fold = charFold(code);
      if (fold === -1) return null;
      codes[i] = fold;
    }
  }
  // From char codes in slices: one call with all of a long text's codes could overflow the stack.
  if (codes.length <= 8192) return String.fromCharCode.apply(null, codes);
  let folded = "";
  for (let at = 0; at < codes.length; at += 8192)
    folded += String.fromCharCode.apply(null, codes.slice(at, at + 8192));
  return folded;
}

/** Is this char code of a folded text (foldInPlace) part of a word? */
function isWordCode(code: number): boolean {
  return code >= 0x80 || (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

/** The matches of each pattern in a folded text (foldInPlace), pattern by pattern, in text order. */
function findInFolded(folded: string, patterns: string[][]): Span[] {
  const spans: Span[] = [];
  const length = folded.length;
  const wordEnd = (from: number) => {
    let at = from;
    while (at < length && isWordCode(folded.charCodeAt(at))) at++;
    return at;
  };
  // The end of the word at `start` if the pattern word matches it (whole, or its start for a
  // trailing "*"), else -1.
  const matchAt = (start: number, want: string) => {
    const prefix = want.endsWith("*");
    const word = prefix ? want.slice(0, -1) : want;
    if (!folded.startsWith(word, start)) return -1;
    const end = wordEnd(start);
    if (!prefix && end !== start + word.length) return -1;
    return end;
  };
  patterns.forEach((pattern, index) => {
    // A folded word holds only letters and digits: a pattern word with anything else (as a "*"
    // inside it) matches none, and would find pieces of several words in the folded text.
    if (
      !pattern.length ||
      pattern.some((want) => /[^a-z0-9\x80-\uffff]/.test(want.replace(/\*$/, "")))
    )
      return;
    const first = pattern[0]!.endsWith("*") ? pattern[0]!.slice(0, -1) : pattern[0]!;
    // Where the first word can start: each place the folded text holds it at a word's start (every
    // word's start for a lone "*": indexOf finds "" at every offset, and at the end for ever).
    for (
      let at = folded.indexOf(first);
      at !== -1 && at < length;
      at = folded.indexOf(first, at + 1)
    ) {
      if (at > 0 && isWordCode(folded.charCodeAt(at - 1))) continue;
      if (!isWordCode(folded.charCodeAt(at))) continue;
      let end = -1;
      let start = at;
      for (let k = 0; k < pattern.length; k++) {
        if (k > 0) {
          start = end;
          while (start < length && !isWordCode(folded.charCodeAt(start))) start++;
          if (start >= length) {
            end = -1;
            break;
          }
        }
        end = matchAt(start, pattern[k]!);
        if (end === -1) break;
      }
      if (end !== -1) spans.push({ start: at, end, pattern: index });
    }
  });
  return spans;
}

function splitWords(text: string): Word[] {
  const words: Word[] = [];
  // Folding is the costly part: plain ASCII words only need lower-casing, and the others repeat.
  const folded = new Map<string, string>();
  // A CJK character is a word of its own (lib/search/cjk.ts), so a query's run matches inside a
  // longer run of the text.
  for (const match of text.matchAll(hasCjk(text) ? CJK_WORD : PLAIN_WORD)) {
    const word = match[0];
    let fold = folded.get(word);
    if (fold === undefined) {
      // A word whose folding splits (rare ligatures) still counts as one.
      fold = /^[\x00-\x7f]*$/.test(word) ? word.toLowerCase() : wordsOf(word).join("");
      folded.set(word, fold);
    }
    words.push({ folded: fold, start: match.index, end: match.index + word.length });
  }
  return words;
}

/** The matches of each pattern in a text's words (splitWords), pattern by pattern, in text order. */
function findInWords(words: Word[], patterns: string[][]): Span[] {
  const spans: Span[] = [];
  patterns.forEach((pattern, index) => {
    for (let i = 0; i + pattern.length <= words.length; i++) {
      let ok = true;
      for (let k = 0; k < pattern.length && ok; k++) {
        const want = pattern[k]!;
        ok = want.endsWith("*")
          ? words[i + k]!.folded.startsWith(want.slice(0, -1))
          : words[i + k]!.folded === want;
      }
      if (ok)
        spans.push({
          start: words[i]!.start,
          end: words[i + pattern.length - 1]!.end,
          pattern: index,
        });
    }
  });
  return spans;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!,
  );
}

function markRange(
  text: string,
  from: number,
  to: number,
  spans: { start: number; end: number }[],
): string {
  let out = "";
  let cursor = from;
  for (const span of spans) {
    if (span.end <= from || span.start >= to) continue;
    const start = Math.max(span.start, from);
    const end = Math.min(span.end, to);
    out +=
      escapeHtml(text.slice(cursor, start)) +
      "<mark>" +
      escapeHtml(text.slice(start, end)) +
      "</mark>";
    cursor = end;
  }
  return out + escapeHtml(text.slice(cursor, to));
}

function highlight(text: string, patterns: string[][]): string {
  return markRange(text, 0, text.length, patterns.length ? findMatches(text, patterns) : []);
}

/**
 * An excerpt of about SNIPPET_LENGTH characters from the first text with a match, placed where the
 * most distinct query words meet; the start of the first non-empty text when nothing matches.
 */
function makeSnippet(texts: string[], patternsOf: (text: string) => string[][]): string {
  for (const raw of texts) {
    const text = squeezeSpaces(raw);
    const patterns = text ? patternsOf(text) : [];
    if (!text || !patterns.length) continue;
    const spans = findMatches(text, patterns);
    if (!spans.length) continue;
    // Where different words of the query stand side by side ("chưng cất" for "chung cat"), the
    // passage is about the query; a word alone ("chứng") may be about anything else. Kept as
    // running totals (how many before each span) since the spans in a window are a run of them.
    const together = [0, 0];
    for (let i = 1; i < spans.length; i++) {
      const beside =
        spans[i]!.pattern !== spans[i - 1]!.pattern &&
        /^[\s"“”'’«»-]{1,3}$/u.test(text.slice(spans[i - 1]!.end, spans[i]!.start));
      together.push(together[i]! + (beside ? 1 : 0));
    }
    const best = bestWindow(spans, together);
    return excerpt(text, best, spans);
  }
  const text = squeezeSpaces(texts.find((t) => t.trim()) ?? "");
  return excerpt(text, 0, []);
}

/**
 * Where the snippet starts: of the windows of SNIPPET_LENGTH characters starting 60 before a
 * match, the first with the most distinct patterns inside, then the most matches side by side of
 * different patterns (`together`: how many before each span), then the most matches. Spans are
 * sorted and apart (findMatches), so those inside a window are a run of them, and the run moves
 * forward with the window: one pass, not every span against every window.
 */
function bestWindow(spans: Span[], together: number[]): number {
  let best = 0;
  let bestScore = -1;
  // The run inside the window: spans[first] up to, not including, spans[last].
  let first = 0;
  let last = 0;
  const seen: number[] = [];
  spans.forEach((anchor, index) => {
    const start = Math.max(0, anchor.start - 60);
    while (first < spans.length && spans[first]!.start < start) first++;
    while (last < spans.length && spans[last]!.end <= start + SNIPPET_LENGTH) last++;
    let distinct = 0;
    for (let i = first; i < last; i++) {
      if (seen[spans[i]!.pattern] === index) continue;
      seen[spans[i]!.pattern] = index;
      distinct++;
    }
    const inside = Math.max(0, last - first);
    const beside = inside ? together[last]! - together[first]! : 0;
    const score = distinct * 100 + beside * 10 + inside;
    if (score > bestScore) {
      best = start;
      bestScore = score;
    }
  });
  return best;
}

/**
 * The text with each run of white space as one space, trimmed. Only the runs that are not one
 * space already are replaced: most are, and replacing each of them costs as much as the rest.
 */
function squeezeSpaces(text: string): string {
  return text.replace(/\s{2,}|[^\S ]/g, " ").trim();
}

function excerpt(text: string, start: number, spans: { start: number; end: number }[]): string {
  let from = start;
  if (from > 0) {
    const space = text.indexOf(" ", from);
    // Start on a word boundary, never past the first match.
    const firstMatch = spans.find((s) => s.end > from)?.start ?? text.length;
    if (space !== -1 && space < firstMatch) from = space + 1;
  }
  let to = Math.min(text.length, from + SNIPPET_LENGTH);
  if (to < text.length) {
    const space = text.lastIndexOf(" ", to);
    const lastInside = spans
      .filter((s) => s.start < to)
      .reduce((end, s) => Math.max(end, s.end), from);
    if (space > from && space >= lastInside) to = space;
    else to = Math.max(to, lastInside);
  }
  return (from > 0 ? "…" : "") + markRange(text, from, to, spans) + (to < text.length ? "…" : "");
}
