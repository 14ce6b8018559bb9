/**
 * Entity tagging: finds knowledge-base entities in a text (longest match wins, no overlaps, case
 * and context rules for ambiguous names) and discovers new names as unverified candidates.
 */
import type { EntityKind, EntityMention, EntityRef } from "@/lib/types";
import {
  caseMatches,
  loadKnowledgeBase,
  matchTokens,
  type ContextWord,
  type KnowledgeBase,
  type MatchToken,
  type Terminal,
  type TrieNode,
} from "./knowledge-base";
import { foldDiacritics } from "@/lib/text/fold";
import {
  ENGLISH_MONTH_ABBREVIATIONS,
  ENGLISH_MONTH_NAMES,
  ENGLISH_WEEKDAY_ABBREVIATIONS,
  ENGLISH_WEEKDAYS,
} from "@/lib/text/calendar";

/** Tokens on each side of an ambiguous name in which a context word must appear. */
const CONTEXT_WINDOW_TOKENS = 80;

export interface TagOptions {
  language?: string;
  /** The article's title: its words count as context for every mention. */
  title?: string | null;
  kb?: KnowledgeBase;
}

interface Candidate {
  terminal: Terminal;
  first: number;
  last: number;
}

function edgeKey(token: MatchToken, first: boolean): string {
  return !first && token.spaceBefore ? ` ${token.key}` : token.key;
}

function caseOk(terminal: Terminal, tokens: MatchToken[], first: number): boolean {
  for (let k = 0; k < terminal.cases.length; k++) {
    if (!caseMatches(terminal.cases[k], terminal.raw[k], tokens[first + k].raw)) return false;
  }
  return true;
}

/** A Hangul syllable or jamo token (matchTokens makes each one its own token). */
function isHangul(token: MatchToken | undefined): boolean {
  if (!token || token.raw.length !== 1) return false;
  const code = token.raw.charCodeAt(0);
  return (
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0x1100 && code <= 0x11ff) ||
    (code >= 0x3130 && code <= 0x318f)
  );
}

// Korean glues case particles, topic and plural markers and the copula to the noun they follow
// ("딥시크는", "오픈AI를", "미국의"). A name followed by glued Hangul matches only when all of it
// is a chain of these ("와의", "에서는", "측은"); anything else makes a longer word
// ("메타버스" is not Meta, "미국인" is an American).
const KOREAN_PARTICLES = new Set([
  "이",
  "가",
  "은",
  "는",
  "을",
  "를",
  "의",
  "에",
  "에서",
  "에게",
  "에게서",
  "한테",
  "께",
  "께서",
  "와",
  "과",
  "랑",
  "이랑",
  "하고",
  "로",
  "으로",
  "로서",
  "으로서",
  "로써",
  "으로써",
  "로부터",
  "으로부터",
  "부터",
  "까지",
  "도",
  "만",
  "뿐",
  "조차",
  "마저",
  "보다",
  "처럼",
  "만큼",
  "대로",
  "나",
  "이나",
  "엔",
  "에선",
  "에겐",
  "론",
  "으론",
  "선",
  "다",
  "이다",
  "였다",
  "이었다",
  "였고",
  "이었고",
  "이며",
  "며",
  "이고",
  "고",
  "라고",
  "이라고",
  "라는",
  "이라는",
  "란",
  "이란",
  "라며",
  "이라며",
  "측",
  "들",
  "등",
  "사",
]);
const KOREAN_PARTICLE_MAX = 4;
/** Glued Hangul after a name longer than this is a word of its own, whatever it ends with. */
const KOREAN_TAIL_MAX = 6;

function isParticleChain(tail: string): boolean {
  // reachable[k]: tail.slice(0, k) is a chain of particles.
  const reachable = new Array<boolean>(tail.length + 1).fill(false);
  reachable[0] = true;
  for (let k = 0; k < tail.length; k++) {
    if (!reachable[k]) continue;
    for (let len = 1; len <= KOREAN_PARTICLE_MAX && k + len <= tail.length; len++) {
      if (KOREAN_PARTICLES.has(tail.slice(k, k + len))) reachable[k + len] = true;
    }
  }
  return reachable[tail.length];
}

/**
 * A match must not stop in the middle of a number ("GPT-4" inside "GPT-4.5"), nor before glued
 * Hangul that is not a particle chain. Han and kana need no boundary: Chinese and Japanese do not
 * space words, so "深度求索称" and "OpenAI指控" hold the names they start with.
 */
function endsCleanly(tokens: MatchToken[], last: number): boolean {
  const next = tokens[last + 1];
  if (!next || next.spaceBefore) return true;
  const afterNext = tokens[last + 2];
  if (
    (next.key === "." || next.key === ",") &&
    /\d$/u.test(tokens[last].raw) &&
    afterNext &&
    !afterNext.spaceBefore &&
    /^\d/u.test(afterNext.raw)
  ) {
    return false;
  }
  if (isHangul(next)) {
    let tail = "";
    for (
      let k = last + 1;
      k < tokens.length && isHangul(tokens[k]) && (k === last + 1 || !tokens[k].spaceBefore);
      k++
    ) {
      if (tail.length === KOREAN_TAIL_MAX) return false;
      tail += tokens[k].raw;
    }
    return isParticleChain(tail);
  }
  return true;
}

function startsCleanly(tokens: MatchToken[], first: number): boolean {
  const previous = tokens[first - 1];
  const token = tokens[first];
  if (!previous || token.spaceBefore) return true;
  // Korean spaces its words: a name starts a word, not the middle of one ("카카오" is not inside "아카카오").
  if (isHangul(token) && isHangul(previous)) return false;
  // "chat.deepseek.com", "user@OpenAI": a name glued after a dot or @ is part of a host or handle.
  return !(
    previous.key === "@" ||
    previous.key === "/" ||
    (previous.key === "." && tokens[first - 2] && !previous.spaceBefore && tokens[first - 2].isWord)
  );
}

class ContextIndex {
  private readonly lower: string[];
  private readonly titleLower: Set<string>;
  private readonly titleRaw: Set<string>;
  private allLower: Set<string> | null = null;
  private allRaw: Set<string> | null = null;

  constructor(
    private readonly tokens: MatchToken[],
    title: string | null | undefined,
  ) {
    this.lower = tokens.map((t) => t.key);
    const titleTokens = title ? matchTokens(title) : [];
    this.titleLower = new Set(titleTokens.map((t) => t.key));
    this.titleRaw = new Set(titleTokens.map((t) => t.raw));
  }

  satisfied(words: ContextWord[], first: number, last: number): boolean {
    const from = Math.max(0, first - CONTEXT_WINDOW_TOKENS);
    const to = Math.min(this.tokens.length, last + 1 + CONTEXT_WINDOW_TOKENS);
    for (const word of words) {
      if (word.tokens.every((token) => this.inWindow(token, word.exact, from, to, first, last)))
        return true;
    }
    return false;
  }

  /** How many distinct context words occur anywhere in the text or the title. */
  countAnywhere(words: ContextWord[]): number {
    if (words.length === 0) return 0;
    if (!this.allLower) {
      this.allLower = new Set(this.lower);
      this.allRaw = new Set(this.tokens.map((t) => t.raw));
    }
    const lower = this.allLower;
    const raw = this.allRaw!;
    let count = 0;
    for (const word of words) {
      if (
        word.tokens.length > 0 &&
        word.tokens.every((token) =>
          word.exact
            ? raw.has(token) || this.titleRaw.has(token)
            : lower.has(token) || this.titleLower.has(token),
        )
      )
        count++;
    }
    return count;
  }

  private inWindow(
    token: string,
    exact: boolean,
    from: number,
    to: number,
    first: number,
    last: number,
  ): boolean {
    if (exact ? this.titleRaw.has(token) : this.titleLower.has(token)) return true;
    for (let i = from; i < to; i++) {
      if (i >= first && i <= last) continue;
      if (exact ? this.tokens[i].raw === token : this.lower[i] === token) return true;
    }
    return false;
  }
}

function mentionOf(
  kb: KnowledgeBase,
  text: string,
  tokens: MatchToken[],
  candidate: Candidate,
): EntityMention {
  const entity = kb.entities[candidate.terminal.entity];
  const start = tokens[candidate.first].start;
  const end = tokens[candidate.last].end;
  return {
    name: entity.name,
    slug: entity.slug,
    kind: entity.kind,
    start,
    end,
    surface: text.slice(start, end),
    verified: true,
  };
}

const CJK_AROUND =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}、。「」『』（）・]/u;

/**
 * A capitalised Latin name written against Chinese, Japanese or Korean text ("のPerplexityを",
 * "、Moonshot、") is a name: the common English word it could be is not written there.
 */
function capitalisedAmidCjk(
  text: string,
  tokens: MatchToken[],
  first: number,
  last: number,
): boolean {
  const start = tokens[first].start;
  const end = tokens[last].end;
  if (!/^\p{Lu}/u.test(text[start] ?? "")) return false;
  return CJK_AROUND.test(text[start - 1] ?? "") || CJK_AROUND.test(text[end] ?? "");
}

/** Context words of an article's field, found anywhere in it, that accept an ambiguous name. */
const DOCUMENT_CONTEXT_MIN = 3;

// Words and marks that list names together ("xAI and X", "xAI和X", "xAIとX", "xAI와 X", "xAI, X").
const LIST_JOINERS = new Set([
  ",",
  "、",
  "・",
  "&",
  "/",
  "and",
  "or",
  "und",
  "oder",
  "et",
  "ou",
  "y",
  "e",
  "o",
  "và",
  "hoặc",
  "и",
  "和",
  "与",
  "與",
  "及",
  "跟",
  "或",
  "と",
  "や",
  "및",
  "와",
  "과",
]);

/** Whether two accepted mentions stand next to each other in a list, one joiner apart at most. */
function listedTogether(tokens: MatchToken[], a: Candidate, b: Candidate): boolean {
  const [left, right] = a.first < b.first ? [a, b] : [b, a];
  const gap = right.first - left.last - 1;
  if (gap === 1) return LIST_JOINERS.has(tokens[left.last + 1].key);
  return (
    gap === 2 && tokens[left.last + 1].key === "," && LIST_JOINERS.has(tokens[left.last + 2].key)
  );
}

/**
 * Settles the names the first pass left pending, at the level of the whole article:
 * - an ambiguous name stands when the article is in its entity's field: the entity itself is
 *   tagged elsewhere by a name that needs no context (or one confirmed by context), an entity its
 *   context words name is tagged anywhere (in any of its languages' names), or several of its
 *   context words occur anywhere in the article or the headline;
 * - a short form stands after a full mention of its entity earlier in the article;
 * - a listed name stands when listed together with a tagged related entity ("xAI and X").
 * Accepting one name can settle another (Apple accepted puts Amazon's article in its field), so
 * this runs until nothing changes.
 */
function resolvePending(
  kb: KnowledgeBase,
  tokens: MatchToken[],
  context: ContextIndex,
  accepted: Candidate[],
  pending: Candidate[],
): void {
  const taken = new Set<number>();
  for (const a of accepted) for (let k = a.first; k <= a.last; k++) taken.add(k);
  const verified = new Set(accepted.map((a) => a.terminal.entity));
  const documentField = new Map<number, boolean>();
  const inField = (entity: number): boolean => {
    if (verified.has(entity)) return true;
    if (kb.contextEntities[entity]?.some((other) => verified.has(other))) return true;
    let known = documentField.get(entity);
    if (known === undefined) {
      known = context.countAnywhere(kb.contexts[entity] ?? []) >= DOCUMENT_CONTEXT_MIN;
      documentField.set(entity, known);
    }
    return known;
  };
  const related = (a: number, b: number): boolean =>
    (kb.entities[a].related ?? []).includes(kb.entities[b].slug) ||
    (kb.entities[b].related ?? []).includes(kb.entities[a].slug);
  const accepts = (p: Candidate): boolean => {
    const entity = p.terminal.entity;
    switch (p.terminal.rule) {
      case "short":
        return accepted.some(
          (a) => a.terminal.entity === entity && a.terminal.rule !== "short" && a.last < p.first,
        );
      case "listed":
        return accepted.some(
          (a) => related(a.terminal.entity, entity) && listedTogether(tokens, a, p),
        );
      default:
        return inField(entity);
    }
  };
  let remaining = pending;
  for (let changed = true; changed && remaining.length > 0;) {
    changed = false;
    const next: Candidate[] = [];
    for (const p of remaining) {
      let free = true;
      for (let k = p.first; k <= p.last && free; k++) free = !taken.has(k);
      if (!free) continue;
      if (!accepts(p)) {
        next.push(p);
        continue;
      }
      accepted.push(p);
      for (let k = p.first; k <= p.last; k++) taken.add(k);
      if (!verified.has(p.terminal.entity)) {
        verified.add(p.terminal.entity);
        documentField.clear();
      }
      changed = true;
    }
    remaining = next;
  }
  accepted.sort((a, b) => a.first - b.first);
}

const OPENING_BRACKETS = new Set(["(", "（"]);
const CLOSING_BRACKETS = new Set([")", "）"]);

/**
 * A list member written as a name and another name of the same entity in brackets
 * ("深度求索（DeepSeek）、月之暗面和MiniMax", "DeepSeek (深度求索), Moonshot and MiniMax") is one
 * mention spanning both, so the bracket does not end the list. Elsewhere the two stay apart.
 */
function joinBracketedAliases(tokens: MatchToken[], accepted: Candidate[]): void {
  for (let k = 0; k + 1 < accepted.length; k++) {
    const name = accepted[k];
    const alias = accepted[k + 1];
    if (
      alias.terminal.entity === name.terminal.entity &&
      alias.first === name.last + 2 &&
      OPENING_BRACKETS.has(tokens[name.last + 1].key) &&
      CLOSING_BRACKETS.has(tokens[alias.last + 1]?.key ?? "") &&
      LIST_JOINERS.has(tokens[alias.last + 2]?.key ?? "")
    ) {
      accepted[k] = { ...name, last: alias.last + 1 };
      accepted.splice(k + 1, 1);
    }
  }
}

/** Knowledge-base mentions only (no candidates). */
function tagKnown(
  text: string,
  tokens: MatchToken[],
  kb: KnowledgeBase,
  title: string | null | undefined,
): EntityMention[] {
  const context = new ContextIndex(tokens, title);
  const accepted: Candidate[] = [];
  const pending: Candidate[] = [];
  const verifiedEntities = new Set<number>();

  let i = 0;
  while (i < tokens.length) {
    if (!startsCleanly(tokens, i)) {
      i++;
      continue;
    }
    // Walk the trie as far as the text allows, remembering every node that ends an alias.
    const ends: Array<{ last: number; terminals: Terminal[] }> = [];
    let node: TrieNode | undefined = kb.root;
    for (let j = i; j < tokens.length; j++) {
      node = node.children.get(edgeKey(tokens[j], j === i));
      if (!node) break;
      if (node.terminals) ends.push({ last: j, terminals: node.terminals });
    }
    let chosen: Candidate | null = null;
    let blocked = -1;
    for (let e = ends.length - 1; e >= 0 && !chosen && blocked < 0; e--) {
      const { last, terminals } = ends[e];
      if (!endsCleanly(tokens, last)) continue;
      for (const terminal of terminals) {
        if (!caseOk(terminal, tokens, i)) continue;
        if (terminal.entity < 0) {
          blocked = last;
          break;
        }
        const candidate = { terminal, first: i, last };
        if (terminal.rule === "short" || terminal.rule === "listed") {
          pending.push(candidate);
          continue;
        }
        const words = kb.contexts[terminal.entity];
        if (
          terminal.ambiguous &&
          words &&
          !verifiedEntities.has(terminal.entity) &&
          !context.satisfied(words, i, last) &&
          !capitalisedAmidCjk(text, tokens, i, last)
        ) {
          pending.push(candidate);
          continue;
        }
        chosen = candidate;
        break;
      }
    }
    if (blocked >= 0) {
      i = blocked + 1;
    } else if (chosen) {
      accepted.push(chosen);
      verifiedEntities.add(chosen.terminal.entity);
      i = chosen.last + 1;
    } else {
      i++;
    }
  }

  if (pending.length > 0) resolvePending(kb, tokens, context, accepted, pending);
  joinBracketedAliases(tokens, accepted);
  return accepted.map((candidate) => mentionOf(kb, text, tokens, candidate));
}

/**
 * Tags every knowledge-base entity in `text`, plus candidate names not in the knowledge base
 * (verified: false). Mentions are sorted by start and never overlap: at each point the longest
 * alias that passes its case and context rules wins.
 */
export function tagEntities(text: string, options: TagOptions = {}): EntityMention[] {
  const kb = options.kb ?? loadKnowledgeBase();
  const tokens = matchTokens(text);
  const known = tagKnown(text, tokens, kb, options.title);
  const candidates = discoverInTokens(text, tokens, known, options.language);
  if (candidates.length === 0) return known;
  return [...known, ...candidates].sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// Candidate discovery

const STOP_WORDS = new Set([
  // English function words and common sentence openers, capitalised in titles.
  "the",
  "a",
  "an",
  "this",
  "that",
  "these",
  "those",
  "it",
  "its",
  "he",
  "she",
  "they",
  "we",
  "i",
  "you",
  "his",
  "her",
  "their",
  "our",
  "my",
  "your",
  "in",
  "on",
  "at",
  "for",
  "of",
  "to",
  "from",
  "by",
  "with",
  "and",
  "or",
  "but",
  "if",
  "when",
  "while",
  "as",
  "after",
  "before",
  "since",
  "during",
  "under",
  "over",
  "however",
  "meanwhile",
  "according",
  "also",
  "still",
  "some",
  "many",
  "most",
  "all",
  "both",
  "one",
  "two",
  "three",
  "last",
  "next",
  "earlier",
  "later",
  "now",
  "then",
  "there",
  "here",
  "what",
  "why",
  "how",
  "who",
  "which",
  "where",
  "yes",
  "no",
  "not",
  "so",
  "yet",
  "just",
  "even",
  "only",
  "read",
  "more",
  "see",
  "click",
  "share",
  "subscribe",
  "sign",
  "advertisement",
  "photo",
  "image",
  "video",
  "related",
  "update",
  "updated",
  "editor",
  "note",
  "source",
  "sources",
  "breaking",
  "news",
  "mr",
  "ms",
  "mrs",
  "dr",
  "prof",
  "ceo",
  "cto",
  "cfo",
  "president",
  "chief",
  "executive",
  "minister",
  "secretary",
  "senator",
  "judge",
  "justice",
  "founder",
  "chairman",
  "director",
  "professor",
  "north",
  "south",
  "east",
  "west",
  "federal",
  "national",
  "international",
  "global",
  "chinese",
  "american",
  "european",
  "british",
  "french",
  "german",
  "japanese",
  "korean",
  "indian",
  "russian",
  "congress",
  "senate",
  "government",
  "court",
  "department",
  "ministry",
  "internet",
  "web",
  "online",
  "today",
  "yesterday",
  "tomorrow",
  "week",
  "month",
  "year",
  "morning",
  "evening",
  "night",
  // Vietnamese function words and sentence openers.
  "theo",
  "các",
  "những",
  "ông",
  "bà",
  "anh",
  "chị",
  "em",
  "cô",
  "chú",
  "đây",
  "đó",
  "điều",
  "nhưng",
  "hiện",
  "khi",
  "nếu",
  "tuy",
  "trong",
  "sau",
  "trước",
  "ngoài",
  "vì",
  "do",
  "tại",
  "với",
  "còn",
  "cũng",
  "này",
  "bên",
  "không",
  "đến",
  "từ",
  "năm",
  "hôm",
  "việc",
  "thế",
  "vậy",
  "tôi",
  "chúng",
  "họ",
  "một",
  "là",
  "có",
  "cho",
  "và",
  "của",
  "để",
  "được",
  "bị",
  "đã",
  "sẽ",
  "đang",
  "mới",
  "rất",
  "quan",
  "trọng",
  "hơn",
  "nữa",
  "nhiều",
  "công",
  "ty",
  "tập",
  "đoàn",
  "hãng",
  "báo",
  "nhà",
  "người",
  "đăng",
  "lúc",
  "ngày",
  "tháng",
  "thứ",
  "chủ",
  "nhật",
  "giờ",
  "phút",
  "xem",
  "thêm",
  "tin",
  "liên",
  "quan",
  "ảnh",
  "nguồn",
  "khóa",
  "khoá",
  "học",
  "nhấn",
  "vào",
  "bắt",
  "đầu",
  "gửi",
  "thông",
  "tin",
]);

const MONTHS_AND_DAYS = new Set([
  ...ENGLISH_MONTH_NAMES,
  ...ENGLISH_MONTH_ABBREVIATIONS,
  ...ENGLISH_WEEKDAYS,
  ...ENGLISH_WEEKDAY_ABBREVIATIONS,
]);

// Acronyms of the trade that are never an entity by themselves.
const COMMON_ACRONYMS = new Set([
  "AI",
  "API",
  "APIs",
  "CEO",
  "CTO",
  "CFO",
  "COO",
  "GPU",
  "GPUs",
  "CPU",
  "LLM",
  "LLMs",
  "IPO",
  "USD",
  "VND",
  "EUR",
  "IT",
  "IP",
  "TV",
  "PC",
  "OK",
  "PR",
  "HR",
  "R&D",
  "UI",
  "UX",
  "URL",
  "PDF",
  "FAQ",
  "AGI",
  "ML",
  "NLP",
  "SaaS",
  "CNTT",
  "TP",
  "HCM",
  "TPHCM",
  "GMT",
  "UTC",
  "ET",
  "PT",
  "AM",
  "PM",
  "Q&A",
]);

const PERSON_CUES = new Set([
  "mr",
  "ms",
  "mrs",
  "dr",
  "prof",
  "ceo",
  "founder",
  "co-founder",
  "cofounder",
  "president",
  "chairman",
  "chairwoman",
  "judge",
  "senator",
  "minister",
  "secretary",
  "adviser",
  "advisor",
  "spokesperson",
  "spokesman",
  "spokeswoman",
  "analyst",
  "researcher",
  "director",
  "professor",
  "executive",
  "lawyer",
  "attorney",
  "rep",
  "sen",
  "gov",
  "ông",
  "bà",
  "anh",
  "chị",
  "tiến sĩ",
  "giáo sư",
  "luật sư",
]);
const PERSON_CUE_PHRASES = [
  "giám đốc",
  "nhà sáng lập",
  "chủ tịch",
  "thẩm phán",
  "bộ trưởng",
  "cố vấn",
  "người sáng lập",
  "phát ngôn viên",
];

const TITLE_ABBREVIATIONS = new Set([
  "mr",
  "ms",
  "mrs",
  "dr",
  "prof",
  "sen",
  "rep",
  "gov",
  "gen",
  "st",
]);

const COMPANY_SUFFIXES = new Set([
  "inc",
  "corp",
  "corporation",
  "ltd",
  "llc",
  "plc",
  "labs",
  "lab",
  "ai",
  "technologies",
  "technology",
  "group",
  "gmbh",
  "co",
  "holdings",
  "systems",
  "robotics",
  "software",
  "networks",
  "semiconductor",
  "computing",
  "jsc",
]);
const COMPANY_CUES = [
  "startup",
  "start-up",
  "company",
  "firm",
  "công ty",
  "tập đoàn",
  "hãng",
  "startup",
];

// Lower-case words that may sit inside a name: particles always ("Ursula von der Leyen"),
// connectors only in institution names ("Center for AI Safety", "Bureau of Industry and Security").
const NAME_PARTICLES = new Set([
  "de",
  "van",
  "von",
  "der",
  "bin",
  "al",
  "la",
  "le",
  "du",
  "da",
  "di",
]);
const CONNECTORS = new Set(["of", "for", "and", "&", "on", "the", ...NAME_PARTICLES]);

const OPENING_PUNCTUATION = new Set([
  ".",
  "!",
  "?",
  "…",
  ":",
  ";",
  '"',
  "“",
  "'",
  "‘",
  "(",
  "[",
  "«",
  "-",
  "–",
  "—",
  "•",
  "|",
  "/",
]);

function isCapitalised(token: MatchToken): boolean {
  if (!token.isWord) return false;
  const first = token.raw[0];
  if (first !== first.toLowerCase() && first === first.toUpperCase()) return true;
  // camelCase names with a capital inside ("xAI", "iFlytek").
  return /^\p{Ll}+\p{Lu}/u.test(token.raw) && token.raw.length >= 3;
}

function isInitialPosition(text: string, tokens: MatchToken[], index: number): boolean {
  if (index === 0) return true;
  const previous = tokens[index - 1];
  if (text.slice(previous.end, tokens[index].start).includes("\n")) return true;
  return !previous.isWord && OPENING_PUNCTUATION.has(previous.key);
}

function isCamel(raw: string): boolean {
  return /\p{Ll}\p{Lu}/u.test(raw) || /^\p{Lu}{2,}\p{Ll}{2,}/u.test(raw);
}

function isAllCapsAcronym(raw: string): boolean {
  return raw.length >= 2 && raw === raw.toUpperCase() && /\p{Lu}/u.test(raw);
}

/** Runs of capitalised words, joined by single spaces (and lower-case connectors between them). */
function capitalisedRuns(
  text: string,
  tokens: MatchToken[],
  taken: Uint8Array,
): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let i = 0;
  while (i < tokens.length) {
    if (taken[i] || !isCapitalised(tokens[i])) {
      i++;
      continue;
    }
    let last = i;
    let j = i + 1;
    while (j < tokens.length && !taken[j]) {
      // "Tsai Ing-wen", "Jean-Claude": a hyphen glued on both sides continues the name.
      if (
        tokens[j].key === "-" &&
        !tokens[j].spaceBefore &&
        j + 1 < tokens.length &&
        !taken[j + 1] &&
        tokens[j + 1].isWord &&
        !tokens[j + 1].spaceBefore &&
        j - 1 === last
      ) {
        last = j + 1;
        j += 2;
        continue;
      }
      const gap = text.slice(tokens[j - 1].end, tokens[j].start);
      if (gap !== " ") break;
      if (isCapitalised(tokens[j])) {
        last = j;
        j++;
        continue;
      }
      const joins =
        NAME_PARTICLES.has(tokens[j].key) ||
        (CONNECTORS.has(tokens[j].key) &&
          tokens.slice(i, j).some((t) => INSTITUTION_WORDS.has(t.key)));
      if (
        joins &&
        j + 1 < tokens.length &&
        !taken[j + 1] &&
        isCapitalised(tokens[j + 1]) &&
        text.slice(tokens[j].end, tokens[j + 1].start) === " "
      ) {
        last = j + 1;
        j += 2;
        continue;
      }
      break;
    }
    runs.push([i, last]);
    i = last + 1;
  }
  return runs;
}

function isNoise(token: MatchToken): boolean {
  return (
    STOP_WORDS.has(token.key) ||
    MONTHS_AND_DAYS.has(token.key) ||
    COMMON_ACRONYMS.has(token.raw) ||
    /^\d/u.test(token.raw)
  );
}

interface Occurrence {
  first: number;
  last: number;
  initial: boolean;
  personCue: boolean;
  companyCue: boolean;
}

function precedingWords(tokens: MatchToken[], index: number, count: number): string {
  const words: string[] = [];
  for (let k = index - 1; k >= 0 && words.length < count; k--) {
    if (!tokens[k].isWord) {
      if (tokens[k].key === ",") continue;
      // "Mr. Pell": a full stop after a title abbreviation is not a sentence end.
      if (tokens[k].key === "." && k > 0 && TITLE_ABBREVIATIONS.has(tokens[k - 1].key)) continue;
      break;
    }
    words.unshift(tokens[k].key);
  }
  return words.join(" ");
}

function hasPersonCue(tokens: MatchToken[], first: number): boolean {
  const before = precedingWords(tokens, first, 3);
  const lastWord = before.split(" ").pop() ?? "";
  if (PERSON_CUES.has(lastWord)) return true;
  return (
    PERSON_CUE_PHRASES.some((phrase) => before.endsWith(phrase)) ||
    [...PERSON_CUES].some((cue) => cue.includes(" ") && before.endsWith(cue))
  );
}

function hasCompanyCue(tokens: MatchToken[], first: number, last: number): boolean {
  if (last > first && COMPANY_SUFFIXES.has(tokens[last].key)) return true;
  const next = tokens[last + 1];
  if (
    next &&
    next.spaceBefore &&
    COMPANY_SUFFIXES.has(next.key) &&
    next.key !== "ai" &&
    next.isWord &&
    isCapitalised(next)
  )
    return true;
  const before = precedingWords(tokens, first, 2);
  return COMPANY_CUES.some((cue) => before.endsWith(cue));
}

const INSTITUTION_WORDS = new Set([
  "bureau",
  "department",
  "ministry",
  "university",
  "institute",
  "center",
  "centre",
  "court",
  "office",
  "bank",
  "association",
  "council",
  "commission",
  "committee",
  "board",
  "school",
  "college",
  "academy",
  "league",
  "federation",
  "union",
  "house",
  "museum",
  "republic",
  "kingdom",
  "state",
  "states",
  "secretary",
  "agency",
  "authority",
  "foundation",
  "alliance",
  "coalition",
  "society",
  "guild",
  "chamber",
]);

/** A word of the name, matched whole in lower case (JS \b does not know Vietnamese letters). */
function hasWord(lower: string, words: string[]): boolean {
  return words.some((word) => new RegExp(`(?:^|[^\\p{L}])${word}(?:$|[^\\p{L}])`, "u").test(lower));
}

/**
 * News style names a person in full once, then by surname ("Jonah Pell ... Pell said"): a run's
 * last word standing alone elsewhere is the best cue we have for a person without a title.
 */
function surnameReferenced(
  tokens: MatchToken[],
  taken: Uint8Array,
  occurrences: Occurrence[],
): boolean {
  const surname = tokens[occurrences[0].last].raw;
  const inside = new Set<number>();
  for (const o of occurrences) for (let k = o.first; k <= o.last; k++) inside.add(k);
  for (let k = 0; k < tokens.length; k++) {
    if (inside.has(k) || taken[k] || tokens[k].raw !== surname) continue;
    const before = tokens[k - 1];
    const after = tokens[k + 1];
    // Standalone: not glued to a neighbour, and not part of another capitalised run.
    const gluedBefore = before && !tokens[k].spaceBefore && before.isWord;
    const runBefore =
      before &&
      tokens[k].spaceBefore &&
      isCapitalised(before) &&
      !isInitialPositionToken(tokens, k - 1);
    const runAfter = after && after.spaceBefore && isCapitalised(after);
    if (!gluedBefore && !runBefore && !runAfter) return true;
  }
  return false;
}

function isInitialPositionToken(tokens: MatchToken[], index: number): boolean {
  const previous = tokens[index - 1];
  return !previous || (!previous.isWord && OPENING_PUNCTUATION.has(previous.key));
}

function guessKind(
  name: string,
  occurrences: Occurrence[],
  tokenCount: number,
  surnameAlone: boolean,
): EntityKind {
  const lower = name.normalize("NFC").toLowerCase();
  if (hasWord(lower, ["court", "tòa án", "toà án", "tribunal"])) return "court";
  if (
    hasWord(lower, [
      "department",
      "ministry",
      "commission",
      "agency",
      "bureau",
      "committee",
      "authority",
      "office",
      "regulator",
      "bộ",
      "ủy ban",
      "uỷ ban",
    ])
  )
    return "government";
  if (
    hasWord(lower, [
      "times",
      "news",
      "post",
      "journal",
      "herald",
      "tribune",
      "press",
      "gazette",
      "báo",
    ])
  )
    return "media";
  if (occurrences.some((o) => o.companyCue)) return "company";
  if (occurrences.some((o) => o.personCue)) return "person";
  if (
    surnameAlone &&
    tokenCount >= 2 &&
    tokenCount <= 4 &&
    !/\d/u.test(name) &&
    !name
      .split(" ")
      .some((w) => isAllCapsAcronym(w) || isCamel(w) || INSTITUTION_WORDS.has(w.toLowerCase()))
  )
    return "person";
  return "other";
}

function slugOf(name: string): string {
  return foldDiacritics(name)
    .replace(/[^a-z0-9]+/gu, "-")
    .replace(/^-+|-+$/gu, "");
}

function discoverInTokens(
  text: string,
  tokens: MatchToken[],
  known: EntityMention[],
  language?: string,
): EntityMention[] {
  void language;
  const taken = new Uint8Array(tokens.length);
  let k = 0;
  for (const mention of known) {
    while (k < tokens.length && tokens[k].end <= mention.start) k++;
    for (let t = k; t < tokens.length && tokens[t].start < mention.end; t++) taken[t] = 1;
  }

  const groups = new Map<
    string,
    { surfaces: Map<string, number>; occurrences: Occurrence[]; tokenCount: number }
  >();
  for (const [runFirst, runLast] of capitalisedRuns(text, tokens, taken)) {
    let first = runFirst;
    let last = runLast;
    const initial = isInitialPosition(text, tokens, runFirst);
    while (first <= last && (isNoise(tokens[first]) || CONNECTORS.has(tokens[first].key))) first++;
    while (last >= first && (isNoise(tokens[last]) || CONNECTORS.has(tokens[last].key))) last--;
    if (first > last) continue;
    // Noise inside the run (a month, a weekday) means it is not one name.
    let broken = false;
    for (let t = first; t <= last; t++)
      if (MONTHS_AND_DAYS.has(tokens[t].key) || COMMON_ACRONYMS.has(tokens[t].raw)) broken = true;
    if (broken && !(COMMON_ACRONYMS.has(tokens[last].raw) && tokens[last].raw === "AI")) continue;
    const wordCount = tokens
      .slice(first, last + 1)
      .filter((t) => t.isWord && !CONNECTORS.has(t.key)).length;
    const name = text.slice(tokens[first].start, tokens[last].end);
    const key = foldDiacritics(name);
    const occurrence: Occurrence = {
      first,
      last,
      initial: initial && first === runFirst,
      personCue: hasPersonCue(tokens, first),
      companyCue: hasCompanyCue(tokens, first, last),
    };
    const words = tokens.slice(first, last + 1).filter((t) => t.isWord && !CONNECTORS.has(t.key));
    // Shouting ("HD THE HOME DEPOT INC") is a ticker line or a heading, not a name.
    if (words.length > 1 && words.every((t) => isAllCapsAcronym(t.raw))) continue;
    if (wordCount === 1 && isAllCapsAcronym(tokens[first].raw) && !occurrence.companyCue) continue;
    let group = groups.get(key);
    if (!group) {
      group = { surfaces: new Map(), occurrences: [], tokenCount: wordCount };
      groups.set(key, group);
    }
    group.occurrences.push(occurrence);
    group.surfaces.set(name, (group.surfaces.get(name) ?? 0) + 1);
  }

  const mentions: EntityMention[] = [];
  for (const group of groups.values()) {
    const { occurrences, tokenCount } = group;
    const firstRaw = tokens[occurrences[0].first].raw;
    const cue = occurrences.some(
      (o) =>
        (o.personCue && tokenCount >= 2) ||
        (o.companyCue && (tokenCount >= 2 || isCamel(firstRaw) || isAllCapsAcronym(firstRaw))),
    );
    const nonInitial = occurrences.filter((o) => !o.initial).length;
    const singleCamel = tokenCount === 1 && isCamel(firstRaw);
    const repeated =
      occurrences.length >= 2 &&
      ((tokenCount >= 2 && nonInitial >= 1) || (singleCamel && nonInitial >= 1));
    if (!cue && !repeated) continue;
    const name = [...group.surfaces.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const kind = guessKind(
      name,
      occurrences,
      tokenCount,
      surnameReferenced(tokens, taken, occurrences),
    );
    const slug = slugOf(name);
    if (!slug) continue;
    for (const o of occurrences) {
      const start = tokens[o.first].start;
      const end = tokens[o.last].end;
      mentions.push({
        name,
        slug,
        kind,
        start,
        end,
        surface: text.slice(start, end),
        verified: false,
      });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/**
 * New names in `text` that are not in the knowledge base, as unverified mentions. Conservative on
 * purpose: a capitalised run becomes a candidate only with a strong cue (a title such as "Mr."/"CEO"/
 * "ông" before a two-word name, or a company suffix such as "Inc."/"Labs"/"AI") or when it recurs
 * (two words or a camelCase name, at least once away from a sentence start). Sentence-initial
 * words, months, weekdays and common words are dropped. `known` are the mentions already tagged;
 * candidates never overlap them.
 */
export function discoverCandidates(
  text: string,
  known: EntityMention[],
  language?: string,
): EntityMention[] {
  const sortedKnown = [...known].sort((a, b) => a.start - b.start);
  return discoverInTokens(text, matchTokens(text), sortedKnown, language);
}

/** The distinct entities of a list of mentions, in order of first mention. */
export function uniqueEntities(mentions: EntityMention[]): EntityRef[] {
  const seen = new Set<string>();
  const entities: EntityRef[] = [];
  const ordered = [...mentions].sort((a, b) => a.start - b.start);
  for (const mention of ordered) {
    if (seen.has(mention.slug)) continue;
    seen.add(mention.slug);
    entities.push({ name: mention.name, slug: mention.slug, kind: mention.kind });
  }
  return entities;
}
