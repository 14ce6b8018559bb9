/**
 * Markup written as strings, for the long, repeated and script-free parts of pages: timeline cards,
 * chips, search hits, an entity's claim lists. A page puts it inside one of its React elements with
 * `dangerouslySetInnerHTML={inner(markup)}`.
 *
 * Why not JSX: a server component's elements are each serialised for the client router (the RSC
 * payload, inlined into the page and escaped again) and rendered once more to HTML from that
 * payload. For the twenty cards of the home page that came to two thirds of the server's CPU per
 * request; the same cards as one string each cost a third less CPU for the whole page (measured on
 * the home page at 100,000 articles, bench/pages.bench.ts). Nothing inside these parts runs script,
 * so the client loses nothing.
 *
 * Safety: `markup` escapes every value put into it (text and attribute values alike) unless the value
 * is Markup itself, made by `markup` or, for HTML already escaped elsewhere, by `Markup.trusted`.
 * Attribute values must be quoted: a value placed right after `=` throws. Links to addresses that
 * come from outside (an article's URL) go through `safeHref`.
 */
import { escapeHtml } from "./html";

/** A piece of HTML that is safe to insert as it is. */
export class Markup {
  private constructor(readonly html: string) {}

  /**
   * HTML that is safe already: what `markup` built, or HTML another module escaped (search
   * highlights: every character escaped, only `<mark>` added); say why where it is used.
   */
  static trusted(html: string): Markup {
    return new Markup(html);
  }

  toString(): string {
    return this.html;
  }
}

/** What can be put into `markup`: text and numbers (escaped), Markup (as it is), lists of them, or nothing. */
export type Part = string | number | Markup | null | undefined | boolean | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || typeof part === "boolean") return "";
  if (typeof part === "string") return escapeHtml(part);
  if (typeof part === "number") return String(part);
  if (part instanceof Markup) return part.html;
  let out = "";
  for (const item of part) out += render(item);
  return out;
}

/** Templates already checked for unquoted attribute values (one check per place in the code). */
const checked = new WeakSet<TemplateStringsArray>();

/** HTML from a template: every interpolated value escaped unless it is Markup. */
export function markup(strings: TemplateStringsArray, ...parts: Part[]): Markup {
  if (!checked.has(strings)) {
    // Outside a double-quoted value (an even number of quotes so far), a value right after "=" is unquoted.
    let quotes = 0;
    for (let i = 0; i < parts.length; i++) {
      quotes += strings[i]!.split('"').length - 1;
      if (quotes % 2 === 0 && /=\s*$/.test(strings[i]!)) {
        throw new Error(
          `markup: an attribute value must be quoted (after "${strings[i]!.slice(-20)}")`,
        );
      }
    }
    checked.add(strings);
  }
  let out = strings[0]!;
  for (let i = 0; i < parts.length; i++) out += render(parts[i]!) + strings[i + 1]!;
  return Markup.trusted(out);
}

/** The prop that puts Markup inside a React element. */
export function inner(fragment: Markup): { __html: string } {
  return { __html: fragment.html };
}

/** An address a link may lead to: http(s), or a path of this site; anything else (javascript:, data:) becomes "#". */
export function safeHref(url: string): string {
  if (/^\/(?!\/)/.test(url)) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? url : "#";
  } catch {
    return "#";
  }
}
