/**
 * Our own shapes. Third-party data (xml2js trees, cheerio nodes, Prisma rows, HTTP responses)
 * is converted into these at the edge of the module that touches it; nothing downstream sees a
 * vendor's type.
 */

export const ENTITY_KINDS = [
  "company",
  "person",
  "model",
  "government",
  "media",
  "court",
  "other",
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const CLAIM_TYPES = [
  "distillation",
  "tos_violation",
  "copyright",
  "ip_theft",
  "trade_secret",
  "data_scraping",
  "privacy",
  "security",
  "export_control",
  "antitrust",
  "defamation",
  "other",
] as const;
export type ClaimType = (typeof CLAIM_TYPES)[number];

export const STANCES = ["alleges", "denies", "confirms", "reports", "settles"] as const;
export type Stance = (typeof STANCES)[number];

/** One entry of a parsed feed, whatever the feed's format (RSS 0.9x/2.0, RDF, Atom, JSON Feed). */
export interface FeedItem {
  /** The item's own id (guid / atom:id / JSON Feed id), or null when the feed gives none. */
  guid: string | null;
  /** Absolute URL of the article, resolved against xml:base / the feed URL. */
  url: string | null;
  title: string | null;
  /** Plain-text or HTML summary as the feed gives it (entities decoded). */
  summary: string | null;
  /** Full HTML content when the feed carries it (content:encoded, atom:content, content_html). */
  contentHtml: string | null;
  author: string | null;
  /** Publication (or, failing that, update) time, in UTC. */
  publishedAt: Date | null;
  categories: string[];
}

export type FeedFormat = "rss" | "rdf" | "atom" | "json";

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  /** The site's home page. */
  siteUrl: string | null;
  /** The feed's own URL when it declares one (atom:link rel=self). */
  feedUrl: string | null;
  language: string | null;
  items: FeedItem[];
}

/** What the extractor makes of one HTML page. */
export interface ExtractedArticle {
  title: string | null;
  byline: string | null;
  /** ISO 8601 in UTC, or null. */
  publishedAt: string | null;
  /** BCP 47 primary tag ("en", "vi"), or null when the page does not say. */
  language: string | null;
  canonicalUrl: string | null;
  leadImage: string | null;
  /** Main text, paragraphs separated by a blank line; no navigation, adverts or link lists. */
  text: string;
}

/** An entity as the product names it everywhere (CLI, API, pages). */
export interface EntityRef {
  name: string;
  slug: string;
  kind: EntityKind;
}

/** One occurrence of an entity in a text. Offsets are UTF-16 code-unit offsets into that text. */
export interface EntityMention extends EntityRef {
  start: number;
  end: number;
  /** The text as it appeared ("Deep Seek", "Trung Quốc"). */
  surface: string;
  /** False for a candidate discovered in the text, not (yet) in the knowledge base. */
  verified: boolean;
}

/** An attributed sentence: who alleges what against whom. */
export interface Claim {
  /** Entity names (as in EntityRef.name). */
  claimant: string;
  target: string;
  claimantSlug: string;
  targetSlug: string;
  type: ClaimType;
  stance: Stance;
  sentence: string;
  /** Offsets of the sentence in the analysed text. */
  start: number;
  end: number;
  /** 0..1 */
  confidence: number;
}

/** Everything enrichment makes of one article. */
/** A stored claim with both parties, as the API and the pages show it. */
export interface ClaimWithParties {
  id: number;
  articleId: number;
  type: string;
  stance: string;
  sentence: string;
  confidence: number;
  claimant: { slug: string; name: string; kind: string };
  target: { slug: string; name: string; kind: string };
}

export interface Analysis {
  language: string;
  title: string | null;
  summary: string;
  entities: EntityRef[];
  mentions: EntityMention[];
  claims: Claim[];
  /** 0..1: how much the text is about AI and a dispute. */
  relevance: number;
}
