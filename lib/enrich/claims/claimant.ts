/**
 * Who makes a claim: the subject of its cue, resolved through possessives, titles, spokespeople
 * and lawyers, "according to X" (before or after the name), passives, quotes attributed after
 * the fact, documents ("the complaint says" → the plaintiff and those who sued with it),
 * descriptions ("the committee", "lawyers for the newspaper"), surnames of people named in full
 * before, and pronouns and "the company" (the party that was speaking). An outlet speaks for
 * itself only as a party to the dispute. What a subject that is not a name stands for is
 * lib/enrich/claims/references.ts.
 */

import type { EntityMention } from "@/lib/types";
import {
  AUTHORITY_KINDS,
  type Context,
  type Cue,
  DESCRIBED_BY_COUNTRY,
  type Located,
  PARTY_KINDS,
  accusationAgainst,
  clauseStart,
  cueEndsSentenceClause,
  isMedia,
} from "./model";
import {
  describedDenier,
  describedSubject,
  documentOwner,
  isModifier,
  sourceBeforeMarker,
  speakerAfterClause,
  speakerEndsSentence,
  subjectHeadsClause,
} from "./clauses";
import {
  type ClaimantResult,
  TITLE_FOR,
  documentSpeaker,
  recentClaimant,
  resolveDescriptor,
  subjectByReference,
} from "./references";

export function resolveClaimant(
  original: string,
  lower: string,
  cue: Cue,
  located: Located[],
  context: Context,
  minFrom = 0,
): ClaimantResult | null {
  const lex = context.lex;
  if (cue.kind === "source") {
    // "OpenAI zufolge": the source's name stands before its marker.
    const marked = sourceBeforeMarker(lower, cue, located, lex);
    if (marked) return { claimant: marked, explicit: true };
    // "Laut der Klage …", "nach Darstellung der Klage …": the plaintiff, whatever is named next,
    // unless the name owns the document ("theo báo cáo của Bloomberg", "according to a report by X").
    const named = located.find((entry) => entry.start >= cue.end);
    if (
      // "according to the complaint, OpenAI …": the comma ends the document's name.
      lex.document.test(
        lower
          .slice(cue.end, cue.end + 30)
          .replace(/[,;:]/gu, " ")
          .trim(),
      ) &&
      !(named && isModifier(lex, lower.slice(Math.max(cue.end, named.start - 25), named.start)))
    ) {
      const plaintiff = documentSpeaker(context);
      if (plaintiff) return plaintiff;
    }
    // "according to X" / "theo X": X speaks, unless X is an outlet that only reports.
    // Close after the cue, with nothing but a few words between ("according to a statement from OpenAI").
    const after = located.find((entry) => entry.start >= cue.end && entry.start - cue.end <= 28);
    const gap = after ? lower.slice(cue.end, after.start) : "";
    if (
      after &&
      !/[\p{N},.;:]/u.test(gap) &&
      !isMedia(after.mention) &&
      PARTY_KINDS.has(after.mention.kind) &&
      after.mention.kind !== "model"
    ) {
      return { claimant: after.mention, explicit: true };
    }
    // Postpositions: "OpenAIによると", "OpenAI에 따르면": the source stands right before.
    if (!after && lex.objectBeforeVerb) {
      const before = located
        .filter(
          (entry) => entry.end <= cue.start && /^\s*$/.test(lower.slice(entry.end, cue.start)),
        )
        .pop();
      if (
        before &&
        !isMedia(before.mention) &&
        PARTY_KINDS.has(before.mention.kind) &&
        before.mention.kind !== "model"
      ) {
        return { claimant: before.mention, explicit: true };
      }
    }
    // "Theo đơn kiện, …" / "According to the complaint, …": the plaintiff speaks.
    const following = lower.slice(cue.end, cue.end + 30).trim();
    if (
      !after &&
      (/^(?:the\s+)?(?:lawsuit|complaint|suit|filing|report|đơn kiện|báo cáo|hồ sơ)/u.test(
        following,
      ) ||
        lex.document.test(following))
    ) {
      const plaintiff = documentSpeaker(context);
      if (plaintiff) return plaintiff;
    }
    // "Theo hãng này, …", "according to the company, …": the party that was speaking, else the
    // one the sentences before were about.
    const ahead = lex.anaphoraAhead.exec(lower.slice(cue.end, cue.end + 40));
    if (ahead && /^(?:\s+\p{L}+)?\s*[,:]/u.test(lower.slice(cue.end + ahead[0].length))) {
      const party = recentClaimant(context) ?? context.lastSubject ?? context.lastClaimant;
      if (party) return { claimant: party, explicit: false };
    }
    return null;
  }
  if (cue.kind === "passive") {
    // "X was sued by Y": Y after "by"; Vietnamese "X bị Y kiện": Y between "bị" and the verb.
    const agent =
      located.find((entry) => entry.start >= cue.end && entry.start - cue.end <= 12) ??
      // Postpositions ("퍼플렉시티는 요미우리신문으로부터 소송을 당했다", "BはOpenAIから提訴された"):
      // the agent stands right before the marker, a letter of its ending at most between, after
      // the accused ("DeepSeek被控" names no agent).
      (lex.objectBeforeVerb ? agentBeforeMarker(lower, cue, located) : undefined);
    if (!agent) return agentFromContext(lower, cue, located, context);
    if (agent.mention.kind === "court") return null;
    if (/^bị/.test(lower.slice(cue.start, cue.end))) {
      // "bị New York Times và nhiều tờ báo khác kiện": other accusers may stand before the verb.
      const verbAfter =
        /^\s*(?:(?:và|cùng|,)\s+(?:[^\s,.;:]+\s+){0,5}?)?(?:cáo buộc|kiện|khởi kiện|tố cáo|tố|buộc tội)(?![\p{L}])/u.test(
          lower.slice(agent.end),
        );
      if (!verbAfter) return null;
    }
    return { claimant: agent.mention, explicit: true };
  }
  const from = Math.max(minFrom, clauseStart(lower, cue.start));
  const candidates = located.filter(
    (entry) =>
      entry.start >= from &&
      entry.end <= cue.start &&
      (PARTY_KINDS.has(entry.mention.kind) || isMedia(entry.mention)),
  );
  // Outlets count as the subject only of their own actions (suing, accusing, denying).
  const mayBeMedia =
    cue.kind === "sue" || cue.kind === "accuse" || cue.kind === "deny" || cue.kind === "settle";
  const eligible = candidates.filter((entry) => {
    if (
      isMedia(entry.mention) &&
      !mayBeMedia &&
      (lex.objectBeforeVerb || !outletIsParty(entry, lower, context))
    )
      return false;
    // Only authorities fine, order or ban.
    if (cue.kind === "sanction" && !AUTHORITY_KINDS.has(entry.mention.kind)) return false;
    if (entry.mention.kind === "model") return false;
    const before = lower.slice(Math.max(0, entry.start - 25), entry.start);
    if (
      lex.listenerBefore.test(before) ||
      isModifier(lex, before) ||
      lex.sourceBefore.test(before) ||
      lex.judgeBefore.test(before)
    )
      return false;
    // "Tờ báo Mỹ" (the American newspaper): a country after the noun it describes is not the subject.
    if (entry.mention.kind === "government" && DESCRIBED_BY_COUNTRY.test(before)) return false;
    // "(Reuters) -": a name in brackets is a dateline or an aside, not the subject.
    if (
      isMedia(entry.mention) &&
      /\(\s*$/.test(before) &&
      /^\s*\)/.test(lower.slice(entry.end, entry.end + 3))
    )
      return false;
    // "U.S. District Judge Yvonne Gonzalez Rogers": the country names a judge's court.
    if (
      /^\s+(?:district\s+|circuit\s+|federal\s+|supreme\s+)?(?:judge|court|justice)\b/u.test(
        lower.slice(entry.end, entry.end + 24),
      )
    )
      return false;
    // A postposed modifier ("ドイツの裁判所", "Redditの最高法務責任者"): the name describes what follows.
    // (Only there: "OpenAI researchers said…" still speaks for OpenAI.)
    // Korean puts a person's title after the name ("존 물레나르 특위 위원장은"): the person still
    // speaks, unless a possessive makes the title another's ("머스크의 변호인").
    if (
      lex.objectBeforeVerb &&
      lex.modifierAfter.test(lower.slice(entry.end, entry.end + 12)) &&
      (entry.mention.kind !== "person" ||
        !lex.clauseSubjects ||
        POSSESSIVE_AFTER.test(lower.slice(entry.end)))
    )
      return false;
    // "미 하원 중국특별위원회에 낸 메모에서", "…に送った書簡で": the addressee of a letter is no speaker.
    if (lex.objectBeforeVerb && lex.listenerAfter.test(lower.slice(entry.end, entry.end + 40)))
      return false;
    return true;
  });
  // "DeepSeek发布了新模型，OpenAI指控其…": the Chinese clause comma "，" opens a new clause, and a
  // party named after the last one before the verb is that clause's subject.
  const clauseComma = lower.lastIndexOf("，", cue.start);
  if (clauseComma > from && eligible.length > 0 && eligible[0].start < clauseComma) {
    const inClause = eligible.filter((entry) => entry.start > clauseComma);
    if (inClause.length > 0) eligible.splice(0, eligible.length, ...inClause);
  }
  // "…, erklärte OpenAI", "…, affirme l'entreprise": the speaker named after the clause it reports.
  if (minFrom === 0) {
    const inverted = speakerAfterClause(
      original,
      lower,
      cue,
      located,
      lex,
      (text) => subjectByReference(text, context)?.claimant ?? null,
    );
    if (inverted)
      return { claimant: inverted, explicit: located.some((e) => e.mention === inverted) };
  }
  // "DeepSeek copied its models, Anthropic said in a blog post", "…, the complaint says": the
  // subject after the last comma speaks; the names before it are what is said.
  if (minFrom === 0 && speakerEndsSentence(lower, cue, located, lex)) {
    const comma = lower.lastIndexOf(",", cue.start);
    const speaker = eligible.filter((entry) => entry.start > comma).pop();
    if (speaker) return { claimant: speaker.mention, explicit: true };
    const referred = subjectByReference(lower.slice(comma + 1, cue.start).trim(), context);
    // An unresolved speaker there is still the speaker: the names before it are not.
    return referred;
  }
  // "la plainte de Reddit contre Anthropic", "la demanda de Disney y Universal contra Midjourney",
  // "die Klage der GEMA gegen OpenAI": a nominal suit or accusation names its owner inside the cue,
  // when it heads its clause (not "the judge dismissed the suit of X against Y").
  if (
    minFrom === 0 &&
    (cue.kind === "sue" || cue.kind === "accuse") &&
    /^[\s\p{L}'’]{0,12}$/u.test(lower.slice(from, cue.start))
  ) {
    const owner = located.find(
      (entry) =>
        entry.start > cue.start &&
        entry.end <= cue.end &&
        (PARTY_KINDS.has(entry.mention.kind) || isMedia(entry.mention)) &&
        entry.mention.kind !== "model",
    );
    if (owner) return { claimant: owner.mention, explicit: true };
  }
  // "La demanda de xAI alega", "die Klage der GEMA behauptet": the document's owner speaks.
  if (minFrom === 0 && (cue.kind === "speech" || cue.kind === "accuse")) {
    const owner = documentOwner(lower, cue, located, from, lex);
    if (owner) return { claimant: owner, explicit: true };
  }
  // Topic-marked languages: "회사 측은", "同社は", "총국은" heading the clause, before any name, is the
  // speaker; the names after it belong to what is said.
  if (lex.objectBeforeVerb) {
    const head = lower.slice(from, eligible[0]?.start ?? cue.start);
    const stem = head.replace(/\s*[,、，]?\s*$/u, "").trim();
    if (stem.length > 0 && stem.length <= 20) {
      for (let cut = stem.length - 1; cut > 0; cut--) {
        if (!lex.subjectAfter.test(stem.slice(cut))) continue;
        const reference = subjectByReference(stem.slice(0, cut).trim(), context);
        if (reference) return reference;
        break;
      }
    }
  }
  // Topic-marked languages: the party marked as the topic or subject (は, 는) speaks, whatever
  // stands before it in a relative clause ("トランプ大統領が起用したサックス氏は…").
  if (lex.objectBeforeVerb) {
    const topic = eligible.findIndex((entry) =>
      lex.subjectAfter.test(lower.slice(entry.end, entry.end + 12)),
    );
    if (topic > 0) eligible.unshift(...eligible.splice(topic, 1));
  }
  // Verb-second inversion ("Konkret wirft xAI Apple vor", "Dagegen klagt die GEMA"): with no
  // subject before the verb, the party right after it is the subject.
  if (
    eligible.length === 0 &&
    minFrom === 0 &&
    lex.subjectMayFollowVerb &&
    // "Die Kläger werfen OpenAI … vor": a subject that stands for a party is no opening word.
    !subjectHeadsClause(lower.slice(from, cue.start), lex)
  ) {
    const after = located.find(
      (entry) =>
        entry.start >= cue.end &&
        entry.start - cue.end <= 6 &&
        PARTY_KINDS.has(entry.mention.kind) &&
        entry.mention.kind !== "model",
    );
    if (
      after &&
      /^[\s\p{L}]*$/u.test(lower.slice(cue.end, after.start)) &&
      located.some((entry) => entry.start > after.end)
    )
      return { claimant: after.mention, explicit: true };
  }
  if (minFrom > 0) {
    // A second cue in the sentence needs its own subject right before it ("…said OpenAI had found…");
    // a participle ("sued X, alleging") shares the first subject and is no new speaker. In
    // topic-marked languages the topic moved first above is that subject.
    const topicMarked =
      lex.clauseSubjects &&
      eligible.length > 0 &&
      lex.subjectAfter.test(lower.slice(eligible[0].end, eligible[0].end + 12));
    // "…委員長は声明で、DeepSeekはOpenAIを模倣したと批判した": after "in a statement" (not a finished
    // verb of saying), names followed by a quotative belong to the clause of what is said; the
    // first speaker speaks on (a denial may still bring its own speaker).
    const inDocument =
      /^(?:の中)?で|^에서/u.test(lower.slice(minFrom, minFrom + 4)) ||
      /で$/u.test(lower.slice(minFrom - 1, minFrom));
    if (
      lex.objectBeforeVerb &&
      inDocument &&
      cue.kind !== "deny" &&
      eligible.length > 0 &&
      lex.quotativeBefore.test(lower.slice(eligible[eligible.length - 1].end, cue.start))
    )
      return null;
    if (topicMarked) return { claimant: eligible[0].mention, explicit: true };
    // "…는 성명에서 딥시크가 …했다고 비판했다": without a topic, a name before the verb belongs to
    // the clause of what is said, not to a new speaker.
    if (lex.clauseSubjects) return null;
    const last = eligible[eligible.length - 1];
    if (!last || cue.start - last.end > 30 || /[,;:]/.test(lower.slice(last.end, cue.start)))
      return null;
    return { claimant: last.mention, explicit: true };
  }
  // Passive without an agent ("was accused of", "bị cáo buộc"): the accuser is not named here.
  if (
    (cue.kind === "accuse" || cue.kind === "sue" || cue.kind === "sanction") &&
    /(?:^|[^\p{L}])(?:bị|được|was|were|been|being|is|are|be|get|got)\s+(?:also\s+|now\s+|already\s+|\p{L}+ly\s+)?$/u.test(
      lower.slice(Math.max(0, cue.start - 22), cue.start),
    )
  ) {
    return /(?:bị|được)\s+$/u.test(lower.slice(Math.max(0, cue.start - 8), cue.start))
      ? null
      : agentFromContext(lower, cue, located, context);
  }
  // A possessive subject names the real speaker next: "Microsoft's president Brad Smith said".
  for (let index = 0; index < eligible.length; index++) {
    const entry = eligible[index];
    const following = lower.slice(entry.end, entry.end + 3);
    const nextEntry = eligible[index + 1];
    // "일론 머스크의 xAI", "マスク氏のxAI", "马斯克的xAI": a possessive particle right before the next name.
    const possessive =
      /^['’]s\b/.test(following) ||
      genitiveOfPerson(entry, original.slice(entry.start, entry.end)) ||
      (nextEntry !== undefined && POSSESSIVE_BETWEEN.test(lower.slice(entry.end, nextEntry.start)));
    if (possessive && nextEntry && nextEntry.mention.kind === "person")
      return { claimant: nextEntry.mention, explicit: true };
    // "Elon Musk's xAI sued", "Italy's data protection authority Garante ordered": the possessed is the subject.
    if (
      possessive &&
      nextEntry &&
      nextEntry.start - entry.end <= 40 &&
      !/[,;:]/.test(lower.slice(entry.end, nextEntry.start))
    ) {
      return { claimant: nextEntry.mention, explicit: true };
    }
    // A title naming an organisation before a person ("White House AI adviser David Sacks said",
    // "OpenAI CEO Sam Altman told"): the person speaks.
    if (
      entry.mention.kind !== "person" &&
      nextEntry &&
      nextEntry.mention.kind === "person" &&
      nextEntry.start - entry.end <= 40
    ) {
      const between = lower.slice(entry.end, nextEntry.start);
      // "アンソロピックは5日、作家のアンドレア・バーツ氏らが…": a topic particle or a comma after the
      // organisation ends its phrase; the person belongs to what follows.
      if (
        !/[,;:"“”、，]/.test(between) &&
        !/\b(?:and|và|with|với)\b/u.test(between) &&
        !(lex.objectBeforeVerb && lex.subjectAfter.test(between))
      )
        return { claimant: nextEntry.mention, explicit: true };
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
      const organisation = candidates.find(
        (other) =>
          other.start > entry.end && other.mention.verified && other.mention.kind === "company",
      );
      if (organisation) return { claimant: organisation.mention, explicit: true };
    }
    return { claimant: entry.mention, explicit: true };
  }
  // Inverted attribution: "…,” said OpenAI." / "said Sam Altman, OpenAI's chief".
  if (cue.kind === "speech" || cue.kind === "tell") {
    const after = located.find((entry) => entry.start >= cue.end && entry.start - cue.end <= 30);
    const between = after ? lower.slice(cue.end, after.start) : "";
    if (
      after &&
      !isMedia(after.mention) &&
      after.mention.kind !== "model" &&
      after.mention.kind !== "court" &&
      !/[,.;:]/.test(between) &&
      cueEndsSentenceClause(original, cue)
    ) {
      if (!after.mention.verified && after.mention.kind === "person") {
        const organisation = located.find(
          (other) =>
            other.start > after.end &&
            other.start - after.end <= 40 &&
            other.mention.verified &&
            other.mention.kind === "company",
        );
        if (organisation) return { claimant: organisation.mention, explicit: true };
      }
      return { claimant: after.mention, explicit: true };
    }
  }
  // A dropped subject (es, it, pt): "Les acusa de …", "Lo accusa di …" — only an object pronoun
  // before the verb; the accuser that spoke last goes on.
  const head = lower.slice(from, cue.start);
  // Or a pronoun joined after it (pt "Acusa-os de …", "Processou-a").
  const enclitic = head.trim().length === 0 && /^-(?:l|n)?[oa]s?\b/u.test(lower.slice(cue.end));
  if (
    (cue.kind === "accuse" || cue.kind === "sue") &&
    eligible.length === 0 &&
    ((head.trim().length > 0 && lex.objectPronounBefore.test(head)) || enclitic) &&
    /^\s*(?:\p{L}+\s+)?$/u.test(head) &&
    context.lastClaimant &&
    context.currentSentence - context.lastSentenceIndex <= 2
  ) {
    lex.anaphora.lastIndex = 0;
    if (!lex.anaphora.test(head)) return { claimant: context.lastClaimant, explicit: false };
  }
  const referred = subjectByReference(head.trim(), context);
  // "Der chinesische Entwickler bestreitet die Vorwürfe": a description that denies is the accused.
  const denier =
    referred && !referred.explicit ? describedDenier(cue, referred.claimant, context) : null;
  return denier ? { claimant: denier, explicit: false } : referred;
}

/**
 * An outlet speaks for itself when it is a party to the dispute: when it has lawyers speaking for
 * it ("Lawyers for The New York Times told the judge"), or when it accused or was accused earlier
 * in the article ("The Times said OpenAI had copied…" after "The Times sued OpenAI").
 */
function outletIsParty(entry: Located, lower: string, context: Context): boolean {
  const before = lower.slice(Math.max(0, entry.start - 40), entry.start);
  if (LAWYERS_FOR.test(before)) return true;
  const slug = entry.mention.slug;
  return context.accusations.some(
    (accusation) => accusation.claimant.slug === slug || accusation.targetSlug === slug,
  );
}

const LAWYERS_FOR =
  /(?:lawyers?|attorneys?|counsel|spokes(?:person|man|woman|people)|representatives?|luật sư|người phát ngôn|phát ngôn viên|đại diện)\s+(?:for|of|representing|của|cho)\s+(?:the\s+|tờ\s+|báo\s+)?$/u;

/** The agent of a postposed passive marker: the name right before it, after another party. */
function agentBeforeMarker(lower: string, cue: Cue, located: Located[]): Located | undefined {
  const from = clauseStart(lower, cue.start);
  const before = located.filter(
    (entry) =>
      entry.start >= from &&
      entry.end <= cue.start &&
      (PARTY_KINDS.has(entry.mention.kind) || isMedia(entry.mention)),
  );
  const agent = before[before.length - 1];
  if (!agent || before.length < 2 || !/^\s*\p{L}?$/u.test(lower.slice(agent.end, cue.start)))
    return undefined;
  return agent;
}

/** A possessive particle right after a name: what follows belongs to it. */
const POSSESSIVE_AFTER = /^\s*(?:의|の|的)/u;
const POSSESSIVE_BETWEEN = /^\s*(?:의|の|的)\s*$/u;

/**
 * The organisation a person speaks for when their title, right beside their name, is a
 * spokesperson's or a lawyer's ("X, a lawyer for the Times", "Reddit's chief legal officer X",
 * "người phát ngôn của OpenAI X"); null otherwise. A "descriptor" organisation ("the Times")
 * resolves to the one named before.
 */
export function spokespersonOf(
  lower: string,
  person: Located,
  located: Located[],
  context: Context,
): EntityMention | null {
  const lex = context.lex;
  const windowBefore = lower.slice(Math.max(0, person.start - 60), person.start);
  const windowAfter = lower.slice(person.end, person.end + 70);
  const appositive = /^\s*,([^,;:]*)/u.exec(windowAfter)?.[1] ?? "";
  lex.spokesTitles.lastIndex = 0;
  const titledAfter = appositive.length > 0 && lex.spokesTitles.test(appositive);
  lex.spokesTitles.lastIndex = 0;
  // "GEMA's chief counsel, Kai Welp, said": the title may stand before the name, set off by a comma.
  const clauseBefore = /^\s*,/u.test(windowAfter)
    ? windowBefore.replace(/,\s*$/u, "")
    : windowBefore;
  const titledBefore =
    !titledAfter && lex.spokesTitles.test(clauseBefore.slice(clauseBefore.search(/[^,;:.]*$/u)));
  if (!titledAfter && !titledBefore) return null;
  const organisation = (entry: Located) =>
    entry.mention.kind === "company" ||
    entry.mention.kind === "media" ||
    entry.mention.kind === "government" ||
    entry.mention.kind === "other";
  if (titledAfter) {
    const inside = located.find(
      (entry) =>
        entry.start > person.end &&
        entry.end <= person.end + 1 + appositive.length + 1 &&
        organisation(entry),
    );
    if (inside) return inside.mention;
    // "X, đại diện các nhà xuất bản": the title itself may stand before the description.
    const titled = TITLE_FOR.exec(appositive.trim());
    const described = resolveDescriptor(
      titled
        ? (titled[1] ?? titled[2] ?? "").trim()
        : appositive.replace(/^.*\b(?:for|of|at|của|tại)\s+/u, ""),
      context,
    );
    if (described) return described;
    return affiliationOf(person, located, context);
  }
  const before = located
    .filter(
      (entry) => entry.end <= person.start && person.start - entry.end <= 60 && organisation(entry),
    )
    .pop();
  return before && !/[,;:]/.test(lower.slice(before.end, person.start).replace(/,\s*$/u, ""))
    ? before.mention
    : affiliationOf(person, located, context);
}

/**
 * "Chefjustiziar Ben Lee sagte", "Ian Crosby, abogado del diario, replicó": a titled spokesperson
 * whose organisation is not named beside them speaks for the one the knowledge base ties them to,
 * when the article names it.
 */
function affiliationOf(
  person: Located,
  located: Located[],
  context: Context,
): EntityMention | null {
  const slugs = context.relatedTo?.(person.mention.slug) ?? [];
  if (slugs.length === 0) return null;
  const named = [...context.history, ...located.map((entry) => entry.mention)];
  for (const slug of slugs) {
    const organisation = named.find(
      (mention) => mention.slug === slug && mention.kind !== "person" && mention.kind !== "model",
    );
    if (organisation) return organisation;
  }
  return null;
}

/**
 * "Elon Musks Unternehmen xAI", "Musks xAI": a person's name in the German genitive (the name
 * with an "s" the name itself does not end with) possesses what follows, the subject.
 */
function genitiveOfPerson(entry: Located, surface: string): boolean {
  if (entry.mention.kind !== "person") return false;
  const name = entry.mention.name.toLowerCase().split(/\s+/u).pop() ?? "";
  const text = surface.toLowerCase().split(/\s+/u).pop() ?? "";
  return !/[sßxz]$/u.test(name) && text === `${name}s`;
}

/**
 * "DeepSeek est soupçonné d'avoir …", "OpenAI y Microsoft fueron acusados de …", "In der Klage
 * wird OpenAI vorgeworfen, …": a passive that names no accuser carries on the accusation made
 * against its subject a few sentences before, by the party that made it.
 */
function agentFromContext(
  lower: string,
  cue: Cue,
  located: Located[],
  context: Context,
): ClaimantResult | null {
  if (context.currentSentence - context.lastSentenceIndex > 3) return null;
  const from = clauseStart(lower, cue.start);
  // Scripts without spaces mark their passives otherwise ("涉嫌" is no passive of accusing).
  if (
    /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(
      lower.slice(from, cue.end),
    )
  )
    return null;
  const accused = located.filter(
    (entry) =>
      entry.start >= from &&
      entry.end <= cue.start &&
      PARTY_KINDS.has(entry.mention.kind) &&
      entry.mention.kind !== "model",
  );
  // "In der Klage wird OpenAI vorgeworfen": the accused may follow an impersonal passive.
  const subject =
    accused[accused.length - 1] ??
    located.find(
      (entry) =>
        entry.start >= cue.start &&
        entry.end <= cue.end &&
        PARTY_KINDS.has(entry.mention.kind) &&
        entry.mention.kind !== "model",
    );
  // "L'entreprise chinoise est accusée d'avoir …": a description stands for the party accused last.
  const accusedSlug =
    subject?.mention.slug ??
    (describedSubject(lower.slice(from, cue.start), context.lex)
      ? context.lastTarget?.slug
      : undefined);
  if (!accusedSlug) return null;
  const accusation = accusationAgainst(context, accusedSlug);
  if (!accusation) return null;
  // The accusers that spoke together go on together ("Nikkei and Asahi sued … it was accused").
  const together = context.lastClaimants.some((other) => other.slug === accusation.claimant.slug)
    ? context.lastClaimants.filter((other) => other.slug !== accusation.claimant.slug)
    : [];
  return { claimant: accusation.claimant, explicit: false, together };
}
