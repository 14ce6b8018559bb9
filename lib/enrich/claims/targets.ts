/**
 * Against whom a claim is made: the object of the cue (after it, or between the accuser and a
 * verb-final verb), the subject of a passive, the parties listed with it, a word standing for a
 * party named before, and for a denial or settlement that names nobody, the accuser it answers.
 */

import type { EntityMention } from "@/lib/types";
import {
  COMPANIES_OF,
  type Context,
  type Cue,
  type Located,
  PARTY_KINDS,
  accusationAgainst,
  clauseStart,
  isMedia,
  mentionRank,
} from "./model";
import { findCues, findTypes } from "./cues";
import {
  coClaimants,
  listedTogether,
  namedAfterDescription,
  parallelMembers,
  pluralForAccused,
  withCoordinated,
} from "./parties";
import { attributedAfter, isModifier, passiveSubjects } from "./clauses";

export function resolveTargets(
  lower: string,
  cue: Cue,
  claimant: EntityMention,
  located: Located[],
  regionEnd: number,
  context: Context,
): EntityMention[] {
  const lex = context.lex;
  // Those listed with the accuser accuse with it ("Sony Music, Universal Music Group e Warner Music
  // Group hanno citato …"): never its accused. A settlement's partner stands beside its subject.
  const allies = new Set(
    cue.kind === "passive" || cue.kind === "settle"
      ? []
      : coClaimants(lower, cue, claimant, located, lex).map((mention) => mention.slug),
  );
  const isParty = (entry: Located, allowMedia: boolean): boolean => {
    const mention = entry.mention;
    if (mention.slug === claimant.slug || allies.has(mention.slug)) return false;
    if (isMedia(mention) && !allowMedia) return false;
    if (!PARTY_KINDS.has(mention.kind) && !isMedia(mention)) return false;
    if (lex.judgeBefore.test(lower.slice(Math.max(0, entry.start - 25), entry.start))) return false;
    return true;
  };
  if (cue.kind === "passive") {
    // The accused is the subject before the passive verb.
    const from = clauseStart(lower, cue.start);
    const subject = located.filter(
      (entry) => entry.start >= from && entry.end <= cue.start && isParty(entry, true),
    );
    if (subject.length > 0) return passiveSubjects(lower, subject, lex);
    // "In der Klage wird OpenAI vorgeworfen": the accused inside an impersonal passive.
    const inside = located.filter(
      (entry) => entry.start >= cue.start && entry.end <= cue.end && isParty(entry, false),
    );
    return inside.length > 0 ? passiveSubjects(lower, inside, lex) : [];
  }
  const direct = cue.kind === "sue" || cue.kind === "accuse" || cue.kind === "sanction";
  const ahead = lower.slice(cue.end, cue.end + 40);
  // "Nvidia refuted the information, …": a denial of a report answers whoever made it, unless
  // the accuser is named right there ("denied OpenAI's claims").
  if (
    cue.kind === "deny" &&
    /^\s*(?:the|these|those|this|that|such|its|các|những|thông tin|cáo buộc|báo cáo|tin)(?![\p{L}])/u.test(
      ahead,
    )
  ) {
    const named = located.find(
      (entry) =>
        entry.start >= cue.end &&
        entry.start - cue.end <= 40 &&
        !/[,;:]/.test(lower.slice(cue.end, entry.start)) &&
        isParty(entry, true),
    );
    const latest = [...context.accusations]
      .reverse()
      .find((accusation) => accusation.claimant.slug !== claimant.slug);
    if (!named && latest) return [latest.claimant];
  }
  // "accusing it of…", "cáo buộc công ty này…", "wirft dem Unternehmen vor": a word standing for a
  // party right after the verb is the party named before it.
  // A description that introduces the names after it ("kiện hai công ty khởi nghiệp Suno và Udio",
  // "le società Suno e Udio", "the three labs — A, B and C —") names the accused; it refers to nobody.
  if (
    direct &&
    lex.anaphoraAhead.test(ahead) &&
    !namedAfterDescription(lower, cue.end, located, lex)
  ) {
    // Not a name inside the accuser's own phrase ("Ủy ban … của Hạ viện Mỹ cáo buộc công ty
    // này"): between the accuser and that party some verb must stand, or a comma.
    const accuser = located.find((entry) => entry.mention === claimant);
    const earlier = located
      .filter(
        (entry) =>
          entry.end <= cue.start &&
          isParty(entry, false) &&
          entry.mention.kind !== "model" &&
          !(
            accuser &&
            accuser.end <= entry.start &&
            !/[,;:]/u.test(lower.slice(accuser.end, entry.start)) &&
            findCues(lex, lower.slice(accuser.end, entry.start)).length === 0
          ),
      )
      .pop();
    const referent =
      earlier?.mention ??
      [context.lastTarget, context.lastSubject].find(
        (mention) => mention && mention.slug !== claimant.slug,
      ) ??
      null;
    if (referent && referent.slug !== claimant.slug) return [referent];
  }
  const after = located.filter(
    (entry) => entry.start >= cue.end && entry.start < regionEnd && isParty(entry, direct),
  );
  const free = after.filter((entry) => {
    const before = lower.slice(Math.max(0, entry.start - 25), entry.start);
    const following = lower.slice(entry.end, entry.end + 48);
    if (lex.modifierAfter.test(following) || lex.listenerAfter.test(following)) return false;
    if (lex.listenerBefore.test(before) || lex.sourceBefore.test(before)) return false;
    // A settlement is "with" its counterpart, "led by" the plaintiff: only places are filtered there.
    // "Companies in China" stand for their country: it is the party, not a place.
    // A denial's object is whose claims it rejects: "contestait les affirmations de Reddit".
    if (
      cue.kind !== "settle" &&
      cue.kind !== "deny" &&
      isModifier(lex, before) &&
      entry.mention.kind !== "person" &&
      !COMPANIES_OF.test(before) &&
      // "wirft dem ChatGPT-Entwickler vor": a maker described by its product is the party itself.
      !lex.makerAfter.test(lower.slice(entry.end, entry.end + 20))
    )
      return false;
    if (cue.kind === "settle" && /(?:^|[^\p{L}])(?:in|at|tại|ở|trong)\s+(?:the\s+)?$/u.test(before))
      return false;
    // "Microsoft's security researchers": the possessor is not the object.
    if (/^['’]s\b/.test(lower.slice(entry.end, entry.end + 3)) && cue.kind !== "settle") {
      const next = after.find((other) => other.start > entry.end);
      if (next) return false;
    }
    return true;
  });
  const objects = free.filter(
    (entry) =>
      !/(?:^|[^\p{L}])(?:to|for|từ|cho)\s+(?:the\s+)?$/u.test(
        lower.slice(Math.max(0, entry.start - 10), entry.start),
      ),
  );
  // Verb-final clauses ("OpenAIはDeepSeekを提訴した", "GEMA hat OpenAI verklagt"): with no object
  // right after the verb, the accused stands between the accuser and the verb.
  if (
    lex.objectBeforeVerb &&
    cue.kind !== "source" &&
    // A name after a comma opens the next clause ("… vorgeworfen, Claude destilliert zu haben").
    !(
      objects.length > 0 &&
      objects[0].start - cue.end <= 30 &&
      !/[,;:]/.test(lower.slice(cue.end, objects[0].start))
    )
  ) {
    let subject = located.find((entry) => entry.mention === claimant);
    // "Disney und Universal haben Midjourney verklagt": those listed with the accuser accuse too.
    for (const next of located) {
      if (!subject || next.start <= subject.start || next.end > cue.start) continue;
      if (!listedTogether(lower, lower.slice(subject.end, next.start), lex)) break;
      subject = next;
    }
    const from = Math.max(subject ? subject.end : 0, clauseStart(lower, cue.start));
    const between = located.filter((entry) => {
      if (entry.start < from || entry.end > cue.start || !isParty(entry, direct)) return false;
      const after = lower.slice(entry.end, entry.end + 12);
      const before = lower.slice(Math.max(0, entry.start - 25), entry.start);
      if (
        lex.modifierAfter.test(after) ||
        lex.listenerAfter.test(after) ||
        lex.listenerBefore.test(before) ||
        lex.sourceBefore.test(before)
      )
        return false;
      // "das KI-Unternehmen xAI von Elon Musk": a person right after a company owns it.
      const owner =
        entry.mention.kind === "person" &&
        located.some(
          (other) =>
            other.mention.kind !== "person" &&
            other.end <= entry.start &&
            entry.start - other.end <= 8,
        );
      return !(
        lex.modifierBefore.test(before) &&
        (entry.mention.kind !== "person" || owner) &&
        !COMPANIES_OF.test(before)
      );
    });
    // The accused of "sued"/"accused" is its object (を, 를); of "said" the subject of what is said (が, 가).
    const speech = cue.kind === "speech" || cue.kind === "tell" || cue.kind === "report";
    const markedBy = (marker: RegExp) =>
      between.find((entry) => marker.test(lower.slice(entry.end, entry.end + 12)));
    let marked = speech
      ? (markedBy(lex.subjectAfter) ??
        markedBy(lex.clauseSubjectAfter) ??
        markedBy(lex.objectAfter))
      : markedBy(lex.objectAfter);
    // "AはBがCを蒸留したと非難した": the object belongs to the clause of what is alleged, whose
    // subject (the first party before it) is the accused.
    if (!speech && marked && lex.quotativeBefore.test(lower.slice(marked.end, cue.start))) {
      const subject =
        between.find(
          (entry) =>
            entry.start < marked!.start &&
            lex.clauseSubjectAfter.test(lower.slice(entry.end, entry.end + 12)),
        ) ?? between.find((entry) => entry.start < marked!.start);
      if (subject) marked = subject;
    }
    // "딥시크가 오픈AI 모델을 베꼈다고 비판했다": no name is the verb's own object, and the clause
    // before the verb is what is alleged; its subject is the accused.
    const lastBetween = between[between.length - 1];
    if (
      !speech &&
      !marked &&
      lastBetween &&
      lex.quotativeBefore.test(lower.slice(lastBetween.end, cue.start))
    )
      marked = markedBy(lex.clauseSubjectAfter) ?? markedBy(lex.subjectAfter);
    const first =
      marked ??
      [...between].sort(
        (a, b) => mentionRank(a.mention) - mentionRank(b.mention) || a.start - b.start,
      )[0];
    if (first) {
      // A list before the particle ("오픈AI와 마이크로소프트를", "OpenAIとマイクロソフトを"): the marked name
      // ends it, so the names listed before it are accused too.
      const listed: EntityMention[] = [];
      let cursor = first;
      for (const previous of [...between].reverse()) {
        if (previous.start >= cursor.start) continue;
        if (!listedTogether(lower, lower.slice(previous.end, cursor.start), lex)) break;
        listed.unshift(previous.mention);
        cursor = previous;
      }
      // "머스크는 오픈AI가 …했다며 올트먼을 상대로 소송을 냈다": the subject of the reason clause
      // before the object is accused too.
      const reasons = direct
        ? between.filter(
            (entry) =>
              entry.end <= first.start &&
              lex.clauseSubjectAfter.test(lower.slice(entry.end, entry.end + 12)) &&
              lex.quotativeBefore.test(lower.slice(entry.end, first.start)),
          )
        : [];
      const targets = [
        ...reasons.map((entry) => entry.mention),
        ...listed,
        ...withCoordinated(lower, first, between, lex),
      ];
      return targets.filter(
        (mention, index) => targets.findIndex((other) => other.slug === mention.slug) === index,
      );
    }
  }
  if (direct && objects.length > 0 && objects[0].start - cue.end <= 30) {
    const listed = withCoordinated(lower, objects[0], objects, lex);
    const split = parallelMembers(lower, objects[0], objects, lex).filter(
      (mention) => !listed.some((other) => other.slug === mention.slug),
    );
    return [...listed, ...split];
  }
  // An authority's order needs a direct object ("restricted sales … to China" names none).
  if (cue.kind === "sanction") return [];
  // Countries and governments are the object only when nothing more specific is named.
  const pool = direct ? objects : free;
  const best = [...pool].sort(
    (a, b) => mentionRank(a.mention) - mentionRank(b.mention) || a.start - b.start,
  )[0];
  if (best) return withCoordinated(lower, best, pool, lex);
  // "these companies", "các công ty này": the parties just accused. Verb-final: the plural word
  // stands before the verb ("이들 기업은 …했다고 앤트로픽은 설명했다").
  lex.pluralAnywhere.lastIndex = 0;
  if (
    /(?:^|[^\p{L}])(?:these|those|the two|both) (?:companies|firms|defendants)|(?:^|[^\p{L}])(?:các|hai|những) (?:công ty|bị đơn)(?: này| trên)?/u.test(
      lower.slice(cue.end),
    ) ||
    (lex.clauseSubjects &&
      claimant.kind !== "government" &&
      lex.pluralAnywhere.test(lower.slice(0, cue.start))) ||
    pluralForAccused(lower, cue, claimant, context)
  ) {
    const previous = context.lastTargets.filter((target) => target.slug !== claimant.slug);
    if (previous.length > 0) return previous;
  }
  // Attribution after the content ("DeepSeek copied us,” OpenAI said"): look before the claimant.
  // Only a quotation before the cue makes its content precede the attribution.
  const inverted =
    /[”"»][\s,]*$/.test(lower.slice(0, cue.start)) ||
    (/[”"»][\s,]*[\p{L}\p{N}.'’ -]{0,40}$/u.test(lower.slice(0, cue.start)) &&
      cue.start > 0 &&
      /[”"»]/.test(lower.slice(0, cue.start)));
  // "DeepSeek habe … kopiert, erklärte OpenAI": the content stands before the cue.
  const attributed = attributedAfter(lower, cue, claimant, located, lex);
  // "X and Y reached a settlement": the partner of a settlement stands beside its subject.
  const both = inverted || attributed || cue.kind === "settle";
  const before = located.filter(
    (entry) =>
      both &&
      entry.end <= cue.start &&
      isParty(entry, false) &&
      !lex.modifierBefore.test(lower.slice(Math.max(0, entry.start - 25), entry.start)),
  );
  const earlier = [...before].sort(
    (a, b) => mentionRank(a.mention) - mentionRank(b.mention) || a.start - b.start,
  )[0];
  if (earlier) return [earlier.mention];
  // A denial names nobody: it answers the last accusation against the speaker ("DeepSeek denied
  // the claims", "Perplexity said it would fight the lawsuit"), preferably one of the same type.
  lex.stanceRules[1].pattern.lastIndex = 0;
  const denial = cue.kind === "deny" || lex.stanceRules[1].pattern.test(lower);
  const answered = accusationAgainst(
    context,
    claimant.slug,
    findTypes(lex, lower)[0]?.type ?? null,
  );
  if (denial && answered) return [answered.claimant];
  // "Nvidia refuted the information": a denial of a report answers whoever made it.
  if (
    cue.kind === "deny" &&
    /^\s*(?:the|these|those|this|that|such|its|các|những|thông tin|cáo buộc|báo cáo|tin)\b/u.test(
      lower.slice(cue.end, cue.end + 14),
    )
  ) {
    const latest = context.accusations[context.accusations.length - 1];
    if (latest && latest.claimant.slug !== claimant.slug) return [latest.claimant];
  }
  // A settlement with the party that accused the speaker.
  if (cue.kind === "settle" && answered) return [answered.claimant];
  // An accused party speaking of the wrong it was accused of answers its accuser ("The company
  // said it had no interest in trade secrets from other labs").
  const sentenceType = findTypes(lex, lower)[0]?.type ?? null;
  if (answered && sentenceType !== null && answered.type === sentenceType)
    return [answered.claimant];
  // An object pronoun before the verb ("la plateforme les accuse", "il lui reproche"): the party
  // named before, in the sentence or the last one accused.
  if (lex.objectPronounBefore.test(lower.slice(Math.max(0, cue.start - 12), cue.start))) {
    const named = located.filter(
      (entry) => entry.end <= cue.start && isParty(entry, false) && entry.mention.kind !== "model",
    );
    const earlier = named[named.length - 1];
    // "poursuit A, B et C, qu'il accuse de …": the whole list before the relative pronoun.
    if (earlier) {
      const listed = passiveSubjects(lower, named, lex).filter(
        (mention) => mention.slug !== claimant.slug,
      );
      if (listed.length > 1) return listed;
    }
    const referent =
      earlier?.mention ??
      [context.lastTarget, context.lastSubject].find(
        (mention) => mention && mention.slug !== claimant.slug,
      ) ??
      null;
    if (referent && referent.slug !== claimant.slug) return [referent];
  }
  // The same speaker goes on ("He added that this was theft"): still about the same target.
  if (
    !denial &&
    context.lastClaimant?.slug === claimant.slug &&
    context.lastTarget &&
    context.lastTarget.slug !== claimant.slug
  ) {
    return [context.lastTarget];
  }
  return [];
}
