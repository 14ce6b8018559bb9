/**
 * What a subject phrase refers to when it is not a name: a description ("the committee", "the
 * newspaper", "a Chinese start-up"), a surname of a person named in full before, a document ("the
 * complaint" → the party that sued), a pronoun or "the company" (the party that was speaking), a
 * product standing for its maker. Used by lib/enrich/claims/claimant.ts for who claims, and by
 * lib/enrich/claims/targets.ts for whom.
 */

import type { EntityMention } from "@/lib/types";
import { foldDiacritics } from "@/lib/text/fold";
import type { Context } from "./model";

/** Who a cue's subject is, whether it was named there, and who else claims with it. */
export interface ClaimantResult {
  claimant: EntityMention;
  explicit: boolean;
  together?: EntityMention[];
}

/**
 * A subject that names no entity but stands for one: a judge (no claim), a document (the
 * plaintiff), a description ("the committee"), a pronoun or "the company".
 */
export function subjectByReference(subjectText: string, context: Context): ClaimantResult | null {
  const lex = context.lex;
  // "Luật sư X, đại diện các nhà xuất bản, nói": an apposition closed by a comma before the verb.

  // "The filing quotes answers that the paper says …": the subject of the verb is the one of its
  // own clause, after the last "that"/"which"/"rằng".
  // "Martin, whose novels became a TV series, has said": a relative clause set off by commas
  // between the subject and its verb is passed over.
  const relative =
    /^([^,]{2,40}),\s*(?:whose|who|which|người|vốn)\s[^,]*,\s*(?:(?:has|have|had|also|later|then|cũng|đã)\s*)*$/u.exec(
      subjectText,
    );
  if (relative) {
    const inner = subjectByReference(relative[1].trim(), context);
    if (inner) return inner;
  }
  const embedded = /(?:^|[^\p{L}])(?:that|which|who|rằng)\s+([^,;:]+)$/u.exec(subjectText);
  if (embedded) {
    const inner = subjectByReference(embedded[1].trim(), context);
    if (inner) return inner;
  }
  if (JUDGE_SUBJECT.test(subjectText)) return null;
  // "The lawsuit alleges", "the complaint says", "đơn kiện cho biết": the plaintiff speaks.
  const documentSubject =
    /^(?:(?:the|its|their|his|her|a|this)\s+)?(?:\w+\s+)?(?:lawsuit|complaint|suit|filing|petition|counterclaims?|report)\b|^(?:theo\s+)?(?:đơn kiện|báo cáo|hồ sơ)/u.test(
      subjectText,
    ) || lex.document.test(subjectText.slice(subjectText.lastIndexOf(",") + 1).trim());
  if (documentSubject && subjectText.length <= 80) {
    const plaintiff = documentSpeaker(context);
    if (plaintiff) return plaintiff;
  }
  // "Lawyers for the newspaper said", "luật sư Matt Oppenheim, đại diện các nhà xuất bản, nói":
  // a spokesperson's or lawyer's title before a description speaks for what it describes.
  const titled = TITLE_FOR.exec(subjectText.slice(subjectText.lastIndexOf(",") + 1).trim());
  const representedText = titled ? (titled[1] ?? titled[2] ?? "").trim() : "";
  if (representedText.length > 0) {
    const represented = subjectByReference(representedText, context);
    if (represented) return represented;
  }
  // "Martin has said", "Altman added", "ông Sacks nói": a person named in full before, now by
  // the last word of their name.
  const surnamed = personBySurname(subjectText, context);
  if (surnamed) return { claimant: surnamed, explicit: false };
  // "The committee alleged", "Ủy ban cũng cáo buộc", "the Times said": a name said shorter before.
  const described = resolveDescriptor(subjectText, context);
  if (described) {
    // "The publishers", "the studios": all the parties that last claimed together.
    const together =
      context.lastClaimants.length > 1 && context.lastClaimants[0].slug === described.slug
        ? context.lastClaimants.slice(1)
        : undefined;
    return { claimant: described, explicit: false, together };
  }
  // "The start-up said", "công ty Trung Quốc khẳng định": the party of that kind.
  const ofKind = partyOfKind(subjectText, context);
  if (ofKind) return { claimant: ofKind, explicit: false };
  // A pronoun subject ("he said", "the company denied", "họ cho biết") stands for the last actor:
  // the last person for "he"/"she"/"ông"/"bà", the last organisation otherwise.
  // The subject is the last clause before the verb, after any opening phrase ("In a memo sent on
  // Thursday to the committee, the company said").
  const pronoun = subjectText.slice(subjectText.lastIndexOf(",") + 1).trim();
  if (pronoun.length <= 40 && anaphoraHeads(pronoun, lex.anaphora)) {
    const personal = lex.personal.test(pronoun);
    const plural = lex.plural.test(pronoun);
    // "They", "両社", "两家公司": the parties that last spoke together, all of them.
    if (plural && context.lastClaimants.length > 1)
      return {
        claimant: context.lastClaimants[0],
        explicit: false,
        together: context.lastClaimants.slice(1),
      };
    const fallback = personal
      ? context.lastPerson
      : plural
        ? (context.lastPlaintiff ?? context.lastClaimant ?? context.lastSubject)
        : (principalClaimant(context) ?? context.lastSubject ?? context.lastClaimant);
    if (fallback) return { claimant: fallback, explicit: false };
  }
  return null;
}

// Words that say what kind of party a description stands for, and whether an entity (by its kind
// and its description in the knowledge base) is of that kind.
const NATIONALITY =
  /\b(?:chinese|japanese|korean|french|german|british|canadian|indian|european|italian|israeli)\b/u;
const PARTY_OF_KIND: Array<{ pattern: RegExp; fits: (kind: string, about: string) => boolean }> = [
  {
    pattern:
      /(?:^|\s)(?:start-?ups?|ai (?:company|firm|lab|developer)|labs?|chatbot maker)(?:\s|$)/u,
    fits: (kind, about) =>
      kind === "company" && /\b(?:ai|start-?up|lab|chatbot|generator|model|models)\b/u.test(about),
  },
  {
    pattern: /(?:^|\s)(?:chinese|trung quốc)(?:\s|$)/u,
    fits: (kind, about) => kind === "company" && /\bchinese\b/u.test(about),
  },
  {
    pattern: /(?:^|\s)(?:american|u\.s\.|us|mỹ)(?:\s|$)/u,
    fits: (kind, about) => kind === "company" && about.length > 0 && !NATIONALITY.test(about),
  },
];

/**
 * "The start-up said …" after "Dow Jones sued Perplexity", "Công ty Trung Quốc khẳng định …" after
 * OpenAI accused DeepSeek: a description saying what kind of party it is (a start-up, a Chinese or
 * an American company) stands for the party of the last accusations that is of that kind, when the
 * party that was speaking is not. Null when no kind word is there or the speaker fits.
 */
function partyOfKind(subjectText: string, context: Context): EntityMention | null {
  const describe = context.describe;
  if (!describe) return null;
  const clause = subjectText.slice(subjectText.lastIndexOf(",") + 1).trim();
  if (clause.length === 0 || clause.length > 40 || clause.split(/\s+/u).length > 5) return null;
  if (QUANTIFIED.test(clause) || context.lex.plural.test(clause)) return null;
  const kinds = PARTY_OF_KIND.filter((entry) => entry.pattern.test(clause));
  if (kinds.length === 0) return null;
  const fits = (mention: EntityMention): boolean =>
    mention.verified &&
    kinds.every((entry) => entry.fits(mention.kind, (describe(mention.slug) ?? "").toLowerCase()));
  const speaking = recentClaimant(context) ?? context.lastSubject ?? context.lastClaimant;
  if (!speaking || fits(speaking)) return null;
  const recent = context.accusations.slice(-6).reverse();
  for (const accusation of recent) {
    if (fits(accusation.claimant)) return accusation.claimant;
    const target = context.history.find((mention) => mention.slug === accusation.targetSlug);
    if (target && fits(target)) return target;
  }
  return null;
}

/**
 * A word standing for a party heads the subject unless a plural quantifier makes it a new,
 * unnamed group: "hãng này cũng" stands for a party named before, "các hãng đĩa lớn" (the big
 * record labels) and "other companies" do not.
 */
function anaphoraHeads(subject: string, anaphora: RegExp): boolean {
  anaphora.lastIndex = 0;
  let heads = false;
  for (let match = anaphora.exec(subject); match; match = anaphora.exec(subject)) {
    if (match[0].length === 0) {
      anaphora.lastIndex++;
      continue;
    }
    if (!QUANTIFIED.test(subject.slice(0, match.index))) {
      heads = true;
      break;
    }
  }
  anaphora.lastIndex = 0;
  return heads;
}

// Quantifiers before a noun that make it a new group of unnamed parties.
const QUANTIFIED =
  /(?:^|[^\p{L}])(?:các|những|nhiều|một số|vài|other|some|several|many|most|all)\s+$/u;

// A spokesperson's or lawyer's title right before what it represents.
export const TITLE_FOR =
  /^(?:(?:a|an|the|its|one)\s+)?(?:(?:lead|chief|outside|top|senior)\s+)?(?:lawyers?|attorneys?|counsel|spokes(?:person|man|woman)|representatives?)\s+(?:for|of|representing)\s+(.+)$|^(?:(?:các|một|nhóm)\s+)?(?:luật sư|người phát ngôn|phát ngôn viên|đại diện)(?:\s+(?:của|cho|đại diện cho|đại diện))?\s+(.+)$/u;

// Titles and honorifics before a surname ("ông Sacks", "Mr. Altman").
const HONORIFIC = /^(?:(?:mr|ms|mrs|dr)\.?\s+|(?:ông|bà|ngài|tỷ phú|tỉ phú|ceo|giám đốc)\s+)/u;

/** A person named in full earlier, now named by the last word of their name alone. */
function personBySurname(subjectText: string, context: Context): EntityMention | null {
  const clause = subjectText.slice(subjectText.lastIndexOf(",") + 1).trim();
  const surname = clause.replace(/^(?:but|and|however|nhưng|và)\s+/u, "").replace(HONORIFIC, "");
  if (!/^[\p{L}'’-]{3,}$/u.test(surname)) return null;
  const folded = foldForMatch(surname);
  for (let index = context.history.length - 1; index >= 0; index--) {
    const mention = context.history[index];
    if (mention.kind !== "person") continue;
    const last = foldForMatch(mention.name.toLowerCase()).split(/\s+/u).pop();
    if (last === folded) return mention;
  }
  return null;
}

/**
 * "…countered that the newspaper had paid someone to hack ChatGPT", "OpenAI said the Times paid
 * someone to …", "…said there was evidence that the Chinese lab had distilled…": the subject of
 * the reported clause, a description of a party named before, is the accused. A bare "it" or "the company" there is more often the
 * speaker itself, so only descriptions that say what the party is count.
 */
export function describedClauseSubject(
  after: string,
  claimant: EntityMention,
  context: Context,
): { mention: EntityMention; at: number } | null {
  // Right after the verb ("said the Times paid someone to …"), else after "that" further on.
  const clauses = [
    /^\s+([^,;:.!?"“”]{3,60})/u.exec(after),
    /(?:^|[^\p{L}])(?:that|rằng|là)\s+([^,;:.!?"“”]{3,60})/u.exec(after.slice(0, 160)),
  ];
  for (const clause of clauses) {
    if (!clause) continue;
    const phrase = clause[1].trim();
    const at = clause.index + clause[0].length - clause[1].length;
    // "the three Chinese labs", "the two start-ups": a plural stands for a list, never for one
    // party it happens to describe (pluralForAccused decides whether it is the list accused last).
    if (context.lex.plural.test(phrase)) return null;
    const described = resolveDescriptor(phrase, context);
    if (described) return described.slug === claimant.slug ? null : { mention: described, at };
    // "Martin said the chatbot wrote a sequel …": the product named before (its maker is accused).
    if (PRODUCT_WORD.test(phrase)) {
      // Named by its maker only ("the ChatGPT maker"): the company accused last.
      const product =
        [...context.history].reverse().find((mention) => mention.kind === "model") ??
        (context.lastTarget?.kind === "company" ? context.lastTarget : null);
      return product && product.slug !== claimant.slug ? { mention: product, at } : null;
    }
    const lex = context.lex;
    lex.anaphora.lastIndex = 0;
    const word = lex.anaphora.exec(phrase);
    lex.anaphora.lastIndex = 0;
    if (
      !word ||
      word.index !== 0 ||
      GENERIC_REFERENCE.test(word[0]) ||
      lex.personal.test(word[0]) ||
      lex.document.test(word[0])
    )
      continue;
    const referent = [context.lastTarget, context.lastSubject].find(
      (mention) => mention && mention.slug !== claimant.slug && mention.kind !== "person",
    );
    return referent ? { mention: referent, at } : null;
  }
  return null;
}

// Words standing for a product named before ("the chatbot", "ứng dụng này"): its maker is meant.
const PRODUCT_WORD =
  /^(?:the\s+|its\s+|their\s+)?(?:chatbot|app|assistant|image generator|generator|answer engine)(?:\s|$)|^(?:chatbot|ứng dụng|trợ lý ảo)(?:\s+(?:này|đó|ấy))(?:\s|$)/u;

// Words that stand for any party, the speaker included: not enough to name the accused.
const GENERIC_REFERENCE =
  /^(?:it|we|they|the (?:company|firm|startup|start-up|group|lab|platform)|a spokes\w+|its spokes\w+|công ty(?: này)?|hãng(?: này)?|họ|người phát ngôn|đại diện)$/u;

/**
 * Whose document "the complaint" is: the party that sued, else the last party that accused
 * (not one that since denied: "Theo đơn kiện, …" after the defendant's lawyers spoke), else the
 * last speaker; with the parties that sued together with it.
 */
export function documentSpeaker(context: Context): ClaimantResult | null {
  const accuser = context.accusations[context.accusations.length - 1]?.claimant;
  const plaintiff = context.lastPlaintiff ?? accuser ?? context.lastClaimant;
  if (!plaintiff) return null;
  // Plaintiffs that sued together file one complaint ("Nikkei and Asahi sued … According to the
  // complaint, …"): all of them speak.
  const together =
    context.lastClaimants.length > 1 && context.lastClaimants[0].slug === plaintiff.slug
      ? context.lastClaimants.slice(1)
      : undefined;
  return { claimant: plaintiff, explicit: false, together };
}

/**
 * "The company also said…" right after a claim: the party that was speaking, not whichever
 * organisation the last sentence happened to name first.
 */
export function recentClaimant(context: Context): EntityMention | null {
  if (!context.lastClaimant || context.currentSentence - context.lastSentenceIndex > 2) return null;
  return context.lastClaimant.kind === "person" ? null : context.lastClaimant;
}

/**
 * The party a singular "the company" / "同社" stands for after a claim: the last claimant, or,
 * of several parties that claimed together ("xAI and X sued … The company said", "xAIとXは提訴
 * した。同社は…"), the one the article named first.
 */
function principalClaimant(context: Context): EntityMention | null {
  const recent = recentClaimant(context);
  if (!recent || context.lastClaimants.length < 2) return recent;
  const first = [...context.lastClaimants].sort(
    (a, b) => firstNamed(context, a.slug) - firstNamed(context, b.slug),
  )[0];
  return first.kind === "person" ? recent : first;
}

/** Where the article first named a party (its order among the mentions read so far). */
function firstNamed(context: Context, slug: string): number {
  const at = context.history.findIndex((mention) => mention.slug === slug);
  return at === -1 ? Number.MAX_SAFE_INTEGER : at;
}

// A subject that is a judge or a court: rulings are not accusations.
export const JUDGE_SUBJECT =
  /^(?:the\s+|a\s+)?(?:[\p{L}.]+\s+){0,2}(?:judge|justice|court|thẩm phán|tòa án|tòa|chánh án)(?:\s|,|$)/u;

// Descriptions that stand for an organisation named earlier, and the head word to look for in its name.
export const DESCRIPTORS: Array<{ pattern: RegExp; heads: string[]; kinds?: string[] }> = [
  {
    pattern: /^(?:the\s+)?(?:\w+\s+)?(?:committee|panel)\b|^ủy ban\b/u,
    heads: ["committee", "ủy ban", "panel"],
  },
  {
    pattern: /^(?:the\s+)?(?:\w+\s+)?(?:authority|regulator|watchdog|agency)\b|^cơ quan\b/u,
    heads: ["authority", "garante", "regulator", "agency", "cơ quan"],
    kinds: ["government", "other"],
  },
  {
    pattern: /^(?:the\s+)?(?:newspaper|paper|times|publisher)\b|^(?:tờ báo|nhật báo|báo)\b/u,
    heads: ["times", "post", "journal"],
    kinds: ["media"],
  },
  {
    pattern:
      /^(?:the\s+)?(?:two\s+)?(?:record\s+)?(?:studios|publishers|authors|plaintiffs|companies|labels)\b|^(?:hai |các )?(?:hãng phim|nhà xuất bản|tác giả|nguyên đơn)\b/u,
    heads: [],
  },
  {
    pattern:
      /^(?:the\s+|an?\s+|one\s+)?(?:\w+\s+)?(?:officials?|administration)\b|^(?:các\s+|một\s+)?quan chức\b/u,
    heads: [],
    kinds: ["government"],
  },
];

export function foldForMatch(text: string): string {
  return foldDiacritics(text).replace(/đ/g, "d");
}

/** The entity a description stands for ("the committee" → House Select Committee on China), or null. */
export function resolveDescriptor(subjectText: string, context: Context): EntityMention | null {
  // The subject is what follows the last comma ("On hardware, the committee said").
  const lastClause = subjectText.slice(subjectText.lastIndexOf(",") + 1).trim();
  if (lastClause.length === 0 || lastClause.length > 60) return null;
  const stripped = lastClause.replace(
    /^(?:but|and|however|also|nhưng|và|tuy nhiên|cũng theo|theo)\s+/u,
    "",
  );
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
    if (descriptor.heads.length === 0 && !descriptor.kinds)
      return context.lastPlaintiff ?? context.lastClaimant;
    return null;
  }
  return null;
}
