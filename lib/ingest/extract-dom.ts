/**
 * A small, allocation-light view of the parsed page for the extractor. Cheerio's wrappers are
 * convenient but cost an object per call; scoring walks every node several times, so the hot loops
 * work on the parser's plain nodes through these helpers. Nothing outside lib/ingest/extract*.ts
 * sees these shapes.
 */

/** The fields of a parsed node (domhandler) that the extractor reads. */
export interface DomNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  parent: DomNode | null;
  data?: string;
}

/** An element node: it always has a tag name, attributes and children. */
export interface DomElement extends DomNode {
  name: string;
  attribs: Record<string, string>;
  children: DomNode[];
}

/** True for element nodes, including <script> and <style>, which the parser types separately. */
export function isElement(node: DomNode): node is DomElement {
  return node.type === "tag" || node.type === "script" || node.type === "style";
}

/** Child elements only. */
export function childElements(node: DomNode): DomElement[] {
  const out: DomElement[] = [];
  for (const child of node.children ?? []) if (isElement(child)) out.push(child);
  return out;
}

/** Every element below `node` with one of `names` (lower case), in document order. */
export function findAll(node: DomNode, names: ReadonlySet<string>): DomElement[] {
  const out: DomElement[] = [];
  const stack: DomNode[] = [...(node.children ?? [])].reverse();
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (!isElement(current)) continue;
    if (names.has(current.name)) out.push(current);
    const kids = current.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

/** The first element below `node` named `name`, or null. */
export function findFirst(node: DomNode, name: string): DomElement | null {
  const stack: DomNode[] = [...(node.children ?? [])].reverse();
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (!isElement(current)) continue;
    if (current.name === name) return current;
    const kids = current.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return null;
}

/** Concatenated text of a subtree (no separators added between blocks). */
export function textOf(node: DomNode): string {
  if (node.type === "text") return node.data ?? "";
  if (node.type === "comment" || node.type === "script" || node.type === "style") return "";
  let out = "";
  for (const child of node.children ?? []) out += textOf(child);
  return out;
}

/** Text with runs of whitespace collapsed and the ends trimmed. */
export function normaliseSpace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\u2028\u2029\ufeff]+/g, " ").trim();
}

/** Removes a node from its parent's children. */
export function detach(node: DomNode): void {
  const parent = node.parent;
  if (!parent || !parent.children) return;
  const index = parent.children.indexOf(node);
  if (index >= 0) parent.children.splice(index, 1);
  node.parent = null;
}

/** The attribute, or "" when absent. */
export function attr(node: DomNode, name: string): string {
  return node.attribs?.[name] ?? "";
}

/**
 * Flattens everything nested deeper than `maxDepth` into one text node. Real pages stay well under
 * a hundred levels; hostile ones nest tens of thousands, which would overflow recursive walks and
 * make selector matching quadratic. Iterative on purpose.
 */
export function limitDepth(root: DomNode, maxDepth: number): void {
  const stack: [DomNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    const kids = node.children;
    if (!kids || kids.length === 0) continue;
    if (depth < maxDepth) {
      for (const child of kids) stack.push([child, depth + 1]);
      continue;
    }
    let text = "";
    const inner: DomNode[] = [...kids];
    while (inner.length > 0) {
      const current = inner.pop()!;
      if (current.type === "text") text = (current.data ?? "") + text;
      else if (current.type === "tag" && current.children) inner.push(...current.children);
    }
    const textNode: DomNode = { type: "text", data: text, parent: node };
    node.children = text ? [textNode] : [];
  }
}
