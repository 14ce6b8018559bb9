/**
 * The shapes the claim matcher passes between its parts (a cue, a located mention, a claim group,
 * the article context read so far) and the small helpers on them that every part uses.
 */

import type { ClaimType, EntityMention, EntityRef } from "@/lib/types";
import type { Sentence } from "@/lib/enrich/text";
import type { CompiledLexicon, CueKind } from "./lexicon";

/** Options of `extractClaims`. */
export interface ExtractClaimsOptions {
  language?: string;
  /** Sentences already split from this exact text. */
  sentences?: Sentence[];
  /** The article's title: a last hint at the type of an accusation the sentence does not name. */
  title?: string | null;
  /**
   * The maker of a model ("gpt-4" → OpenAI), so that an accusation against a model lands on the
   * company behind it. Without it, models are never targets.
   */
  makerOf?: (slug: string) => EntityRef | undefined;
  /**
   * Slugs an entity is affiliated with (a person's company, a model's maker), both directions
   * checked: a chief executive quoted about their own company is not accusing it.
   */
  relatedTo?: (slug: string) => readonly string[];
  /**
   * What the knowledge base says an entity is ("Chinese AI lab", "publisher of The Wall Street
   * Journal"), so that "the start-up" or "công ty Trung Quốc" picks the party it describes.
   */
  describe?: (slug: string) => string | undefined;
}

export const AUTHORITY_KINDS = new Set(["government", "court", "other"]);

/** Entity kinds that can accuse or be accused; media only when they are a party themselves. */
export const PARTY_KINDS = new Set(["company", "person", "government", "other", "model"]);

// Vietnamese nouns a country name after them describes: "tờ báo Mỹ" is an American newspaper.
export const DESCRIBED_BY_COUNTRY =
  /(?:^|[^\p{L}])(?:tờ báo|nhật báo|báo|hãng tin|hãng|công ty|tập đoàn|doanh nghiệp|startup)\s+$/u;

// "companies in", "firms from", "các công ty tại": the country named next stands for its companies.
export const COMPANIES_OF =
  /(?:^|[^\p{L}])(?:companies|firms|startups|labs|developers|công ty|doanh nghiệp|hãng|startup)\s+(?:based\s+)?(?:in|from|of|tại|ở|từ|của)\s+(?:the\s+)?$/u;

export interface Cue {
  kind: CueKind;
  start: number;
  end: number;
}

export interface Located {
  mention: EntityMention;
  /** Offsets relative to the sentence. */
  start: number;
  end: number;
}

export function lowerAligned(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = "";
  for (const ch of text) {
    const low = ch.toLowerCase();
    out += low.length === ch.length ? low : ch;
  }
  return out;
}

export function isMedia(mention: EntityMention): boolean {
  return mention.kind === "media";
}

/**
 * Clause start for the subject of a cue: after a closing quote with its comma (before or after
 * it: `…,” OpenAI said`, `…”, OpenAI said`) or a semicolon, if any. Names inside the quotation
 * are what the speaker says, not the speaker.
 */
export function clauseStart(sentence: string, cueStart: number): number {
  let start = 0;
  const pattern = /[”"»]\s*[,–—-]\s*|[,.!?…]\s*[”"»]\s+|;\s*|:\s*[“"«]?|\)\s+[-–—]\s+/g;
  for (
    let match = pattern.exec(sentence);
    match && match.index < cueStart;
    match = pattern.exec(sentence)
  ) {
    start = match.index + match[0].length;
  }
  return Math.min(start, cueStart);
}

export function mentionRank(mention: EntityMention): number {
  if (mention.kind === "model") return 2;
  if (mention.kind === "government") return 1;
  return mention.verified ? 0 : 1;
}

export interface Group {
  claimant: EntityMention;
  /** Parties listed with the claimant as one subject ("Disney and Universal sued…"). */
  coClaimants?: EntityMention[];
  targets: EntityMention[];
  cue: Cue;
  typeFrom: number;
  typeTo: number;
  /** Where this group's part of the sentence starts (after the previous group's cue). */
  regionFrom: number;
  confidence: number;
  /** An outlet's own report ("Bloomberg reported…", "theo Bloomberg, …" with no named accuser). */
  reported?: boolean;
  /** A denial of the accusation made in the clause before, in the same sentence. */
  answersClause?: boolean;
}

export interface Context {
  /** The cue lexicon of the article's language. */
  lex: CompiledLexicon;
  /** The last claim's parties, for pronouns and follow-up sentences. */
  lastClaimant: EntityMention | null;
  lastTarget: EntityMention | null;
  lastType: ClaimType | null;
  lastSentenceIndex: number;
  /** The index of the sentence being read. */
  currentSentence: number;
  /** The speaker of a quote still open ("X said: “...").*/
  openQuoteSpeaker: EntityMention | null;
  /** The last actor named as a subject, for "he said". */
  lastSubject: EntityMention | null;
  /** All targets of the last claim, for "these companies". */
  lastTargets: EntityMention[];
  /** The last claim's claimant with those who claimed with it, for "they", "両社". */
  lastClaimants: EntityMention[];
  /** The last person named (not a judge), for "he said". */
  lastPerson: EntityMention | null;
  /** Who last sued or accused: "the lawsuit alleges" speaks for them. */
  lastPlaintiff: EntityMention | null;
  /** Every mention before the current sentence, for "the committee" → its full name. */
  history: EntityMention[];
  /** Accusations so far, for denials and settlements that name only one side. */
  accusations: Accusation[];
  /** Slugs an entity is affiliated with (a spokesperson's organisation), when known. */
  relatedTo?: (slug: string) => readonly string[];
  /** What an entity is, from the knowledge base ("Chinese AI lab"), when known. */
  describe?: (slug: string) => string | undefined;
}

export interface Accusation {
  claimant: EntityMention;
  targetSlug: string;
  type: ClaimType | null;
}

/** True when `position` lies inside a quotation opened earlier in the sentence. */
export function insideQuote(text: string, position: number): boolean {
  return quoteBalance(text.slice(0, position)) > 0;
}

export function quoteBalance(text: string): number {
  const opens = (text.match(/[“«]/g) ?? []).length;
  const closes = (text.match(/[”»]/g) ?? []).length;
  const straight = (text.match(/"/g) ?? []).length;
  return opens - closes + (straight % 2);
}

export function firstTargetStart(targets: EntityMention[], located: Located[]): number | null {
  const starts = located
    .filter((entry) => targets.includes(entry.mention))
    .map((entry) => entry.start);
  return starts.length > 0 ? Math.min(...starts) : null;
}

/** True when the cue stands after the quoted or reported content ("…,” said X"). */
export function cueEndsSentenceClause(original: string, cue: Cue): boolean {
  const before = original.slice(0, cue.start).trimEnd();
  return cue.start === 0 || /[,”"»]$/.test(before);
}

/** The latest accusation in the article against `slug`, if any. */
export function accusationAgainst(
  context: Context,
  slug: string,
  type: ClaimType | null = null,
): Accusation | undefined {
  let latest: Accusation | undefined;
  for (let index = context.accusations.length - 1; index >= 0; index--) {
    const accusation = context.accusations[index];
    if (accusation.targetSlug !== slug || accusation.claimant.slug === slug) continue;
    if (type === null || accusation.type === type) return accusation;
    latest ??= accusation;
  }
  return latest;
}

export interface TypeHit {
  type: ClaimType;
  start: number;
}
