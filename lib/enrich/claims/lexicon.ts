/**
 * Claim cue lexicons: `knowledge/claims/<lang>.json`, one file per language, checked by a zod
 * schema and compiled into the regular expressions the matcher uses. The matcher never names a
 * word of any language; everything language-specific is here, as data (see
 * knowledge/claims/README.md for what each key holds).
 */

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { CLAIM_TYPES, type ClaimType, type Stance } from "@/lib/types";

/** What a cue says about the words around it. */
export const CUE_KINDS = [
  /** The object is the accused, the agent follows "by" / "bị" / "被". Matched first. */
  "passive",
  /** The subject sues the object. */
  "sue",
  /** The subject accuses the object. */
  "accuse",
  /** A regulator or court acts against the object: fined, ordered, banned. */
  "sanction",
  /** The subject denies. */
  "deny",
  /** The subject settles with the object. */
  "settle",
  /** The subject investigates the object. */
  "investigate",
  /** The subject told a listener (skipped) something. */
  "tell",
  /** The subject (an outlet) reports. */
  "report",
  /** "according to X": X is the source. */
  "source",
  /** The subject speaks: said, tuyên bố. */
  "speech",
] as const;
export type CueKind = (typeof CUE_KINDS)[number];

const phrases = z.array(z.string().min(1)).default([]);

const lexiconSchema = z
  .object({
    language: z.string().regex(/^[a-z]{2,3}$/),
    wordBoundaries: z.boolean().default(true),
    objectBeforeVerb: z.boolean().default(false),
    subjectMayFollowVerb: z.boolean().default(false),
    speakerAfterSpeech: z.boolean().default(false),
    cues: z.partialRecord(z.enum(CUE_KINDS), phrases).default({}),
    types: z
      .partialRecord(
        z.enum(CLAIM_TYPES),
        z.object({ strong: phrases, weak: phrases, specific: phrases }).strict().partial(),
      )
      .default({}),
    stances: z
      .object({ denies: phrases, confirms: phrases, settles: phrases, reports: phrases })
      .strict()
      .partial()
      .default({}),
    allegation: phrases,
    wrongdoing: phrases,
    reportedMood: phrases,
    breach: phrases,
    negation: phrases,
    noComment: phrases,
    anaphora: z
      .object({ organisation: phrases, person: phrases, plural: phrases, document: phrases })
      .strict()
      .partial()
      .default({}),
    conjunctions: phrases,
    spokesTitles: phrases,
    markers: z
      .object({
        listener: phrases,
        source: phrases,
        modifier: phrases,
        judge: phrases,
        subjectAfter: phrases,
        clauseSubjectAfter: phrases,
        objectAfter: phrases,
        modifierAfter: phrases,
        listenerAfter: phrases,
        makerAfter: phrases,
        makerBefore: phrases,
        objectPronounBefore: phrases,
        sourceAfter: phrases,
        quotative: phrases,
      })
      .strict()
      .partial()
      .default({}),
  })
  .strict();

export type LexiconFile = z.infer<typeof lexiconSchema>;

/** A phrase with the boundary rule of the file it came from. */
interface Phrase {
  body: string;
  bounded: boolean;
}

/** Everything the matcher needs, compiled for one set of languages. */
export interface CompiledLexicon {
  languages: string[];
  /** The accused may stand between the accuser and the verb (Japanese, Korean, German perfect). */
  objectBeforeVerb: boolean;
  /** A clause may open with another word and put its subject after the verb (German). */
  subjectMayFollowVerb: boolean;
  /** A speech verb after a reported clause may put its speaker after it ("…, erklärte OpenAI"). */
  speakerAfterSpeech: boolean;
  cueRules: Array<{ kind: CueKind; pattern: RegExp }>;
  typeRules: Array<{ type: ClaimType; pattern: RegExp }>;
  weakTypeRules: Array<{ type: ClaimType; pattern: RegExp }>;
  /** Weak words specific enough to name their type beside another type's word ("fraudulent accounts"). */
  specificTypeRules: Array<{ type: ClaimType; pattern: RegExp }>;
  stanceRules: Array<{ stance: Stance; pattern: RegExp }>;
  allegation: RegExp;
  wrongdoing: RegExp;
  /** A verb form or adverb that reports a claim without endorsing it: "habe", "aurait", "allegedly". */
  reportedMood: RegExp;
  breach: RegExp;
  noComment: RegExp;
  /** Any anaphoric subject; and the personal, plural and document ones apart. */
  anaphora: RegExp;
  personal: RegExp;
  plural: RegExp;
  /** A plural anaphor anywhere in the text (global: reset lastIndex before use). */
  pluralAnywhere: RegExp;
  document: RegExp;
  /** A word standing for an organisation or group at the start of the text ("it", "công ty này"). */
  anaphoraAhead: RegExp;
  /** A negation word ending the text before a cue. */
  negatedBefore: RegExp;
  /** Marker words ending the text right before a mention. */
  listenerBefore: RegExp;
  sourceBefore: RegExp;
  modifierBefore: RegExp;
  judgeBefore: RegExp;
  /** Postpositions right after a mention (Japanese, Korean): its role in the clause. */
  subjectAfter: RegExp;
  /** The subject particle of a reported clause (Korean 이/가): its party is the accused. */
  clauseSubjectAfter: RegExp;
  /** Whether the file tells the subject of a reported clause from the topic (`subjectAfter` is then the topic only). */
  clauseSubjects: boolean;
  objectAfter: RegExp;
  modifierAfter: RegExp;
  listenerAfter: RegExp;
  /** A model named as what its maker makes: "the ChatGPT maker", "nhà phát triển ChatGPT". */
  makerAfter: RegExp;
  makerBefore: RegExp;
  /** An object pronoun right before a verb ("les accuse", "lui reproche"). */
  objectPronounBefore: RegExp;
  /** A source cue that follows the source's name ("OpenAI zufolge"). */
  sourceAfter: RegExp;
  /** Ends an embedded clause of what is said or alleged, right before the verb ("…したと非難", "…했다고 비난"). */
  quotativeBefore: RegExp;
  /** A spokesperson's or lawyer's title: they speak for the organisation in it. */
  spokesTitles: RegExp;
  /** Text between two names that lists them together: ", ", " and ", "、", " và ". */
  coordination: RegExp;
}

// Vietnamese has two placements of the tone mark on oa, oe, uy; both are accepted.
const TONE_PAIRS: Array<[string, string]> = [
  ["òa", "oà"],
  ["óa", "oá"],
  ["ỏa", "oả"],
  ["õa", "oã"],
  ["ọa", "oạ"],
  ["òe", "oè"],
  ["óe", "oé"],
  ["ỏe", "oẻ"],
  ["õe", "oẽ"],
  ["ọe", "oẹ"],
  ["ùy", "uỳ"],
  ["úy", "uý"],
  ["ủy", "uỷ"],
  ["ũy", "uỹ"],
  ["ụy", "uỵ"],
];

function withToneVariants(pattern: string): string {
  let out = pattern;
  for (const [a, b] of TONE_PAIRS) out = out.replaceAll(a, `(?:${a}|${b})`);
  return out;
}

function source(phrase: Phrase): string {
  return withToneVariants(phrase.body.normalize("NFC")).replace(/ /g, "\\s+");
}

/**
 * A letter or digit of a script written with spaces: a whole-word phrase may touch Han, kana or
 * Hangul ("サイトにrobots.txtを", "OpenAI指控") but not another Latin or Cyrillic letter.
 */
const WORD_CHAR =
  "(?:(?![\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}])[\\p{L}\\p{N}])";

/** A global regex matching any of the phrases (whole words where the phrase's file says so). */
function anyOf(list: Phrase[]): RegExp {
  if (list.length === 0) return /(?!)/gu;
  const bounded = list.filter((phrase) => phrase.bounded).map(source);
  const free = list.filter((phrase) => !phrase.bounded).map(source);
  const parts: string[] = [];
  if (bounded.length > 0) parts.push(`(?<!${WORD_CHAR})(?:${bounded.join("|")})(?!${WORD_CHAR})`);
  if (free.length > 0) parts.push(`(?:${free.join("|")})`);
  return new RegExp(parts.join("|"), "gu");
}

/** A regex true when the text ends with one of the phrases (and optional spaces). */
function endsWith(list: Phrase[]): RegExp {
  if (list.length === 0) return /(?!)/u;
  const bounded = list.filter((phrase) => phrase.bounded).map(source);
  const free = list.filter((phrase) => !phrase.bounded).map(source);
  const parts: string[] = [];
  // An elided article or preposition ("d'", "dell'") is glued to the name it precedes.
  if (bounded.length > 0)
    parts.push(`(?:^|[^\\p{L}\\p{N}])(?:${bounded.join("|")})(?:\\s+|(?<=['’]))$`);
  if (free.length > 0) parts.push(`(?:${free.join("|")})\\s*$`);
  return new RegExp(parts.join("|"), "u");
}

const DIRECTORY = resolve(process.cwd(), "knowledge", "claims");
const files = new Map<string, LexiconFile>();

/** Reads and checks one language's file, or null when the language has none. */
export function readLexiconFile(language: string, directory = DIRECTORY): LexiconFile | null {
  const key = `${directory}|${language}`;
  const cached = files.get(key);
  if (cached) return cached;
  const path = join(directory, `${language}.json`);
  if (!/^[a-z]{2,3}$/.test(language) || !existsSync(path)) return null;
  let parsed: LexiconFile;
  try {
    parsed = lexiconSchema.parse(JSON.parse(readFileSync(path, "utf8")));
  } catch (error) {
    throw new AppError(
      "CONFIG_INVALID",
      `knowledge/claims/${language}.json: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (parsed.language !== language)
    throw new AppError(
      "CONFIG_INVALID",
      `knowledge/claims/${language}.json: "language" is ${parsed.language}`,
    );
  checkPatterns(parsed);
  files.set(key, parsed);
  return parsed;
}

/** Every phrase must compile on its own, so a bad one is reported with its place. */
function checkPatterns(file: LexiconFile): void {
  const visit = (value: unknown, where: string): void => {
    if (typeof value === "string") {
      try {
        new RegExp(value, "u");
      } catch (error) {
        throw new AppError(
          "CONFIG_INVALID",
          `knowledge/claims/${file.language}.json ${where}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    } else if (Array.isArray(value))
      value.forEach((item, index) => visit(item, `${where}[${index}]`));
    else if (value && typeof value === "object")
      for (const [key, item] of Object.entries(value)) visit(item, where ? `${where}.${key}` : key);
  };
  visit(
    {
      cues: file.cues,
      types: file.types,
      stances: file.stances,
      allegation: file.allegation,
      wrongdoing: file.wrongdoing,
      reportedMood: file.reportedMood,
      breach: file.breach,
      negation: file.negation,
      noComment: file.noComment,
      anaphora: file.anaphora,
      markers: file.markers,
    },
    "",
  );
}

/** The languages that have a lexicon file. */
export function lexiconLanguages(directory = DIRECTORY): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => /^[a-z]{2,3}\.json$/.test(name))
    .map((name) => name.slice(0, -5))
    .sort();
}

const compiled = new Map<string, CompiledLexicon>();

/**
 * The lexicon for an article in `language`: its own file and English together (names, quotes and
 * wire copy in English turn up in every language). Compiled once per language.
 */
export function lexiconFor(
  language: string | null | undefined,
  directory = DIRECTORY,
): CompiledLexicon {
  const languages = [...new Set([language ?? "en", "en"])].filter(
    (tag) => readLexiconFile(tag, directory) !== null,
  );
  const key = `${directory}|${languages.join(",")}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const loaded = languages.map((tag) => readLexiconFile(tag, directory)!);
  const collect = (pick: (file: LexiconFile) => string[] | undefined): Phrase[] =>
    loaded.flatMap((file) =>
      (pick(file) ?? []).map((body) => ({ body, bounded: file.wordBoundaries })),
    );
  const own = loaded[0];
  const lexicon: CompiledLexicon = {
    languages,
    objectBeforeVerb: Boolean(own?.objectBeforeVerb),
    subjectMayFollowVerb: Boolean(own?.subjectMayFollowVerb),
    speakerAfterSpeech: Boolean(own?.speakerAfterSpeech),
    cueRules: CUE_KINDS.map((kind) => ({
      kind,
      pattern: anyOf(collect((file) => file.cues[kind])),
    })),
    typeRules: STRONG_ORDER.map((type) => ({
      type,
      pattern: anyOf(collect((file) => file.types[type]?.strong)),
    })),
    weakTypeRules: WEAK_ORDER.map((type) => ({
      type,
      pattern: anyOf(
        collect((file) => [
          ...(file.types[type]?.weak ?? []),
          ...(file.types[type]?.specific ?? []),
        ]),
      ),
    })),
    specificTypeRules: WEAK_ORDER.map((type) => ({
      type,
      pattern: anyOf(collect((file) => file.types[type]?.specific)),
    })),
    stanceRules: (["settles", "denies", "confirms", "reports"] as const).map((stance) => ({
      stance,
      pattern: anyOf(collect((file) => file.stances[stance])),
    })),
    allegation: anyOf(collect((file) => file.allegation)),
    wrongdoing: anyOf(collect((file) => file.wrongdoing)),
    reportedMood: anyOf(collect((file) => file.reportedMood)),
    breach: anyOf(collect((file) => file.breach)),
    noComment: anyOf(collect((file) => file.noComment)),
    anaphora: anyOf(
      collect((file) => [
        ...(file.anaphora.organisation ?? []),
        ...(file.anaphora.person ?? []),
        ...(file.anaphora.plural ?? []),
        ...(file.anaphora.document ?? []),
      ]),
    ),
    personal: startsWith(collect((file) => file.anaphora.person)),
    anaphoraAhead: followedBy(
      collect((file) => [...(file.anaphora.organisation ?? []), ...(file.anaphora.plural ?? [])]),
    ),
    plural: startsWith(collect((file) => file.anaphora.plural)),
    pluralAnywhere: anyOf(collect((file) => file.anaphora.plural)),
    document: startsWith(collect((file) => file.anaphora.document)),
    negatedBefore: negation(collect((file) => file.negation)),
    listenerBefore: endsWith(collect((file) => file.markers.listener)),
    sourceBefore: endsWith(collect((file) => file.markers.source)),
    modifierBefore: endsWith(collect((file) => file.markers.modifier)),
    judgeBefore: endsWith(collect((file) => file.markers.judge)),
    subjectAfter: followedBy(collect((file) => file.markers.subjectAfter)),
    clauseSubjectAfter: followedBy(collect((file) => file.markers.clauseSubjectAfter)),
    clauseSubjects: (own?.markers.clauseSubjectAfter ?? []).length > 0,
    objectAfter: followedBy(collect((file) => file.markers.objectAfter)),
    modifierAfter: followedBy(collect((file) => file.markers.modifierAfter)),
    listenerAfter: followedBy(collect((file) => file.markers.listenerAfter)),
    coordination: coordination(collect((file) => file.conjunctions)),
    makerAfter: followedBy(collect((file) => file.markers.makerAfter)),
    makerBefore: endsWith(collect((file) => file.markers.makerBefore)),
    objectPronounBefore: endsWith(collect((file) => file.markers.objectPronounBefore)),
    sourceAfter: followedBy(collect((file) => file.markers.sourceAfter)),
    quotativeBefore: endsWith(collect((file) => file.markers.quotative)),
    spokesTitles: anyOf(collect((file) => file.spokesTitles)),
  };
  compiled.set(key, lexicon);
  return lexicon;
}

/** Strong type words: this order breaks ties when two types start at the same place. */
const STRONG_ORDER: ClaimType[] = [
  "distillation",
  "tos_violation",
  "copyright",
  "trade_secret",
  "ip_theft",
  "data_scraping",
  "privacy",
  "export_control",
  "security",
  "antitrust",
  "defamation",
];

/** Weak type words: the first in this order wins when several fire. */
const WEAK_ORDER: ClaimType[] = [
  "other",
  "distillation",
  "copyright",
  "data_scraping",
  "security",
  "tos_violation",
  "ip_theft",
  "trade_secret",
  "privacy",
  "export_control",
  "antitrust",
  "defamation",
];

/** A regex true when the text starts with one of the phrases, after spaces (a postposition after a name, an anaphor after a verb). */
function followedBy(list: Phrase[]): RegExp {
  if (list.length === 0) return /(?!)/u;
  const bounded = list.filter((phrase) => phrase.bounded).map(source);
  const free = list.filter((phrase) => !phrase.bounded).map(source);
  const parts: string[] = [];
  if (bounded.length > 0) parts.push(`^\\s*(?:${bounded.join("|")})(?![\\p{L}\\p{N}])`);
  if (free.length > 0) parts.push(`^\\s*(?:${free.join("|")})`);
  return new RegExp(parts.join("|"), "u");
}

/** Punctuation of a list, or a conjunction, and nothing else. */
function coordination(list: Phrase[]): RegExp {
  const words = list.map(source);
  const conjunction =
    words.length > 0 ? `(?:(?<![\\p{L}])(?:${words.join("|")})(?![\\p{L}])[\\s,、，・/&]*)?` : "";
  return new RegExp(`^[\\s,、，・/&]*${conjunction}$`, "u");
}

function startsWith(list: Phrase[]): RegExp {
  if (list.length === 0) return /(?!)/u;
  // A phrase of a language written without spaces ends where it ends ("両社は", "三家公司表示").
  const bounded = list.filter((phrase) => phrase.bounded).map(source);
  const free = list.filter((phrase) => !phrase.bounded).map(source);
  const parts: string[] = [];
  if (bounded.length > 0) parts.push(`^(?:${bounded.join("|")})(?:\\s|$)`);
  if (free.length > 0) parts.push(`^(?:${free.join("|")})`);
  return new RegExp(parts.join("|"), "u");
}

/** A negation word, then at most one other word, ending the text ("not", "has not", "chưa"). */
function negation(list: Phrase[]): RegExp {
  if (list.length === 0) return /(?!)/u;
  const bounded = list.filter((phrase) => phrase.bounded).map(source);
  const free = list.filter((phrase) => !phrase.bounded).map(source);
  const parts: string[] = [];
  if (bounded.length > 0) parts.push(`(?:^|[^\\p{L}])(?:${bounded.join("|")})\\s+(?:\\S+\\s+)?$`);
  if (free.length > 0) parts.push(`(?:${free.join("|")})\\s*$`);
  return new RegExp(parts.join("|"), "u");
}
