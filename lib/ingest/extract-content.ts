/**
 * Main-text extraction: clean the page, score candidate containers, gather the best one with its
 * related siblings, prune boilerplate inside it, and turn what is left into paragraphs.
 *
 * The scoring follows the idea that has held up across extractors (Readability, boilerpipe,
 * trafilatura): article text comes in long, comma-rich, link-poor paragraphs that share an
 * ancestor, while navigation, adverts and "related" boxes come in short, link-heavy, repeated
 * blocks. Class/id hints only nudge the scores; the text statistics decide.
 */
import {
  attr,
  childElements,
  detach,
  findAll,
  isElement,
  normaliseSpace,
  textOf,
  type DomElement,
  type DomNode,
} from "./extract-dom";
import { leadsBefore, scanLeads } from "./extract-lead";

/** Elements that never carry article text. */
const DROP_TAGS = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "canvas",
  "iframe",
  "object",
  "embed",
  "button",
  "input",
  "select",
  "textarea",
  "option",
  "nav",
  "aside",
  "footer",
  "link",
  "meta",
  // Not "head": a page without a <body> tag leaves its content inside <head> for this parser; the
  // head's own elements (title, meta, link, script, style, base) are dropped one by one instead.
  "title",
  "base",
  "map",
  "dialog",
  "audio",
  "video",
  "source",
  "menu",
]);

const UNLIKELY =
  /-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|share|sharing|newsletter|subscri|promo|cookie|outbrain|taboola|recommend|most-?popular|trending|signup|paywall|modal|toolbar|navbar|byline|dateline|author-?(?:info|box|bio|profile|card|details|about|desc)|about-?(?:the-?)?author|post-author|autor(?:en)?-?(?:info|box|bio|profil)|bio-?box|tags?-?list|topics/i;
/** Boxes of other articles: "related-articles" names an article but is never the article. */
const RECIRCULATION =
  /related|recommend|outbrain|taboola|most-?(?:popular|read|viewed)|trending|read-?more|more-?stories/i;
/** Reader comments: however much text they hold, they are not the article. */
const COMMENTS = /comment|disqus|replies|respons|discussion|forum|kommentar/i;
const MAYBE_CANDIDATE =
  /and|article|body|column|content|main|mathjax|shadow|story|entry|post-?text/i;
const UNLIKELY_ROLES = new Set([
  "menu",
  "menubar",
  "complementary",
  "navigation",
  "alert",
  "alertdialog",
  "dialog",
  "banner",
  "contentinfo",
  "search",
]);
const POSITIVE =
  /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose|rich-?text/i;
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|newsletter|subscri|caption|credit|byline|social|advert|teaser|recirc|toolbar/i;

const BLOCK_TAGS = new Set([
  "address",
  "article",
  "blockquote",
  "dd",
  "details",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "ol",
  "p",
  "pre",
  "section",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "td",
  "th",
  "ul",
  "summary",
  "caption",
  "center",
]);
const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
const ITEMPROP_TAGS = new Set(["div", "section", "article", "main", "span", "td"]);
const SCORABLE = new Set(["p", "pre", "td", "blockquote", "li", "dd"]);

/** Per-node text statistics, computed once per pass so scoring stays linear. */
interface Stats {
  length: number;
  linkLength: number;
  commas: number;
}

function hintsOf(element: DomElement): string {
  return `${attr(element, "class")} ${attr(element, "id")}`;
}

function isHidden(element: DomElement): boolean {
  const attribs = element.attribs;
  if ("hidden" in attribs) return true;
  if (attribs["aria-hidden"] === "true" && element.name !== "body") {
    // Some sites hide decorative wrappers from screen readers that still hold text; only trust
    // aria-hidden on small nodes.
    return textOf(element).length < 400;
  }
  const style = attribs.style;
  if (style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  const cls = attribs.class;
  if (
    cls &&
    /(?:^|\s)(?:hidden|hide|d-none|sr-only|visually-hidden|screen-reader-text|invisible)(?:\s|$)/i.test(
      cls,
    )
  )
    return true;
  return false;
}

const CAPTION =
  /(?:^|[\s_-])(?:caption|credit|photo-?credit|image-?credit|wp-caption-text|img-?desc|media-?caption|image-?source|photo-?source|img-?source|image-?description|imagedescription|image-?copyright|bildquelle|bildnachweis|fotonachweis)s?(?:$|[\s_-])/i;

/** The same in camelCase class names ("newsCaption", "imageCredit"). */
const CAMEL_CAPTION = /[a-z](?:Caption|Credit|Copyright)s?(?:$|[\s_A-Z-])/;

/** Shorter captions are labels and credits; a gallery tells its story in longer ones. */
const CAPTION_MIN = 150;
/**
 * A caption that carries the article on (a gallery's text, a long sentence under a picture), not a
 * label or a credit.
 */
function tellsStory(element: DomElement): boolean {
  const text = normaliseSpace(textOf(element));
  return (
    text.length >= CAPTION_MIN && /[.!?…。]["”»)]?$/.test(text) && !CREDIT_IN_CAPTION.test(text)
  );
}
const CREDIT_IN_CAPTION =
  /©|\(c\)|getty|reuters|afp|dpa|imago|shutterstock|\b(?:foto|photo|bild|credit)s?\s*:/i;

/** Figures and their captions: the benchmark and readers alike treat them as apart from the text. */
function isCaption(element: DomElement): boolean {
  if (element.name === "figcaption" || element.name === "figure") return !tellsStory(element);
  const hints = hintsOf(element);
  return (
    hints.length > 1 &&
    (CAPTION.test(hints) || CAMEL_CAPTION.test(hints)) &&
    textOf(element).length < 400
  );
}

function insideTableOrCode(element: DomElement): boolean {
  for (let node = element.parent; node; node = node.parent) {
    if (node.name === "table" || node.name === "code" || node.name === "pre") return true;
  }
  return false;
}

/**
 * Removes what can never be article text. `stripUnlikely` also drops elements whose class/id name
 * them as navigation, comments, sharing and the like; it is turned off on a second attempt when the
 * first one found too little (some sites name their whole article wrapper "...-header-...").
 */
function clean(root: DomNode, stripUnlikely: boolean): void {
  // A box named like chrome ("sidebar-wrapper") that holds most of the page's text is the page's
  // own layout around the article, not chrome: the names only decide for smaller boxes.
  const before = new Map<DomNode, Stats>();
  const pageLength = stripUnlikely ? computeStats(root, before).length : 0;
  const holdsMostText = (element: DomElement) => {
    const s = before.get(element);
    return !!s && s.length >= pageLength * 0.5 && s.linkLength < s.length * 0.3;
  };
  const stack: DomNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const kids = node.children;
    if (!kids) continue;
    for (let i = kids.length - 1; i >= 0; i--) {
      const child = kids[i];
      if (child.type === "comment" || child.type === "directive" || child.type === "cdata") {
        kids.splice(i, 1);
        continue;
      }
      if (!isElement(child)) continue;
      const name = child.name;
      // Some templates put the whole article inside an <aside>; the second pass lets it in.
      const keepAside = name === "aside" && !stripUnlikely;
      if ((DROP_TAGS.has(name) && !keepAside) || child.type !== "tag") {
        kids.splice(i, 1);
        continue;
      }
      if (isHidden(child) || isCaption(child)) {
        kids.splice(i, 1);
        continue;
      }
      if (
        stripUnlikely &&
        name !== "body" &&
        name !== "a" &&
        name !== "article" &&
        name !== "main"
      ) {
        const role = child.attribs.role;
        if (role && UNLIKELY_ROLES.has(role)) {
          kids.splice(i, 1);
          continue;
        }
        const hints = hintsOf(child);
        if (
          hints.length > 1 &&
          UNLIKELY.test(hints) &&
          (!MAYBE_CANDIDATE.test(hints) || RECIRCULATION.test(hints)) &&
          child.attribs.itemprop !== "articleBody" &&
          !insideTableOrCode(child) &&
          (RECIRCULATION.test(hints) || COMMENTS.test(hints) || !holdsMostText(child))
        ) {
          kids.splice(i, 1);
          continue;
        }
      }
      stack.push(child);
    }
  }
}

function computeStats(root: DomNode, stats: Map<DomNode, Stats>): Stats {
  let length = 0;
  let linkLength = 0;
  let commas = 0;
  for (const child of root.children ?? []) {
    if (child.type === "text") {
      const data = child.data ?? "";
      const trimmed = data.replace(/\s+/g, " ");
      length += trimmed.length;
      const found = data.match(/[,，、،]/g);
      if (found) commas += found.length;
    } else if (isElement(child)) {
      const s = computeStats(child, stats);
      length += s.length;
      linkLength += child.name === "a" ? s.length : s.linkLength;
      commas += s.commas;
    }
  }
  const result = { length, linkLength, commas };
  stats.set(root, result);
  return result;
}

function linkDensity(node: DomNode, stats: Map<DomNode, Stats>): number {
  const s = stats.get(node);
  if (!s || s.length === 0) return 0;
  return s.linkLength / s.length;
}

function classWeight(element: DomElement): number {
  let weight = 0;
  for (const value of [attr(element, "class"), attr(element, "id")]) {
    if (!value) continue;
    if (NEGATIVE.test(value)) weight -= 25;
    if (POSITIVE.test(value)) weight += 25;
  }
  if (element.attribs.itemprop === "articleBody") weight += 50;
  return weight;
}

function baseScore(element: DomElement): number {
  switch (element.name) {
    case "div":
    case "article":
    case "main":
    case "section":
      return 5 + (element.name === "article" ? 5 : 0);
    case "pre":
    case "td":
    case "blockquote":
      return 3;
    case "address":
    case "ol":
    case "ul":
    case "dl":
    case "dd":
    case "dt":
    case "li":
    case "form":
      return -3;
    case "h1":
    case "h2":
    case "h3":
    case "h4":
    case "h5":
    case "h6":
    case "th":
      return -5;
    default:
      return 0;
  }
}

/** True when a div holds only inline content and text, i.e. it is really a paragraph. */
function isParagraphLikeDiv(element: DomElement): boolean {
  for (const child of element.children) {
    if (isElement(child) && BLOCK_TAGS.has(child.name)) return false;
  }
  return true;
}

interface Candidate {
  element: DomElement;
  score: number;
}

function scoreCandidates(root: DomElement, stats: Map<DomNode, Stats>): Map<DomElement, Candidate> {
  const candidates = new Map<DomElement, Candidate>();
  const stack: DomNode[] = [root];
  const paragraphs: DomElement[] = [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.children ?? []) {
      if (!isElement(child)) continue;
      if (SCORABLE.has(child.name) || (child.name === "div" && isParagraphLikeDiv(child))) {
        paragraphs.push(child);
        if (
          child.name === "li" ||
          child.name === "blockquote" ||
          child.name === "td" ||
          child.name === "dd"
        )
          stack.push(child);
      } else {
        stack.push(child);
      }
    }
  }
  // A container the publisher marks as the article body competes even when its text is not in
  // <p>s (tables, bare text); the +50 hint of classWeight then carries it.
  for (const marked of findAll(root, ITEMPROP_TAGS)) {
    if (
      marked.attribs.itemprop === "articleBody" &&
      (stats.get(marked)?.length ?? 0) >= 200 &&
      !candidates.has(marked)
    ) {
      candidates.set(marked, { element: marked, score: baseScore(marked) + classWeight(marked) });
    }
  }
  for (const paragraph of paragraphs) {
    const s = stats.get(paragraph);
    if (!s || s.length < 25) continue;
    // List items and cells inside an already-scored paragraph would count twice.
    let score = 1 + s.commas + Math.min(Math.floor(s.length / 100), 3);
    if (paragraph.name === "li") score *= 0.5;
    let level = 0;
    for (
      let ancestor = paragraph.parent;
      ancestor && level < 5;
      ancestor = ancestor.parent, level++
    ) {
      if (!isElement(ancestor)) break;
      let candidate = candidates.get(ancestor);
      if (!candidate) {
        candidate = { element: ancestor, score: baseScore(ancestor) + classWeight(ancestor) };
        candidates.set(ancestor, candidate);
      }
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      candidate.score += score / divider;
    }
  }
  for (const candidate of candidates.values()) {
    candidate.score *= 1 - linkDensity(candidate.element, stats);
  }
  return candidates;
}

function pickTop(
  candidates: Map<DomElement, Candidate>,
  body: DomElement,
  stats: Map<DomNode, Stats>,
): DomElement {
  const ranked = [...candidates.values()].sort((a, b) => b.score - a.score);
  if (ranked.length === 0) return body;
  let top = ranked[0];
  // When several strong candidates share an ancestor (an article split into sibling blocks by
  // ads or figures), the ancestor is the real container.
  const strong = ranked.slice(1, 6).filter((c) => c.score >= top.score * 0.75);
  if (strong.length >= 2) {
    for (
      let ancestor = top.element.parent;
      ancestor && isElement(ancestor) && ancestor !== body;
      ancestor = ancestor.parent
    ) {
      let containing = 0;
      for (const c of strong) if (contains(ancestor, c.element)) containing++;
      if (containing >= 2) {
        top = candidates.get(ancestor) ?? { element: ancestor, score: top.score };
        break;
      }
    }
  }
  // Climb while the parent scores nearly as well: the top candidate is often one column of the
  // article's own wrapper.
  let current = top;
  let lastScore = current.score;
  const threshold = lastScore / 3;
  for (
    let parent = current.element.parent;
    parent && isElement(parent) && parent !== body;
    parent = parent.parent
  ) {
    const parentCandidate = candidates.get(parent);
    if (!parentCandidate) continue;
    if (parentCandidate.score < threshold) break;
    if (parentCandidate.score > lastScore) {
      current = parentCandidate;
      break;
    }
    lastScore = parentCandidate.score;
  }
  // A lone child wrapper adds nothing; its parent may hold siblings worth gathering.
  let element = current.element;
  while (
    element.parent &&
    isElement(element.parent) &&
    element.parent !== body &&
    childElements(element.parent).length === 1
  ) {
    const parentStats = stats.get(element.parent);
    const ownStats = stats.get(element);
    if (!parentStats || !ownStats || parentStats.length > ownStats.length * 1.05) break;
    element = element.parent;
  }
  return element;
}

function contains(ancestor: DomNode, node: DomNode): boolean {
  for (let current: DomNode | null = node; current; current = current.parent)
    if (current === ancestor) return true;
  return false;
}

/** The best candidate score inside each element that holds candidates (itself included). */
function bestScores(candidates: Map<DomElement, Candidate>): Map<DomNode, number> {
  const best = new Map<DomNode, number>();
  for (const candidate of candidates.values()) {
    for (let node: DomNode | null = candidate.element; node; node = node.parent) {
      const current = best.get(node);
      if (current !== undefined && current >= candidate.score) break;
      best.set(node, candidate.score);
    }
  }
  return best;
}

/**
 * The top candidate plus siblings that look like more of the same article. Siblings are judged by
 * the best container inside them, not their own score: an article that a CMS splits into several
 * wrapped sections (text, embed, text) has its text two or three levels below each sibling.
 */
function gatherArticle(
  top: DomElement,
  candidates: Map<DomElement, Candidate>,
  stats: Map<DomNode, Stats>,
): DomElement[] {
  const parent = top.parent;
  if (!parent || !isElement(parent)) return [top];
  const best = bestScores(candidates);
  const topScore = best.get(top) ?? candidates.get(top)?.score ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = attr(top, "class");
  const out: DomElement[] = [];
  for (const sibling of childElements(parent)) {
    if (sibling === top) {
      out.push(sibling);
      continue;
    }
    let bonus = 0;
    if (topClass && attr(sibling, "class") === topClass) bonus += topScore * 0.2;
    const score = best.get(sibling);
    if (score !== undefined && score + bonus >= threshold && linkDensity(sibling, stats) < 0.5) {
      out.push(sibling);
      continue;
    }
    if (sibling.name === "p") {
      const s = stats.get(sibling);
      if (!s) continue;
      const density = linkDensity(sibling, stats);
      const text = normaliseSpace(textOf(sibling));
      if (
        (s.length > 80 && density < 0.25) ||
        (s.length > 0 && s.length <= 80 && density === 0 && /\.( |$)/.test(text))
      )
        out.push(sibling);
    }
  }
  return out;
}

function countTags(root: DomElement, names: ReadonlySet<string>): number {
  return findAll(root, names).length;
}

const P_TAGS = new Set(["p"]);
const IMG_TAGS = new Set(["img"]);
const LI_TAGS = new Set(["li"]);
const INPUT_TAGS = new Set(["input"]);
const HEADING_SET = HEADINGS;
const CONDITIONAL = new Set([
  "div",
  "section",
  "ul",
  "ol",
  "table",
  "form",
  "header",
  "dl",
  "figure",
  "center",
]);

/**
 * Prunes boxes inside the article that look like boilerplate (Readability's "clean conditionally"):
 * link lists, image galleries without text, forms, share bars. Works bottom-up so a bad box inside
 * a good one goes without taking its parent along.
 */
function pruneInside(root: DomElement, stats: Map<DomNode, Stats>): void {
  const all = findAll(root, CONDITIONAL);
  for (let i = all.length - 1; i >= 0; i--) {
    const element = all[i];
    if (!element.parent) continue;
    if (insideTableOrCode(element) && element.name !== "table") continue;
    // Fresh figures: boxes removed below this one no longer count against it.
    const s = computeStats(element, stats);
    const weight = classWeight(element);
    if (s.commas >= 10 && weight >= 0) continue;
    const density = linkDensity(element, stats);
    const paragraphs = countTags(element, P_TAGS);
    const images = countTags(element, IMG_TAGS);
    const listItems = countTags(element, LI_TAGS) - 100;
    const inputs = countTags(element, INPUT_TAGS);
    const headings = countTags(element, HEADING_SET);
    const isList = element.name === "ul" || element.name === "ol";
    const length = s.length;
    let remove = false;
    if (weight < 0 && length < 1000) remove = true;
    else if (images > 1 && paragraphs / images < 0.5 && length < 200) remove = true;
    else if (!isList && listItems > paragraphs && length < 500) remove = true;
    else if (inputs > Math.floor(paragraphs / 3)) remove = true;
    else if (length < 25 && (images === 0 || images > 2) && headings === 0 && !isList)
      remove = true;
    else if (weight < 25 && density > 0.33 && length < 1200) remove = true;
    else if (weight >= 25 && density > 0.5) remove = true;
    else if (isList && density > 0.5) remove = true;
    if (remove) detach(element);
  }
}

/** One output paragraph with what the block filters need to know about it. */
interface Block {
  text: string;
  /** Characters of the block that sit inside links. */
  linkLength: number;
  /** The block element that produced it (p, li, h2...). */
  tag: string;
}

/** Serialises the kept tree into paragraphs: one per block element, inline content joined. */
function toBlocks(roots: DomElement[]): Block[] {
  const blocks: Block[] = [];
  let buffer = "";
  let linkChars = 0;
  let tag = "p";
  const flush = () => {
    const text = buffer
      .split("\n")
      .map((line) => normaliseSpace(line))
      .filter((line) => line.length > 0)
      .join("\n");
    if (text) blocks.push({ text, linkLength: Math.min(linkChars, text.length), tag });
    buffer = "";
    linkChars = 0;
  };
  const walk = (node: DomNode, inPre: boolean, inLink: boolean) => {
    if (node.type === "text") {
      const data = inPre ? (node.data ?? "") : (node.data ?? "").replace(/\s+/g, " ");
      buffer += data;
      if (inLink) linkChars += data.trim().length;
      return;
    }
    if (!isElement(node)) return;
    const name = node.name;
    if (name === "br") {
      buffer += "\n";
      return;
    }
    if (name === "img") return;
    // Cells join their row with a space; the row is the paragraph.
    const isBlock = BLOCK_TAGS.has(name) && name !== "td" && name !== "th";
    const outer = tag;
    if (isBlock) {
      flush();
      tag = name;
    }
    const pre = inPre || name === "pre";
    const link = inLink || name === "a";
    for (const child of node.children) walk(child, pre, link);
    if (name === "td" || name === "th") buffer += " ";
    if (isBlock) {
      flush();
      // Text after a block belongs to the block around it, not to the one that just closed.
      tag = outer;
    }
  };
  for (const root of roots) {
    tag = "p";
    walk(root, false, false);
    flush();
  }
  return blocks;
}

const LETTER = /[\p{L}\p{N}]/u;
const SENTENCE_END = /[.!?…。:;"”»)]$/;

function blockKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Removes repeated call-to-action lists ("Click here to start the course" after every item) and
 * the short trailing boilerplate that follows them. A line that recurs three or more times inside
 * one article is a template, not prose; the short line before each recurrence is the item it
 * advertises.
 */
function dropRepeatedBoilerplate(blocks: Block[]): Block[] {
  const counts = new Map<string, number>();
  for (const block of blocks) {
    if (block.text.length > 120) continue;
    const k = blockKey(block.text);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const candidates = new Set([...counts].filter(([, n]) => n >= 3).map(([k]) => k));
  // A call to action recurs at a short, steady distance, with distinct items between; structured
  // content (recipes, schedules) repeats several different labels in turn, which this excludes.
  const repeated = new Set<string>();
  for (const k of candidates) {
    let previous = -1;
    let periodic = true;
    for (let i = 0; i < blocks.length && periodic; i++) {
      if (blockKey(blocks[i].text) !== k) continue;
      if (previous >= 0) {
        if (i - previous > 4) periodic = false;
        for (let j = previous + 1; j < i; j++)
          if (candidates.has(blockKey(blocks[j].text))) periodic = false;
      }
      previous = i;
    }
    if (periodic) repeated.add(k);
  }
  if (repeated.size === 0) return blocks;
  const drop = new Array<boolean>(blocks.length).fill(false);
  for (let i = 0; i < blocks.length; i++) {
    if (!repeated.has(blockKey(blocks[i].text))) continue;
    drop[i] = true;
    // The advertised item sits just before its call to action.
    const previous = i - 1;
    if (previous >= 0 && !drop[previous] && blocks[previous].text.length <= 160)
      drop[previous] = true;
  }
  let lastDropped = -1;
  for (let i = blocks.length - 1; i >= 0; i--) {
    if (drop[i]) {
      lastDropped = i;
      break;
    }
  }
  // Whatever short, sentence-less lines follow the last dropped run are the rest of the same footer.
  const tail = blocks.slice(lastDropped + 1);
  if (tail.every((b) => b.text.length < 100 && !/[.!?…。]["”»)]?$/.test(b.text))) {
    for (let i = lastDropped + 1; i < blocks.length; i++) drop[i] = true;
  }
  return blocks.filter((_, i) => !drop[i]);
}

/**
 * Drops link-only blocks ("related" teasers, "see also" lists that slipped through pruning) and
 * the short labels that introduce them ("Related articles", "Don't miss").
 */
function dropLinkBlocks(blocks: Block[]): Block[] {
  const isLinkBlock = (b: Block) =>
    b.text.length < 250 && b.linkLength >= b.text.length * 0.8 && b.tag !== "pre";
  const drop = blocks.map(isLinkBlock);
  for (let i = 0; i < blocks.length; i++) {
    if (drop[i]) continue;
    const b = blocks[i];
    if (b.text.length > 50 || SENTENCE_END.test(b.text)) continue;
    // A label whose following blocks are all links is the title of a link box.
    let j = i + 1;
    let links = 0;
    while (j < blocks.length && drop[j]) {
      links++;
      j++;
    }
    if (links >= 1 && (j === blocks.length || links >= 2)) drop[i] = true;
  }
  return blocks.filter((_, i) => !drop[i]);
}

const DATELINE =
  /^(?:(?:by|von|par|por|di|door|bởi)\s|(?:published|updated|posted|last updated|modified|publié|veröffentlicht|aktualisiert|publicado|actualizado|đăng|cập nhật)\b)/i;
const DATE_PATTERN =
  /\b(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4}|\d{1,2}:\d{2} ?(?:am|pm|a\.m\.|p\.m\.)?)\b/i;

/**
 * Drops the header lines that templates place inside the article container: the headline again,
 * "By ... | date" bylines, "Published/Updated" datelines. Only the first few blocks are looked at,
 * and only short ones, so a paragraph that happens to start with "By" survives.
 */
function dropHeaderLines(
  blocks: Block[],
  title: string | null | undefined,
  byline: string | null | undefined,
): Block[] {
  const titleKey = title ? blockKey(title) : "";
  const bylineKey = byline ? blockKey(byline) : "";
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    const inHead = i < 6;
    const inTail = i >= blocks.length - 3;
    if (inHead || inTail) {
      const k = blockKey(b.text);
      if (inHead && titleKey && k === titleKey) continue;
      // The headline again, as the template sets it above the body (the <title> may add to it).
      if (inHead && (b.tag === "h1" || (k.length >= 15 && titleKey.includes(k)))) continue;
      if (b.text.length < 120 && !SENTENCE_END.test(b.text.replace(/\s*[A-Z]{2,4}$/, ""))) {
        if (bylineKey && k === bylineKey) continue;
        if (DATELINE.test(b.text) && (DATE_PATTERN.test(b.text) || b.text.length < 60)) continue;
        if (/^[^\p{L}]*$/u.test(b.text)) continue;
        if (
          DATE_PATTERN.test(b.text) &&
          b.text.replace(DATE_PATTERN, "").replace(/[^\p{L}]+/gu, "").length < 30
        )
          continue;
      }
    }
    out.push(b);
  }
  return out;
}

/**
 * Drops headings left with nothing under them: the title of a related, comments or newsletter box
 * whose body was pruned ("More on this topic", "You may also like"), at the end of the article or
 * right before a heading of the same or a higher rank.
 */
function dropEmptyHeadings(blocks: Block[]): Block[] {
  const isLabel = (b: Block) =>
    HEADINGS.has(b.tag) && b.text.length < 80 && !/[.!?…。]["”»)]?$/.test(b.text);
  const rank = (b: Block) => (HEADINGS.has(b.tag) ? Number(b.tag.slice(1)) : 99);
  const kept = blocks.filter(
    (b, i) => !(isLabel(b) && i + 1 < blocks.length && rank(blocks[i + 1]) <= rank(b)),
  );
  let end = kept.length;
  while (end > 1 && isLabel(kept[end - 1])) end--;
  return end === kept.length ? kept : kept.slice(0, end);
}

/** The label of a box of other articles, in the languages of the corpora. */
const MORE_LABEL =
  /^(?:mehr (?:zum thema|dazu|zu diesem thema|aus (?:der|dem) )|weitere (?:artikel|beiträge|nachrichten|meldungen|themen|tipps|tourentipps|empfehlungen)|(?:das|dies) könnte (?:sie|dich) (?:auch )?interessieren|lesen sie (?:auch|mehr)|auch interessant|empfehlungen aus|related(?: articles| posts| stories| content)?$|more (?:on this|from|stories|news|articles)|you (?:may|might) (?:also )?like|read (?:more|also|next)|recommended for you|(?:à )?lire aussi|sur le même sujet|dans la même rubrique|noticias relacionadas|te puede interesar|leggi anche|czytaj (?:też|także)|zobacz (?:też|także))/i;

/**
 * Cuts the text at a "more on this topic" label in its second half: what follows it is a list of
 * other articles' teasers, which pruning keeps when they are written as paragraphs.
 */
function dropMoreBoxes(blocks: Block[]): Block[] {
  for (let i = Math.ceil(blocks.length / 2); i < blocks.length; i++) {
    const b = blocks[i];
    if (b.text.length < 60 && !b.text.includes("\n") && MORE_LABEL.test(b.text.trim()))
      return blocks.slice(0, i);
  }
  return blocks;
}

/** A prompt to log in or register before commenting, in the languages of the corpora. */
const COMMENT_PROMPT =
  /\b(?:comment|kommentar|commentaire|comentario|commento|komentarz|reacti)[\p{L}]*\b[^.!?]{0,80}\b(?:log ?in|sign ?in|register|einloggen|anmelden|angemeldet|registrier|connect|inscri|iniciar|accedi|zaloguj)|\b(?:log ?in|logged in|sign ?in|signed in|einloggen|eingeloggt|anmelden|angemeldet|connectez|connecté|inicia|accedi|zaloguj|zalogowan)[\p{L}]*\b[^.!?]{0,80}\b(?:comment|kommentar|commentaire|comentar|comment|komentarz|diskussion|discussion)/iu;

/** Drops "log in to comment" lines, which stay behind when a comment section is pruned. */
function dropCommentPrompts(blocks: Block[]): Block[] {
  return blocks.filter((b) => b.text.length > 200 || !COMMENT_PROMPT.test(b.text));
}

/** Picture agencies and credit labels: a short line naming one is the credit of a photo. */
const CREDIT_LINE =
  /^[([]?\s*(?:©|\(c\)|(?:photo|foto|bild|image|picture|credit|crédit|crédito|quelle foto|fotos?|quelle|source|fuente|fonte|źródło)s?\s*:)|\b(?:getty ?images|afp|reuters|dpa|ap photo|imago(?: images)?|shutterstock|istock(?:photo)?|picture[- ]alliance|keystone|epa|efe|anadolu)\b/i;

/** Drops short credit and source lines ("AFP / NAME", "Photo: Getty Images", "Quelle: dpa"). */
function dropCreditLines(blocks: Block[]): Block[] {
  return blocks.filter((b) => {
    if (b.text.length > 80 || HEADINGS.has(b.tag)) return true;
    if (/[.!?…。]["”»)]?$/.test(b.text)) return true;
    if (b.text.split(/\s+/).length > 10) return true;
    return !CREDIT_LINE.test(b.text);
  });
}

/** Finds the body (or the root when the page has none). */
function bodyOf(root: DomNode): DomElement {
  const body = findAll(root, new Set(["body"]))[0];
  if (body) return body;
  return { type: "tag", name: "body", attribs: {}, children: root.children ?? [], parent: null };
}

/**
 * Extracts the main text of a parsed page. Mutates the tree (the caller parses a fresh copy per
 * attempt). Returns the paragraphs in order.
 */
export function extractMainBlocks(
  root: DomNode,
  options: { stripUnlikely: boolean; title?: string | null; byline?: string | null },
): string[] {
  const body = bodyOf(root);
  const leads = scanLeads(body);
  clean(body, options.stripUnlikely);
  const stats = new Map<DomNode, Stats>();
  computeStats(body, stats);
  const candidates = scoreCandidates(body, stats);
  const top = pickTop(candidates, body, stats);
  const parts = gatherArticle(top, candidates, stats);
  for (const part of parts) pruneInside(part, stats);
  let blocks = toBlocks(parts).filter((b) => LETTER.test(b.text));
  const seen = new Set(blocks.map((b) => blockKey(b.text)));
  const titleKey = options.title ? blockKey(options.title) : "";
  const lead = leadsBefore(leads, parts[0])
    .filter((text) => !seen.has(blockKey(text)) && blockKey(text) !== titleKey)
    .map((text): Block => ({ text, linkLength: 0, tag: "p" }));
  blocks = [...lead, ...blocks];
  blocks = dropRepeatedBoilerplate(blocks);
  blocks = dropLinkBlocks(blocks);
  blocks = dropHeaderLines(blocks, options.title, options.byline);
  blocks = dropCreditLines(blocks);
  blocks = dropCommentPrompts(blocks);
  blocks = dropMoreBoxes(blocks);
  blocks = dropEmptyHeadings(blocks);
  return blocks.map((b) => b.text);
}
