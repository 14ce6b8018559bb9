/**
 * Claim extraction: attributed sentences become claims {claimant, target, type, stance}. Rules,
 * not a model, and the same rules for every language: the words are data, one lexicon per
 * language in knowledge/claims/ (lexicon.ts). Per sentence, cues.ts finds who speaks or acts
 * ("said", "sued", "cáo buộc", "指控", "提訴した") and which wrongs are named; parties.ts prepares the
 * entity mentions; frames.ts turns each cue into a group, asking claimant.ts for its subject and
 * targets.ts for its object; this file carries the article's context from sentence to sentence
 * (quotes still open, "the company", the accusations a denial answers, types named nearby or in
 * the headline) and emits the claims.
 */

import type { Claim, ClaimType, EntityMention, EntityRef, Stance } from "@/lib/types";
import { splitSentences } from "@/lib/enrich/text";
import { lexiconFor } from "./lexicon";
import type { CueKind } from "./lexicon";
import {
  type Context,
  type ExtractClaimsOptions,
  type Group,
  type Located,
  type TypeHit,
  PARTY_KINDS,
  accusationAgainst,
  isMedia,
  lowerAligned,
  mentionRank,
  quoteBalance,
} from "./model";
import { detectStance, findCues, findTypes, hasWeakType } from "./cues";

export type { ExtractClaimsOptions } from "./model";
import {
  countriesAsDescriptions,
  makersForDescriptions,
  withoutDescribingCountries,
} from "./parties";
import { resolveGroups } from "./frames";
import { isModifier, reportedContinuation } from "./clauses";

/**
 * Extracts claims from a text given its entity mentions (offsets into the same text). Each claim
 * carries the sentence it came from and a confidence in 0..1. The claimant and target are always
 * two different entities; an outlet is the claimant only of what it reports itself (stance
 * "reports"), never of an accusation it relays from a named accuser.
 */
export function extractClaims(
  text: string,
  mentions: EntityMention[],
  options: ExtractClaimsOptions = {},
): Claim[] {
  const sentences = options.sentences ?? splitSentences(text, options.language);
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const claims: Claim[] = [];
  const pending: Array<{
    claim: Omit<Claim, "type">;
    sentenceIndex: number;
    strong: boolean;
    wrongdoing: boolean;
  }> = [];
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
    lastClaimants: [],
    history: [],
    accusations: [],
    relatedTo: options.relatedTo,
    describe: options.describe,
  };
  const related = (a: string, b: string): boolean =>
    Boolean(
      options.relatedTo && (options.relatedTo(a).includes(b) || options.relatedTo(b).includes(a)),
    );
  // The headline's type: a hint for sentences that tell the same wrong in other words.
  const titleType = options.title
    ? (findTypes(lex, lowerAligned(options.title)).find((hit) => hit.type !== "other")?.type ??
      null)
    : null;
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
        located.push({
          mention,
          start: mention.start - sentence.start,
          end: mention.end - sentence.start,
        });
      }
    }
    actorsBySentence[sentenceIndex] = located
      .filter(
        (entry) =>
          entry.mention.verified &&
          !isMedia(entry.mention) &&
          entry.mention.kind !== "government" &&
          entry.mention.kind !== "court",
      )
      .map((entry) => entry.mention.slug);
    const original = text.slice(sentence.start, sentence.end);
    const lower = lowerAligned(original);
    const cues = findCues(lex, lower);
    const described = countriesAsDescriptions(
      lower,
      makersForDescriptions(lower, located, lex, options.makerOf),
      context.lastTarget,
    );
    const parties = withoutDescribingCountries(lower, described, cues, lex);
    lex.noComment.lastIndex = 0;
    // Declining to comment is never a denial (nor a claim of any kind by the one declining).
    const declined = lex.noComment.test(lower);
    const groups = resolveGroups(original, lower, cues, parties, context).filter(
      (group) =>
        !declined ||
        group.cue.kind === "accuse" ||
        group.cue.kind === "sue" ||
        group.cue.kind === "passive",
    );
    const speakerOfQuote = context.openQuoteSpeaker;
    lex.wrongdoing.lastIndex = 0;
    const wrongdoing = lex.wrongdoing.test(lower);

    const emit = (group: Group, stanceKind: CueKind | null) => {
      // A later clause of another speaker ("…; DeepSeek dément") holds its own stance words.
      let stance: Stance = group.reported
        ? "reports"
        : detectStance(lex, lower.slice(0, group.typeTo), stanceKind);
      // The type word usually follows the cue; in "“They stole our models,” said X" it precedes it.
      let types = findTypes(lex, lower, group.typeFrom, group.typeTo, true);
      if (types.length === 0) types = findTypes(lex, lower, group.regionFrom, group.typeTo, true);
      // "DeepSeek said R1 had not learned … by copying examples generated by OpenAI": the speaker
      // negates the wrong of its own accord (no target named before the negation) — a denial.
      if (stance === "alleges" && types.length > 0 && group.cue.end > 0) {
        const between = lower.slice(group.cue.end, types[0].start);
        const negation =
          /(?:^|[^\p{L}])(?:not|never|no|không|chưa|không hề|chưa từng)\s+(?:\S+\s+){0,6}$/u.exec(
            between,
          );
        const targetBefore = located.some(
          (entry) =>
            group.targets.includes(entry.mention) &&
            entry.start >= group.cue.end &&
            entry.start < group.cue.end + (negation?.index ?? 0),
        );
        if (negation && !targetBefore) stance = "denies";
      }
      // The accused answering its accuser without accusing back ("OpenAI said its use was fair
      // use", "…said the decision was disproportionate") is rebutting: a denial.
      if (stance === "alleges" && (group.cue.kind === "speech" || group.cue.kind === "tell")) {
        const accuser = accusationAgainst(context, group.claimant.slug);
        lex.wrongdoing.lastIndex = 0;
        lex.allegation.lastIndex = 0;
        if (
          accuser &&
          group.targets.some((target) => target.slug === accuser.claimant.slug) &&
          !lex.wrongdoing.test(lower) &&
          !lex.allegation.test(lower)
        ) {
          stance = "denies";
        }
      }
      // "…through fraudulent accounts, in violation of its terms of service" under a headline on
      // distillation: the sentence names the terms and tells the headline's wrong in other words.
      // The context's type is added beside the sentence's own, never in place of it.
      const ownTypes = types;
      const withContext = (claimantSlug: string, targetSlug: string): TypeHit[] => {
        const answering = stance === "denies" && group.answersClause === true;
        if (ownTypes.length === 0 || (stance !== "alleges" && stance !== "reports" && !answering))
          return ownTypes;
        const candidates = new Set<ClaimType>();
        if (titleType) candidates.add(titleType);
        // A denial in the same sentence as the accusation answers every type the accuser named.
        for (const earlier of claims)
          if (
            answering
              ? earlier.claimantSlug === targetSlug &&
                earlier.targetSlug === claimantSlug &&
                earlier.start === sentence.start
              : earlier.claimantSlug === claimantSlug && earlier.targetSlug === targetSlug
          )
            candidates.add(earlier.type);
        const added: TypeHit[] = [];
        for (const type of candidates) {
          if (type === "other" || ownTypes.some((hit) => hit.type === type)) continue;
          if (hasWeakType(lex, lower, type, group.typeFrom, group.typeTo))
            added.push({ type, start: ownTypes[0].start });
        }
        return added.length > 0 ? [...ownTypes, ...added] : ownTypes;
      };
      const strong =
        group.cue.kind === "accuse" ||
        group.cue.kind === "sue" ||
        group.cue.kind === "passive" ||
        group.cue.kind === "sanction";
      let emitted = false;
      for (const speaker of [group.claimant, ...(group.coClaimants ?? [])]) {
        for (const mentioned of group.targets) {
          // An accusation against a model is one against its maker ("GPT-4 copied…" → OpenAI).
          // A product named as the accused (a chip, "other" in the knowledge base) is its maker's too.
          const maker =
            mentioned.kind === "model" || mentioned.kind === "other"
              ? options.makerOf?.(mentioned.slug)
              : undefined;
          const target: EntityRef | undefined =
            mentioned.kind === "model" ? maker : (maker ?? mentioned);
          if (!target || target.slug === speaker.slug || related(speaker.slug, target.slug))
            continue;
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
            context.accusations.push({
              claimant: speaker,
              targetSlug: target.slug,
              type: types[0]?.type ?? null,
            });
          }
          if (types.length === 0) {
            pending.push({ claim: base, sentenceIndex, strong, wrongdoing });
            continue;
          }
          // One claim per type the sentence names (a third is rare; more is a list of background).
          const named = withContext(speaker.slug, target.slug);
          for (const hit of named.slice(0, 3)) claims.push({ ...base, type: hit.type });
          context.lastType = types[0].type;
        }
      }
      if (!emitted) return;
      if (strong && stance === "alleges") context.lastPlaintiff = group.claimant;
      // In a settlement the side that was not accused is the plaintiff ("…to settle the claims of authors led by X").
      if (stance === "settles") {
        const counterpart = group.targets.find((target) => target.slug !== group.claimant.slug);
        if (counterpart && !accusationAgainst(context, counterpart.slug))
          context.lastPlaintiff = counterpart;
      }
      context.lastClaimant = group.claimant;
      context.lastClaimants = [group.claimant, ...(group.coClaimants ?? [])];
      context.lastTarget = group.targets[0] ?? context.lastTarget;
      if (group.targets.length > 0) context.lastTargets = group.targets;
      context.lastSentenceIndex = sentenceIndex;
    };

    const continued =
      groups.length === 0 && !speakerOfQuote ? reportedContinuation(lower, parties, context) : null;
    if (groups.length > 0) {
      for (const group of groups) emit(group, group.cue.kind);
    } else if (speakerOfQuote) {
      // A sentence inside a quote opened by "X said: “…": X still speaks.
      const targets = located
        .map((entry) => entry.mention)
        .filter((mention) => mention.slug !== speakerOfQuote.slug && PARTY_KINDS.has(mention.kind))
        .sort((a, b) => mentionRank(a) - mentionRank(b) || a.start - b.start);
      const target =
        targets[0] ??
        (context.lastTarget && context.lastTarget.slug !== speakerOfQuote.slug
          ? context.lastTarget
          : null);
      if (target) {
        emit(
          {
            claimant: speakerOfQuote,
            targets: [target],
            cue: { kind: "speech", start: 0, end: 0 },
            typeFrom: 0,
            typeTo: lower.length,
            regionFrom: 0,
            confidence: 0.5,
          },
          null,
        );
      }
    } else if (continued) {
      // "DeepSeek soll … haben", "la start-up aurait …": the last claimant's claim goes on.
      emit(
        {
          claimant: continued.claimant,
          targets: continued.targets,
          cue: { kind: "speech", start: 0, end: 0 },
          typeFrom: 0,
          typeTo: lower.length,
          regionFrom: 0,
          confidence: 0.45,
        },
        null,
      );
    } else if (
      context.lastClaimant &&
      context.lastTarget &&
      sentenceIndex - context.lastSentenceIndex <= 3 &&
      ((lex.breach.lastIndex = 0), lex.breach.test(lower))
    ) {
      // "This violates the terms of use": the breach is named without repeating who alleges it.
      // Only when the sentence brings in no other party, so the recent claim is what it continues.
      const claimant = context.lastClaimant;
      const target = context.lastTarget;
      // Every party of the list the claim was against ("This violates the terms" after "A, B and C").
      const accused = context.lastTargets.some((other) => other.slug === target.slug)
        ? context.lastTargets
        : [target];
      const others = located.filter(
        (entry) =>
          !isMedia(entry.mention) &&
          entry.mention.slug !== claimant.slug &&
          !accused.some((other) => other.slug === entry.mention.slug) &&
          entry.mention.verified,
      );
      lex.breach.lastIndex = 0;
      const breachAt = lex.breach.exec(lower)?.index ?? 0;
      const types = findTypes(lex, lower).filter((hit) => hit.type !== "other");
      // The type named by the breach itself ("vi phạm thỏa thuận sử dụng") over one mentioned in passing.
      const hit = types.find((candidate) => candidate.start >= breachAt) ?? types[0];
      for (const target of others.length === 0 && hit ? accused : []) {
        if (target.kind === "model" || related(claimant.slug, target.slug)) continue;
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
    // "Le créateur de ChatGPT …": a maker named by its product is the subject the next "il" means.
    const actors = parties.filter((entry) => {
      if (
        isMedia(entry.mention) ||
        !PARTY_KINDS.has(entry.mention.kind) ||
        entry.mention.kind === "model"
      )
        return false;
      const before = lower.slice(Math.max(0, entry.start - 25), entry.start);
      return !lex.judgeBefore.test(before) && !isModifier(lex, before);
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
      if ((actorsBySentence[index + offset] ?? []).some((slug) => !parties.includes(slug)))
        continue;
      const hit = findTypes(lex, lowerAligned(near.text)).find(
        (candidate) => candidate.type !== "other",
      );
      if (hit) return hit.type;
    }
    return null;
  };
  // Accusations first, so that an answer to a suit of no named type ("Reddit sued Anthropic.
  // Anthropic denied the allegations.") takes the type the suit was given, "other" included.
  const isAnswer = (claim: Omit<Claim, "type">) =>
    claim.stance !== "alleges" && claim.stance !== "reports";
  const ordered = [
    ...pending.filter((entry) => !isAnswer(entry.claim)),
    ...pending.filter((entry) => isAnswer(entry.claim)),
  ];
  let answers: Claim[] | null = null;
  for (const { claim, sentenceIndex, strong, wrongdoing } of ordered) {
    const same = typed.find(
      (other) => other.claimantSlug === claim.claimantSlug && other.targetSlug === claim.targetSlug,
    );
    if (isAnswer(claim)) {
      answers ??= [...claims];
      const reverse = answers.find(
        (other) =>
          other.claimantSlug === claim.targetSlug && other.targetSlug === claim.claimantSlug,
      );
      const answered =
        reverse ??
        answers.find(
          (other) =>
            other.claimantSlug === claim.claimantSlug && other.targetSlug === claim.targetSlug,
        ) ??
        answers.find((other) => other.claimantSlug === claim.targetSlug);
      const type =
        answered?.type ??
        typesNear(sentenceIndex, [claim.claimantSlug, claim.targetSlug]) ??
        (options.title ? (findTypes(lex, lowerAligned(options.title))[0]?.type ?? null) : null);
      if (type) claims.push({ ...claim, type, confidence: Math.min(claim.confidence, 0.5) });
      continue;
    }
    if (strong || wrongdoing) {
      // Wrongdoing told in other words ("set up fake accounts to get round usage limits") takes the
      // type the sentences around it, an earlier claim between the same parties or the headline name.
      const type =
        typesNear(sentenceIndex, [claim.claimantSlug, claim.targetSlug]) ??
        same?.type ??
        titleType ??
        "other";
      const resolved = {
        ...claim,
        type,
        confidence: Math.min(claim.confidence, type === "other" ? 0.45 : 0.5),
      };
      claims.push(resolved);
      typed.push(resolved);
      continue;
    }
    // A plain statement between two parties already in a typed claim repeats that claim.
    if (same)
      claims.push({ ...claim, type: same.type, confidence: Math.min(claim.confidence, 0.45) });
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
