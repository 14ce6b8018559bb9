/**
 * "Subscribe": a <details> disclosure listing the feeds of a view (RSS, Atom, JSON Feed) and its
 * daily and weekly digests, each URL in a labelled read-only input ready to copy. A server
 * component with no client JavaScript: the disclosure is native HTML, and selecting the text of a
 * read-only input works everywhere. Its list is written as markup (lib/text/markup.ts): every
 * page that has feeds shows it.
 */
import type { Filters } from "@/lib/filters";
import { inner, markup } from "@/lib/text/markup";
import { feedLinks, type FeedView } from "@/lib/urls";

export interface SubscribeButtonProps {
  view: FeedView;
  filters?: Partial<Filters>;
  /** The public base URL (absolute URLs are what a feed reader needs). */
  baseUrl: string;
  /** The label of the summary ("Subscribe" by default; pages pass their translation). */
  label?: string;
  /** Labels of the rows, for translation. */
  labels?: Partial<Record<"rss" | "atom" | "json" | "daily" | "weekly" | "opml", string>>;
}

const DEFAULT_LABELS = {
  rss: "RSS 2.0",
  atom: "Atom",
  json: "JSON Feed",
  daily: "Daily digest (RSS)",
  weekly: "Weekly digest (RSS)",
  opml: "All of these as OPML",
};

/** The subscribe disclosure for a view and its filters. */
export function SubscribeButton({
  view,
  filters = {},
  baseUrl,
  label = "Subscribe",
  labels = {},
}: SubscribeButtonProps) {
  const text = { ...DEFAULT_LABELS, ...labels };
  const links = feedLinks(view, filters, baseUrl.replace(/\/+$/, ""));
  const rows: { key: keyof typeof DEFAULT_LABELS; url: string }[] = [
    { key: "rss", url: links.rss },
    { key: "atom", url: links.atom },
    { key: "json", url: links.json },
    { key: "daily", url: links.dailyDigest("rss") },
    { key: "weekly", url: links.weeklyDigest("rss") },
  ];
  const relative = feedLinks(view, filters);
  const opml = `/feeds/opml?${[relative.rss, relative.dailyDigest("rss"), relative.weeklyDigest("rss")].map((feed) => `feed=${encodeURIComponent(feed)}`).join("&")}`;
  const idBase = `subscribe-${view.kind}`;
  return (
    <details className="subscribe">
      <summary>{label}</summary>
      <ul
        dangerouslySetInnerHTML={inner(
          markup`${rows.map((row) => {
            const id = `${idBase}-${row.key}`;
            return markup`<li><label for="${id}"><a href="${row.url}">${text[row.key]}</a></label><input id="${id}" type="url" readonly="" aria-label="${`${text[row.key]} URL`}" value="${row.url}"></li>`;
          })}<li><a href="${opml}" download="">${text.opml}</a></li>`,
        )}
      />
    </details>
  );
}

/** The <link rel="alternate"> tags for a page's <head>, so feed readers discover its feeds. */
export function FeedAutodiscovery({
  view,
  filters = {},
  baseUrl,
  title,
}: {
  view: FeedView;
  filters?: Partial<Filters>;
  baseUrl: string;
  title: string;
}) {
  const links = feedLinks(view, filters, baseUrl.replace(/\/+$/, ""));
  return (
    <>
      <link rel="alternate" type="application/rss+xml" title={`${title} (RSS)`} href={links.rss} />
      <link
        rel="alternate"
        type="application/atom+xml"
        title={`${title} (Atom)`}
        href={links.atom}
      />
      <link
        rel="alternate"
        type="application/feed+json"
        title={`${title} (JSON Feed)`}
        href={links.json}
      />
    </>
  );
}
