/**
 * The XML document as a tree, through xml2js's public parser (strict, over sax), and the helpers
 * that read it. Only prepared text reaches it (see xml-safety.ts). xml2js gives each element as an
 * object: attributes under `$`, text under `_`, child elements as arrays under their qualified
 * names; an element with neither attributes nor children is a bare string.
 */
import { Parser } from "xml2js";
import { escapeXmlText, isRecord } from "./text";

/** One element of the tree. */
export type XmlNode = Record<string, unknown>;

/**
 * Parses a prepared XML document whose root element is `root` and returns the document: an object
 * with that one key. Rejects on any well-formedness error.
 */
export async function parseXmlTree(xml: string, root: string): Promise<XmlNode> {
  // A fresh parser per document: xml2js keeps per-document state on the instance.
  const parser = new Parser({ strict: true });
  const document: unknown = await parser.parseStringPromise(xml);
  if (!isRecord(document) || !Object.hasOwn(document, root)) {
    throw new Error(`the XML parser found no <${root}> document`);
  }
  return document;
}

/** The value as an element; an empty element ("") or a missing one is a container with nothing. */
export function asNode(value: unknown): XmlNode {
  return isRecord(value) ? value : {};
}

/** The child elements called `name`, in document order. */
export function children(node: unknown, name: string): unknown[] {
  if (!isRecord(node) || !Object.hasOwn(node, name)) return [];
  const value = node[name];
  if (Array.isArray(value)) return value;
  return value === undefined ? [] : [value];
}

/** The first child element called by the first of `names` that the element has. */
export function first(node: unknown, ...names: string[]): unknown {
  for (const name of names) {
    const list = children(node, name);
    if (list.length > 0) return list[0];
  }
  return undefined;
}

/** An attribute's value, or null. */
export function attr(node: unknown, name: string): string | null {
  if (!isRecord(node)) return null;
  const attrs = node.$;
  if (!isRecord(attrs)) return null;
  const value = attrs[name];
  return typeof value === "string" ? value : null;
}

/** Re-serialises element children xml2js split up (unescaped HTML in a description). */
function serialise(name: string, node: unknown): string {
  if (typeof node === "string") return `<${name}>${escapeXmlText(node)}</${name}>`;
  if (!isRecord(node)) return "";
  const attrs = isRecord(node.$)
    ? Object.entries(node.$)
        .map(([k, v]) => ` ${k}="${escapeXmlText(String(v)).replace(/"/g, "&quot;")}"`)
        .join("")
    : "";
  return `<${name}${attrs}>${innerMarkup(node)}</${name}>`;
}

function innerMarkup(node: XmlNode): string {
  let out = typeof node._ === "string" ? escapeXmlText(node._) : "";
  for (const [key, value] of Object.entries(node)) {
    if (key === "$" || key === "_") continue;
    for (const child of Array.isArray(value) ? value : [value]) out += serialise(key, child);
  }
  return out;
}

/** The string content of an element: its text, or its re-serialised markup when it has children. */
export function content(node: unknown): string | null {
  if (node === undefined || node === null) return null;
  if (typeof node === "string") return node;
  if (!isRecord(node)) return null;
  const hasChildren = Object.keys(node).some((k) => k !== "$" && k !== "_");
  if (!hasChildren) return typeof node._ === "string" ? node._ : "";
  return innerMarkup(node);
}
