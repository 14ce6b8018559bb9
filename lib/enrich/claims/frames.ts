/**
 * Frames of one sentence: each cue with a resolvable subject becomes a group (claimant, co-claimants,
 * targets, where its type words lie), and an outlet's own report when nobody named accuses.
 */

import {
  type Context,
  type Cue,
  type Group,
  type Located,
  clauseStart,
  firstTargetStart,
  insideQuote,
  isMedia,
  PARTY_KINDS,
} from "./model";
import { detectStance } from "./cues";
import { coClaimants } from "./parties";
import { resolveClaimant } from "./claimant";
import { resolveTargets } from "./targets";

// A clause of time or concession opening right before a name and its verb.
const SUBORDINATE_BEFORE =
  /(?:^|[^\p{L}])(?:after|since|before|when|although|though|(?<!trong\s)khi|dù|mặc dù)\s+(?:the\s+)?[\p{L}\p{N}.'’-]+(?:\s+[\p{L}\p{N}.'’-]+)?\s*$/u;

// A passive cue of defending against a suit, not only facing one.
const FIGHTING = /^(?:fight|fought|battl|contest)/u;

/**
 * Turns the cues of one sentence into claim groups (a claimant with its targets). The first cue
 * with a resolvable subject wins; later cues start a new group only with a different, explicitly
 * named claimant ("OpenAI accused DeepSeek …, while DeepSeek denied …").
 */
export function resolveGroups(
  original: string,
  lower: string,
  cues: Cue[],
  located: Located[],
  context: Context,
): Group[] {
  const groups: Group[] = [];
  const actionable = cues.filter((cue) => cue.kind !== "report");
  const reportOnly = actionable.length === 0;
  for (let index = 0; index < cues.length; index++) {
    const cue = cues[index];
    if (cue.kind === "report" && !reportOnly) continue;
    let previous: Group | undefined = groups[groups.length - 1];
    // A later cue's subject lies after the earlier cue ("Microsoft said OpenAI had found evidence…").
    let resolved = resolveClaimant(
      original,
      lower,
      cue,
      located,
      context,
      previous ? previous.cue.end : 0,
    );
    // "… ; la start-up chinoise a rejeté ces accusations": a description opening the clause after
    // a semicolon stands for the one party accused in the clause before.
    if (cue.kind === "deny" && previous && previous.targets.length === 1) {
      const clause = lower.slice(previous.cue.end, cue.start);
      const subject = clause.slice(clause.lastIndexOf(";") + 1).trim();
      context.lex.anaphora.lastIndex = 0;
      if (
        clause.includes(";") &&
        subject.length > 0 &&
        subject.split(/\s+/u).length <= 4 &&
        context.lex.anaphora.test(subject)
      )
        resolved = { claimant: previous.targets[0], explicit: false };
    }
    // "…委員長は声明で、DeepSeekが…と批判した", "OpenAI said …, accusing DeepSeek of …": the same
    // speaker goes on to accuse or sue; the claim is as strong as that verb.
    const strengthen = (group: Group | undefined) => {
      if (
        group &&
        (group.cue.kind === "speech" || group.cue.kind === "tell") &&
        (cue.kind === "accuse" || cue.kind === "sue")
      )
        group.cue = { ...group.cue, kind: cue.kind };
    };
    if (!resolved) {
      if (context.lex.objectBeforeVerb) strengthen(previous);
      continue;
    }
    const { claimant, explicit } = resolved;
    // "X accuse Y de …; Y dément", "…, DeepSeek bestreitet das", "X a affirmé que Y … ; la
    // start-up a rejeté ces accusations": the accused of the clause before denies it.
    const answersPrevious = Boolean(
      cue.kind === "deny" &&
      previous &&
      previous.targets.some((target) => target.slug === claimant.slug) &&
      (previous.cue.kind === "accuse" ||
        previous.cue.kind === "sue" ||
        lower.slice(previous.cue.end, cue.start).includes(";")),
    );
    if (previous) {
      if (previous.claimant.slug === claimant.slug) strengthen(previous);
      // Words inside a quotation belong to whoever is quoted, not to a new speaker.
      if (
        (!explicit && !answersPrevious) ||
        previous.claimant.slug === claimant.slug ||
        insideQuote(original, cue.start)
      )
        continue;
      if (previous.targets.some((target) => target.slug === claimant.slug)) {
        // "DeepSeek bị OpenAI cáo buộc": the verb after a passive belongs to it.
        if (previous.cue.kind === "passive") continue;
        // "… long after Anthropic said they had stopped", "dù OpenAI nói …": the accused speaking
        // in a clause of time or concession is part of what the accuser says, not a new speaker.
        if (
          SUBORDINATE_BEFORE.test(
            lower.slice(Math.max(previous.cue.end, cue.start - 40), cue.start),
          )
        )
          continue;
        // "OpenAI's lawyers said the Times had brought a groundless lawsuit": the speaker calls
        // the accuser's suit or claims baseless, a denial towards the accuser, not its words relayed.
        if (
          (previous.cue.kind === "speech" || previous.cue.kind === "tell") &&
          (cue.kind === "sue" || cue.kind === "accuse") &&
          detectStance(context.lex, lower.slice(cue.start), null) === "denies"
        )
          continue;
        // After "said"/"told", a named subject of a second cue is the accuser whose words are relayed.
        if (
          cue.kind !== "deny" &&
          (previous.cue.kind === "speech" ||
            previous.cue.kind === "tell" ||
            previous.cue.kind === "source")
        ) {
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
    let targets = resolveTargets(lower, cue, claimant, located, regionEnd, context);
    // With nobody named after the verb, that denial answers the accusers of the clause before.
    const answersClause =
      answersPrevious &&
      previous !== undefined &&
      !located.some((entry) => entry.start >= cue.end && PARTY_KINDS.has(entry.mention.kind));
    if (answersClause && previous) targets = [previous.claimant, ...(previous.coClaimants ?? [])];
    if (targets.length === 0) continue;
    let confidence = 0.55;
    if (cue.kind === "accuse" || cue.kind === "sue" || cue.kind === "passive") confidence += 0.2;
    if (explicit) confidence += 0.1;
    if (!claimant.verified) confidence -= 0.15;
    if (targets.every((target) => !target.verified)) confidence -= 0.15;
    groups.push({
      claimant,
      coClaimants: explicit
        ? coClaimants(lower, cue, claimant, located, context.lex)
        : (resolved.together ?? []),
      targets,
      cue,
      typeFrom:
        cue.kind === "passive"
          ? 0
          : Math.min(cue.start, firstTargetStart(targets, located) ?? cue.start),
      typeTo: lower.length,
      regionFrom: previous ? cue.start : 0,
      confidence: Math.max(0.1, Math.min(0.95, confidence)),
      ...(answersClause ? { answersClause } : {}),
    });
    // A sentence rarely carries more than two attributed claims; stop scanning after two.
    if (groups.length >= 2) break;
  }
  // "OpenAI is fighting lawsuits from the Times": the suit is the Times's accusation, and fighting
  // it is OpenAI's denial towards the Times.
  for (const group of [...groups]) {
    if (group.cue.kind !== "passive" || !FIGHTING.test(lower.slice(group.cue.start, group.cue.end)))
      continue;
    const [accused] = group.targets;
    if (!accused || accused.kind === "model") continue;
    groups.push({
      ...group,
      claimant: accused,
      coClaimants: undefined,
      targets: [group.claimant, ...(group.coClaimants ?? [])],
      cue: { ...group.cue, kind: "deny" },
      confidence: Math.min(group.confidence, 0.5),
    });
  }
  const reported = outletReport(lower, cues, located, context);
  if (!reported) return groups;
  // "Bloomberg reported that Microsoft researchers saw DeepSeek…": what a party inside the reported
  // clause did or said is the outlet's report; a party speaking before it keeps its own claim.
  const inside = (group: Group) => {
    const at = located.find((entry) => entry.mention === group.claimant)?.start ?? -1;
    return at >= reported.cue.end && group.claimant.slug !== reported.claimant.slug;
  };
  if (groups.length === 0) return [reported];
  // …unless the party only qualifies the speaker ("Microsoft security researchers had observed… they
  // believe": far from its verb, it is not the one speaking): the outlet reports what the accused
  // did. A party that investigates keeps the claim, with the stance "reports".
  const qualifier = (group: Group) => {
    const entry = located.find((candidate) => candidate.mention === group.claimant);
    return entry !== undefined && group.cue.start - entry.end > 20;
  };
  if (groups.every((group) => inside(group) && qualifier(group))) {
    return groups.map((group) => ({
      ...group,
      claimant: reported.claimant,
      coClaimants: undefined,
      targets: group.targets.some((target) => target.slug !== group.claimant.slug)
        ? group.targets
        : reported.targets,
      reported: true,
    }));
  }
  return groups;
}

// Verbs of observation inside a report: what the observer saw names the accused.
const OBSERVED =
  /(?<![\p{L}])(?:spotted|observed|detected|discovered|identified|uncovered|phát hiện|nhận thấy|ghi nhận)(?![\p{L}])/u;

/**
 * "Bloomberg reported that …", "Theo Bloomberg, các nhà nghiên cứu …": when no named entity is the
 * accuser, the outlet that broke the news is the claimant, with the stance "reports".
 */
export function outletReport(
  lower: string,
  cues: Cue[],
  located: Located[],
  context: Context,
): Group | null {
  for (const cue of cues) {
    let outlet: Located | undefined;
    if (cue.kind === "source") {
      outlet = located.find(
        (entry) => entry.start >= cue.end && entry.start - cue.end <= 28 && isMedia(entry.mention),
      );
      if (!outlet && context.lex.objectBeforeVerb) {
        outlet = located
          .filter(
            (entry) =>
              entry.end <= cue.start &&
              /^\s*$/.test(lower.slice(entry.end, cue.start)) &&
              isMedia(entry.mention),
          )
          .pop();
      }
    } else if (cue.kind === "report") {
      const from = clauseStart(lower, cue.start);
      outlet = located
        .filter((entry) => entry.start >= from && entry.end <= cue.start && isMedia(entry.mention))
        .pop();
      if (outlet && cue.start - outlet.end > 30) outlet = undefined;
    }
    if (!outlet) continue;
    let regionStart = Math.max(cue.end, outlet.end);
    // "Bloomberg reported Microsoft is investigating whether DeepSeek…": the accused is whom the
    // investigation is about, not the investigator.
    const inquiry = cues.find(
      (other) => other.start >= regionStart && other.kind === "investigate",
    );
    if (
      inquiry &&
      located.some((entry) => entry.start >= regionStart && entry.end <= inquiry.start) &&
      located.some((entry) => entry.start >= inquiry.end)
    ) {
      regionStart = inquiry.end;
    }
    // "Bloomberg reported that Microsoft's security team spotted people tied to DeepSeek …": the
    // accused is whom the observer saw, not the observer.
    OBSERVED.lastIndex = 0;
    const observed = OBSERVED.exec(lower.slice(regionStart, regionStart + 120));
    if (observed) {
      const at = regionStart + observed.index;
      const seenEnd = at + observed[0].length;
      if (
        located.some((entry) => entry.start >= regionStart && entry.end <= at) &&
        located.some((entry) => entry.start >= seenEnd && PARTY_KINDS.has(entry.mention.kind))
      )
        regionStart = seenEnd;
    }
    const targets = resolveTargets(
      lower,
      { kind: "speech", start: cue.start, end: regionStart },
      outlet.mention,
      located.filter((entry) => entry.start >= regionStart),
      lower.length,
      {
        ...context,
        lastClaimant: null,
        lastTarget: null,
      },
    );
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
