/**
 * The curated knowledge base of entities that matter in AI disputes, and the matcher built from it.
 *
 * Data lives in knowledge/entities/*.json (one file per kind, editable by hand) and
 * knowledge/not-entities.json (phrases that look like an alias but are not one: "Mỹ phẩm",
 * "Apple pie"). Aliases are compiled once into a token trie, so tagging walks each text once
 * whatever the size of the knowledge base.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { ENTITY_KINDS, type EntityKind } from "@/lib/types";

/** One curated entity. */
export interface KbEntity {
  slug: string;
  name: string;
  kind: EntityKind;
  /** Other names it goes by, across languages ("Deep Seek", "Trung Quốc"). The name is matched too. */
  aliases: string[];
  description?: string;
  /** Slugs of related entities (a model's maker, a person's company). */
  related?: string[];
  /** Match every alias with exact case ("xAI", "Meta"). Acronyms of capitals are always exact. */
  caseSensitive?: boolean;
  /** Words that must be near an ambiguous name ("R1" needs "DeepSeek"; "Apple" needs "iPhone", "AI"...). */
  context?: string[];
  /**
   * The names that need `context`. When absent and `context` is given, every name needs it; when
   * present, the other names ("DeepSeek-R1") match freely.
   */
  ambiguousAliases?: string[];
  /**
   * Short forms valid only after a full mention of the entity earlier in the same article ("the
   * Times" after The New York Times, "Stability" after Stability AI). Matched with an initial capital.
   */
  shortForms?: string[];
  /**
   * Names valid only when listed together with a related entity (`related`), joined by a
   * conjunction or list punctuation: "X" in "xAI and X", "xAI和X", "xAIとX".
   */
  listedAliases?: string[];
}

/** How a name of an entity may be accepted. */
export type AliasRule = "free" | "ambiguous" | "short" | "listed";

/** Case rule of one word of an alias. */
type CaseRule = "any" | "initial-upper" | "exact";

/** One way an alias can end at a trie node. */
interface Terminal {
  /** Index into entities, or -1 for a not-an-entity phrase. */
  entity: number;
  surface: string;
  /** Per token of the alias. */
  cases: CaseRule[];
  raw: string[];
  ambiguous: boolean;
  /** Short forms and listed names: see `KbEntity.shortForms` / `listedAliases`. */
  rule: AliasRule;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  terminals: Terminal[] | null;
}

/** A word or punctuation token of a text, as the matcher sees it. */
export interface MatchToken {
  /** As written. */
  raw: string;
  /** NFC, lower-cased, dashes and apostrophes unified. */
  key: string;
  start: number;
  end: number;
  /** Whitespace separates it from the previous token. */
  spaceBefore: boolean;
  isWord: boolean;
}

/** The loaded knowledge base. */
export interface KnowledgeBase {
  entities: KbEntity[];
  bySlug(slug: string): KbEntity | undefined;
  /** Context words per entity index, lower-cased tokens; acronyms kept exact. */
  contexts: Array<ContextWord[] | null>;
  /**
   * Per entity, the entities its context words name ("OpenAI" in Perplexity's context): one of
   * them tagged anywhere in an article puts the article in the entity's field.
   */
  contextEntities: Array<number[] | null>;
  root: TrieNode;
}

/** A context requirement: all its tokens must be in the window. */
export interface ContextWord {
  tokens: string[];
  exact: boolean;
}

// Han, kana and Hangul characters are tokens one by one (those scripts do not put spaces between
// words, or glue particles to them); a run of other letters, marks and digits is one token and stops
// where such a character starts ("OpenAI指控DeepSeek" is OpenAI 指 控 DeepSeek). The run's class is
// "not punctuation, symbol, separator or other", i.e. letters, marks and numbers, less those scripts.
// Script_Extensions takes in the kana length mark ー and the iteration marks, which are Common.
const TOKEN_PATTERN =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]|[^\p{P}\p{S}\p{Z}\p{C}\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]+|[^\s\p{L}\p{N}\p{M}]/gu;
const NON_ASCII = /[^\x00-\x7f]/u;

function tokenKey(raw: string): string {
  let key = NON_ASCII.test(raw) ? raw.normalize("NFC").toLowerCase() : raw.toLowerCase();
  if (key.length === 1) {
    if (key === "’" || key === "‘") key = "'";
    else if (key === "‐" || key === "‑" || key === "–" || key === "—") key = "-";
    else if (key === "·" || key === "•") key = "·";
  }
  return key;
}

/**
 * Splits a text into the matcher's tokens: runs of letters/marks/digits, single Han/kana
 * characters, and single punctuation characters, each with its offsets. Names with punctuation
 * (Character.AI, GPT-4o, U.S.) become token sequences, which is what makes word boundaries work
 * for them and for Vietnamese alike.
 */
export function matchTokens(text: string): MatchToken[] {
  const tokens: MatchToken[] = [];
  let previousEnd = -1;
  TOKEN_PATTERN.lastIndex = 0;
  for (let m = TOKEN_PATTERN.exec(text); m; m = TOKEN_PATTERN.exec(text)) {
    const raw = m[0];
    const start = m.index;
    const first = raw.charCodeAt(0);
    const isWord = raw.length > 1 || (first >= 0x30 && first <= 0x39) || /[\p{L}\p{N}]/u.test(raw);
    tokens.push({
      raw,
      key: tokenKey(raw),
      start,
      end: start + raw.length,
      spaceBefore: start > previousEnd && previousEnd >= 0,
      isWord,
    });
    previousEnd = start + raw.length;
  }
  return tokens;
}

function caseRuleFor(word: string, forceExact: boolean): CaseRule {
  if (!/\p{L}/u.test(word)) return "any";
  if (forceExact) return "exact";
  const letters = word.replace(/[^\p{L}]/gu, "");
  // Acronyms ("US", "EU", "FTC", "SEC") collide with ordinary words when lower-cased.
  if (letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase())
    return "exact";
  const first = word[0];
  return first !== first.toLowerCase() ? "initial-upper" : "any";
}

/** Whether a text token satisfies an alias token's case rule. */
export function caseMatches(rule: CaseRule, aliasRaw: string, textRaw: string): boolean {
  if (rule === "any") return true;
  if (rule === "exact") return aliasRaw.normalize("NFC") === textRaw.normalize("NFC");
  const first = textRaw[0];
  return first !== first.toLowerCase();
}

/** Alias spelling variants generated so the data files stay short: "GPT-4o" also as "GPT 4o". */
function variants(alias: string): string[] {
  const out = new Set([alias.trim()]);
  if (/[\p{L}\p{N}]-[\p{L}\p{N}]/u.test(alias))
    out.add(alias.replace(/([\p{L}\p{N}])-(?=[\p{L}\p{N}])/gu, "$1 "));
  return [...out].filter(Boolean);
}

function insert(
  root: TrieNode,
  alias: string,
  terminal: Omit<Terminal, "raw" | "cases" | "rule"> & { rule?: AliasRule },
  forceExact: boolean,
): void {
  const tokens = matchTokens(alias);
  if (tokens.length === 0) return;
  let node = root;
  tokens.forEach((token, index) => {
    const edge = index > 0 && token.spaceBefore ? ` ${token.key}` : token.key;
    let child = node.children.get(edge);
    if (!child) {
      child = { children: new Map(), terminals: null };
      node.children.set(edge, child);
    }
    node = child;
  });
  const full: Terminal = {
    ...terminal,
    rule: terminal.rule ?? (terminal.ambiguous ? "ambiguous" : "free"),
    raw: tokens.map((t) => t.raw),
    cases: tokens.map((t) => caseRuleFor(t.raw, forceExact)),
  };
  (node.terminals ??= []).push(full);
}

function compileContext(words: string[] | undefined): ContextWord[] | null {
  if (!words || words.length === 0) return null;
  return words.map((word) => {
    const tokens = matchTokens(word).filter((t) => t.isWord);
    const letters = word.replace(/[^\p{L}]/gu, "");
    const exact =
      letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
    return { tokens: tokens.map((t) => (exact ? t.raw : t.key)), exact };
  });
}

/**
 * Builds a knowledge base from entities (and optional not-an-entity phrases). Exposed so tests and
 * tools can build a small one; the product uses `loadKnowledgeBase`.
 */
export function createKnowledgeBase(
  entities: KbEntity[],
  notEntities: string[] = [],
): KnowledgeBase {
  const seen = new Map<string, KbEntity>();
  for (const entity of entities) {
    if (seen.has(entity.slug)) {
      throw new AppError(
        "CONFIG_INVALID",
        `enrich/knowledge-base: duplicate slug "${entity.slug}"`,
      );
    }
    seen.set(entity.slug, entity);
  }
  for (const entity of entities) {
    for (const related of entity.related ?? []) {
      if (!seen.has(related)) {
        throw new AppError(
          "CONFIG_INVALID",
          `enrich/knowledge-base: "${entity.slug}" relates to unknown slug "${related}"`,
        );
      }
    }
  }

  const root: TrieNode = { children: new Map(), terminals: null };
  entities.forEach((entity, index) => {
    const ambiguousSet = entity.context?.length
      ? new Set(
          (entity.ambiguousAliases ?? [entity.name, ...entity.aliases]).map((a) =>
            a.normalize("NFC"),
          ),
        )
      : new Set<string>();
    const names = new Set([entity.name, ...entity.aliases, ...(entity.ambiguousAliases ?? [])]);
    for (const name of names) {
      const ambiguous = ambiguousSet.has(name.normalize("NFC"));
      for (const variant of variants(name)) {
        insert(
          root,
          variant,
          { entity: index, surface: name, ambiguous },
          entity.caseSensitive === true,
        );
      }
    }
  });
  entities.forEach((entity, index) => {
    const special: Array<[string[] | undefined, AliasRule]> = [
      [entity.shortForms, "short"],
      [entity.listedAliases, "listed"],
    ];
    for (const [names, rule] of special) {
      for (const name of names ?? []) {
        for (const variant of variants(name)) {
          insert(root, variant, { entity: index, surface: name, ambiguous: true, rule }, true);
        }
      }
    }
  });
  for (const phrase of notEntities) {
    insert(root, phrase, { entity: -1, surface: phrase, ambiguous: false }, false);
  }

  const byName = new Map<string, number>();
  entities.forEach((entity, index) => {
    for (const name of [entity.name, ...entity.aliases]) {
      const key = name.normalize("NFC").toLowerCase();
      if (!byName.has(key)) byName.set(key, index);
    }
  });
  // A country or government names a place, not a field: "US" beside "Senate" says nothing about
  // what the article is about.
  const contextEntities = entities.map((entity, index) => {
    const named = (entity.context ?? [])
      .map((word) => byName.get(word.normalize("NFC").toLowerCase()))
      .filter(
        (other): other is number =>
          other !== undefined && other !== index && entities[other].kind !== "government",
      );
    return named.length > 0 ? [...new Set(named)] : null;
  });

  return {
    entities,
    bySlug: (slug) => seen.get(slug),
    contexts: entities.map((entity) => compileContext(entity.context)),
    contextEntities,
    root,
  };
}

const entitySchema = z.object({
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u, "lower-case kebab slug"),
  name: z.string().min(1),
  kind: z.enum(ENTITY_KINDS).optional(),
  aliases: z.array(z.string().min(1)).default([]),
  description: z.string().optional(),
  related: z.array(z.string()).optional(),
  caseSensitive: z.boolean().optional(),
  context: z.array(z.string().min(1)).optional(),
  ambiguousAliases: z.array(z.string().min(1)).optional(),
  shortForms: z.array(z.string().min(1)).optional(),
  listedAliases: z.array(z.string().min(1)).optional(),
});

const fileSchema = z.object({
  kind: z.enum(ENTITY_KINDS).optional(),
  entities: z.array(entitySchema),
});

const notEntitiesSchema = z.object({ phrases: z.array(z.string().min(1)) });

/**
 * The repository root: the nearest folder at or above the working directory that holds
 * knowledge/. The CLI (tsx), vitest and the Next.js server all run with cwd at or under the root.
 */
export function findKnowledgeDir(start: string = process.cwd()): string {
  let dir = resolve(start);
  for (let depth = 0; depth < 8; depth++) {
    const candidate = join(dir, "knowledge");
    if (existsSync(join(candidate, "entities"))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new AppError(
    "CONFIG_INVALID",
    `enrich/knowledge-base: no knowledge/entities folder at or above ${start}`,
  );
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new AppError("CONFIG_INVALID", `enrich/knowledge-base: cannot read ${path}`, undefined, {
      cause: error,
    });
  }
}

/** Reads every knowledge/entities/*.json file (and not-entities.json) from a knowledge folder. */
export function readKnowledgeBase(knowledgeDir: string): KnowledgeBase {
  const entitiesDir = join(knowledgeDir, "entities");
  const entities: KbEntity[] = [];
  for (const file of readdirSync(entitiesDir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const parsed = fileSchema.safeParse(readJson(join(entitiesDir, file)));
    if (!parsed.success) {
      throw new AppError(
        "CONFIG_INVALID",
        `enrich/knowledge-base: ${file}: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`,
      );
    }
    for (const entity of parsed.data.entities) {
      const kind = entity.kind ?? parsed.data.kind;
      if (!kind)
        throw new AppError(
          "CONFIG_INVALID",
          `enrich/knowledge-base: ${file}: "${entity.slug}" has no kind`,
        );
      entities.push({ ...entity, kind });
    }
  }
  const notEntitiesPath = join(knowledgeDir, "not-entities.json");
  let notEntities: string[] = [];
  if (existsSync(notEntitiesPath)) {
    const parsed = notEntitiesSchema.safeParse(readJson(notEntitiesPath));
    if (!parsed.success)
      throw new AppError(
        "CONFIG_INVALID",
        'enrich/knowledge-base: not-entities.json must be {"phrases": [...]}',
      );
    notEntities = parsed.data.phrases;
  }
  return createKnowledgeBase(entities, notEntities);
}

let cached: KnowledgeBase | null = null;

/**
 * The product's knowledge base, read once per process from knowledge/ under the repository root.
 * Cached because compiling the trie costs a few milliseconds and every article needs it.
 */
export function loadKnowledgeBase(): KnowledgeBase {
  cached ??= readKnowledgeBase(findKnowledgeDir());
  return cached;
}

/** Internal matcher structures, for entities.ts. */
export type { TrieNode, Terminal };
