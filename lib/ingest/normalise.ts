/**
 * URL canonicalisation: one article reached through a newsletter link, a social share, its AMP
 * page and its plain URL must end up as one key, so duplicates are caught before any text is
 * compared. The rules are deliberately conservative (no "www." folding, no case changes in paths):
 * two URLs that canonicalise alike should really be the same page.
 */
import { AppError } from "@/lib/errors";

const STAGE = "ingest/normalise";

/** Query parameters that only track the click, never select content. Matched case-insensitively. */
const TRACKING_PARAMS = new Set([
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "mc_cid",
  "mc_eid",
  "igshid",
  "igsh",
  "yclid",
  "ysclid",
  "_ga",
  "_gl",
  "_ke",
  "ref",
  "ref_src",
  "ref_url",
  "referrer",
  "spm",
  "scm",
  "twclid",
  "ttclid",
  "li_fat_id",
  "mkt_tok",
  "vero_id",
  "vero_conv",
  "_hsenc",
  "_hsmi",
  "hsctatracking",
  "oly_anon_id",
  "oly_enc_id",
  "rb_clickid",
  "s_cid",
  "ncid",
  "sr_share",
  "wt_mc",
  "wt.mc_id",
  "wt_zmc",
  "ocid",
  "cmpid",
  "smid",
  "smtyp",
  "__twitter_impression",
  "at_medium",
  "at_campaign",
  "at_custom1",
  "at_custom2",
  "at_custom3",
  "at_custom4",
  "guccounter",
  "guce_referrer",
  "guce_referrer_sig",
  "soc_src",
  "soc_trk",
  "xtor",
  "itm_source",
  "itm_medium",
  "itm_campaign",
  "itm_content",
  "fb_action_ids",
  "fb_action_types",
  "fb_source",
  "fb_ref",
  "action_object_map",
  "action_type_map",
  "action_ref_map",
  "amp",
  "outputtype",
]);

/** Prefixes of tracking-parameter families (utm_source, utm_medium, pk_campaign, ...). */
const TRACKING_PREFIXES = ["utm_", "pk_", "mtm_", "hmb_", "ga_", "trk_", "sc_"];

/** `outputType=amp` is the one value of a content-looking parameter that only asks for AMP. */
function isTrackingParam(key: string, value: string): boolean {
  const lower = key.toLowerCase();
  if (lower === "outputtype") return value.toLowerCase() === "amp";
  if (TRACKING_PARAMS.has(lower)) return true;
  return TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/** Google's AMP caches wrap the publisher's URL; unwrap to the publisher's own address. */
function unwrapAmpCache(url: URL): URL {
  // https://www-example-com.cdn.ampproject.org/c/s/www.example.com/path  and  /v/s/, /i/s/
  const cache = /\.cdn\.ampproject\.org$/i.test(url.hostname)
    ? /^\/[cvi]\/(s\/)?(.+)$/.exec(url.pathname)
    : null;
  // https://www.google.com/amp/s/www.example.com/path
  const google = /^(www\.)?google\.[a-z.]+$/i.test(url.hostname)
    ? /^\/amp\/(s\/)?(.+)$/.exec(url.pathname)
    : null;
  const match = cache ?? google;
  if (!match) return url;
  try {
    return new URL(`${match[1] ? "https" : "http"}://${match[2]}${url.search}`);
  } catch {
    return url;
  }
}

function stripAmpSuffix(segment: string): string {
  // story.amp.html -> story.html, story.amp -> story
  return segment.length > 4
    ? segment.replace(/\.amp(\.html?)?$/i, (_m, ext: string | undefined) => ext ?? "")
    : segment;
}

/** Path without AMP segments/suffixes and without a trailing slash; repeated until it is stable. */
function canonicalPath(pathname: string): string {
  let segments = pathname.split("/").slice(1);
  for (;;) {
    const before = segments.join("/");
    segments = segments.filter((segment) => segment.toLowerCase() !== "amp");
    while (segments.length > 0 && segments[segments.length - 1] === "") segments.pop();
    if (segments.length > 0)
      segments[segments.length - 1] = stripAmpSuffix(segments[segments.length - 1]);
    if (segments.join("/") === before) break;
  }
  return `/${segments.join("/")}`;
}

function decodeQueryPart(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, " "));
  } catch {
    return part;
  }
}

/**
 * The query without tracking parameters, pairs sorted. Pairs are kept exactly as written (not
 * re-encoded), so "?page" stays "?page" and the result is stable under repetition.
 */
function canonicalQuery(search: string): string {
  const pairs = search
    .replace(/^\?/, "")
    .split("&")
    .filter((pair) => pair !== "")
    .filter((pair) => {
      const eq = pair.indexOf("=");
      const key = decodeQueryPart(eq < 0 ? pair : pair.slice(0, eq));
      const value = eq < 0 ? "" : decodeQueryPart(pair.slice(eq + 1));
      return !isTrackingParam(key, value);
    });
  pairs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return pairs.length > 0 ? `?${pairs.join("&")}` : "";
}

/**
 * Canonical form of an article URL: lower-case scheme and host (IDN kept punycoded), no default
 * port, no fragment, no tracking parameters, remaining parameters sorted, no trailing slash on a
 * non-root path, and AMP variants (AMP caches, amp. subdomain, /amp segment, .amp.html, ?amp,
 * amp=1, outputType=amp) mapped to the plain page. Relative URLs are resolved against `base`.
 * Idempotent. Raises AppError FETCH_BAD_URL when the input is not a URL.
 */
export function canonicaliseUrl(url: string, base?: string): string {
  let parsed: URL;
  try {
    parsed = base ? new URL(url.trim(), base) : new URL(url.trim());
  } catch {
    throw new AppError("FETCH_BAD_URL", `${STAGE}: not a URL: ${url.slice(0, 200)}`, {
      url: url.slice(0, 2000),
    });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return parsed.href;
  for (let i = 0; i < 5; i++) {
    const unwrapped = unwrapAmpCache(parsed);
    if (unwrapped === parsed) break;
    parsed = unwrapped;
  }
  parsed.hash = "";
  parsed.username = "";
  parsed.password = "";
  let host = parsed.hostname.replace(/\.$/, "");
  while (/^amp\./i.test(host) && host.split(".").length > 2) host = host.slice(4);
  parsed.hostname = host;

  parsed.search = canonicalQuery(parsed.search);
  parsed.pathname = canonicalPath(parsed.pathname);
  // Setting the fields above can re-encode; one more pass through URL keeps the result a fixpoint.
  return new URL(parsed.href).href;
}

/** True when two URLs canonicalise to the same address (false when either is not a URL). */
export function sameCanonicalUrl(a: string, b: string): boolean {
  try {
    return canonicaliseUrl(a) === canonicaliseUrl(b);
  } catch {
    return false;
  }
}
