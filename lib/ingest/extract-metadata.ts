/**
 * Page metadata for the extractor: title, byline, publication time, language, canonical URL and
 * lead image. Sources are tried from the most deliberate (JSON-LD written for search engines,
 * OpenGraph) to the most incidental (visible text, the URL), because publishers keep the former
 * accurate and the latter drifts with templates.
 */
import type { CheerioAPI } from "cheerio";
import { normaliseSpace } from "./extract-dom";

/** What the metadata pass finds; the caller adds the text. */
export interface PageMetadata {
  title: string | null;
  byline: string | null;
  publishedAt: string | null;
  language: string | null;
  canonicalUrl: string | null;
  leadImage: string | null;
  /** JSON-LD articleBody, when the page declares one; used to cross-check the extracted text. */
  articleBody: string | null;
}

const ARTICLE_TYPES =
  /^(?:Article|AdvertiserContentArticle|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference|WebPage|Posting|Blog|Story|ReportageArticle)$/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typesOf(item: Json): string[] {
  const type = item["@type"];
  if (typeof type === "string") return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === "string");
  return [];
}

/** Every object in the JSON-LD blocks of the page that describes an article, best first. */
function jsonLdArticles($: CheerioAPI): Json[] {
  const found: Json[] = [];
  $('script[type="application/ld+json"], script[type="application/ld+json; charset=utf-8"]').each(
    (_, element) => {
      const raw = $(element)
        .text()
        .replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, "")
        .trim();
      if (!raw) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        // Some CMSs emit raw newlines inside strings; one lenient retry covers most of them.
        try {
          parsed = JSON.parse(raw.replace(/[\r\n\t]+/g, " "));
        } catch {
          return;
        }
      }
      const queue: unknown[] = [parsed];
      let guard = 0;
      while (queue.length > 0 && guard++ < 200) {
        const item = queue.shift();
        if (Array.isArray(item)) {
          queue.push(...item);
          continue;
        }
        if (!isObject(item)) continue;
        if (Array.isArray(item["@graph"])) queue.push(...(item["@graph"] as unknown[]));
        if (typesOf(item).some((t) => ARTICLE_TYPES.test(t))) found.push(item);
        if (isObject(item.mainEntity)) queue.push(item.mainEntity);
        if (isObject(item.mainEntityOfPage) && typesOf(item.mainEntityOfPage).length > 0)
          queue.push(item.mainEntityOfPage);
      }
    },
  );
  // Real articles before the WebPage wrapper some sites also describe.
  return found.sort((a, b) => rankType(a) - rankType(b));
}

function rankType(item: Json): number {
  const types = typesOf(item);
  if (types.some((t) => /Article|Posting|Report|Story/.test(t))) return 0;
  return 1;
}

function str(value: unknown): string | null {
  if (typeof value === "string") {
    const text = normaliseSpace(decodeEntities(value));
    return text || null;
  }
  return null;
}

function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(
    /&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp|#39);/gi,
    (match, entity: string) => {
      const lower = entity.toLowerCase();
      if (lower.startsWith("#x")) return safeCodePoint(parseInt(lower.slice(2), 16)) ?? match;
      if (lower.startsWith("#")) return safeCodePoint(parseInt(lower.slice(1), 10)) ?? match;
      return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " }[lower] ?? match;
    },
  );
}

function safeCodePoint(code: number): string | null {
  if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) return null;
  try {
    return String.fromCodePoint(code);
  } catch {
    return null;
  }
}

function authorNames(value: unknown): string[] {
  if (typeof value === "string")
    return value.trim() && !/^https?:\/\//.test(value.trim()) ? [normaliseSpace(value)] : [];
  if (Array.isArray(value)) return value.flatMap((v) => authorNames(v));
  if (isObject(value)) {
    const name = str(value.name);
    return name ? [name] : [];
  }
  return [];
}

/**
 * Meta values keyed by lower-cased name/property/itemprop/http-equiv, with "." read as ":" (DC.title
 * and dc:title are the same field). Property (RDFa, OpenGraph) values win over name values because
 * publishers maintain them for link previews; within one kind the first occurrence wins.
 */
function metaValues($: CheerioAPI): Map<string, string> {
  const values = new Map<string, string>();
  const metas = $("meta").toArray() as unknown as { attribs: Record<string, string> }[];
  for (const keyAttr of ["property", "name", "itemprop", "http-equiv"]) {
    for (const { attribs } of metas) {
      const content = attribs.content;
      const key = attribs[keyAttr];
      if (!key || content === undefined || !content.trim()) continue;
      for (const part of key.toLowerCase().split(/\s+/)) {
        const normalised = part.replace(/\./g, ":");
        if (normalised && !values.has(normalised)) values.set(normalised, content.trim());
      }
    }
  }
  return values;
}

function pick(values: Map<string, string>, keys: string[]): string | null {
  for (const key of keys) {
    const value = values.get(key);
    if (value) {
      const text = normaliseSpace(decodeEntities(value));
      if (text) return text;
    }
  }
  return null;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * The document <title> without a trailing (or leading) site name: "Headline | Site" → "Headline".
 * Keeps the whole title when cutting would leave a stub of a few words.
 */
function cleanDocumentTitle(original: string, headings: string[], h1s: string[]): string {
  let title = original;
  let hierarchical = false;
  const separators = [...original.matchAll(/ [|\-–—\\/>»·:] /g)];
  if (separators.length > 0 && !/ : /.test(separators[separators.length - 1][0])) {
    hierarchical = / [\\/>»] /.test(original);
    title = original.slice(0, separators[separators.length - 1].index);
    if (wordCount(title) < 3) title = original.replace(/^[^|\-–—\\/>»·]*[|\-–—\\/>»·]/, "");
  } else if (original.includes(": ")) {
    if (!headings.includes(original)) {
      title = original.slice(original.lastIndexOf(":") + 1);
      if (wordCount(title) < 3) title = original.slice(original.indexOf(":") + 1);
      else if (wordCount(original.slice(0, original.indexOf(":"))) > 5) title = original;
    }
  } else if ((original.length > 150 || original.length < 15) && h1s.length === 1) {
    title = h1s[0];
  }
  title = normaliseSpace(title);
  const words = wordCount(title);
  if (
    words <= 4 &&
    (!hierarchical || words !== wordCount(original.replace(/[|\-–—\\/>»]+/g, "")) - 1)
  )
    title = original;
  return title;
}

function textSimilarity(a: string, b: string): number {
  const tokensA = a.toLowerCase().split(/\W+/u).filter(Boolean);
  const tokensB = new Set(b.toLowerCase().split(/\W+/u).filter(Boolean));
  if (tokensA.length === 0 || tokensB.size === 0) return 0;
  const shared = tokensA.filter((t) => tokensB.has(t)).length;
  return shared / tokensA.length;
}

/** Parses a date string from a page into ISO 8601 UTC; strings without a zone are taken as UTC. */
export function toIsoUtc(value: string | null | undefined): string | null {
  if (!value) return null;
  let text = value.trim();
  if (!text) return null;
  // "2019-04-28 06:01:07" and "2019-04-28T06:01" carry no zone; UTC is the least surprising reading.
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(text);
  if (local) text = `${local[1]}T${/^\d:/.test(local[2]) ? `0${local[2]}` : local[2]}Z`;
  // "+0100" → "+01:00" for engines that only read the colon form.
  text = text.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const dotted = /^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text);
  let time: number;
  if (dotted) {
    time = Date.UTC(
      Number(dotted[3]),
      Number(dotted[2]) - 1,
      Number(dotted[1]),
      Number(dotted[4] ?? 0),
      Number(dotted[5] ?? 0),
    );
  } else {
    time = Date.parse(text);
  }
  if (!Number.isFinite(time)) return null;
  const year = new Date(time).getUTCFullYear();
  if (year < 1990 || year > 2100) return null;
  return new Date(time).toISOString();
}

function dateFromUrl(url: string | undefined): string | null {
  if (!url) return null;
  const match = /\/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/-]|$)/.exec(
    url,
  );
  if (!match) return null;
  return toIsoUtc(
    `${match[1]}-${match[2].padStart(2, "0")}-${match[3].padStart(2, "0")}T00:00:00Z`,
  );
}

function resolveUrl(value: string | null, base: string | undefined): string | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (!trimmed || /^(?:javascript|data|mailto):/i.test(trimmed)) return null;
  try {
    const url = base ? new URL(trimmed, base) : new URL(trimmed);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.href;
  } catch {
    return null;
  }
}

function primaryLanguage(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*\s*(?:[,;].*)?$/.exec(value);
  if (!match) return null;
  const tag = match[1].toLowerCase();
  if (tag === "und" || tag === "mul" || tag === "zxx") return null;
  return tag;
}

const BYLINE_HINT =
  /(?:^|[\s_-])(?:by-?line|author|writtenby|p-author)(?:s|name|-?info)?(?:$|[\s_-])/i;

/** Text of the first visible byline element (rel=author, itemprop=author, class "byline"/"author"). */
function bylineFromPage($: CheerioAPI): string | null {
  let found: string | null = null;
  $("body [rel~='author'], body [itemprop~='author'], body [class], body [id]").each(
    (_, element) => {
      if (found) return false;
      const el = $(element);
      const attribs = (element as unknown as { attribs: Record<string, string>; name: string })
        .attribs;
      const tag = (element as unknown as { name: string }).name;
      if (tag === "script" || tag === "style" || tag === "meta" || tag === "link" || tag === "img")
        return;
      const rel = attribs.rel ?? "";
      const itemprop = attribs.itemprop ?? "";
      const hints = `${attribs.class ?? ""} ${attribs.id ?? ""}`;
      if (!(
        rel.split(/\s+/).includes("author") ||
        itemprop.includes("author") ||
        BYLINE_HINT.test(hints)
      ))
        return;
      if (/avatar|image|photo|bio|comment|follow|share/i.test(hints)) return;
      // Commenters' names and menu entries are bylines of something else.
      if (
        el.closest(
          "[class*='comment'], [id*='comment'], [class*='reply'], nav, footer, [role='navigation']",
        ).length > 0
      )
        return;
      const nameNode = el.find("[itemprop~='name']").first();
      const text = normaliseSpace((nameNode.length > 0 ? nameNode : el).text());
      if (text.length > 0 && text.length < 100) found = text;
      return undefined;
    },
  );
  return found;
}

/** Reads every metadata field from the unmodified document. */
export function extractMetadata(
  $: CheerioAPI,
  options: { url?: string; feedPublishedAt?: string | null },
): PageMetadata {
  const values = metaValues($);
  const articles = jsonLdArticles($);
  const ld = articles[0] ?? null;

  const documentTitle = normaliseSpace($("head title").first().text() || $("title").first().text());
  const headings = $("h1, h2")
    .toArray()
    .slice(0, 50)
    .map((h) => normaliseSpace($(h).text()));
  const h1s = $("h1")
    .toArray()
    .map((h) => normaliseSpace($(h).text()))
    .filter(Boolean);
  const cleanedTitle = documentTitle ? cleanDocumentTitle(documentTitle, headings, h1s) : null;

  let ldTitle: string | null = null;
  if (ld) {
    const name = str(ld.name);
    const headline = str(ld.headline);
    if (name && headline && name !== headline) {
      const reference = cleanedTitle ?? "";
      ldTitle =
        textSimilarity(headline, reference) > 0.75 && textSimilarity(name, reference) <= 0.75
          ? headline
          : name;
    } else {
      ldTitle = headline ?? name;
    }
  }
  const title =
    ldTitle ??
    pick(values, [
      "dc:title",
      "dcterm:title",
      "dcterms:title",
      "og:title",
      "weibo:article:title",
      "weibo:webpage:title",
      "title",
      "twitter:title",
      "parsely-title",
    ]) ??
    cleanedTitle ??
    h1s[0] ??
    null;

  const ldAuthors = ld ? authorNames(ld.author) : [];
  const articleAuthor = values.get("article:author") ?? values.get("og:article:author");
  const byline =
    (ldAuthors.length > 0 ? ldAuthors.join(", ") : null) ??
    pick(values, [
      "dc:creator",
      "dcterm:creator",
      "dcterms:creator",
      "author",
      "parsely-author",
      "sailthru:author",
    ]) ??
    (articleAuthor && !/^https?:\/\//.test(articleAuthor) ? normaliseSpace(articleAuthor) : null) ??
    bylineFromPage($);

  const timeElement = $(
    "time[datetime][pubdate], time[itemprop~='datePublished'], [itemprop~='datePublished'][datetime], time[datetime]",
  ).first();
  const publishedAt =
    toIsoUtc(ld ? str(ld.datePublished) : null) ??
    toIsoUtc(
      pick(values, [
        "article:published_time",
        "parsely-pub-date",
        "datepublished",
        "og:published_time",
        "published_time",
        "article:published",
        "pubdate",
        "publishdate",
        "publish-date",
        "date",
        "dc:date:issued",
        "dc:date",
        "dcterms.created",
        "dcterms.date",
        "sailthru:date",
        "article_date_original",
        "cxenseparse:recs:publishtime",
      ]),
    ) ??
    toIsoUtc(timeElement.attr("datetime") ?? null) ??
    dateFromUrl(options.url) ??
    toIsoUtc(options.feedPublishedAt ?? null);

  const language =
    primaryLanguage($("html").attr("lang") ?? $("html").attr("xml:lang")) ??
    primaryLanguage(values.get("og:locale")) ??
    primaryLanguage(values.get("content-language")) ??
    primaryLanguage(values.get("language")) ??
    primaryLanguage(values.get("dc:language")) ??
    primaryLanguage(ld ? str(ld.inLanguage) : null);

  const base = resolveUrl($("base[href]").attr("href") ?? null, options.url) ?? options.url;
  const canonicalUrl =
    resolveUrl($("link[rel~='canonical']").attr("href") ?? null, base) ??
    resolveUrl(values.get("og:url") ?? null, base) ??
    null;

  const imageValue =
    values.get("og:image") ??
    values.get("og:image:url") ??
    values.get("og:image:secure_url") ??
    values.get("twitter:image") ??
    values.get("twitter:image:src") ??
    null;
  const leadImage = resolveUrl(imageValue, base);

  let articleBody: string | null = null;
  for (const item of articles) {
    const body = typeof item.articleBody === "string" ? item.articleBody : null;
    if (body && body.trim().length > 0) {
      articleBody = body;
      break;
    }
  }

  return { title, byline, publishedAt, language, canonicalUrl, leadImage, articleBody };
}
