/**
 * Claim extraction: attributed sentences become claims {claimant, target, type, stance}. Rules,
 * not a model: a cue lexicon (English and Vietnamese) finds who speaks or acts ("said", "sued",
 * "cáo buộc", "theo"), the entity mentions around the cue give the claimant (its subject) and the
 * target (its object, or the subject of the wrongdoing that follows), and lexicons of claim types
 * and stances label it. Outlets that merely report ("Bloomberg reported", "told the FT") are never
 * the claimant. Context carries across sentences for quotes that continue after "X said:", for
 * pronoun subjects ("he said", "the company denied") and for a follow-up sentence that names the
 * breach without repeating who alleges it.
 */

import type { Claim, ClaimType, EntityMention, EntityRef, Stance } from "../../types";
import { foldDiacritics, splitSentences, type Sentence } from "../text";
import { lexiconFor, type CompiledLexicon, type CueKind } from "./lexicon";

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
}

// ---------------------------------------------------------------------------------------------
// A type word under a negation ("did not allege copyright infringement") names no claim.
const NEGATED_TYPE = /(?:(?:không|chưa)\s+(?:đưa ra|có|nêu|đưa)\s+(?:\S+\s+){0,3}|(?:did not|does not|didn't|doesn't|not)\s+(?:bring|make|allege|include|assert|raise)\s+(?:\S+\s+){0,3})$/u;
// Vietnamese nouns a country name after them describes: "tờ báo Mỹ" is an American newspaper.
const DESCRIBED_BY_COUNTRY = /(?:^|[^\p{L}])(?:tờ báo|nhật báo|báo|hãng tin|hãng|công ty|tập đoàn|doanh nghiệp|startup)\s+$/u;
// "companies in", "firms from", "các công ty tại": the country named next stands for its companies.
const COMPANIES_OF = /(?:^|[^\p{L}])(?:companies|firms|startups|labs|developers|công ty|doanh nghiệp|hãng|startup)\s+(?:based\s+)?(?:in|from|of|tại|ở|từ|của)\s+(?:the\s+)?$/u;

const AUTHORITY_KINDS = new Set(["government", "court", "other"]);

/** Entity kinds that can accuse or be accused; media only when they are a party themselves. */
const PARTY_KINDS = new Set(["company", "person", "government", "other", "model"]);

interface Cue {
  kind: CueKind;
  start: number;
  end: number;
}

interface Located {
  mention: EntityMention;
  /** Offsets relative to the sentence. */
  start: number;
  end: number;
}

function lowerAligned(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = "";
  for (const ch of text) {
    const low = ch.toLowerCase();
    out += low.length === ch.length ? low : ch;
  }
  return out;
}

function findCues(lex: CompiledLexicon, lower: string): Cue[] {
  const cues: Cue[] = [];
  for (const rule of lex.cueRules) {
    rule.pattern.lastIndex = 0;
    for (let match = rule.pattern.exec(lower); match; match = rule.pattern.exec(lower)) {
      if (match[0].length === 0) {
        rule.pattern.lastIndex++;
        continue;
      }
      cues.push({ kind: rule.kind, start: match.index, end: match.index + match[0].length });
    }
  }
  // A negated action is none ("chưa khởi kiện", "has not sued", "took no legal action").
  for (let index = cues.length - 1; index >= 0; index--) {
    const before = lower.slice(Math.max(0, cues[index].start - 16), cues[index].start);
    const wider = lower.slice(Math.max(0, cues[index].start - 24), cues[index].start);
    if ((lex.negatedBefore.test(before) || /(?:^|[^\p{L}])(?:không|chưa)\s+(?:đưa ra|có|nêu)\s+$/u.test(wider)) && cues[index].kind !== "deny") {
      cues.splice(index, 1);
      continue;
    }
    // Vietnamese "cáo buộc" is a noun too: after a preposition or a plural word ("bằng chứng cho
    // cáo buộc", evidence for the accusation; "các cáo buộc") it accuses nobody.
    if (cues[index].kind === "accuse" && /(?:^|[^\p{L}])(?:cho|về|các|những|mọi|lời|với|trước)\s+$/u.test(before)) cues.splice(index, 1);
  }
  // Longest match wins where cues overlap ("filed a lawsuit against" over "against").
  cues.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Cue[] = [];
  for (const cue of cues) {
    const last = kept[kept.length - 1];
    if (last && cue.start < last.end) continue;
    kept.push(cue);
  }
  return kept;
}

interface TypeHit {
  type: ClaimType;
  start: number;
}

function findTypes(lex: CompiledLexicon, lower: string, from = 0, to = lower.length): TypeHit[] {
  const hits: TypeHit[] = [];
  const region = lower.slice(from, to);
  const scan = (rules: Array<{ type: ClaimType; pattern: RegExp }>) => {
    for (const rule of rules) {
      rule.pattern.lastIndex = 0;
      for (let match = rule.pattern.exec(region); match; match = rule.pattern.exec(region)) {
        if (NEGATED_TYPE.test(region.slice(Math.max(0, match.index - 50), match.index))) continue;
        hits.push({ type: rule.type, start: from + match.index });
        break;
      }
    }
  };
  scan(lex.typeRules);
  // Weak words name one type at most, the first in priority order (two measured worse: more
  // false alarms, no claim gained).
  if (hits.length === 0) {
    scan(lex.weakTypeRules);
    hits.sort((a, b) => lex.weakTypeRules.findIndex((rule) => rule.type === a.type) - lex.weakTypeRules.findIndex((rule) => rule.type === b.type));
    hits.splice(1);
  }
  // "copyright" and "infringe" both fire on a copyright case; a trade-secret theft is a trade-secret claim.
  const types = new Set(hits.map((hit) => hit.type));
  return hits
    .filter((hit) => !(hit.type === "ip_theft" && (types.has("trade_secret") || types.has("copyright") || types.has("data_scraping"))))
    .sort((a, b) => a.start - b.start);
}

function detectStance(lex: CompiledLexicon, lower: string, kind: CueKind | null): Stance {
  if (kind === "settle") return "settles";
  if (kind === "deny") return "denies";
  for (const rule of lex.stanceRules) {
    rule.pattern.lastIndex = 0;
    if (!rule.pattern.test(lower)) continue;
    if (rule.stance === "settles" || rule.stance === "denies") return rule.stance;
    lex.allegation.lastIndex = 0;
    if (kind === "accuse" || kind === "sue" || lex.allegation.test(lower)) return "alleges";
    if (rule.stance === "confirms") return "confirms";
    // An investigation reported by a third party is neutral; a party saying it is "reviewing
    // indications" that it was wronged is still alleging.
    if (rule.stance === "reports" && (kind === "investigate" || kind === "report" || kind === "source")) return "reports";
  }
  if (kind === "investigate") return "reports";
  return "alleges";
}

function isMedia(mention: EntityMention): boolean {
  return mention.kind === "media";
}

/**
 * Clause start for the subject of a cue: after a closing quote with its comma (before or after
 * it: `…,” OpenAI said`, `…”, OpenAI said`) or a semicolon, if any. Names inside the quotation
 * are what the speaker says, not the speaker.
 */
function clauseStart(sentence: string, cueStart: number): number {
  let start = 0;
  const pattern = /[”"»]\s*[,–—-]\s*|[,.!?…]\s*[”"»]\s+|;\s*|:\s*[“"«]?|\)\s+[-–—]\s+/g;
  for (let match = pattern.exec(sentence); match && match.index < cueStart; match = pattern.exec(sentence)) {
    start = match.index + match[0].length;
  }
  return Math.min(start, cueStart);
}

function mentionRank(mention: EntityMention): number {
  if (mention.kind === "model") return 2;
  if (mention.kind === "government") return 1;
  return mention.verified ? 0 : 1;
}

interface Group {
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
}

interface Context {
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
  /** The last person named (not a judge), for "he said". */
  lastPerson: EntityMention | null;
  /** Who last sued or accused: "the lawsuit alleges" speaks for them. */
  lastPlaintiff: EntityMention | null;
  /** Every mention before the current sentence, for "the committee" → its full name. */
  history: EntityMention[];
  /** Accusations so far, for denials and settlements that name only one side. */
  accusations: Accusation[];
}

interface Accusation {
  claimant: EntityMention;
  targetSlug: string;
  type: ClaimType | null;
}

/** True when `position` lies inside a quotation opened earlier in the sentence. */
function insideQuote(text: string, position: number): boolean {
  return quoteBalance(text.slice(0, position)) > 0;
}

function quoteBalance(text: string): number {
  const opens = (text.match(/[“«]/g) ?? []).length;
  const closes = (text.match(/[”»]/g) ?? []).length;
  const straight = (text.match(/"/g) ?? []).length;
  return opens - closes + (straight % 2);
}

/**
 * Extracts claims from a text given its entity mentions (offsets into the same text). Each claim
 * carries the sentence it came from and a confidence in 0..1. The claimant and target are always
 * two different entities; an outlet is the claimant only of what it reports itself (stance
 * "reports"), never of an accusation it relays from a named accuser.
 */
export function extractClaims(text: string, mentions: EntityMention[], options: ExtractClaimsOptions = {}): Claim[] {
  const sentences = options.sentences ?? splitSentences(text, options.language);
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const claims: Claim[] = [];
  const pending: Array<{ claim: Omit<Claim, "type">; sentenceIndex: number; strong: boolean; wrongdoing: boolean }> = [];
  const lex = lexiconFor(options.language);
  const context: Context = {
    lex,
    lastClaimant: null,
    lastTarget: null,
    lastType: null,
    lastSentenceIndex: -10,
    currentSentence: 0,
    openQuoteSpeaker: null,
    lastSubject: null,
    lastPlaintiff: null,
    lastPerson: null,
    lastTargets: [],
    history: [],
    accusations: [],
  };
  const related = (a: string, b: string): boolean =>
    Boolean(options.relatedTo && (options.relatedTo(a).includes(b) || options.relatedTo(b).includes(a)));
  let cursor = 0;
  /** Per sentence, the slugs of the parties it names (outlets, governments and courts aside). */
  const actorsBySentence: string[][] = [];

  sentences.forEach((sentence, sentenceIndex) => {
    context.currentSentence = sentenceIndex;
    while (cursor < sorted.length && sorted[cursor].end <= sentence.start) cursor++;
    const located: Located[] = [];
    for (let index = cursor; index < sorted.length && sorted[index].start < sentence.end; index++) {
      const mention = sorted[index];
      if (mention.start >= sentence.start && mention.end <= sentence.end) {
        located.push({ mention, start: mention.start - sentence.start, end: mention.end - sentence.start });
      }
    }
    actorsBySentence[sentenceIndex] = located
      .filter((entry) => entry.mention.verified && !isMedia(entry.mention) && entry.mention.kind !== "government" && entry.mention.kind !== "court")
      .map((entry) => entry.mention.slug);
    const original = text.slice(sentence.start, sentence.end);
    const lower = lowerAligned(original);
    const cues = findCues(lex, lower);
    const parties = withoutDescribingCountries(lower, makersForDescriptions(lower, located, lex, options.makerOf), cues, lex);
    lex.noComment.lastIndex = 0;
    // Declining to comment is never a denial (nor a claim of any kind by the one declining).
    const declined = lex.noComment.test(lower);
    const groups = resolveGroups(original, lower, cues, parties, context).filter(
      (group) => !declined || group.cue.kind === "accuse" || group.cue.kind === "sue" || group.cue.kind === "passive",
    );
    const speakerOfQuote = context.openQuoteSpeaker;
    lex.wrongdoing.lastIndex = 0;
    const wrongdoing = lex.wrongdoing.test(lower);

    const emit = (group: Group, stanceKind: CueKind | null) => {
      let stance: Stance = group.reported ? "reports" : detectStance(lex, lower, stanceKind);
      // The type word usually follows the cue; in "“They stole our models,” said X" it precedes it.
      let types = findTypes(lex, lower, group.typeFrom, group.typeTo);
      if (types.length === 0) types = findTypes(lex, lower, group.regionFrom, group.typeTo);
      // "DeepSeek said R1 had not learned … by copying examples generated by OpenAI": the speaker
      // negates the wrong of its own accord (no target named before the negation) — a denial.
      if (stance === "alleges" && types.length > 0 && group.cue.end > 0) {
        const between = lower.slice(group.cue.end, types[0].start);
        const negation = /(?:^|[^\p{L}])(?:not|never|no|không|chưa|không hề|chưa từng)\s+(?:\S+\s+){0,6}$/u.exec(between);
        const targetBefore = located.some(
          (entry) => group.targets.includes(entry.mention) && entry.start >= group.cue.end && entry.start < group.cue.end + (negation?.index ?? 0),
        );
        if (negation && !targetBefore) stance = "denies";
      }
      // The accused answering its accuser without accusing back ("OpenAI said its use was fair
      // use", "…said the decision was disproportionate") is rebutting: a denial.
      if (stance === "alleges" && (group.cue.kind === "speech" || group.cue.kind === "tell")) {
        const accuser = accusationAgainst(context, group.claimant.slug);
        lex.wrongdoing.lastIndex = 0;
        lex.allegation.lastIndex = 0;
        if (accuser && group.targets.some((target) => target.slug === accuser.claimant.slug) && !lex.wrongdoing.test(lower) && !lex.allegation.test(lower)) {
          stance = "denies";
        }
      }
      const strong = group.cue.kind === "accuse" || group.cue.kind === "sue" || group.cue.kind === "passive" || group.cue.kind === "sanction";
      let emitted = false;
      for (const speaker of [group.claimant, ...(group.coClaimants ?? [])]) {
        for (const mentioned of group.targets) {
          // An accusation against a model is one against its maker ("GPT-4 copied…" → OpenAI).
          const target: EntityRef | undefined = mentioned.kind === "model" ? options.makerOf?.(mentioned.slug) : mentioned;
          if (!target || target.slug === speaker.slug || related(speaker.slug, target.slug)) continue;
          const base = {
            claimant: speaker.name,
            target: target.name,
            claimantSlug: speaker.slug,
            targetSlug: target.slug,
            stance,
            sentence: sentence.text,
            start: sentence.start,
            end: sentence.end,
            confidence: group.confidence,
          };
          emitted = true;
          if (stance === "alleges" || stance === "reports") {
            context.accusations.push({ claimant: speaker, targetSlug: target.slug, type: types[0]?.type ?? null });
          }
          if (types.length === 0) {
            pending.push({ claim: base, sentenceIndex, strong, wrongdoing });
            continue;
          }
          for (const hit of types.slice(0, 2)) claims.push({ ...base, type: hit.type });
          context.lastType = types[0].type;
        }
      }
      if (!emitted) return;
      if (strong && stance === "alleges") context.lastPlaintiff = group.claimant;
      // In a settlement the side that was not accused is the plaintiff ("…to settle the claims of authors led by X").
      if (stance === "settles") {
        const counterpart = group.targets.find((target) => target.slug !== group.claimant.slug);
        if (counterpart && !accusationAgainst(context, counterpart.slug)) context.lastPlaintiff = counterpart;
      }
      context.lastClaimant = group.claimant;
      context.lastTarget = group.targets[0] ?? context.lastTarget;
      if (group.targets.length > 0) context.lastTargets = group.targets;
      context.lastSentenceIndex = sentenceIndex;
    };

    if (groups.length > 0) {
      for (const group of groups) emit(group, group.cue.kind);
    } else if (speakerOfQuote) {
      // A sentence inside a quote opened by "X said: “…": X still speaks.
      const targets = located
        .map((entry) => entry.mention)
        .filter((mention) => mention.slug !== speakerOfQuote.slug && PARTY_KINDS.has(mention.kind))
        .sort((a, b) => mentionRank(a) - mentionRank(b) || a.start - b.start);
      const target = targets[0] ?? (context.lastTarget && context.lastTarget.slug !== speakerOfQuote.slug ? context.lastTarget : null);
      if (target) {
        emit(
          { claimant: speakerOfQuote, targets: [target], cue: { kind: "speech", start: 0, end: 0 }, typeFrom: 0, typeTo: lower.length, regionFrom: 0, confidence: 0.5 },
          null,
        );
      }
    } else if (
      context.lastClaimant &&
      context.lastTarget &&
      sentenceIndex - context.lastSentenceIndex <= 3 &&
      (lex.breach.lastIndex = 0, lex.breach.test(lower))
    ) {
      // "This violates the terms of use": the breach is named without repeating who alleges it.
      // Only when the sentence brings in no other party, so the recent claim is what it continues.
      const claimant = context.lastClaimant;
      const target = context.lastTarget;
      const others = located.filter(
        (entry) => !isMedia(entry.mention) && entry.mention.slug !== claimant.slug && entry.mention.slug !== target.slug && entry.mention.verified,
      );
      lex.breach.lastIndex = 0;
      const breachAt = lex.breach.exec(lower)?.index ?? 0;
      const types = findTypes(lex, lower).filter((hit) => hit.type !== "other");
      // The type named by the breach itself ("vi phạm thỏa thuận sử dụng") over one mentioned in passing.
      const hit = types.find((candidate) => candidate.start >= breachAt) ?? types[0];
      if (others.length === 0 && hit && target.kind !== "model" && !related(claimant.slug, target.slug)) {
        claims.push({
          claimant: claimant.name,
          target: target.name,
          claimantSlug: claimant.slug,
          targetSlug: target.slug,
          type: hit.type,
          stance: "alleges",
          sentence: sentence.text,
          start: sentence.start,
          end: sentence.end,
          confidence: 0.4,
        });
      }
    }

    // Track quotes left open at the end of the sentence, and who opened them.
    const balance = quoteBalance(original);
    if (context.openQuoteSpeaker) {
      if (balance !== 0) context.openQuoteSpeaker = null;
    } else if (balance > 0 || /:\s*$/.test(original)) {
      context.openQuoteSpeaker = groups[0]?.claimant ?? null;
    }
    const actors = located.filter((entry) => {
      if (isMedia(entry.mention) || !PARTY_KINDS.has(entry.mention.kind) || entry.mention.kind === "model") return false;
      const before = lower.slice(Math.max(0, entry.start - 25), entry.start);
      return !lex.judgeBefore.test(before) && !lex.modifierBefore.test(before);
    });
    const firstActor = actors.find((entry) => entry.mention.kind !== "government") ?? actors[0];
    if (firstActor) context.lastSubject = firstActor.mention;
    const person = actors.find((entry) => entry.mention.kind === "person");
    if (person) context.lastPerson = person.mention;
    for (const entry of located) context.history.push(entry.mention);
  });

  // Claims whose sentence names no type. An answer (a denial, a settlement, an admission) takes
  // the type of the accusation it answers; an accusation of an unnamed wrong is "other"; a lawsuit
  // whose type is named only nearby ("sued OpenAI … The suit is over copyright") takes it from
  // the next sentences about the same parties, the one before, or the title.
  const typed = [...claims];
  const typesNear = (index: number, parties: string[]): ClaimType | null => {
    for (const offset of [1, 2, -1]) {
      const near = sentences[index + offset];
      if (!near) continue;
      // A sentence about other parties is about another dispute.
      if ((actorsBySentence[index + offset] ?? []).some((slug) => !parties.includes(slug))) continue;
      const hit = findTypes(lex, lowerAligned(near.text)).find((candidate) => candidate.type !== "other");
      if (hit) return hit.type;
    }
    return null;
  };
  for (const { claim, sentenceIndex, strong, wrongdoing } of pending) {
    const same = typed.find((other) => other.claimantSlug === claim.claimantSlug && other.targetSlug === claim.targetSlug);
    const reverse = typed.find((other) => other.claimantSlug === claim.targetSlug && other.targetSlug === claim.claimantSlug);
    if (claim.stance !== "alleges" && claim.stance !== "reports") {
      const answered = reverse ?? same ?? typed.find((other) => other.claimantSlug === claim.targetSlug);
      const type = answered?.type ?? typesNear(sentenceIndex, [claim.claimantSlug, claim.targetSlug]) ?? (options.title ? findTypes(lex, lowerAligned(options.title))[0]?.type ?? null : null);
      if (type) claims.push({ ...claim, type, confidence: Math.min(claim.confidence, 0.5) });
      continue;
    }
    if (strong || wrongdoing) {
      // Wrongdoing told in other words ("set up fake accounts to get round usage limits") takes the
      // type the sentences around it, an earlier claim between the same parties or the headline name.
      const titleType = options.title ? findTypes(lex, lowerAligned(options.title)).find((hit) => hit.type !== "other")?.type ?? null : null;
      const type = typesNear(sentenceIndex, [claim.claimantSlug, claim.targetSlug]) ?? same?.type ?? titleType ?? "other";
      claims.push({ ...claim, type, confidence: Math.min(claim.confidence, type === "other" ? 0.45 : 0.5) });
      continue;
    }
    // A plain statement between two parties already in a typed claim repeats that claim.
    if (same) claims.push({ ...claim, type: same.type, confidence: Math.min(claim.confidence, 0.45) });
  }

  return dedupe(claims).sort((a, b) => a.start - b.start || a.type.localeCompare(b.type));
}

function dedupe(claims: Claim[]): Claim[] {
  const seen = new Map<string, Claim>();
  for (const claim of claims) {
    const key = `${claim.start}|${claim.claimantSlug}|${claim.targetSlug}|${claim.type}`;
    const existing = seen.get(key);
    if (!existing || existing.confidence < claim.confidence) seen.set(key, claim);
  }
  return [...seen.values()];
}

/**
 * Turns the cues of one sentence into claim groups (a claimant with its targets). The first cue
 * with a resolvable subject wins; later cues start a new group only with a different, explicitly
 * named claimant ("OpenAI accused DeepSeek …, while DeepSeek denied …").
 */
function resolveGroups(original: string, lower: string, cues: Cue[], located: Located[], context: Context): Group[] {
  const groups: Group[] = [];
  const actionable = cues.filter((cue) => cue.kind !== "report");
  const reportOnly = actionable.length === 0;
  for (let index = 0; index < cues.length; index++) {
    const cue = cues[index];
    if (cue.kind === "report" && !reportOnly) continue;
    let previous: Group | undefined = groups[groups.length - 1];
    // A later cue's subject lies after the earlier cue ("Microsoft said OpenAI had found evidence…").
    const resolved = resolveClaimant(original, lower, cue, located, context, previous ? previous.cue.end : 0);
    if (!resolved) continue;
    const { claimant, explicit } = resolved;
    if (previous) {
      // Words inside a quotation belong to whoever is quoted, not to a new speaker.
      if (!explicit || previous.claimant.slug === claimant.slug || insideQuote(original, cue.start)) continue;
      if (previous.targets.some((target) => target.slug === claimant.slug)) {
        // "DeepSeek bị OpenAI cáo buộc": the verb after a passive belongs to it.
        if (previous.cue.kind === "passive") continue;
        // After "said"/"told", a named subject of a second cue is the accuser whose words are relayed.
        if (cue.kind !== "deny" && (previous.cue.kind === "speech" || previous.cue.kind === "tell" || previous.cue.kind === "source")) {
          previous.targets = previous.targets.filter((target) => target.slug !== claimant.slug);
          if (previous.targets.length === 0) {
            groups.pop();
            previous = undefined;
          }
        } else if (cue.kind !== "deny") {
          // The object of "sued"/"accused" does not start speaking mid-clause ("kiện X và Y vì cho rằng…").
          continue;
        }
      }
      if (previous) previous.typeTo = cue.start;
    }
    const regionEnd = lower.length;
    const targets = resolveTargets(lower, cue, claimant, located, regionEnd, context);
    if (targets.length === 0) continue;
    let confidence = 0.55;
    if (cue.kind === "accuse" || cue.kind === "sue" || cue.kind === "passive") confidence += 0.2;
    if (explicit) confidence += 0.1;
    if (!claimant.verified) confidence -= 0.15;
    if (targets.every((target) => !target.verified)) confidence -= 0.15;
    groups.push({
      claimant,
      coClaimants: explicit ? coClaimants(lower, cue, claimant, located, context.lex) : [],
      targets,
      cue,
      typeFrom: cue.kind === "passive" ? 0 : Math.min(cue.start, firstTargetStart(targets, located) ?? cue.start),
      typeTo: lower.length,
      regionFrom: previous ? cue.start : 0,
      confidence: Math.max(0.1, Math.min(0.95, confidence)),
    });
    // A sentence rarely carries more than two attributed claims; stop scanning after two.
    if (groups.length >= 2) break;
  }
  if (groups.length === 0) {
    const reported = outletReport(lower, cues, located, context);
    if (reported) groups.push(reported);
  }
  return groups;
}

/**
 * "Bloomberg reported that …", "Theo Bloomberg, các nhà nghiên cứu …": when no named entity is the
 * accuser, the outlet that broke the news is the claimant, with the stance "reports".
 */
function outletReport(lower: string, cues: Cue[], located: Located[], context: Context): Group | null {
  for (const cue of cues) {
    let outlet: Located | undefined;
    if (cue.kind === "source") {
      outlet = located.find((entry) => entry.start >= cue.end && entry.start - cue.end <= 28 && isMedia(entry.mention));
      if (!outlet && context.lex.objectBeforeVerb) {
        outlet = located.filter((entry) => entry.end <= cue.start && /^\s*$/.test(lower.slice(entry.end, cue.start)) && isMedia(entry.mention)).pop();
      }
    } else if (cue.kind === "report") {
      const from = clauseStart(lower, cue.start);
      outlet = located.filter((entry) => entry.start >= from && entry.end <= cue.start && isMedia(entry.mention)).pop();
      if (outlet && cue.start - outlet.end > 30) outlet = undefined;
    }
    if (!outlet) continue;
    const regionStart = Math.max(cue.end, outlet.end);
    const targets = resolveTargets(lower, { kind: "speech", start: cue.start, end: regionStart }, outlet.mention, located.filter((entry) => entry.start >= regionStart), lower.length, {
      ...context,
      lastClaimant: null,
      lastTarget: null,
    });
    if (targets.length === 0) continue;
    return {
      claimant: outlet.mention,
      targets,
      cue,
      typeFrom: regionStart,
      typeTo: lower.length,
      regionFrom: 0,
      confidence: 0.5,
      reported: true,
    };
  }
  return null;
}

function firstTargetStart(targets: EntityMention[], located: Located[]): number | null {
  const starts = located.filter((entry) => targets.includes(entry.mention)).map((entry) => entry.start);
  return starts.length > 0 ? Math.min(...starts) : null;
}

function resolveClaimant(
  original: string,
  lower: string,
  cue: Cue,
  located: Located[],
  context: Context,
  minFrom = 0,
): { claimant: EntityMention; explicit: boolean } | null {
  const lex = context.lex;
  if (cue.kind === "source") {
    // "according to X" / "theo X": X speaks, unless X is an outlet that only reports.
    // Close after the cue, with nothing but a few words between ("according to a statement from OpenAI").
    const after = located.find((entry) => entry.start >= cue.end && entry.start - cue.end <= 28);
    const gap = after ? lower.slice(cue.end, after.start) : "";
    if (after && !/[\p{N},.;:]/u.test(gap) && !isMedia(after.mention) && PARTY_KINDS.has(after.mention.kind) && after.mention.kind !== "model") {
      return { claimant: after.mention, explicit: true };
    }
    // Postpositions: "OpenAIによると", "OpenAI에 따르면": the source stands right before.
    if (!after && lex.objectBeforeVerb) {
      const before = located.filter((entry) => entry.end <= cue.start && /^\s*$/.test(lower.slice(entry.end, cue.start))).pop();
      if (before && !isMedia(before.mention) && PARTY_KINDS.has(before.mention.kind) && before.mention.kind !== "model") {
        return { claimant: before.mention, explicit: true };
      }
    }
    // "Theo đơn kiện, …" / "According to the complaint, …": the plaintiff speaks.
    const following = lower.slice(cue.end, cue.end + 30).trim();
    if (!after && (/^(?:the\s+)?(?:lawsuit|complaint|suit|filing|report|đơn kiện|báo cáo|hồ sơ)/u.test(following) || lex.document.test(following))) {
      const plaintiff = context.lastPlaintiff ?? context.lastClaimant;
      if (plaintiff) return { claimant: plaintiff, explicit: false };
    }
    return null;
  }
  if (cue.kind === "passive") {
    // "X was sued by Y": Y after "by"; Vietnamese "X bị Y kiện": Y between "bị" and the verb.
    const agent = located.find((entry) => entry.start >= cue.end && entry.start - cue.end <= 12);
    if (!agent || agent.mention.kind === "court") return null;
    if (/^bị/.test(lower.slice(cue.start, cue.end))) {
      const verbAfter = /^\s*(?:cáo buộc|kiện|khởi kiện|tố cáo|tố|buộc tội)/.test(lower.slice(agent.end));
      if (!verbAfter) return null;
    }
    return { claimant: agent.mention, explicit: true };
  }
  const from = Math.max(minFrom, clauseStart(lower, cue.start));
  const candidates = located.filter(
    (entry) => entry.start >= from && entry.end <= cue.start && (PARTY_KINDS.has(entry.mention.kind) || isMedia(entry.mention)),
  );
  // Outlets count as the subject only of their own actions (suing, accusing, denying).
  const mayBeMedia = cue.kind === "sue" || cue.kind === "accuse" || cue.kind === "deny" || cue.kind === "settle";
  const eligible = candidates.filter((entry) => {
    if (isMedia(entry.mention) && !mayBeMedia) return false;
    // Only authorities fine, order or ban.
    if (cue.kind === "sanction" && !AUTHORITY_KINDS.has(entry.mention.kind)) return false;
    if (entry.mention.kind === "model") return false;
    const before = lower.slice(Math.max(0, entry.start - 25), entry.start);
    if (lex.listenerBefore.test(before) || lex.modifierBefore.test(before) || lex.sourceBefore.test(before) || lex.judgeBefore.test(before)) return false;
    // "Tờ báo Mỹ" (the American newspaper): a country after the noun it describes is not the subject.
    if (entry.mention.kind === "government" && DESCRIBED_BY_COUNTRY.test(before)) return false;
    // "(Reuters) -": a name in brackets is a dateline or an aside, not the subject.
    if (isMedia(entry.mention) && /\(\s*$/.test(before) && /^\s*\)/.test(lower.slice(entry.end, entry.end + 3))) return false;
    // "U.S. District Judge Yvonne Gonzalez Rogers": the country names a judge's court.
    if (/^\s+(?:district\s+|circuit\s+|federal\s+|supreme\s+)?(?:judge|court|justice)\b/u.test(lower.slice(entry.end, entry.end + 24))) return false;
    return true;
  });
  if (minFrom > 0) {
    // A second cue in the sentence needs its own subject right before it ("…said OpenAI had found…");
    // a participle ("sued X, alleging") shares the first subject and is no new speaker.
    const last = eligible[eligible.length - 1];
    if (!last || cue.start - last.end > 30 || /[,;:]/.test(lower.slice(last.end, cue.start))) return null;
    return { claimant: last.mention, explicit: true };
  }
  // Passive without an agent ("was accused of", "bị cáo buộc"): the accuser is not named here.
  if ((cue.kind === "accuse" || cue.kind === "sue" || cue.kind === "sanction") && /(?:^|[^\p{L}])(?:bị|được|was|were|been|being|is|are|be|get|got)\s+$/u.test(lower.slice(Math.max(0, cue.start - 12), cue.start))) {
    return null;
  }
  // A possessive subject names the real speaker next: "Microsoft's president Brad Smith said".
  for (let index = 0; index < eligible.length; index++) {
    const entry = eligible[index];
    const following = lower.slice(entry.end, entry.end + 3);
    const possessive = /^['’]s\b/.test(following);
    const nextEntry = eligible[index + 1];
    if (possessive && nextEntry && nextEntry.mention.kind === "person") return { claimant: nextEntry.mention, explicit: true };
    // "Elon Musk's xAI sued", "Italy's data protection authority Garante ordered": the possessed is the subject.
    if (possessive && nextEntry && nextEntry.start - entry.end <= 40 && !/[,;:]/.test(lower.slice(entry.end, nextEntry.start))) {
      return { claimant: nextEntry.mention, explicit: true };
    }
    // A title naming an organisation before a person ("White House AI adviser David Sacks said",
    // "OpenAI CEO Sam Altman told"): the person speaks.
    if (entry.mention.kind !== "person" && nextEntry && nextEntry.mention.kind === "person" && nextEntry.start - entry.end <= 40) {
      const between = lower.slice(entry.end, nextEntry.start);
      if (!/[,;:"“”]/.test(between) && !/\b(?:and|và|with|với)\b/u.test(between)) return { claimant: nextEntry.mention, explicit: true };
    }
    // "Ian Crosby, a lawyer for the Times, said", "Ben Lee, Reddit's chief legal officer, said":
    // a spokesperson or lawyer speaks for the organisation named in their title.
    if (entry.mention.kind === "person") {
      const spokesFor = spokespersonOf(lower, entry, located, context);
      if (spokesFor) return { claimant: spokesFor, explicit: true };
    }
    // "Ben Lee, Reddit's chief legal officer, said": a person the knowledge base does not know
    // speaks for the organisation named with them.
    if (!entry.mention.verified && entry.mention.kind === "person") {
      const organisation = candidates.find((other) => other.start > entry.end && other.mention.verified && other.mention.kind === "company");
      if (organisation) return { claimant: organisation.mention, explicit: true };
    }
    return { claimant: entry.mention, explicit: true };
  }
  // Inverted attribution: "…,” said OpenAI." / "said Sam Altman, OpenAI's chief".
  if (cue.kind === "speech" || cue.kind === "tell") {
    const after = located.find((entry) => entry.start >= cue.end && entry.start - cue.end <= 30);
    const between = after ? lower.slice(cue.end, after.start) : "";
    if (after && !isMedia(after.mention) && after.mention.kind !== "model" && after.mention.kind !== "court" && !/[,.;:]/.test(between) && cueEndsSentenceClause(original, cue)) {
      if (!after.mention.verified && after.mention.kind === "person") {
        const organisation = located.find((other) => other.start > after.end && other.start - after.end <= 40 && other.mention.verified && other.mention.kind === "company");
        if (organisation) return { claimant: organisation.mention, explicit: true };
      }
      return { claimant: after.mention, explicit: true };
    }
  }
  const subjectText = lower.slice(from, cue.start).trim();
  if (JUDGE_SUBJECT.test(subjectText)) return null;
  // "The lawsuit alleges", "the complaint says", "đơn kiện cho biết": the plaintiff speaks.
  const documentSubject =
    /^(?:(?:the|its|their|his|her|a|this)\s+)?(?:\w+\s+)?(?:lawsuit|complaint|suit|filing|petition|counterclaims?|report)\b|^(?:theo\s+)?(?:đơn kiện|báo cáo|hồ sơ)/u.test(subjectText) ||
    lex.document.test(subjectText.slice(subjectText.lastIndexOf(",") + 1).trim());
  if (documentSubject && subjectText.length <= 80) {
    const plaintiff = context.lastPlaintiff ?? context.lastClaimant;
    if (plaintiff) return { claimant: plaintiff, explicit: false };
  }
  // "The committee alleged", "Ủy ban cũng cáo buộc", "the Times said": a name said shorter before.
  const described = resolveDescriptor(subjectText, context);
  if (described) return { claimant: described, explicit: false };
  // A pronoun subject ("he said", "the company denied", "họ cho biết") stands for the last actor:
  // the last person for "he"/"she"/"ông"/"bà", the last organisation otherwise.
  lex.anaphora.lastIndex = 0;
  if (subjectText.length <= 40 && lex.anaphora.test(subjectText)) {
    const pronoun = subjectText.slice(subjectText.lastIndexOf(",") + 1).trim();
    const personal = lex.personal.test(pronoun);
    const plural = lex.plural.test(pronoun);
    const fallback = personal
      ? context.lastPerson
      : plural
        ? context.lastPlaintiff ?? context.lastClaimant ?? context.lastSubject
        : recentClaimant(context) ?? context.lastSubject ?? context.lastClaimant;
    if (fallback) return { claimant: fallback, explicit: false };
  }
  return null;
}

/**
 * "The company also said…" right after a claim: the party that was speaking, not whichever
 * organisation the last sentence happened to name first.
 */
function recentClaimant(context: Context): EntityMention | null {
  if (!context.lastClaimant || context.currentSentence - context.lastSentenceIndex > 2) return null;
  return context.lastClaimant.kind === "person" ? null : context.lastClaimant;
}

// A subject that is a judge or a court: rulings are not accusations.
const JUDGE_SUBJECT = /^(?:the\s+|a\s+)?(?:[\p{L}.]+\s+){0,2}(?:judge|justice|court|thẩm phán|tòa án|tòa|chánh án)(?:\s|,|$)/u;

// Descriptions that stand for an organisation named earlier, and the head word to look for in its name.
const DESCRIPTORS: Array<{ pattern: RegExp; heads: string[]; kinds?: string[] }> = [
  { pattern: /^(?:the\s+)?(?:\w+\s+)?(?:committee|panel)\b|^ủy ban\b/u, heads: ["committee", "ủy ban", "panel"] },
  { pattern: /^(?:the\s+)?(?:\w+\s+)?(?:authority|regulator|watchdog|agency)\b|^cơ quan\b/u, heads: ["authority", "garante", "regulator", "agency", "cơ quan"], kinds: ["government", "other"] },
  { pattern: /^(?:the\s+)?(?:newspaper|paper|times|publisher)\b|^(?:tờ báo|nhật báo|báo)\b/u, heads: ["times", "post", "journal"], kinds: ["media"] },
  { pattern: /^(?:the\s+)?(?:two\s+)?(?:studios|publishers|authors|plaintiffs|companies)\b|^(?:hai |các )?(?:hãng phim|nhà xuất bản|tác giả|nguyên đơn)\b/u, heads: [] },
  { pattern: /^(?:the\s+|an?\s+|one\s+)?(?:\w+\s+)?(?:officials?|administration)\b|^(?:các\s+|một\s+)?quan chức\b/u, heads: [], kinds: ["government"] },
];

function foldForMatch(text: string): string {
  return foldDiacritics(text).replace(/đ/g, "d");
}

/** The entity a description stands for ("the committee" → House Select Committee on China), or null. */
function resolveDescriptor(subjectText: string, context: Context): EntityMention | null {
  // The subject is what follows the last comma ("On hardware, the committee said").
  const lastClause = subjectText.slice(subjectText.lastIndexOf(",") + 1).trim();
  if (lastClause.length === 0 || lastClause.length > 60) return null;
  const stripped = lastClause.replace(/^(?:but|and|however|also|nhưng|và|tuy nhiên|cũng theo|theo)\s+/u, "");
  for (const descriptor of DESCRIPTORS) {
    if (!descriptor.pattern.test(stripped)) continue;
    for (let index = context.history.length - 1; index >= 0; index--) {
      const mention = context.history[index];
      const name = foldForMatch(`${mention.name} ${mention.surface}`);
      if (descriptor.heads.some((head) => name.includes(foldForMatch(head)))) return mention;
    }
    if (descriptor.kinds) {
      for (let index = context.history.length - 1; index >= 0; index--) {
        const mention = context.history[index];
        if (descriptor.kinds.includes(mention.kind) && mention.verified) return mention;
      }
    }
    if (descriptor.heads.length === 0 && !descriptor.kinds) return context.lastPlaintiff ?? context.lastClaimant;
    return null;
  }
  return null;
}


/** True when the cue stands after the quoted or reported content ("…,” said X"). */
function cueEndsSentenceClause(original: string, cue: Cue): boolean {
  const before = original.slice(0, cue.start).trimEnd();
  return cue.start === 0 || /[,”"»]$/.test(before);
}

/**
 * "the ChatGPT maker", "nhà phát triển ChatGPT", "der ChatGPT-Entwickler": a model named as what a
 * company makes stands for the company.
 */
function makersForDescriptions(lower: string, located: Located[], lex: CompiledLexicon, makerOf: ExtractClaimsOptions["makerOf"]): Located[] {
  if (!makerOf) return located;
  return located.map((entry) => {
    if (entry.mention.kind !== "model") return entry;
    const described = lex.makerAfter.test(lower.slice(entry.end, entry.end + 20)) || lex.makerBefore.test(lower.slice(Math.max(0, entry.start - 30), entry.start));
    const maker = described ? makerOf(entry.mention.slug) : undefined;
    if (!maker) return entry;
    return { ...entry, mention: { ...entry.mention, ...maker, verified: true } };
  });
}

/**
 * "the US chipmaker Nvidia", "Chinas Marktaufsicht SAMR", "Italy's data protection authority
 * Garante": a country (or other government) that describes the party named right after it, with
 * only a few words between (no list, no verb), is not a party of its own in the sentence.
 */
function withoutDescribingCountries(lower: string, located: Located[], cues: Cue[], lex: CompiledLexicon): Located[] {
  return located.filter((entry, index) => {
    if (entry.mention.kind !== "government") return true;
    const next = located[index + 1];
    if (!next || next.start - entry.end > 30 || !PARTY_KINDS.has(next.mention.kind)) return true;
    const between = lower.slice(entry.end, next.start);
    // "… Trung Quốc (SAMR)": the abbreviation in brackets names the whole body the country ends.
    if (/^\s*[(（]\s*$/u.test(between) && /^\s*[)）]/u.test(lower.slice(next.end, next.end + 3))) return next.mention.slug === entry.mention.slug;
    if (!/^[\p{L}\p{M}\s'’.-]*$/u.test(between) || lex.coordination.test(between)) return true;
    if (cues.some((cue) => cue.start < next.start && cue.end > entry.end)) return true;
    return false;
  });
}

/**
 * The organisation a person speaks for when their title, right beside their name, is a
 * spokesperson's or a lawyer's ("X, a lawyer for the Times", "Reddit's chief legal officer X",
 * "người phát ngôn của OpenAI X"); null otherwise. A "descriptor" organisation ("the Times")
 * resolves to the one named before.
 */
function spokespersonOf(lower: string, person: Located, located: Located[], context: Context): EntityMention | null {
  const lex = context.lex;
  const windowBefore = lower.slice(Math.max(0, person.start - 60), person.start);
  const windowAfter = lower.slice(person.end, person.end + 70);
  const appositive = /^\s*,([^,;:]*)/u.exec(windowAfter)?.[1] ?? "";
  lex.spokesTitles.lastIndex = 0;
  const titledAfter = appositive.length > 0 && lex.spokesTitles.test(appositive);
  lex.spokesTitles.lastIndex = 0;
  const titledBefore = !titledAfter && lex.spokesTitles.test(windowBefore.slice(windowBefore.search(/[^,;:.]*$/u)));
  if (!titledAfter && !titledBefore) return null;
  const organisation = (entry: Located) => entry.mention.kind === "company" || entry.mention.kind === "media" || entry.mention.kind === "government" || entry.mention.kind === "other";
  if (titledAfter) {
    const inside = located.find((entry) => entry.start > person.end && entry.end <= person.end + 1 + appositive.length + 1 && organisation(entry));
    if (inside) return inside.mention;
    const described = resolveDescriptor(appositive.replace(/^.*\b(?:for|of|at|của|tại)\s+/u, ""), context);
    if (described) return described;
    return null;
  }
  const before = located.filter((entry) => entry.end <= person.start && person.start - entry.end <= 60 && organisation(entry)).pop();
  return before && !/[,;:]/.test(lower.slice(before.end, person.start)) ? before.mention : null;
}

/** The parties listed after the claimant as one subject, before the cue ("Disney and Universal sued…"). */
function coClaimants(lower: string, cue: Cue, claimant: EntityMention, located: Located[], lex: CompiledLexicon): EntityMention[] {
  let last = located.find((entry) => entry.mention === claimant);
  if (!last || last.end > cue.start) return [];
  const listed: EntityMention[] = [];
  for (const next of located) {
    if (next.start <= last.start) continue;
    if (next.end > cue.start || !listedTogether(lower, lower.slice(last.end, next.start), lex)) break;
    if (!PARTY_KINDS.has(next.mention.kind) || next.mention.kind === "model") break;
    if (next.mention.slug !== claimant.slug && !listed.some((mention) => mention.slug === next.mention.slug)) listed.push(next.mention);
    last = next;
  }
  return listed;
}

/** True when the text between two names lists them together ("A, B and C", "A和B", "A và B"). */
function listedTogether(lower: string, between: string, lex: CompiledLexicon): boolean {
  return (
    lex.coordination.test(between) ||
    // A list may hold a name the tagger missed ("SerpApi, Oxylabs and AWMProxy"), and titles ("and its chief executive").
    /^\s*(?:,\s*(?:and\s+|và\s+)?|\s(?:and|và|cùng|cùng với|as well as|&)\s+)(?:the\s+|(?:its|their|his|her)\s+(?:[\p{L}-]+\s+){1,3},?\s*|ông\s+|bà\s+|(?:ceo|giám đốc điều hành|chủ tịch|nhà sáng lập|founder|chief executive)\s+)?$/u.test(between) ||
    /^\s*,\s*[^\s,;]+(?:\s*,\s*|\s+)(?:and|và)\s+$/u.test(between)
  );
}

/** Extends a first target with the parties listed with it ("SerpApi, Oxylabs and AWMProxy"). */
function withCoordinated(lower: string, first: Located, pool: Located[], lex: CompiledLexicon): EntityMention[] {
  const targets = [first.mention];
  let last = first;
  for (const next of pool) {
    if (next.start <= last.start) continue;
    if (!listedTogether(lower, lower.slice(last.end, next.start), lex)) break;
    if (!targets.some((target) => target.slug === next.mention.slug)) targets.push(next.mention);
    last = next;
  }
  return targets;
}

function resolveTargets(
  lower: string,
  cue: Cue,
  claimant: EntityMention,
  located: Located[],
  regionEnd: number,
  context: Context,
): EntityMention[] {
  const lex = context.lex;
  const isParty = (entry: Located, allowMedia: boolean): boolean => {
    const mention = entry.mention;
    if (mention.slug === claimant.slug) return false;
    if (isMedia(mention) && !allowMedia) return false;
    if (!PARTY_KINDS.has(mention.kind) && !isMedia(mention)) return false;
    if (lex.judgeBefore.test(lower.slice(Math.max(0, entry.start - 25), entry.start))) return false;
    return true;
  };
  if (cue.kind === "passive") {
    // The accused is the subject before the passive verb.
    const from = clauseStart(lower, cue.start);
    const subject = located.filter((entry) => entry.start >= from && entry.end <= cue.start && isParty(entry, true));
    if (subject.length > 0) return [subject[subject.length - 1].mention];
    return [];
  }
  const direct = cue.kind === "sue" || cue.kind === "accuse" || cue.kind === "sanction";
  const ahead = lower.slice(cue.end, cue.end + 40);
  // "Nvidia refuted the information, …": a denial of a report answers whoever made it, unless
  // the accuser is named right there ("denied OpenAI's claims").
  if (cue.kind === "deny" && /^\s*(?:the|these|those|this|that|such|its|các|những|thông tin|cáo buộc|báo cáo|tin)(?![\p{L}])/u.test(ahead)) {
    const named = located.find((entry) => entry.start >= cue.end && entry.start - cue.end <= 40 && !/[,;:]/.test(lower.slice(cue.end, entry.start)) && isParty(entry, true));
    const latest = [...context.accusations].reverse().find((accusation) => accusation.claimant.slug !== claimant.slug);
    if (!named && latest) return [latest.claimant];
  }
  // "accusing it of…", "cáo buộc công ty này…", "wirft dem Unternehmen vor": a word standing for a
  // party right after the verb is the party named before it.
  if (direct && lex.anaphoraAhead.test(ahead)) {
    const earlier = located.filter((entry) => entry.end <= cue.start && isParty(entry, false) && entry.mention.kind !== "model").pop();
    const referent = earlier?.mention ?? [context.lastTarget, context.lastSubject].find((mention) => mention && mention.slug !== claimant.slug) ?? null;
    if (referent && referent.slug !== claimant.slug) return [referent];
  }
  const after = located.filter((entry) => entry.start >= cue.end && entry.start < regionEnd && isParty(entry, direct));
  const free = after.filter((entry) => {
    const before = lower.slice(Math.max(0, entry.start - 25), entry.start);
    const following = lower.slice(entry.end, entry.end + 12);
    if (lex.modifierAfter.test(following) || lex.listenerAfter.test(following)) return false;
    if (lex.listenerBefore.test(before) || lex.sourceBefore.test(before)) return false;
    // A settlement is "with" its counterpart, "led by" the plaintiff: only places are filtered there.
    // "Companies in China" stand for their country: it is the party, not a place.
    if (cue.kind !== "settle" && lex.modifierBefore.test(before) && entry.mention.kind !== "person" && !COMPANIES_OF.test(before)) return false;
    if (cue.kind === "settle" && /(?:^|[^\p{L}])(?:in|at|tại|ở|trong)\s+(?:the\s+)?$/u.test(before)) return false;
    // "Microsoft's security researchers": the possessor is not the object.
    if (/^['’]s\b/.test(lower.slice(entry.end, entry.end + 3)) && cue.kind !== "settle") {
      const next = after.find((other) => other.start > entry.end);
      if (next) return false;
    }
    return true;
  });
  const objects = free.filter((entry) => !/(?:^|[^\p{L}])(?:to|for|từ|cho)\s+(?:the\s+)?$/u.test(lower.slice(Math.max(0, entry.start - 10), entry.start)));
  // Verb-final clauses ("OpenAIはDeepSeekを提訴した", "GEMA hat OpenAI verklagt"): with no object
  // right after the verb, the accused stands between the accuser and the verb.
  if (lex.objectBeforeVerb && cue.kind !== "source" && !(objects.length > 0 && objects[0].start - cue.end <= 30)) {
    const subject = located.find((entry) => entry.mention === claimant);
    const from = Math.max(subject ? subject.end : 0, clauseStart(lower, cue.start));
    const between = located.filter((entry) => {
      if (entry.start < from || entry.end > cue.start || !isParty(entry, direct)) return false;
      const after = lower.slice(entry.end, entry.end + 12);
      const before = lower.slice(Math.max(0, entry.start - 25), entry.start);
      if (lex.modifierAfter.test(after) || lex.listenerAfter.test(after) || lex.listenerBefore.test(before) || lex.sourceBefore.test(before)) return false;
      return !(lex.modifierBefore.test(before) && entry.mention.kind !== "person" && !COMPANIES_OF.test(before));
    });
    const marked = between.find((entry) => lex.objectAfter.test(lower.slice(entry.end, entry.end + 12)));
    const first = marked ?? [...between].sort((a, b) => mentionRank(a.mention) - mentionRank(b.mention) || a.start - b.start)[0];
    if (first) return withCoordinated(lower, first, between, lex);
  }
  if (direct && objects.length > 0 && objects[0].start - cue.end <= 30) {
    return withCoordinated(lower, objects[0], objects, lex);
  }
  // An authority's order needs a direct object ("restricted sales … to China" names none).
  if (cue.kind === "sanction") return [];
  // Countries and governments are the object only when nothing more specific is named.
  const pool = direct ? objects : free;
  const best = [...pool].sort((a, b) => mentionRank(a.mention) - mentionRank(b.mention) || a.start - b.start)[0];
  if (best) return withCoordinated(lower, best, pool, lex);
  // "these companies", "các công ty này": the parties just accused.
  if (/(?:^|[^\p{L}])(?:these|those|the two|both) (?:companies|firms|defendants)|(?:^|[^\p{L}])(?:các|hai|những) (?:công ty|bị đơn)(?: này| trên)?/u.test(lower.slice(cue.end))) {
    const previous = context.lastTargets.filter((target) => target.slug !== claimant.slug);
    if (previous.length > 0) return previous;
  }
  // Attribution after the content ("DeepSeek copied us,” OpenAI said"): look before the claimant.
  // Only a quotation before the cue makes its content precede the attribution.
  const inverted = /[”"»][\s,]*$/.test(lower.slice(0, cue.start)) || /[”"»][\s,]*[\p{L}\p{N}.'’ -]{0,40}$/u.test(lower.slice(0, cue.start)) && cue.start > 0 && /[”"»]/.test(lower.slice(0, cue.start));
  // "X and Y reached a settlement": the partner of a settlement stands beside its subject.
  const both = inverted || cue.kind === "settle";
  const before = located.filter(
    (entry) => both && entry.end <= cue.start && isParty(entry, false) && !lex.modifierBefore.test(lower.slice(Math.max(0, entry.start - 25), entry.start)),
  );
  const earlier = [...before].sort((a, b) => mentionRank(a.mention) - mentionRank(b.mention) || a.start - b.start)[0];
  if (earlier) return [earlier.mention];
  // A denial names nobody: it answers the last accusation against the speaker ("DeepSeek denied
  // the claims", "Perplexity said it would fight the lawsuit"), preferably one of the same type.
  lex.stanceRules[1].pattern.lastIndex = 0;
  const denial = cue.kind === "deny" || lex.stanceRules[1].pattern.test(lower);
  const answered = accusationAgainst(context, claimant.slug, findTypes(lex, lower)[0]?.type ?? null);
  if (denial && answered) return [answered.claimant];
  // "Nvidia refuted the information": a denial of a report answers whoever made it.
  if (cue.kind === "deny" && /^\s*(?:the|these|those|this|that|such|its|các|những|thông tin|cáo buộc|báo cáo|tin)\b/u.test(lower.slice(cue.end, cue.end + 14))) {
    const latest = context.accusations[context.accusations.length - 1];
    if (latest && latest.claimant.slug !== claimant.slug) return [latest.claimant];
  }
  // A settlement with the party that accused the speaker.
  if (cue.kind === "settle" && answered) return [answered.claimant];
  // An accused party speaking of the wrong it was accused of answers its accuser ("The company
  // said it had no interest in trade secrets from other labs").
  const sentenceType = findTypes(lex, lower)[0]?.type ?? null;
  if (answered && sentenceType !== null && answered.type === sentenceType) return [answered.claimant];
  // The same speaker goes on ("He added that this was theft"): still about the same target.
  if (!denial && context.lastClaimant?.slug === claimant.slug && context.lastTarget && context.lastTarget.slug !== claimant.slug) {
    return [context.lastTarget];
  }
  return [];
}

/** The latest accusation in the article against `slug`, if any. */
function accusationAgainst(context: Context, slug: string, type: ClaimType | null = null): Accusation | undefined {
  let latest: Accusation | undefined;
  for (let index = context.accusations.length - 1; index >= 0; index--) {
    const accusation = context.accusations[index];
    if (accusation.targetSlug !== slug || accusation.claimant.slug === slug) continue;
    if (type === null || accusation.type === type) return accusation;
    latest ??= accusation;
  }
  return latest;
}
