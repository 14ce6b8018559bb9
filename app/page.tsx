import type { Metadata } from "next";
import { FeedSlot, feedAlternates } from "@/components/FeedSlot";
import { FilterForm } from "@/components/FilterForm";
import { StoryCard } from "@/components/StoryCard";
import { filtersToParams, parseFilters, type Filters } from "@/lib/filters";
import { KeyboardShortcuts } from "@/components/KeyboardShortcuts";
import { getUi } from "@/lib/i18n/server";
import type { Ui } from "@/lib/i18n";
import { getDb } from "@/lib/store/db";
import { listFilterOptions } from "@/lib/store/pages/list-filter-options";
import { listCardSummariesIn } from "@/lib/store/pages/list-card-summaries-in";
import { recentTimelinePage, titledIn, type TimelineCard } from "@/lib/store/timeline";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({
  searchParams,
}: {
  searchParams: SearchParams;
}): Promise<Metadata> {
  const ui = await getUi();
  const filters = parseFilters(await searchParams);
  return {
    title: ui.t.timeline.title,
    alternates: await feedAlternates({ kind: "latest" }, "DisputeWatch", filters),
  };
}

/** The active filters as removable links (each link is the view without that one filter). */
function ActiveFilters({
  filters,
  ui,
  entityNames,
}: {
  filters: Filters;
  ui: Ui;
  entityNames: Map<string, string>;
}) {
  const items: { label: string; without: Partial<Filters> }[] = [];
  for (const slug of filters.entity)
    items.push({
      label: `${ui.t.filters.entity}: ${entityNames.get(slug) ?? slug}`,
      without: { ...filters, entity: filters.entity.filter((e) => e !== slug) },
    });
  for (const type of filters.claim)
    items.push({
      label: `${ui.t.filters.claim}: ${ui.claimType(type)}`,
      without: { ...filters, claim: filters.claim.filter((c) => c !== type) },
    });
  if (filters.source)
    items.push({
      label: `${ui.t.filters.source}: ${filters.source}`,
      without: { ...filters, source: undefined },
    });
  if (filters.lang)
    items.push({
      label: `${ui.t.filters.language}: ${ui.language(filters.lang)}`,
      without: { ...filters, lang: undefined },
    });
  if (filters.from)
    items.push({
      label: `${ui.t.filters.from}: ${filters.from}`,
      without: { ...filters, from: undefined },
    });
  if (filters.to)
    items.push({
      label: `${ui.t.filters.to}: ${filters.to}`,
      without: { ...filters, to: undefined },
    });
  if (items.length === 0) return null;
  return (
    <ul className="chips active-filters" aria-label={ui.t.filters.active}>
      {items.map((item) => {
        const query = filtersToParams(item.without).toString();
        return (
          <li className="chip removable" key={item.label}>
            <a href={query ? `/?${query}` : "/"} aria-label={ui.t.filters.remove(item.label)}>
              {item.label} <span aria-hidden="true">×</span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}

/** Home: the timeline of stories, newest first, grouped by the reader's day, filtered by the URL. */
export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const ui = await getUi();
  const { t } = ui;
  // The proxy already answered 400 for bad parameters, so this parse cannot fail on user input.
  const filters = parseFilters(await searchParams);
  const db = getDb();
  const [page, options] = await Promise.all([
    recentTimelinePage(db, { ...filters, take: filters.limit, articles: false }),
    listFilterOptions(db),
  ]);
  const [titled, summaries] = await Promise.all([
    titledIn(db, page.cards, ui.locale),
    listCardSummariesIn(db, page.cards, ui.locale),
  ]);
  const days = new Map<string, TimelineCard[]>();
  for (const titledCard of titled) {
    const summary = summaries.get(titledCard.id);
    const card = summary ? { ...titledCard, summary } : titledCard;
    const key = card.lastPublishedAt ? ui.dates.isoDay(card.lastPublishedAt) : "undated";
    days.set(key, [...(days.get(key) ?? []), card]);
  }
  const entityNames = new Map(options.entities.map((e) => [e.slug, e.name]));
  const base = filtersToParams(filters);
  const older = new URLSearchParams(base);
  if (page.nextCursor) older.set("cursor", page.nextCursor);
  return (
    <>
      <div className="page-head">
        <h1>{t.timeline.title}</h1>
        <KeyboardShortcuts labels={t.search.shortcuts} />
        <FeedSlot view={{ kind: "latest" }} filters={filters} ui={ui} />
      </div>
      <p className="lead">{t.timeline.intro}</p>
      <FilterForm filters={filters} options={options} ui={ui} />
      <ActiveFilters filters={filters} ui={ui} entityNames={entityNames} />
      {page.cards.length === 0 && <p className="empty">{t.timeline.empty}</p>}
      {[...days].map(([day, cards]) => (
        <section key={day} aria-labelledby={`day-${day}`} className="day-group">
          <h2 className="day" id={`day-${day}`}>
            {day === "undated" ? (
              t.timeline.undated
            ) : (
              <time dateTime={day}>{ui.dates.weekday(new Date(`${day}T12:00:00Z`))}</time>
            )}
          </h2>
          {cards.map((card) => (
            <StoryCard key={card.id} card={card} ui={ui} />
          ))}
        </section>
      ))}
      <nav className="pager" aria-label={t.timeline.older}>
        {filters.cursor && <a href={base.toString() ? `/?${base}` : "/"}>{t.timeline.newest}</a>}
        {page.nextCursor && (
          <a rel="next" href={`/?${older}`}>
            {t.timeline.older} →
          </a>
        )}
      </nav>
    </>
  );
}
