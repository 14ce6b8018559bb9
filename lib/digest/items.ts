/**
 * Feed items from stored articles, and digest items from a period's articles. Pure: URLs are made
 * from the public base URL the caller passes.
 */
import { makeUi, quoteSentence } from "@/lib/i18n";
import type { FeedArticle } from "@/lib/store/feeds/list-feed-articles";
import type { Period } from "./periods";
import { escapeHtml } from "@/lib/text/html";
import type { FeedEntry } from "./render";
import type { DigestPeriod } from "@/lib/urls";

/** Our stable page for an article: also its GUID, so it never changes while the article id does not. */
export function articlePageUrl(base: string, id: number): string {
  return `${base}/articles/${id}`;
}

function categoriesOf(article: FeedArticle, base: string): FeedEntry["categories"] {
  return [
    ...article.entities.map((entity) => ({
      term: entity.slug,
      label: entity.name,
      scheme: `${base}/entities`,
    })),
    ...article.claimTypes.map((type) => ({
      term: type,
      label: `claim: ${FEED_UI.claimType(type)}`,
      scheme: `${base}/claims`,
    })),
  ];
}

/** Claim sentences an item quotes at most. */
export const ITEM_CLAIM_SENTENCES = 5;

/** Feeds speak English (a feed has no reader's language to follow). */
const FEED_UI = makeUi("en");

/**
 * The article's claim sentences as HTML: each sentence once, with who says what of whom
 * ("OpenAI → DeepSeek · distillation, alleges"), at most ITEM_CLAIM_SENTENCES of them.
 */
export function claimsHtml(article: FeedArticle): string {
  const bySentence = new Map<string, string[]>();
  for (const claim of article.claims) {
    const label = `${claim.claimant} → ${claim.target} · ${FEED_UI.claimType(claim.type)}, ${FEED_UI.stance(claim.stance)}`;
    const labels = bySentence.get(claim.sentence) ?? [];
    if (!labels.includes(label)) labels.push(label);
    bySentence.set(claim.sentence, labels);
  }
  if (bySentence.size === 0) return "";
  const items = [...bySentence.entries()]
    .slice(0, ITEM_CLAIM_SENTENCES)
    .map(
      ([sentence, labels]) =>
        `<li><blockquote>${escapeHtml(quoteSentence(sentence))}</blockquote><small>${labels.map(escapeHtml).join("; ")}</small></li>`,
    );
  const more = bySentence.size - items.length;
  return `<p><strong>Claims in this article</strong></p><ul>${items.join("")}</ul>${more > 0 ? `<p>And ${more} more on DisputeWatch.</p>` : ""}`;
}

/** One feed item per article: the original is the link, our article page the id, both linked in the content. */
export function articleEntry(article: FeedArticle, base: string): FeedEntry {
  const page = articlePageUrl(base, article.id);
  const parts = [
    article.summary ? `<p>${escapeHtml(article.summary)}</p>` : "",
    claimsHtml(article),
    `<p><a href="${escapeHtml(article.url)}">Read at ${escapeHtml(article.sourceName ?? "the source")}</a> · <a href="${escapeHtml(page)}">On DisputeWatch</a>`,
    article.story
      ? ` · <a href="${escapeHtml(`${base}/stories/${article.story.id}`)}">Story: ${escapeHtml(article.story.title)}</a>`
      : "",
    "</p>",
    article.isSample ? "<p><em>Sample data bundled with DisputeWatch.</em></p>" : "",
  ];
  return {
    id: page,
    title: article.title,
    summary: article.summary,
    contentHtml: parts.join(""),
    link: article.url,
    permalink: page,
    published: article.publishedAt,
    updated: article.updatedAt > article.publishedAt ? article.updatedAt : article.publishedAt,
    categories: categoriesOf(article, base),
    authors: article.sourceName ? [article.sourceName] : undefined,
    language: article.language,
  };
}

/** How many stories a digest item lists before "and N more". */
export const DIGEST_TOP_STORIES = 10;

/**
 * One digest item for a period, or null when nothing was published in it. Stories are ranked by
 * how many of the period's articles they gathered, then by their newest article; articles outside
 * a story stand alone. `scopeKey` names the view and filters so two digests never share an id.
 */
export function digestEntry(
  articles: FeedArticle[],
  period: Period,
  kind: DigestPeriod,
  options: {
    base: string;
    scopeKey: string;
    complete: boolean;
    timelineQuery: string;
    zone: string;
  },
): FeedEntry | null {
  if (articles.length === 0) return null;
  const groups = new Map<
    string,
    { title: string; summary: string; link: string; articles: FeedArticle[] }
  >();
  for (const article of articles) {
    const key = article.story ? `s${article.story.id}` : `a${article.id}`;
    let group = groups.get(key);
    if (!group) {
      group = article.story
        ? {
            title: article.story.title,
            summary: article.story.summary || article.summary,
            link: `${options.base}/stories/${article.story.id}`,
            articles: [],
          }
        : {
            title: article.title,
            summary: article.summary,
            link: articlePageUrl(options.base, article.id),
            articles: [],
          };
      groups.set(key, group);
    }
    group.articles.push(article);
  }
  const ranked = [...groups.values()].sort(
    (a, b) =>
      b.articles.length - a.articles.length ||
      b.articles[0].publishedAt.getTime() - a.articles[0].publishedAt.getTime() ||
      a.title.localeCompare(b.title),
  );
  const top = ranked.slice(0, DIGEST_TOP_STORIES);
  const label =
    kind === "daily"
      ? period.firstDate
      : `${period.key} (${period.firstDate} – ${period.lastDate})`;
  const title = `${kind === "daily" ? "Daily" : "Weekly"} digest ${label}: ${ranked.length} ${ranked.length === 1 ? "story" : "stories"}, ${articles.length} ${articles.length === 1 ? "article" : "articles"}${options.complete ? "" : " (so far)"}`;
  const oneLine = (text: string) => {
    const sentence = text.split(/(?<=[.!?])\s+/)[0] ?? "";
    return sentence.length > 240 ? `${sentence.slice(0, 239)}…` : sentence;
  };
  const items = top.map((group) => {
    const sources = new Set(group.articles.map((a) => a.sourceName ?? a.url)).size;
    const links = group.articles
      .slice(0, 5)
      .map((a) => `<a href="${escapeHtml(a.url)}">${escapeHtml(a.sourceName ?? a.title)}</a>`)
      .join(", ");
    return `<li><a href="${escapeHtml(group.link)}"><strong>${escapeHtml(group.title)}</strong></a> — ${escapeHtml(oneLine(group.summary))} <small>(${group.articles.length} ${group.articles.length === 1 ? "article" : "articles"}, ${sources} ${sources === 1 ? "source" : "sources"}: ${links})</small></li>`;
  });
  const more = ranked.length - top.length;
  const timelineParams = new URLSearchParams(options.timelineQuery);
  timelineParams.set("from", period.firstDate);
  timelineParams.set("to", period.lastDate);
  const timelineLink = `${options.base}/?${timelineParams}`;
  const contentHtml = [
    `<p>${articles.length} ${articles.length === 1 ? "article" : "articles"} in ${ranked.length} ${ranked.length === 1 ? "story" : "stories"}, ${escapeHtml(period.firstDate)}${period.lastDate !== period.firstDate ? ` – ${escapeHtml(period.lastDate)}` : ""} (${escapeHtml(options.zone)})${options.complete ? "" : ", so far"}.</p>`,
    `<ol>${items.join("")}</ol>`,
    more > 0
      ? `<p>And ${more} more on <a href="${escapeHtml(timelineLink)}">the timeline</a>.</p>`
      : "",
  ].join("");
  const summary = top
    .slice(0, 3)
    .map((group) => group.title)
    .join(" · ");
  const newest = articles.reduce(
    (latest, a) => (a.updatedAt > latest ? a.updatedAt : latest),
    articles[0].publishedAt,
  );
  const categories = new Map<string, FeedEntry["categories"][number]>();
  for (const article of articles)
    for (const entity of article.entities)
      categories.set(`e:${entity.slug}`, {
        term: entity.slug,
        label: entity.name,
        scheme: `${options.base}/entities`,
      });
  return {
    // Stable per (digest kind, view+filters, zone, period): a reader sees each period once.
    id: `${options.base}/feeds/digest/${kind}#${encodeURIComponent(options.scopeKey)}@${encodeURIComponent(options.zone)}/${period.key}`,
    title,
    summary,
    contentHtml,
    link: timelineLink,
    // Dated at the start of its period, so the date never moves while the id stays.
    published: period.start,
    updated: newest > period.start ? newest : period.start,
    categories: [...categories.values()].slice(0, 20),
  };
}

/**
 * The one item of a digest with nothing in its periods, saying why: nothing collected yet, nothing
 * matching the feed's filters, or nothing as recent as the periods (with the newest article's date,
 * and a word when all there is is the bundled sample data). Its id stays the same until the newest
 * article changes, so a reader shows it once.
 */
export function emptyDigestEntry(
  newest: FeedArticle | null,
  periods: Period[],
  kind: DigestPeriod,
  options: { base: string; scopeKey: string; zone: string; filtered: boolean },
): FeedEntry {
  const first = periods[periods.length - 1];
  const last = periods[0];
  const span = first && last ? `${first.firstDate} – ${last.lastDate}` : "";
  const unit = kind === "daily" ? "days" : "weeks";
  const adminLink = `<a href="${escapeHtml(`${options.base}/admin`)}">the admin area</a>`;
  let title: string;
  let summary: string;
  let contentHtml: string;
  if (!newest && !options.filtered) {
    title = "Nothing to digest yet: no article has been collected";
    summary =
      "DisputeWatch has not stored any article yet. Add news sources in the admin area; this digest fills as their articles arrive.";
    contentHtml = `<p>DisputeWatch has not stored any article on disputes between AI developers yet.</p><p>Add news sources (feeds, pages or an OPML file) in ${adminLink}; the ingest worker fetches them, and this digest lists their stories from the day they arrive.</p>`;
  } else if (!newest) {
    title = "Nothing to digest: no article matches this feed yet";
    summary =
      "No stored article matches this feed's subject and filters. Items appear once matching articles are collected.";
    contentHtml = `<p>No stored article matches this feed's subject and filters, in any period.</p><p>Items appear here once matching articles are collected; a wider feed (fewer filters) may have news now.</p>`;
  } else {
    const day = newest.publishedAt.toISOString().slice(0, 10);
    title = `No articles in the last ${periods.length} ${unit} (the newest is from ${day})`;
    summary = `Nothing was published in this digest's ${periods.length} ${unit} (${span}); the newest article is from ${day}.`;
    contentHtml = [
      `<p>Nothing was published in this digest's ${periods.length} ${unit} (${escapeHtml(span)}, ${escapeHtml(options.zone)}).</p>`,
      `<p>The newest article is from ${escapeHtml(day)}: <a href="${escapeHtml(articlePageUrl(options.base, newest.id))}">${escapeHtml(newest.title)}</a>.</p>`,
      newest.isSample
        ? `<p>What is stored so far is the sample data bundled with DisputeWatch, dated before these ${unit}. Add your own sources in ${adminLink} to follow current news.</p>`
        : "",
    ].join("");
  }
  const at = last?.start ?? new Date(0);
  return {
    id: `${options.base}/feeds/digest/${kind}#${encodeURIComponent(options.scopeKey)}@${encodeURIComponent(options.zone)}/none-${newest?.id ?? 0}`,
    title,
    summary,
    contentHtml,
    link: newest ? articlePageUrl(options.base, newest.id) : `${options.base}/`,
    published: at,
    updated: at,
    categories: [],
  };
}
