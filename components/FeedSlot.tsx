/**
 * Feeds of a page: the subscribe disclosure (components/SubscribeButton, from the feeds module) and
 * the <link rel="alternate"> entries for Next's metadata, built from the same lib/urls.ts URL
 * scheme so both always point at the same feeds.
 */
import type { Metadata } from "next";
import { headers } from "next/headers";
import { getConfig } from "@/lib/config";
import { feedLinks, type FeedView } from "@/lib/urls";
import type { Filters } from "@/lib/filters";
import type { Ui } from "@/lib/i18n";
import { SubscribeButton } from "./SubscribeButton";

/** The public base URL: PUBLIC_URL when set, else the host the reader used (feed readers need absolute URLs). */
export async function publicBase(): Promise<string> {
  const configured = getConfig().PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const head = await headers();
  const host = head.get("x-forwarded-host") ?? head.get("host") ?? "localhost";
  const proto = head.get("x-forwarded-proto") ?? "http";
  return `${proto.split(",")[0]!.trim()}://${host}`;
}

/** `alternates.types` for a view: RSS, Atom and JSON Feed autodiscovery links. */
export async function feedAlternates(
  view: FeedView,
  title: string,
  filters: Partial<Filters> = {},
): Promise<Metadata["alternates"]> {
  const links = feedLinks(view, filters, await publicBase());
  return {
    types: {
      "application/rss+xml": [{ url: links.rss, title: `${title} (RSS)` }],
      "application/atom+xml": [{ url: links.atom, title: `${title} (Atom)` }],
      "application/feed+json": [{ url: links.json, title: `${title} (JSON Feed)` }],
    },
  };
}

/** The subscribe disclosure of a view, labelled in the reader's language. */
export async function FeedSlot({
  view,
  filters,
  ui,
}: {
  view: FeedView;
  filters?: Partial<Filters>;
  ui: Ui;
}) {
  const vi = ui.locale === "vi";
  return (
    <SubscribeButton
      view={view}
      filters={filters}
      baseUrl={await publicBase()}
      label={vi ? "Theo dõi" : "Subscribe"}
      labels={
        vi
          ? {
              daily: "Bản tin hằng ngày (RSS)",
              weekly: "Bản tin hằng tuần (RSS)",
              opml: "Tất cả dưới dạng OPML",
            }
          : undefined
      }
    />
  );
}
