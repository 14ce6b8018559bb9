/**
 * Cues, types and stance of one sentence, from the article's lexicon: where someone speaks, accuses,
 * sues, denies, reports or settles; which kinds of wrongdoing the sentence names; and whether it
 * alleges, denies, confirms, reports or settles.
 */

import type { ClaimType, Stance } from "@/lib/types";
import type { CompiledLexicon, CueKind } from "./lexicon";
import { type Cue, type TypeHit } from "./model";

// ---------------------------------------------------------------------------------------------
// A type word under a negation ("did not allege copyright infringement") names no claim.
export const NEGATED_TYPE =
  /(?:(?:không|chưa)\s+(?:đưa ra|có|nêu|đưa)\s+(?:\S+\s+){0,3}|(?:did not|does not|didn't|doesn't|not)\s+(?:bring|make|allege|include|assert|raise)\s+(?:\S+\s+){0,3})$/u;

export function findCues(lex: CompiledLexicon, lower: string): Cue[] {
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
    if (
      (lex.negatedBefore.test(before) ||
        /(?:^|[^\p{L}])(?:không|chưa)\s+(?:đưa ra|có|nêu)\s+$/u.test(wider)) &&
      cues[index].kind !== "deny"
    ) {
      cues.splice(index, 1);
      continue;
    }
    // Vietnamese "cáo buộc" is a noun too: after a preposition or a plural word ("bằng chứng cho
    // cáo buộc", evidence for the accusation; "các cáo buộc") it accuses nobody.
    if (
      cues[index].kind === "accuse" &&
      /(?:^|[^\p{L}])(?:cho|về|các|những|mọi|lời|với|trước)\s+$/u.test(before)
    )
      cues.splice(index, 1);
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

/**
 * The types named in [from, to) of a sentence: every type a strong word names; where none does,
 * the first type weak words suggest; and, with `specific`, every type its specific words tell
 * beside those ("through fraudulent accounts" beside "distillation").
 */
export function findTypes(
  lex: CompiledLexicon,
  lower: string,
  from = 0,
  to = lower.length,
  specific = false,
): TypeHit[] {
  const hits: TypeHit[] = [];
  const region = lower.slice(from, to);
  const scan = (rules: Array<{ type: ClaimType; pattern: RegExp }>, into: TypeHit[]) => {
    for (const rule of rules) {
      if (into.some((hit) => hit.type === rule.type)) continue;
      rule.pattern.lastIndex = 0;
      for (let match = rule.pattern.exec(region); match; match = rule.pattern.exec(region)) {
        if (NEGATED_TYPE.test(region.slice(Math.max(0, match.index - 50), match.index))) continue;
        into.push({ type: rule.type, start: from + match.index });
        break;
      }
    }
  };
  scan(lex.typeRules, hits);
  // Generic weak words ("copied", "harvested") name one type at most, the first in priority
  // order, and only where no strong word names one (two measured worse: more false alarms).
  if (hits.length === 0) {
    const weak: TypeHit[] = [];
    scan(lex.weakTypeRules, weak);
    weak.sort(
      (a, b) =>
        lex.weakTypeRules.findIndex((rule) => rule.type === a.type) -
        lex.weakTypeRules.findIndex((rule) => rule.type === b.type),
    );
    hits.push(...weak.slice(0, 1));
  }
  // Specific weak words tell a wrong of their own beside any other: "in breach of its terms …
  // through fraudulent accounts", "scraped … and reproduced copyrighted stories".
  if (specific) scan(lex.specificTypeRules, hits);
  // "copyright" and "infringe" both fire on a copyright case; a trade-secret theft is a trade-secret claim.
  const types = new Set(hits.map((hit) => hit.type));
  return hits
    .filter(
      (hit) =>
        !(
          hit.type === "ip_theft" &&
          (types.has("trade_secret") || types.has("copyright") || types.has("data_scraping"))
        ) && !(hit.type === "other" && types.size > 1 && !namedOther(lex, region)),
    )
    .sort((a, b) => a.start - b.start);
}

/** Whether a specific word of type "other" (a trademark, computer fraud) stands in the region. */
function namedOther(lex: CompiledLexicon, region: string): boolean {
  const rule = lex.specificTypeRules.find((candidate) => candidate.type === "other");
  if (!rule) return false;
  rule.pattern.lastIndex = 0;
  return rule.pattern.test(region);
}

/**
 * Whether the weak words of one type occur in [from, to): "fraudulent accounts" is how a
 * distillation is told, though the sentence's own type word is "terms of service".
 */
export function hasWeakType(
  lex: CompiledLexicon,
  lower: string,
  type: ClaimType,
  from = 0,
  to = lower.length,
): boolean {
  const rule = lex.weakTypeRules.find((candidate) => candidate.type === type);
  if (!rule) return false;
  const region = lower.slice(from, to);
  rule.pattern.lastIndex = 0;
  for (let match = rule.pattern.exec(region); match; match = rule.pattern.exec(region)) {
    if (!NEGATED_TYPE.test(region.slice(Math.max(0, match.index - 50), match.index))) return true;
  }
  return false;
}

export function detectStance(lex: CompiledLexicon, lower: string, kind: CueKind | null): Stance {
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
    if (
      rule.stance === "reports" &&
      (kind === "investigate" || kind === "report" || kind === "source")
    )
      return "reports";
  }
  if (kind === "investigate") return "reports";
  return "alleges";
}
