/**
 * Feed autodiscovery: the feed URLs a web page advertises, so a user can add a site by its home
 * page. The page's own `<link rel="alternate">` declarations come first; only a page that declares
 * none is searched for ordinary links that look like feeds (/feed, .rss, .xml ...).
 */
import { load } from "cheerio";

const FEED_TYPES = new Set([
  "application/rss+xml",
  "application/atom+xml",
  "application/feed+json",
  "application/json",
  "application/rdf+xml",
  "application/x-rss+xml",
  "application/x-atom+xml",
  "text/xml",
]);

/** Paths of links that are feeds by convention (WordPress /feed/, Hugo /index.xml, Jekyll /feed.xml...). */
const FEED_PATH =
  /(?:\/(?:feed|rss|atom)\/?|\.rss|\.atom|\/(?:feed|rss|atom|index)\.xml|\/feed\.json)$/i;

function resolveHttp(href: string | undefined, base: string): string | null {
  if (!href || href.trim() === "") return null;
  try {
    const url = new URL(href.trim(), base);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    url.hash = "";
    return url.href;
  } catch {
    return null;
  }
}

function siteKey(hostname: string): string {
  return hostname.toLowerCase().replace(/^www\./, "");
}

/**
 * Feed URLs a page advertises, absolute, without duplicates, in page order. `<link rel="alternate">`
 * with a feed type wins; when there is none, same-site `<a href>` links whose path looks like a
 * feed are returned instead. Never throws: a page that is not HTML simply has no feeds.
 */
export function discoverFeeds(html: string, pageUrl: string): string[] {
  let $: ReturnType<typeof load>;
  try {
    $ = load(html ?? "");
  } catch {
    return [];
  }
  let base = pageUrl;
  const baseHref = $("base[href]").first().attr("href");
  const resolvedBase = resolveHttp(baseHref, pageUrl);
  if (resolvedBase) base = resolvedBase;

  const found: string[] = [];
  const add = (url: string | null) => {
    if (url && !found.includes(url)) found.push(url);
  };
  $("link[href]").each((_i, element) => {
    const rel = ($(element).attr("rel") ?? "").toLowerCase().split(/\s+/);
    if (!rel.includes("alternate") && !rel.includes("feed")) return;
    const type = ($(element).attr("type") ?? "").toLowerCase().split(";")[0].trim();
    if (!FEED_TYPES.has(type) && !(rel.includes("feed") && type === "")) return;
    const url = resolveHttp($(element).attr("href"), base);
    // WordPress advertises its REST API as rel=alternate type=application/json; that is no feed.
    if (type === "application/json" && url && /\/wp-json\//.test(url)) return;
    add(url);
  });
  if (found.length > 0) return found;

  let site: string | null = null;
  try {
    site = siteKey(new URL(pageUrl).hostname);
  } catch {
    site = null;
  }
  $("a[href]").each((_i, element) => {
    const url = resolveHttp($(element).attr("href"), base);
    if (!url) return;
    const parsed = new URL(url);
    if (site && siteKey(parsed.hostname) !== site) return;
    if (FEED_PATH.test(parsed.pathname)) add(url);
  });
  return found;
}
