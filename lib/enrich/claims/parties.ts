/**
 * The parties of a sentence as the frames see them: a model named as what a company makes stands
 * for the company, a country that describes the party after it is no party, and names listed
 * together ("A, B and C", "A和B", "A và B") act together.
 */

import type { EntityMention } from "@/lib/types";
import type { CompiledLexicon } from "./lexicon";
import { findCues } from "./cues";
import {
  type Context,
  type Cue,
  DESCRIBED_BY_COUNTRY,
  type ExtractClaimsOptions,
  type Located,
  PARTY_KINDS,
} from "./model";

/**
 * "the ChatGPT maker", "nhà phát triển ChatGPT", "der ChatGPT-Entwickler": a model named as what a
 * company makes stands for the company.
 */
export function makersForDescriptions(
  lower: string,
  located: Located[],
  lex: CompiledLexicon,
  makerOf: ExtractClaimsOptions["makerOf"],
): Located[] {
  if (!makerOf) return located;
  return located.map((entry) => {
    if (entry.mention.kind !== "model") return entry;
    const described =
      lex.makerAfter.test(lower.slice(entry.end, entry.end + 20)) ||
      lex.makerBefore.test(lower.slice(Math.max(0, entry.start - 30), entry.start));
    const maker = described ? makerOf(entry.mention.slug) : undefined;
    if (!maker) return entry;
    return { ...entry, mention: { ...entry.mention, ...maker, verified: true } };
  });
}

/**
 * "công ty Mỹ" (the American company), "tập đoàn chip Mỹ": a country after a singular noun for an
 * organisation describes an organisation named before, the one the sentence is about. It stands for
 * the last company or outlet named before it (in the sentence, else the last one accused), or for
 * nobody.
 */
export function countriesAsDescriptions(
  lower: string,
  located: Located[],
  fallback: EntityMention | null,
): Located[] {
  const out: Located[] = [];
  for (const entry of located) {
    if (
      entry.mention.kind !== "government" ||
      !DESCRIBED_BY_COUNTRY.test(lower.slice(Math.max(0, entry.start - 25), entry.start))
    ) {
      out.push(entry);
      continue;
    }
    if (
      /(?:^|[^\p{L}])(?:các|những|nhiều|mọi)\s+\S+\s+$/u.test(
        lower.slice(Math.max(0, entry.start - 25), entry.start),
      )
    ) {
      out.push(entry);
      continue;
    }
    // "ba công ty Trung Quốc" (the three Chinese companies): a counted set describes the parties
    // of a list, named before; the country is neither one of them nor a party of its own.
    if (
      /(?:^|[^\p{L}])(?:hai|ba|bốn|năm|sáu|cả hai|cả ba)\s+(?:\S+\s+){1,3}$/u.test(
        lower.slice(Math.max(0, entry.start - 30), entry.start),
      )
    )
      continue;
    // "Tờ báo Mỹ" (the American newspaper) is read as a description of the outlet named before.
    if (
      /(?:tờ báo|nhật báo|báo|hãng tin)\s+$/u.test(
        lower.slice(Math.max(0, entry.start - 25), entry.start),
      )
    )
      continue;
    const before = [...out].reverse().find((other) => other.mention.kind === "company");
    const referent = before?.mention ?? (fallback?.kind === "company" ? fallback : null);
    if (referent)
      out.push({
        ...entry,
        mention: {
          ...referent,
          start: entry.mention.start,
          end: entry.mention.end,
          surface: entry.mention.surface,
        },
      });
  }
  return out;
}

/**
 * "the US chipmaker Nvidia", "Chinas Marktaufsicht SAMR", "Italy's data protection authority
 * Garante": a country (or other government) that describes the party named right after it, with
 * only a few words between (no list, no verb), is not a party of its own in the sentence.
 */
export function withoutDescribingCountries(
  lower: string,
  located: Located[],
  cues: Cue[],
  lex: CompiledLexicon,
): Located[] {
  return located.filter((entry, index) => {
    if (entry.mention.kind !== "government") return true;
    const next = located[index + 1];
    if (
      !next ||
      next.start - entry.end > 30 ||
      !(
        PARTY_KINDS.has(next.mention.kind) ||
        next.mention.kind === "media" ||
        next.mention.kind === "court"
      )
    )
      return true;
    // "프랑스 출판인협회(SNE)": a descriptor whose name follows in brackets.
    const between = lower.slice(entry.end, next.start).replace(/(?<=\p{L})\s*[(（]\s*$/u, "");
    // "… Trung Quốc (SAMR)": the abbreviation in brackets names the whole body the country ends.
    if (/^\s*[(（]\s*$/u.test(between) && /^\s*[)）]/u.test(lower.slice(next.end, next.end + 3)))
      return next.mention.slug === entry.mention.slug;
    // "美国唱片业协会（RIAA）", "Hiệp hội … Mỹ (RIAA)": the country opens the full name of a body
    // whose abbreviation is the party in brackets.
    if (
      /^[\p{L}\p{M}\s'’.-]{1,30}[(（]\s*$/u.test(between) &&
      /^\s*[)）]/u.test(lower.slice(next.end, next.end + 3)) &&
      next.mention.kind !== "government"
    )
      return false;
    // In CJK text a bare space or nothing lists nothing: "중국 딥시크", "中国DeepSeek" name a
    // company by its country.
    // So does a bare space after a plural noun in Vietnamese: "các startup Trung Quốc DeepSeek, …".
    const juxtaposed =
      /^\s*$/u.test(between) &&
      (CJK_NAME.test(entry.mention.surface) ||
        (next.mention.kind === "company" &&
          /(?:^|[^\p{L}])(?:các|những|hai|ba|bốn|năm)\s+(?:\S+\s+){1,3}$/u.test(
            lower.slice(Math.max(0, entry.start - 30), entry.start),
          )));
    if (!/^[\p{L}\p{M}\s'’.-]*$/u.test(between) || (lex.coordination.test(between) && !juxtaposed))
      return true;
    // "개인정보위는 딥시크가 …", "公取委はGoogleが …": a postposition after the body makes it a party
    // of its own, not a description of the name that follows.
    if (
      lex.objectBeforeVerb &&
      (lex.subjectAfter.test(between) ||
        lex.clauseSubjectAfter.test(between) ||
        lex.objectAfter.test(between))
    )
      return true;
    if (cues.some((cue) => cue.start < next.start && cue.end > entry.end)) return true;
    return false;
  });
}

const CJK_NAME = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;

// An apposition after a name ("…, the publisher of", "…, đơn vị xuất bản") and its closing comma.
const SUBJECT_APPOSITION_OPEN =
  /^\s*,\s*(?:the|a|an|its|đơn vị|công ty|hãng|nhà|chủ sở hữu|chủ quản)\s[^,;]{0,40}$/u;
const SUBJECT_APPOSITION_CLOSE = /^[^,;.]{0,30},(?=\s*(?:and|và|cùng|or|hoặc)\s)/u;

/** The parties listed after the claimant as one subject, before the cue ("Disney and Universal sued…"). */
export function coClaimants(
  lower: string,
  cue: Cue,
  claimant: EntityMention,
  located: Located[],
  lex: CompiledLexicon,
): EntityMention[] {
  let last = located.find((entry) => entry.mention === claimant);
  // The owner of a nominal suit stands inside its cue ("la demanda de Disney y Universal contra").
  const limit = last && last.start > cue.start ? cue.end : cue.start;
  if (!last || last.end > limit) return [];
  const listed: EntityMention[] = [];
  let lastEnd = last.end;
  for (const next of located) {
    if (next.start <= last.start || next.start < lastEnd) continue;
    // "Dow Jones, the publisher of The Wall Street Journal, and the New York Post": a name inside
    // an apposition closed by a comma is passed over; the list goes on after it.
    const closing = SUBJECT_APPOSITION_CLOSE.exec(lower.slice(next.end, next.end + 40));
    if (
      last.mention.kind !== "person" &&
      closing &&
      SUBJECT_APPOSITION_OPEN.test(lower.slice(lastEnd, next.start))
    ) {
      lastEnd = next.end + closing[0].length - 1;
      continue;
    }
    if (next.end > limit || !listedTogether(lower, lower.slice(lastEnd, next.start), lex)) break;
    // "O diretor jurídico do Reddit, Ben Lee, afirmou": a person set off by a bare comma after an
    // organisation is an apposition (who speaks for it), not a second claimant.
    if (
      next.mention.kind === "person" &&
      last.mention.kind !== "person" &&
      /^\s*,\s*$/u.test(lower.slice(last.end, next.start))
    )
      break;
    // "David Sacks, the White House adviser": a description after a person names their employer.
    if (
      last.mention.kind === "person" &&
      /^\s*,\s*(?:the|a|an|its|his|her)\s+$/u.test(lower.slice(last.end, next.start))
    )
      break;
    // Outlets are listed with an outlet, or as plaintiffs ("Nikkei and The Asahi Shimbun sued").
    const outlet =
      next.mention.kind === "media" &&
      (claimant.kind === "media" || cue.kind === "sue" || cue.kind === "accuse");
    if ((!PARTY_KINDS.has(next.mention.kind) && !outlet) || next.mention.kind === "model") break;
    if (
      next.mention.slug !== claimant.slug &&
      !listed.some((mention) => mention.slug === next.mention.slug)
    )
      listed.push(next.mention);
    last = next;
    lastEnd = next.end;
  }
  // "OpenAI accused DeepSeek of distillation, as did Anthropic": an accuser added after the claim.
  for (const entry of located) {
    if (entry.start < cue.end || !PARTY_KINDS.has(entry.mention.kind)) continue;
    if (entry.mention.kind === "model" || entry.mention.slug === claimant.slug) continue;
    const before = lower.slice(Math.max(0, entry.start - 24), entry.start);
    if (!/(?:^|[^\p{L}])(?:as did|as has|as have|as had|so did)\s+(?:the\s+)?$/u.test(before))
      continue;
    if (!/^\s*(?:[.,;:!?)]|$)/u.test(lower.slice(entry.end, entry.end + 3))) continue;
    if (!listed.some((mention) => mention.slug === entry.mention.slug)) listed.push(entry.mention);
  }
  // Listed before it too, when the claimant is the last of the list ("AとBは…提訴した", "A và B kiện").
  let first = located.find((entry) => entry.mention === claimant);
  for (const previous of [...located].reverse()) {
    if (!first || previous.end > first.start) continue;
    // A conjunction, not a bare comma: "Horacio Gutierrez, Disney's counsel" is an apposition.
    // A bare comma does list when a conjunction joins the name before it ("KBS와 MBC, SBS는").
    const between = lower.slice(previous.end, first.start);
    if (
      !lex.coordination.test(between) &&
      !lex.coordination.test(between.replace(CJK_NAME_TAIL, "")) &&
      !describedInCjkList(between, lex)
    )
      break;
    if (!/[^\s,]/u.test(between)) {
      const before = located.filter((entry) => entry.end <= previous.start).pop();
      const gap = before ? lower.slice(before.end, previous.start) : "";
      if (!before || !lex.coordination.test(gap) || !/[^\s,]/u.test(gap)) break;
    }
    const outlet =
      previous.mention.kind === "media" &&
      (claimant.kind === "media" || cue.kind === "sue" || cue.kind === "accuse");
    if ((!PARTY_KINDS.has(previous.mention.kind) && !outlet) || previous.mention.kind === "model")
      break;
    if (
      previous.mention.slug !== claimant.slug &&
      !listed.some((mention) => mention.slug === previous.mention.slug)
    )
      listed.push(previous.mention);
    first = previous;
  }
  return listed;
}

/** True when the text between two names lists them together ("A, B and C", "A和B", "A và B"). */
export function listedTogether(lower: string, between: string, lex: CompiledLexicon): boolean {
  return (
    lex.coordination.test(between) ||
    lex.coordination.test(between.replace(CJK_NAME_TAIL, "")) ||
    describedInCjkList(between, lex) ||
    // A list may hold a name the tagger missed ("SerpApi, Oxylabs and AWMProxy"), and titles ("and its chief executive").
    /^\s*(?:,\s*(?:and\s+|và\s+|cùng\s+(?:với\s+)?)?|\s(?:and|và|cùng|cùng với|as well as|&)\s+)(?:the\s+|tờ\s+|(?:its|their|his|her)\s+(?:[\p{L}-]+\s+){1,3},?\s*|ông\s+|bà\s+|(?:ceo|giám đốc điều hành|chủ tịch|nhà sáng lập|founder|chief executive)\s+)?$/u.test(
      between,
    ) ||
    untaggedInList(between, lex)
  );
}

/**
 * The end of an organisation's name the tagger left outside its mention, glued before a conjunction
 * in CJK text: "日本经济新闻社和朝日新闻社", "迪士尼公司与环球影业".
 */
const CJK_NAME_TAIL = /^(?:株式会社|公司|集团|集團|グループ|그룹|社)(?=\S)/u;

/** A noun for a kind of organisation, ending a descriptor glued before a name in CJK text. */
const CJK_ORGANISATION_NOUN =
  /(?:团体|團體|団体|组织|組織|协会|協會|協会|협회|组合|組合|조합|노조|公司|会社|企業|企业|기업|회사|集团|グループ|机构|機関|기관|媒体|メディア|新聞社|报社|報社|研究所|研究机构|实验室|연구소|스타트업|工作室|电影公司|映画会社|스튜디오|スタジオ|单位)$/u;

/**
 * A list whose names each carry a descriptor glued before them, as CJK reporting writes them:
 * "SNE、文筆家団体SGDL、作家・作曲家組合SNAC", "출판인협회(SNE)와 작가협회(SGDL)": a separator or
 * conjunction, then a short run of CJK words ending in a noun for an organisation, then the name
 * (or an opening bracket before it).
 */
function describedInCjkList(between: string, lex: CompiledLexicon): boolean {
  const text = between.replace(/^\s*[)）]/u, "").replace(/[(（]\s*$/u, "");
  const opened = /^\s*(?:[,、，]\s*)?(?:\S{1,3}\s*)?/u.exec(text);
  if (!opened) return false;
  for (let cut = opened[0].length; cut > 0; cut--) {
    const head = text.slice(0, cut);
    // The Chinese clause comma "，" ends a clause, not a list ("OpenAI称，中国公司DeepSeek…").
    if (!/[^\s]/u.test(head) || head.includes("，") || !lex.coordination.test(head)) continue;
    const rest = text.slice(cut).trim();
    return (
      rest.length > 0 &&
      rest.length <= 14 &&
      /^[\p{Script=Han}\p{Script=Hangul}\p{Script=Katakana}\p{Script=Hiragana}・·ー\s]+$/u.test(
        rest,
      ) &&
      CJK_ORGANISATION_NOUN.test(rest)
    );
  }
  return false;
}

/**
 * One name the tagger did not know inside a list, then a separator or conjunction: ", Moonshot and "
 * between DeepSeek and MiniMax, "、Moonshot、" in Japanese, "、月之暗面和" in Chinese.
 */
function untaggedInList(between: string, lex: CompiledLexicon): boolean {
  const opened = /^\s*[,、，]\s*/u.exec(between);
  if (!opened) return false;
  const after = between.slice(opened[0].length);
  // The name: one or two words (Latin) or a run of characters up to a separator (CJK).
  const words = /^([^\s,;、，。]+)(\s[^\s,;、，。]+)?/u.exec(after);
  if (!words) return false;
  for (const name of [words[1], words[2] ? words[1] + words[2] : ""]) {
    if (!name || name.length > 24) continue;
    const rest = after.slice(name.length);
    if (/^\s*[,、，]\s*$/u.test(rest)) return true;
    if (rest.trim() && lex.coordination.test(rest)) return true;
    // The conjunction glued to a one-word name in CJK ("月之暗面和"): try where it may start.
    if (name.includes(" ")) continue;
    for (let cut = 1; cut < name.length; cut++) {
      const tail = name.slice(cut) + rest;
      if (lex.coordination.test(tail) && /[^\s,、，]/u.test(tail)) return true;
    }
  }
  return false;
}

/**
 * Extends a first target with the parties listed with it ("SerpApi, Oxylabs and AWMProxy"), also
 * when members carry a description set off by commas, brackets or dashes ("DeepSeek, a Hangzhou
 * start-up, and Moonshot AI, maker of Kimi,", "a Suno, con sede en Massachusetts, y a Udio"): a name
 * inside such a description (Kimi) is passed over, not listed.
 */
export function withCoordinated(
  lower: string,
  first: Located,
  pool: Located[],
  lex: CompiledLexicon,
): EntityMention[] {
  const targets = [first.mention];
  let last = first;
  const later = pool.filter((entry) => entry.start > first.start);
  for (let index = 0; index < later.length; index++) {
    const next = later[index];
    if (next.start <= last.start) continue;
    const between = lower.slice(last.end, next.start);
    let listed =
      listedTogether(lower, between, lex) ||
      describedMembers(between, lex) ||
      linkedMember(between, lex);
    if (!listed) {
      const tail = appositionTail(between, lex);
      if (tail === null) {
        // "OpenAI, le concepteur de ChatGPT, ainsi que …": a description standing for the member
        // itself (its maker) is passed over too.
        if (
          /^\s*,/u.test(between) &&
          APPOSITION_OPEN.test(between) &&
          between.length <= 90 &&
          targets.some((target) => target.slug === next.mention.slug)
        )
          continue;
        // Still inside a description that may close before a later member: pass this name over.
        // Only a product names a description ("maker of Kimi"); a company or a person there may
        // be a member of its own.
        if (
          APPOSITION_OPEN.test(between) &&
          between.length <= 90 &&
          (next.mention.kind === "model" || next.mention.kind === "other")
        )
          continue;
        break;
      }
      // After a description a bare comma lists only when the list goes on after the name.
      listed =
        /[^\s,]/u.test(tail) ||
        later
          .slice(index + 1)
          .some(
            (after) =>
              after.start - next.end <= 90 &&
              (listedTogether(lower, lower.slice(next.end, after.start), lex) ||
                appositionTail(lower.slice(next.end, after.start), lex) !== null),
          );
      if (!listed) break;
    }
    if (!targets.some((target) => target.slug === next.mention.slug)) targets.push(next.mention);
    last = next;
  }
  return targets;
}

/**
 * "Perplexity and three data-scraping firms, SerpApi, …", "Perplexity và ba công ty thu thập dữ liệu
 * là SerpApi, …", "Perplexity y a tres empresas de extracción de datos: SerpApi, …": a conjunction,
 * a short description of the members that follow, then a colon, dash, comma or "namely" word.
 */
function describedMembers(between: string, lex: CompiledLexicon): boolean {
  const match =
    /^(\s*,?\s*\S+(?:\s+\S+)?\s+)(\S+(?:\s+\S+){0,6}?)\s*(?:[,:—–(（]|\s(?:là|gồm|bao gồm|including|namely|notamment|dont|incluidas?|incluidos?|darunter|nämlich|tra cui|entre elas|включая))\s*$/u.exec(
      between,
    );
  // "Perplexity cùng ba công ty SerpApi, …", "and three firms SerpApi, …": a counted description
  // runs straight into the first member.
  const counted =
    match ??
    /^(\s*,?\s*\S+(?:\s+\S+)?\s+)((?:\d+|two|three|four|five|hai|ba|bốn|năm|deux|trois|quatre|dos|tres|cuatro|zwei|drei|vier|due|tre|quattro|dois|duas|três|два|две|три)\s+\S+(?:\s+\S+){0,3}?)\s+$/u.exec(
      between,
    );
  if (!counted) return false;
  return membersAfter(counted, lex);
}

/** The opening of a described run of members is a conjunction and its description names no cue. */
function membersAfter(match: RegExpExecArray, lex: CompiledLexicon): boolean {
  // The opening words are a conjunction ("and", "y a", "và", "ainsi que"), in one or two words.
  const opening = match[1];
  const words = opening.trim().split(/\s+/u);
  const conjunction = [words.join(" "), words[0]].some(
    (candidate) => /[^\s,]/u.test(candidate) && lex.coordination.test(` ${candidate} `),
  );
  if (!conjunction) return false;
  const description =
    words.length > 1 && !lex.coordination.test(` ${words.join(" ")} `)
      ? `${words.slice(1).join(" ")} ${match[2]}`
      : match[2];
  return findCues(lex, description).length === 0 && !/[\p{N}]{3,}|["“”«»]/u.test(description);
}

/** An opened, not yet closed description after a name: ", a start-up based in", " (maker of". */
const APPOSITION_OPEN = /^\s*(?:,|\(|（|—|–)[^,;:.()（）—–"“”«»]*$/u;

/**
 * The text after a description set off after a list member (", a Hangzhou start-up, and ",
 * " (maker of Kimi) and ", " — a rival — "), when that description is a short phrase with no verb
 * of saying or accusing; null when the text between two names is no such description.
 */
function appositionTail(between: string, lex: CompiledLexicon): string | null {
  const match =
    /^\s*(?:,\s*([^,;:()（）"“”«»]{2,70}?)\s*,|[(（]([^()（）]{1,70})[)）]\s*,?|[—–]\s*([^—–;:]{2,70}?)\s*[—–]\s*,?)(.*)$/su.exec(
      between,
    );
  if (!match) return null;
  const description = match[1] ?? match[2] ?? match[3] ?? "";
  const tail = match[4];
  if (description.trim().split(/\s+/u).length > 9) return null;
  if (findCues(lex, description).length > 0) return null;
  return lex.coordination.test(tail) || linkedMember(tail, lex) ? tail : null;
}

// A preposition or article repeated after the conjunction before the next member ("ainsi que de",
// "ainsi qu'à", "así como a", "nonché al", "bem como o", "sowie gegen").
const MEMBER_PREPOSITION =
  /\s(?:de|d['’]|du|des|à|au|aux|contre|a|al|con|contra|il|lo|la|le|i|gli|ai|agli|alla|allo|alle|contro|o|os|as|ao|aos|às|against|to|the)\s*$/u;

// A possessive and a title before a member ("ses cofondateurs", "dessen Chef", "su director
// ejecutivo", "il suo amministratore delegato", "o seu presidente executivo", "its chief").
const POSSESSIVE_TITLE =
  /\s(?:ses|son|sa|leurs?|sus|su|dessen|deren|suo|sua|suoi|sue|seu|seus|suas|its|their|his|her)\s+((?:[\p{L}-]+\s+){0,2}[\p{L}-]+)\s*,?\s*$/u;

/**
 * A conjunction, then the preposition or article the first member had, or a possessive and a title:
 * "OpenAI, ainsi qu'à ses dirigeants Sam Altman et …", "OpenAI sowie dessen Chef Sam Altman",
 * "a OpenAI, así como a su director ejecutivo …", "contre OpenAI et ses cofondateurs …".
 */
function linkedMember(between: string, lex: CompiledLexicon): boolean {
  let rest = ` ${between.replace(/(?<![\p{L}])qu['’]\s*/gu, "que ")}`;
  const title = POSSESSIVE_TITLE.exec(rest);
  if (title) {
    // A lawyer or spokesperson speaks for a party; they are no member of the list.
    lex.spokesTitles.lastIndex = 0;
    if (findCues(lex, title[1]).length > 0 || lex.spokesTitles.test(title[1])) return false;
    rest = rest.slice(0, title.index + 1);
  }
  for (let count = 0; count < 2; count++) rest = rest.replace(MEMBER_PREPOSITION, " ");
  if (rest.length === between.length + 1) return false;
  return /[^\s,]/u.test(rest) && lex.coordination.test(rest);
}

// Words that open a phrase of their own after a description: "accusing the company of copying
// OpenAI", "sued the firm and OpenAI", "cáo buộc công ty này với OpenAI". A name after them is not
// the one the description introduces.
const OWN_PHRASE =
  /(?:^|[^\p{L}])(?:of|to|for|from|with|by|in|on|at|over|against|after|and|or|that|which|who|as|like|de|del|des|du|d['’]|à|a|al|au|aux|di|da|dal|per|con|que|che|et|y|e|ou|o|của|về|với|từ|cho|rằng|là|và|hoặc|vì|sau|von|vom|mit|für|zu|und|oder|dass|gegen|über|из|в|на|с|и|что)(?![\p{L}])|[をがはのにでと和与及或的을를이가은는의에와과]/u;

/**
 * A plural or singular description right after an accusation verb that introduces the names after
 * it rather than standing for a party named before: "kiện hai công ty khởi nghiệp AI Suno và Udio",
 * "le società Suno e Udio", "起诉了两家公司Suno与Udio", or set off before a list ("the three labs —
 * A, B and C —", "ces entreprises : A et B"). A comma opens such a list only when a second name
 * follows the first ("the three labs, A, B and C,"), not a clause ("the company, OpenAI said").
 */
export function namedAfterDescription(
  lower: string,
  from: number,
  located: Located[],
  lex: CompiledLexicon,
): boolean {
  const description = lex.anaphoraAhead.exec(lower.slice(from, from + 60));
  if (!description) return false;
  const end = from + description.index + description[0].length;
  const first = located.find((entry) => entry.start >= end);
  if (!first || !(PARTY_KINDS.has(first.mention.kind) || first.mention.kind === "media"))
    return false;
  const between = lower.slice(end, first.start);
  const words = between.slice(0, between.search(/[,—–:(（、]|$/u));
  if (words.length > 40 || words.trim().split(/\s+/u).length > 4 || OWN_PHRASE.test(words))
    return false;
  const rest = between.slice(words.length);
  if (/^\s*$/u.test(rest)) return true;
  if (!/^\s*(?:[—–:(（]|,)\s*$/u.test(rest)) return false;
  if (/[—–:(（]/u.test(rest)) return true;
  const second = located.find((entry) => entry.start >= first.end);
  return second !== undefined && listedTogether(lower, lower.slice(first.end, second.start), lex);
}

/**
 * A list split over the wrongs of each member: "accused Suno of copying 662 recordings and Udio of
 * copying 1,670", "accused DeepSeek of distillation and also Moonshot AI of …", "accusa Suno di … e
 * Udio di …". A later party joined by a conjunction and followed by the same word as the first
 * accused (of, de, di …) is accused in the same way.
 */
export function parallelMembers(
  lower: string,
  first: Located,
  pool: Located[],
  lex: CompiledLexicon,
): EntityMention[] {
  const word = /^\s*(\p{L}+['’]?)/u;
  const linker = word.exec(lower.slice(first.end, first.end + 24))?.[1];
  if (!linker) return [];
  const members: EntityMention[] = [];
  for (const entry of pool) {
    if (entry.start <= first.end) continue;
    if (word.exec(lower.slice(entry.end, entry.end + 24))?.[1] !== linker) continue;
    const before = lower.slice(Math.max(0, entry.start - 24), entry.start).split(/(?<=\s)/u);
    let joined = false;
    for (let count = 1; count <= 3 && count < before.length; count++) {
      const tail = before.slice(before.length - count).join("");
      if (/[^\s,]/u.test(tail) && lex.coordination.test(` ${tail}`)) joined = true;
    }
    if (joined) members.push(entry.mention);
  }
  return members;
}

/**
 * "Anthropic said the three Chinese labs had…", "Selon Anthropic, ces entreprises ont…", "同社に
 * よると、これら3社は…", "三家公司创建了…": a plural description after the cue (any of the
 * language's `anaphora.plural` words; before it too where the clause may precede its verb or its
 * speaker) stands for the whole list the same side accused before, when the speaker is not one of
 * the accused.
 */
export function pluralForAccused(
  lower: string,
  cue: Cue,
  claimant: EntityMention,
  context: Context,
): boolean {
  if (!context.lastClaimant || context.lastTargets.length < 2) return false;
  if (context.lastTargets.some((target) => target.slug === claimant.slug)) return false;
  // The same side goes on: one of the accusers of that list, or a party that accused one of them
  // before ("Glazier said the two services …" after the labels sued Suno and Udio).
  const sameSide =
    context.lastClaimants.some((other) => other.slug === claimant.slug) ||
    context.accusations.some(
      (accusation) =>
        accusation.claimant.slug === claimant.slug &&
        context.lastTargets.some((target) => target.slug === accusation.targetSlug),
    );
  if (!sameSide) return false;
  const lex = context.lex;
  lex.pluralAnywhere.lastIndex = 0;
  // Verb-final clauses and a speaker put after what is said ("Die drei Firmen hätten …, erklärte
  // Anthropic") put the plural word before the cue.
  return lex.pluralAnywhere.test(
    lex.objectBeforeVerb || lex.speakerAfterSpeech ? lower : lower.slice(cue.end),
  );
}
