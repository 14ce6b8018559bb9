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
import {
  attributedAfter,
  describedSubject,
  isModifier,
  passiveSubjects,
  speakerEndsSentence,
} from "./clauses";
import { describedClauseSubject } from "./references";

// A relative clause opened right before its speaker ("… answers that the paper says").
const RELATIVE_SPEAKER = /(?:^|[^\p{L}])(?:that|which)\s+(?:the\s+)?[\p{L}-]+\s*$/u;

/**
 * Plural object pronouns right before a verb (fr "les", "leur"; es "los", "las", "les"; pt "lhes";
 * it "li", "loro").
 */
const PLURAL_OBJECT_PRONOUN = /(?:^|[^\p{L}])(?:les|leur|los|las|lhes|li|loro)\s+$/u;

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
    // The accuser's own spokesperson ("Chefjustiziar Ben Lee sagte, …" for Reddit).
    if (mention.kind === "person" && context.relatedTo?.(mention.slug).includes(claimant.slug))
      return false;
    if (isMedia(mention) && !allowMedia) return false;
    if (!PARTY_KINDS.has(mention.kind) && !isMedia(mention)) return false;
    // "das KI-Unternehmen Anthropic": a capitalised noun the tagger took for a name, right before
    // a known party, only describes it.
    if (
      !mention.verified &&
      located.some(
        (other) =>
          other.mention.verified &&
          other.start >= entry.end &&
          /^\s{1,2}$/u.test(lower.slice(entry.end, other.start)),
      )
    )
      return false;
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
    if (inside.length > 0) return passiveSubjects(lower, inside, lex);
    // "L'entreprise chinoise est accusée d'avoir …": the description stands for the party (or, in
    // the plural, the parties) accused before.
    const head = lower.slice(from, cue.start);
    if (!describedSubject(head, lex)) return [];
    lex.plural.lastIndex = 0;
    const accused = (
      lex.plural.test(head.trim()) ? context.lastTargets : [context.lastTarget]
    ).filter((mention): mention is EntityMention => !!mention && mention.slug !== claimant.slug);
    return accused;
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
    const others = [...context.accusations]
      .reverse()
      .filter((accusation) => accusation.claimant.slug !== claimant.slug);
    // "OpenAI bác bỏ cáo buộc" after Anthropic accused it and Wired reported: the accuser, not
    // the outlet that relayed the accusation.
    const latest =
      others.find(
        (accusation) => accusation.targetSlug === claimant.slug && !isMedia(accusation.claimant),
      ) ?? others[0];
    // "Udio denied the labels' claims": a plural description of the accusers answers every
    // company that accused the denier, not only the last one.
    if (!named && ACCUSERS_DESCRIBED.test(ahead)) {
      const companies: EntityMention[] = [];
      for (const accusation of context.accusations) {
        const party = accusation.claimant;
        if (accusation.targetSlug !== claimant.slug || party.slug === claimant.slug) continue;
        if (party.kind !== "company" && party.kind !== "media") continue;
        if (!companies.some((other) => other.slug === party.slug)) companies.push(party);
      }
      if (companies.length > 1) return companies;
    }
    if (!named && latest) return [latest.claimant, ...fellowAccusers(latest, claimant, context)];
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
          ) &&
          // "Ben Lee, directeur juridique de Reddit, reproche à la société…": the spokesperson
          // heading the accuser's own phrase is not the party the description stands for.
          !(
            accuser &&
            entry.mention.kind === "person" &&
            entry.end <= accuser.start &&
            entry.start >= clauseStart(lower, cue.start) &&
            findCues(lex, lower.slice(entry.end, cue.start)).length === 0
          ),
      )
      .pop();
    // "accuse les deux entreprises", "wirft den beiden Unternehmen vor": a plural with no party
    // before it in the sentence stands for all the parties accused last.
    const accused = context.lastTargets.filter((target) => target.slug !== claimant.slug);
    if (!earlier && accused.length > 1 && lex.plural.test(ahead.trimStart())) return accused;
    const referent =
      earlier?.mention ??
      [context.lastTarget, context.lastSubject].find(
        (mention) => mention && mention.slug !== claimant.slug,
      ) ??
      null;
    if (referent && referent.slug !== claimant.slug) return [referent];
  }
  // "…countered that the newspaper had paid someone to hack ChatGPT": a description heading the
  // reported clause, before any name, is its subject, the accused.
  if (cue.kind === "speech" || cue.kind === "tell") {
    const described = describedClauseSubject(lower.slice(cue.end, regionEnd), claimant, context);
    if (
      described &&
      !located.some(
        (entry) =>
          entry.start >= cue.end && entry.start < cue.end + described.at && isParty(entry, true),
      )
    )
      return [described.mention];
  }
  // A denial answers a party, never a model ("… việc Claude lặp lại lời bài hát là lỗi hiếm gặp").
  const after = located.filter(
    (entry) =>
      entry.start >= cue.end &&
      entry.start < regionEnd &&
      isParty(entry, direct) &&
      !(cue.kind === "deny" && entry.mention.kind === "model"),
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
    // "OpenAIは、NYTが規約に反するプロンプトを入力したと主張した": an outlet that is the subject of
    // the clause said to be wrong is the accused, even of a verb of saying.
    const accusedOutlet = (entry: Located): boolean => {
      const after = lower.slice(entry.end, entry.end + 12);
      return (
        isMedia(entry.mention) &&
        (lex.clauseSubjectAfter.test(after) || lex.subjectAfter.test(after)) &&
        lex.quotativeBefore.test(lower.slice(entry.end, cue.start))
      );
    };
    const between = located.filter((entry) => {
      if (entry.start < from || entry.end > cue.start) return false;
      if (!isParty(entry, direct) && !(isParty(entry, true) && accusedOutlet(entry))) return false;
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
  // "DeepSeek and Moonshot used fake accounts, Anthropic said.": the accused, a list too, stand
  // in the clause before the comma.
  if (speakerEndsSentence(lower, cue, located, lex)) {
    const comma = lower.lastIndexOf(",", cue.start);
    const content = located.filter((entry) => entry.end <= comma && isParty(entry, false));
    const first = content.find(
      (entry) => !lex.modifierBefore.test(lower.slice(Math.max(0, entry.start - 25), entry.start)),
    );
    if (first)
      return withCoordinated(lower, first, content, lex).filter((m) => m.slug !== claimant.slug);
  }
  // A denial names nobody: it answers the last accusation against the speaker ("DeepSeek denied
  // the claims", "Perplexity said it would fight the lawsuit"), preferably one of the same type.
  lex.stanceRules[1].pattern.lastIndex = 0;
  const denial = cue.kind === "deny" || lex.stanceRules[1].pattern.test(lower);
  const answered = accusationAgainst(
    context,
    claimant.slug,
    findTypes(lex, lower)[0]?.type ?? null,
  );
  // Accusers who accused it together ("KBS와 MBC, SBS는 … 소송을 냈다. 네이버 측은 … 반박했다") are
  // all answered.
  if (denial && answered) {
    const principals = principalsOf(answered.claimant, claimant, context);
    if (principals.length > 0) return principals;
    return [answered.claimant, ...fellowAccusers(answered, claimant, context)];
  }
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
    // "Il leur reproche …", "les acusa de …": a plural pronoun with nobody named before it stands
    // for all the parties accused last.
    const accused = context.lastTargets.filter((target) => target.slug !== claimant.slug);
    if (
      !earlier &&
      accused.length > 1 &&
      PLURAL_OBJECT_PRONOUN.test(lower.slice(Math.max(0, cue.start - 12), cue.start))
    )
      return accused;
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
    // All of them when it had accused a list ("accused A, B and C … It added that this breached…").
    const all = context.lastTargets.filter((target) => target.slug !== claimant.slug);
    return all.some((target) => target.slug === context.lastTarget!.slug)
      ? all
      : [context.lastTarget];
  }
  // "The filing quotes ChatGPT answers that the paper says reproduce its reporting": a relative
  // clause whose speaker is a description is about the words it hangs on, and what they name.
  const relative = RELATIVE_SPEAKER.exec(lower.slice(0, cue.start));
  if (relative) {
    const antecedent = located.filter(
      (entry) =>
        entry.end <= relative.index &&
        entry.start >= clauseStart(lower, relative.index) &&
        isParty(entry, false),
    );
    if (antecedent.length > 0) return [antecedent[antecedent.length - 1].mention];
  }
  return [];
}

/** The parties that made the last claim together with an accuser, and accused the same party too. */
// A plural description of the accusers right after a denial ("the labels' claims", "các hãng đĩa").
const ACCUSERS_DESCRIBED =
  /^\s+(?:the\s+)?(?:\w+\s+)?(?:record\s+)?(?:labels|publishers|newspapers|papers|studios|plaintiffs|authors)['’]|^\s+(?:cáo buộc|đơn kiện|vụ kiện)\s+(?:của\s+)?(?:các|những|hai|ba)\s+(?:hãng|nhà|tờ|công ty)/u;

/**
 * "News Corp, the papers' parent, said …" after its papers sued: a denial that answers the parent
 * answers the parties it owns that accused the denier (by the knowledge base's affiliations).
 */
function principalsOf(
  parent: EntityMention,
  accused: EntityMention,
  context: Context,
): EntityMention[] {
  const principals: EntityMention[] = [];
  for (const accusation of context.accusations) {
    const party = accusation.claimant;
    if (accusation.targetSlug !== accused.slug || party.slug === parent.slug) continue;
    if (principals.some((other) => other.slug === party.slug)) continue;
    if ((context.relatedTo?.(party.slug) ?? []).includes(parent.slug)) principals.push(party);
  }
  return principals;
}

function fellowAccusers(
  answered: { claimant: EntityMention },
  accused: EntityMention,
  context: Context,
): EntityMention[] {
  if (!context.lastClaimants.some((party) => party.slug === answered.claimant.slug)) return [];
  return context.lastClaimants.filter(
    (party, index) =>
      party.slug !== answered.claimant.slug &&
      party.slug !== accused.slug &&
      context.lastClaimants.findIndex((other) => other.slug === party.slug) === index &&
      context.accusations.some(
        (accusation) =>
          accusation.claimant.slug === party.slug && accusation.targetSlug === accused.slug,
      ),
  );
}
