import type { Metadata } from "next";
import { FeedSlot, feedAlternates } from "@/components/FeedSlot";
import { KeyboardShortcuts } from "@/components/KeyboardShortcuts";
import { getConfig } from "@/lib/config";
import { isAppError } from "@/lib/errors";
import { getUi } from "@/lib/i18n/server";
import { getDb } from "@/lib/store/db";
import { findClaimThreads, type NamedThread } from "@/lib/store/pages/find-claim-threads";
import { searchArticles, type SearchResult } from "@/lib/store/search";
import { Chips, entityChip } from "@/components/Chips";
import { inner, Markup, markup, safeHref } from "@/lib/text/markup";
import type { Ui } from "@/lib/i18n";
import { threadPath } from "@/lib/urls";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

export async function generateMetadata({
  searchParams,
}: {
  searchParams: SearchParams;
}): Promise<Metadata> {
  const ui = await getUi();
  const q = first((await searchParams).q).trim();
  return {
    title: q ? `${q} · ${ui.t.search.title}` : ui.t.search.title,
    alternates: q ? await feedAlternates({ kind: "search", q }, `DisputeWatch: ${q}`) : undefined,
  };
}

/** A search URL; the cursor only when paging. */
function searchHref(q: string, sort: string | null, cursor?: string): string {
  const params = new URLSearchParams();
  params.set("q", q);
  if (sort) params.set("sort", sort);
  if (cursor) params.set("cursor", cursor);
  return `/search?${params}`;
}

/** Adds a `field:value` filter to a query unless it is already there (values with spaces are quoted). */
function withFilter(q: string, field: string, value: string): string {
  const token = /[\s"]/.test(value) ? `${field}:"${value.replace(/"/g, "")}"` : `${field}:${value}`;
  return q.split(/\s+/).includes(token) ? q : `${q} ${token}`.trim();
}

/** One result: its highlighted title, date, source, language, story and original, and its snippet. */
function hitMarkup(hit: SearchResult["hits"][number], ui: Ui): Markup {
  const { t } = ui;
  const meta = [
    hit.publishedAt &&
      markup`<time datetime="${hit.publishedAt.toISOString()}">${ui.dates.day(hit.publishedAt)}</time>`,
    hit.sourceName && markup`<span>${hit.sourceName}</span>`,
    markup`<span lang="${hit.language}">${ui.language(hit.language)}</span>`,
    hit.storyId !== null && markup`<a href="/stories/${hit.storyId}">${t.search.story}</a>`,
    markup`<a href="${safeHref(hit.url)}" rel="noopener noreferrer">${t.search.original}</a>`,
  ];
  // titleHighlighted and snippet come from lib/store/search: every character escaped, only <mark> is markup.
  const title = Markup.trusted(hit.titleHighlighted);
  const snippet = Markup.trusted(hit.snippet);
  return markup`<li class="hit" data-article="${hit.articleId}"><h2><a href="/articles/${hit.articleId}">${title}</a></h2><p class="meta">${meta}</p><p class="snippet" lang="${hit.language}">${snippet}</p></li>`;
}

/** A claim thread the query names: who accuses whom of what, its counts and its newest sentence. */
function threadMarkup(thread: NamedThread, ui: Ui): Markup {
  const href = threadPath(thread.accuser.slug, thread.accused.slug, thread.type);
  const counts = ui.t.claims.counts(thread.accusations, thread.denials, thread.reports);
  const latest =
    thread.latest && markup`<blockquote>${ui.quote(thread.latest.sentence)}</blockquote>`;
  return markup`<li><a class="who" href="${href}">${thread.accuser.name} → ${thread.accused.name} · ${ui.claimType(thread.type)}</a> <span class="meta-inline">(${counts})</span>${latest}</li>`;
}

/** Search: a query box, highlighted results, facets as links that add a filter, a sort switch. */
export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const ui = await getUi();
  const { t } = ui;
  const params = await searchParams;
  const q = first(params.q).trim();
  const sortParam = first(params.sort);
  const sort = sortParam === "date" ? "date" : sortParam === "relevance" ? "relevance" : undefined;
  const cursor = first(params.cursor) || undefined;
  let result: SearchResult | null = null;
  let problem: string | null = null;
  let threads: NamedThread[] = [];
  if (q) {
    // On the first page, the claim threads between the parties and of the claim types it names,
    // looked up while the search finds its matches.
    let named: Promise<NamedThread[]> | null = null;
    const lookUpThreads = ({
      parties,
      claimTypes,
    }: {
      parties: { slug: string }[];
      claimTypes: string[];
    }) => {
      if (cursor || (parties.length === 0 && claimTypes.length === 0)) return;
      named = findClaimThreads(
        getDb(),
        parties.map((p) => p.slug),
        claimTypes,
        5,
        ui.locale,
      );
      // Awaited below; a search that fails meanwhile must not leave it unhandled.
      named.catch(() => undefined);
    };
    try {
      result = await searchArticles(getDb(), q, {
        sort,
        cursor,
        limit: 20,
        minRelevance: getConfig().RELEVANCE_THRESHOLD,
        onUnderstood: lookUpThreads,
      });
      threads = named ? await named : [];
    } catch (error) {
      // The proxy answers 400 for malformed input before we get here; this catches the rest.
      if (!isAppError(error, "BAD_REQUEST")) throw error;
      problem = error.message;
    }
  }
  const facetList = <T,>(
    title: string,
    items: T[],
    label: (item: T) => string,
    token: (item: T) => [string, string],
    count: (item: T) => number,
  ) =>
    items.length > 0 && (
      <section aria-label={title}>
        <h3>{title}</h3>
        <ul
          dangerouslySetInnerHTML={inner(
            markup`${items.slice(0, 10).map((item) => {
              const [field, value] = token(item);
              const href = searchHref(withFilter(q, field, value), sort ?? null);
              return markup`<li><a href="${href}">${label(item)}</a><span class="count">${count(item)}</span></li>`;
            })}`,
          )}
        />
      </section>
    );
  return (
    <>
      <div className="page-head">
        <h1>{t.search.title}</h1>
        <KeyboardShortcuts labels={t.search.shortcuts} />
        {q && <FeedSlot view={{ kind: "search", q }} ui={ui} />}
      </div>
      <form className="search-form" method="get" action="/search" role="search">
        <label htmlFor="q" className="visually-hidden">
          {t.search.label}
        </label>
        <input
          id="q"
          type="search"
          name="q"
          defaultValue={q}
          placeholder={t.search.placeholder}
          aria-describedby="search-help"
        />
        {sort && <input type="hidden" name="sort" value={sort} />}
        <button type="submit">{t.search.button}</button>
      </form>
      <p className="help" id="search-help">
        {t.search.help}
      </p>
      {problem && (
        <p role="alert" className="empty">
          {problem}
        </p>
      )}
      {result && (
        <div className="search-layout">
          <section aria-labelledby="results-title">
            <div className="page-head">
              <h2 id="results-title" aria-live="polite">
                {result.totalIsLowerBound
                  ? // Counting stopped at a cap: "1,000+ results" (the message formats a plain number; the bound goes in its place).
                    t.search
                      .results(result.total)
                      .replace(
                        String(result.total),
                        `${result.total.toLocaleString(ui.locale === "vi" ? "vi-VN" : "en-GB")}+`,
                      )
                  : t.search.results(result.total)}
              </h2>
              <nav className="sort-switch" aria-label={t.search.sort}>
                <span>{t.search.sort}:</span>
                {(["relevance", "date"] as const).map((option) =>
                  result!.sort === option ? (
                    <a key={option} href={searchHref(q, option)} aria-current="page">
                      {t.search[option]}
                    </a>
                  ) : (
                    <a key={option} href={searchHref(q, option)}>
                      {t.search[option]}
                    </a>
                  ),
                )}
              </nav>
              {result.notes.length > 0 && (
                <p className="meta read-as">
                  {t.search.readAs}:{" "}
                  {result.notes
                    .map((note) => {
                      if (note.kind === "date") {
                        const [from, to] = note.text.split("..") as [string, string];
                        // The range's end is exclusive: the reader reads the last day in it.
                        return t.search.noteDate(
                          ui.dates.day(from),
                          ui.dates.day(new Date(Date.parse(to) - 86_400_000)),
                        );
                      }
                      if (note.kind === "claim") return t.search.noteClaim(ui.claimType(note.text));
                      if (note.kind === "dropped") return t.search.noteDropped(note.text);
                      return t.search.noteForms(note.text);
                    })
                    .join(" · ")}
                </p>
              )}
              {result.suggestion && (
                <p className="did-you-mean">
                  {t.search.didYouMean}{" "}
                  <a href={searchHref(result.suggestion, sort ?? null)}>{result.suggestion}</a>?
                </p>
              )}
              {/* Narrow screens list the facets after the results: a way down to them. */}
              {result.hits.length > 0 && (
                <a className="jump-to-facets" href="#facets-title">
                  {t.search.facets} <span aria-hidden="true">↓</span>
                </a>
              )}
            </div>
            {(threads.length > 0 || result.parties.length > 0) && (
              <section className="named" aria-labelledby="named-title">
                <h3 id="named-title">{t.search.named}</h3>
                <Chips
                  label={t.search.facetEntities}
                  chips={result.parties.map((party) => entityChip(party))}
                />
                {threads.length > 0 && (
                  <ul
                    className="claim-list named-threads"
                    dangerouslySetInnerHTML={inner(
                      markup`${threads.map((thread) => threadMarkup(thread, ui))}`,
                    )}
                  />
                )}
              </section>
            )}
            {result.hits.length === 0 && <p className="empty">{t.search.none}</p>}
            <ol
              className="hits"
              dangerouslySetInnerHTML={inner(
                markup`${result.hits.map((hit) => hitMarkup(hit, ui))}`,
              )}
            />
            {result.nextCursor && (
              <nav className="pager" aria-label={t.search.more}>
                <a rel="next" href={searchHref(q, sort ?? null, result.nextCursor)}>
                  {t.search.more} →
                </a>
              </nav>
            )}
          </section>
          <aside className="facets" aria-labelledby="facets-title">
            <h2 id="facets-title">{t.search.facets}</h2>
            {facetList(
              t.search.facetEntities,
              result.facets.entities,
              (e) => e.name,
              (e) => ["entity", e.slug],
              (e) => e.count,
            )}
            {facetList(
              t.search.facetClaims,
              result.facets.claimTypes,
              (c) => ui.claimType(c.type),
              (c) => ["claim", c.type],
              (c) => c.count,
            )}
            {facetList(
              t.search.facetLanguages,
              result.facets.languages,
              (l) => ui.language(l.language),
              (l) => ["lang", l.language],
              (l) => l.count,
            )}
            {facetList(
              t.search.facetSources,
              result.facets.sources,
              (s) => s.source,
              (s) => ["source", s.source],
              (s) => s.count,
            )}
            {result.facetScope < result.total && (
              <p className="help">{t.search.facetScope(result.facetScope)}</p>
            )}
          </aside>
        </div>
      )}
    </>
  );
}
