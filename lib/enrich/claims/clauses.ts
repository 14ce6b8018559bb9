/**
 * Clause shapes that put the parties of a claim where a subject-verb-object reading does not look
 * for them, common in German, French, Spanish, Italian and Portuguese reporting (and in English
 * too): the speaker named after the reported clause ("…, erklärte OpenAI", "…, affirme
 * l'entreprise"), a source after its name ("OpenAI zufolge"), the owner of a document that speaks
 * ("la demanda de xAI alega"), a description of the accused that denies ("der chinesische
 * Entwickler bestreitet"), several subjects of one passive ("Microsoft und OpenAI wurden … verklagt").
 */

import type { EntityMention } from "@/lib/types";
import type { CompiledLexicon } from "./lexicon";
import {
  type Context,
  type Cue,
  type Located,
  PARTY_KINDS,
  accusationAgainst,
  isMedia,
} from "./model";
import { listedTogether } from "./parties";
import { findTypes } from "./cues";

/** True when a text names a wrong ("…, saying DeepSeek copied", "…, cho rằng DeepSeek vi phạm"). */
function namesWrong(text: string, lex: CompiledLexicon): boolean {
  lex.wrongdoing.lastIndex = 0;
  lex.allegation.lastIndex = 0;
  return findTypes(lex, text).length > 0 || lex.wrongdoing.test(text) || lex.allegation.test(text);
}

/**
 * A name right before a marker of what it is a part of ("de", "der", "of") is a modifier, unless
 * the words before it make it stand for its maker ("le créateur de ChatGPT", "Entwickler von
 * ChatGPT"): then it is the party itself.
 */
export function isModifier(lex: CompiledLexicon, before: string): boolean {
  return lex.modifierBefore.test(before) && !lex.makerBefore.test(before);
}

/**
 * "DeepSeek habe … kopiert, erklärte OpenAI", "…, affirme OpenAI", "…, dijo la empresa": a speech
 * verb right after a comma, with its subject right after it, attributes the clause before it.
 * Returns the speaker (a party named there, or what a description after the verb stands for).
 */
export function speakerAfterClause(
  original: string,
  lower: string,
  cue: Cue,
  located: Located[],
  lex: CompiledLexicon,
  byReference: (text: string) => EntityMention | null,
): EntityMention | null {
  if (cue.kind !== "speech" && cue.kind !== "tell") return null;
  if (!lex.speakerAfterSpeech) return null;
  if (cue.start === 0 || !/,\s*$/.test(original.slice(0, cue.start))) return null;
  // German V2 after a fronted clause ("Als R1 erschien, erklärte OpenAI, dass …") reads the same way.
  const named = located.find((entry) => entry.start >= cue.end && entry.start - cue.end <= 14);
  if (named) {
    const between = lower.slice(cue.end, named.start);
    // The speaker ends the clause ("…, erklärte OpenAI am Montag."); a name that a verb follows
    // is what is said ("Ben Lee, Reddit's lawyer, said Anthropic kept scraping").
    const rest = lower
      .slice(named.end)
      .split(/[.,;:!?]/u)[0]
      .trim();
    if (
      rest.split(/\s+/).filter(Boolean).length <= 3 &&
      !/^['’]s\b/u.test(rest) &&
      !namesWrong(rest, lex) &&
      /^[\s\p{L}'’]*$/u.test(between) &&
      between.trim().split(/\s+/).filter(Boolean).length <= 1 &&
      !isMedia(named.mention) &&
      PARTY_KINDS.has(named.mention.kind) &&
      named.mention.kind !== "model"
    )
      return named.mention;
    return null;
  }
  const following = lower
    .slice(cue.end)
    .replace(/[.,;:!?].*$/su, "")
    .trim();
  // "…, heißt es in dem Schreiben", "…, peut-on lire dans la plainte": the document speaks.
  const inDocument = following.replace(/^\S+\s+/u, "");
  if (inDocument !== following && lex.document.test(inDocument) && inDocument.length <= 30)
    return byReference(inDocument);
  // Only a description and nothing more ("…, affirme l'entreprise.", "…, dijo la compañía.").
  if (!subjectHeadsClause(following, lex)) return null;
  return byReference(following);
}

/** True when the claimant of a cue is named right after it: the claim's content precedes the cue. */
export function attributedAfter(
  lower: string,
  cue: Cue,
  claimant: EntityMention,
  located: Located[],
  lex: CompiledLexicon,
): boolean {
  if (!lex.speakerAfterSpeech || (cue.kind !== "speech" && cue.kind !== "tell")) return false;
  if (!/,\s*$/.test(lower.slice(0, cue.start))) return false;
  const after = located.find((entry) => entry.start >= cue.end);
  return Boolean(after && after.mention.slug === claimant.slug && after.start - cue.end <= 14);
}

/**
 * "Suno copied the recordings, the labels said.", "…, Anthropic said in a blog post.": a speech verb
 * whose short subject follows the last comma, with only a short tail after it (no "that", no
 * party), attributes the clause before the comma; the accused stand there.
 */
export function speakerEndsSentence(
  lower: string,
  cue: Cue,
  located: Located[],
  lex: CompiledLexicon,
): boolean {
  if (lex.speakerAfterSpeech || lex.objectBeforeVerb) return false;
  if (cue.kind !== "speech" && cue.kind !== "tell") return false;
  const comma = lower.lastIndexOf(",", cue.start);
  if (comma < 0) return false;
  const subject = lower.slice(comma + 1, cue.start).trim();
  const words = subject.split(/\s+/u).filter(Boolean);
  if (words.length === 0 || words.length > 6) return false;
  if (/(?:^|\s)(?:that|which|who|whom|and|but|while|when|as|if|because)(?:\s|$)/u.test(subject))
    return false;
  if (lower.slice(0, comma).trim().split(/\s+/u).length < 4) return false;
  const tail = lower.slice(cue.end).split(/[.;!?\n]/u)[0];
  if (/(?:^|\s)(?:that|it|they|he|she|whether)(?:\s|$)/u.test(tail)) return false;
  if (tail.trim().split(/\s+/u).filter(Boolean).length > 8) return false;
  return !located.some(
    (entry) =>
      entry.start >= cue.end &&
      entry.start < cue.end + tail.length &&
      PARTY_KINDS.has(entry.mention.kind) &&
      !(cue.kind === "tell" && isMedia(entry.mention)),
  );
}

/**
 * "OpenAI zufolge": a source whose marker follows the name. The party right before the marker,
 * with only spaces between.
 */
export function sourceBeforeMarker(
  lower: string,
  cue: Cue,
  located: Located[],
  lex: CompiledLexicon,
): EntityMention | null {
  if (!lex.sourceAfter.test(lower.slice(cue.start, cue.end))) return null;
  const before = located
    // Only spaces between, or the tail of a compound ("dem ChatGPT-Entwickler zufolge").
    .filter(
      (entry) =>
        entry.end <= cue.start && /^(?:-[\p{L}]+)?\s*$/u.test(lower.slice(entry.end, cue.start)),
    )
    .pop();
  if (
    !before ||
    isMedia(before.mention) ||
    !PARTY_KINDS.has(before.mention.kind) ||
    before.mention.kind === "model"
  )
    return null;
  return before.mention;
}

/**
 * "La demanda de xAI alega", "la plainte d'OpenAI affirme", "die Klage der GEMA behauptet": a
 * document's subject with its owner named after it speaks for that owner.
 */
export function documentOwner(
  lower: string,
  cue: Cue,
  located: Located[],
  from: number,
  lex: CompiledLexicon,
): EntityMention | null {
  const owners = located.filter(
    (entry) =>
      entry.start >= from &&
      entry.end <= cue.start &&
      PARTY_KINDS.has(entry.mention.kind) &&
      entry.mention.kind !== "model" &&
      !isMedia(entry.mention),
  );
  for (const owner of owners) {
    // A document and its marker are a few words ("la demanda de", "die Klage der").
    if (owner.start - from > 80) continue;
    const head = lower.slice(from, owner.start).replace(/^.*[,;:]\s*/su, "");
    const stem = head.replace(/(?:^|\s)\S+\s*$/u, "").trim();
    if (!lex.modifierBefore.test(head) || stem.length === 0) continue;
    if (!lex.document.test(stem) || stem.length > 40) continue;
    // Nothing but the owner between it and the verb ("la demanda de xAI alega").
    if (!/^[\s\p{L}.'’-]{0,30}$/u.test(lower.slice(owner.end, cue.start))) continue;
    return owner.mention;
  }
  return null;
}

/**
 * A description that denies ("der chinesische Entwickler bestreitet", "la start-up chinoise
 * dément", "la empresa china negó") stands for the party accused last, when the party that was
 * speaking is the accuser: the accused answers, the accuser does not deny its own claim.
 */
export function describedDenier(
  cue: Cue,
  described: EntityMention,
  context: Context,
): EntityMention | null {
  if (cue.kind !== "deny") return null;
  const accused = context.lastTarget;
  if (!accused || accused.slug === described.slug) return null;
  if (accusationAgainst(context, described.slug)) return null;
  const against = accusationAgainst(context, accused.slug);
  return against && against.claimant.slug === described.slug ? accused : null;
}

/**
 * "Microsoft und OpenAI wurden von der Times verklagt": the subjects of a passive listed before
 * the one next to the verb are accused too.
 */
export function passiveSubjects(
  lower: string,
  subjects: Located[],
  lex: CompiledLexicon,
): EntityMention[] {
  const last = subjects[subjects.length - 1];
  const listed: EntityMention[] = [last.mention];
  let cursor = last;
  for (const previous of [...subjects.slice(0, -1)].reverse()) {
    if (!listedTogether(lower, lower.slice(previous.end, cursor.start), lex)) break;
    listed.unshift(previous.mention);
    cursor = previous;
  }
  return listed.filter(
    (mention, index) => listed.findIndex((other) => other.slug === mention.slug) === index,
  );
}

/**
 * "DeepSeek soll Tausende Konten angelegt haben", "La start-up aurait créé de faux comptes", "la
 * startup habría creado cuentas falsas": a sentence in the reporting mood (Konjunktiv I, the
 * conditional of hearsay, "allegedly") that names no speaker carries on the claim of the last
 * claimant. Its target is the party named before the verb, or, for a description of a party,
 * the one accused last. Null when the sentence is not such a continuation.
 */
export function reportedContinuation(
  lower: string,
  located: Located[],
  context: Context,
): { claimant: EntityMention; targets: EntityMention[] } | null {
  const lex = context.lex;
  const claimant = context.lastClaimant;
  if (!claimant || context.currentSentence - context.lastSentenceIndex > 2) return null;
  lex.reportedMood.lastIndex = 0;
  const mood = lex.reportedMood.exec(lower);
  if (!mood) return null;
  const subjects = located.filter(
    (entry) =>
      entry.end <= mood.index &&
      PARTY_KINDS.has(entry.mention.kind) &&
      entry.mention.kind !== "model" &&
      !isMedia(entry.mention) &&
      !lex.judgeBefore.test(lower.slice(Math.max(0, entry.start - 25), entry.start)) &&
      !isModifier(lex, lower.slice(Math.max(0, entry.start - 25), entry.start)),
  );
  let targets: EntityMention[] = subjects[0] ? [subjects[0].mention] : [];
  // Verb-second and reported clauses put the subject after the verb of hearsay ("Zusätzlich soll
  // OpenAI …", "Der Vorwurf: OpenAI habe …"): the first party right after it.
  if (targets.length === 0) {
    const next = located.find(
      (entry) =>
        entry.start >= mood.index + mood[0].length &&
        entry.start - (mood.index + mood[0].length) <= 12 &&
        PARTY_KINDS.has(entry.mention.kind) &&
        entry.mention.kind !== "model" &&
        !isMedia(entry.mention),
    );
    if (next && /^[\s\p{L}]*$/u.test(lower.slice(mood.index + mood[0].length, next.start)))
      targets = [next.mention];
  }
  if (targets.length === 0) {
    const head = lower.slice(0, mood.index).trim();
    lex.anaphora.lastIndex = 0;
    if (head.length > 0 && head.length <= 40 && lex.anaphora.test(head)) {
      // "Die drei Labore sollen …", "los tres laboratorios habrían …": all the parties accused last.
      targets = lex.plural.test(head)
        ? context.lastTargets
        : context.lastTarget
          ? [context.lastTarget]
          : [];
    }
  }
  // Only an accusation goes on this way, and only against the parties it accused.
  targets = targets.filter(
    (target) =>
      target.slug !== claimant.slug &&
      context.accusations.some(
        (accusation) =>
          accusation.claimant.slug === claimant.slug && accusation.targetSlug === target.slug,
      ),
  );
  return targets.length > 0 ? { claimant, targets } : null;
}

/**
 * True when the words before a verb are a subject standing for a party ("die Kläger", "das
 * Unternehmen", "sie"), so that a verb-second language does not read the name after the verb as
 * the subject.
 */
export function subjectHeadsClause(head: string, lex: CompiledLexicon): boolean {
  const text = head.trim();
  if (text.length === 0 || text.length > 40) return false;
  lex.anaphora.lastIndex = 0;
  const match = lex.anaphora.exec(text);
  return Boolean(match && match.index === 0 && match[0].length === text.length);
}

/**
 * "L'entreprise chinoise est accusée d'avoir …", "La empresa china fue acusada de …": a description
 * (a word standing for a party, and at most two words qualifying it) heads the clause of a passive.
 */
export function describedSubject(head: string, lex: CompiledLexicon): boolean {
  const text = head.trim();
  if (text.length === 0 || text.length > 50) return false;
  lex.anaphora.lastIndex = 0;
  const match = lex.anaphora.exec(text);
  return Boolean(
    match && match.index === 0 && /^(?:\s+[\p{L}-]+){0,2}$/u.test(text.slice(match[0].length)),
  );
}
