/**
 * The standfirst (lead, teaser, intro, summary paragraph) that many templates set above the article
 * body, outside the container that holds the body itself: in the article's header, beside the
 * headline, or in a "teaser" box the CMS fills from the article's description. Scoring finds the
 * body; this finds the lead next to it and puts it back in front.
 */
import {
  attr,
  isElement,
  normaliseSpace,
  textOf,
  type DomElement,
  type DomNode,
} from "./extract-dom";

/** Class/id words templates use for the lead paragraph, in several languages. */
const LEAD_HINT =
  /(?:^|[\s_-])(?:lead|leader|leadin|lede|teaser|intro|introduction|excerpt|perex|standfirst|summary|sub-?title|subline|sub-?headline|deck|dek|abstract|chapeau|chapo|description|descr|vorspann|entradilla|bajada|sapo|occhiello)(?:-?text)?(?:$|[\s_-])/i;

/** Subtrees that never hold the lead of the article on the page. */
const SKIP = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "nav",
  "aside",
  "footer",
  "form",
  "button",
  "select",
  "svg",
  "figure",
  "figcaption",
  "ul",
  "ol",
  "li",
  "a",
]);

/** A lead paragraph found before cleaning, with where it sat in the page. */
export interface LeadCandidate {
  element: DomElement;
  text: string;
  order: number;
  /** Its ancestors at the time it was found, nearest first (cleaning detaches nodes later). */
  ancestors: DomNode[];
}

/** Elements in document order (pre-order index) and the lead candidates among them. */
export interface LeadScan {
  order: Map<DomNode, number>;
  candidates: LeadCandidate[];
}

function hidden(element: DomElement): boolean {
  const a = element.attribs;
  if ("hidden" in a) return true;
  const style = a.style;
  return !!style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** The site's own tagline and masthead, which templates also call "description". */
const SITE_HINT = /(?:^|[\s_-])(?:site|masthead|brand|logo|blog)(?:$|[\s_-])/i;

function isLeadElement(element: DomElement): boolean {
  if (element.name === "meta" || element.name === "link") return false;
  if (element.attribs.role === "banner") return false;
  if (element.attribs.itemprop === "description") return true;
  const hints = `${attr(element, "class")} ${attr(element, "id")}`;
  return hints.length > 1 && LEAD_HINT.test(hints) && !SITE_HINT.test(hints);
}

function linkTextLength(node: DomNode): number {
  let total = 0;
  for (const child of node.children ?? []) {
    if (!isElement(child)) continue;
    total += child.name === "a" ? textOf(child).trim().length : linkTextLength(child);
  }
  return total;
}

/**
 * Walks the page once before cleaning: numbers the elements in document order and keeps the
 * outermost elements marked as a lead whose text reads like a paragraph (not a link list).
 */
export function scanLeads(root: DomNode): LeadScan {
  const order = new Map<DomNode, number>();
  const candidates: LeadCandidate[] = [];
  let counter = 0;
  const stack: [DomNode, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [node, insideLead] = stack.pop()!;
    order.set(node, counter++);
    let inLead = insideLead;
    if (node !== root && isElement(node) && !inLead && isLeadElement(node)) {
      const text = normaliseSpace(textOf(node));
      if (
        text.length >= 30 &&
        text.length <= 1500 &&
        /[.!?…:"”»)]$/.test(text) &&
        linkTextLength(node) <= text.length * 0.3
      ) {
        const ancestors: DomNode[] = [];
        for (let a = node.parent; a; a = a.parent) ancestors.push(a);
        candidates.push({ element: node, text, order: order.get(node)!, ancestors });
        inLead = true;
      }
    }
    const kids = node.children ?? [];
    for (let i = kids.length - 1; i >= 0; i--) {
      const child = kids[i];
      if (!isElement(child) || child.type !== "tag") continue;
      if (SKIP.has(child.name) || hidden(child) || child.attribs.role === "banner") continue;
      stack.push([child, inLead]);
    }
  }
  return { order, candidates };
}

/** How many levels above the article body the lead may branch off. */
const MAX_LEVELS = 4;

/**
 * The lead texts that belong in front of the extracted body `first` (the first kept part): marked
 * leads that come before it in the page and branch off its ancestry within a few levels below the
 * body element, nearest last. Texts already in the output are left out by the caller.
 */
export function leadsBefore(scan: LeadScan, first: DomElement): string[] {
  const firstOrder = scan.order.get(first);
  if (firstOrder === undefined) return [];
  const levels = new Map<DomNode, number>();
  let level = 0;
  for (let a: DomNode | null = first; a && level <= MAX_LEVELS; a = a.parent, level++) {
    if (isElement(a) && (a.name === "body" || a.name === "html")) break;
    levels.set(a, level);
  }
  const out: string[] = [];
  for (const candidate of scan.candidates) {
    if (candidate.order >= firstOrder) break;
    if (candidate.ancestors.includes(first) || levels.has(candidate.element)) continue;
    if (!candidate.ancestors.some((a) => levels.has(a))) continue;
    out.push(candidate.text);
  }
  // Several marked blocks (kicker, teaser, summary) may stand before the body; keep the last two.
  return out.slice(-2);
}
