import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Chips, claimChips, entityChips, SampleBadge } from "@/components/Chips";
import { DayOrUndated } from "@/components/Day";
import { FeedSlot, feedAlternates } from "@/components/FeedSlot";
import { PageCount, Pager, pageHrefs } from "@/components/Pager";
import { CountTable, Panel } from "@/components/Panel";
import { PartyPair } from "@/components/Parties";
import { Stance } from "@/components/Stance";
import { parseRowId } from "@/lib/http/input";
import { getUi } from "@/lib/i18n/server";
import { getDb } from "@/lib/store/db";
import { getStory, type StoryClaim } from "@/lib/store/pages/get-story";
import { storyTextIn } from "@/lib/enrich/story-text";
import { hostOf, threadPath } from "@/lib/urls";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function storyId(raw: string): number {
  // An id the id column cannot hold is no story (PostgreSQL would fail the query on it).
  return parseRowId(raw) ?? NaN;
}

/** Sources listed in the story's table; the rest are counted. */
const SOURCES_SHOWN = 30;

/** ?page=N (the proxy answers 400 for anything but a page number). */
function pageParam(value: string | string[] | undefined): number {
  const raw = Array.isArray(value) ? value[0] : value;
  return raw && /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 1;
}

// One load per request, shared by the metadata and the page: the story, with its title and
// summary in the interface language when it has articles in it.
const load = cache(async (id: number, page: number, locale: string) => {
  const story = await getStory(getDb(), id, { page });
  return story ? { ...story, ...(await storyTextIn(getDb(), story, locale)) } : null;
});

export async function generateMetadata({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}): Promise<Metadata> {
  const { locale } = await getUi();
  const story = await load(
    storyId((await params).id),
    pageParam((await searchParams).page),
    locale,
  );
  return story
    ? {
        title: story.title,
        alternates: await feedAlternates({ kind: "story", id: story.id }, story.title),
      }
    : { title: "404" };
}

/**
 * A story: its articles on a timeline (a page at a time), summary, claims by thread with their
 * first sentences, sources and languages.
 */
export default async function StoryPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const ui = await getUi();
  const { t } = ui;
  const story = await load(
    storyId((await params).id),
    pageParam((await searchParams).page),
    ui.locale,
  );
  if (!story) notFound();
  return (
    <>
      <div className="page-head">
        <h1>{story.title}</h1>
        <FeedSlot view={{ kind: "story", id: story.id }} ui={ui} />
      </div>
      <p className="meta">
        {story.isSample && <SampleBadge ui={ui} />}
        <span>{t.card.articles(story.articleCount)}</span>
        <span>{t.card.sources(story.sources.length)}</span>
        <span>
          {t.story.span(ui.dates.day(story.firstPublishedAt), ui.dates.day(story.lastPublishedAt))}
        </span>
      </p>
      {story.summary && (
        <section aria-labelledby="summary">
          <h2 id="summary" className="visually-hidden">
            {t.story.summary}
          </h2>
          <p className="summary">{story.summary}</p>
        </section>
      )}
      <Chips label={t.card.entities} chips={entityChips(story.entities.slice(0, 12))} />
      <Chips label={t.card.claims} chips={claimChips(story.claimTypes, ui)} />

      <section aria-labelledby="articles">
        <h2 id="articles">{t.story.articles}</h2>
        <PageCount page={story.page} pages={story.pages} ui={ui} />
        <ol className="timeline">
          {story.articles.map((article) => (
            <li key={article.id} data-article={article.id}>
              <DayOrUndated date={article.publishedAt} ui={ui} />
              <a className="title" href={`/articles/${article.id}`} lang={article.language}>
                {article.title}
              </a>
              <span className="meta">
                <span>{article.sourceName ?? hostOf(article.url)}</span>
                <span>{ui.language(article.language)}</span>
                {article.byline && <span>{article.byline}</span>}
                <a href={article.url} rel="noopener noreferrer">
                  {t.story.original}
                  <span className="visually-hidden">: {article.title}</span>
                </a>
              </span>
            </li>
          ))}
        </ol>
        <Pager
          page={story.page}
          pages={story.pages}
          href={pageHrefs(`/stories/${story.id}`)}
          words={t.story}
        />
      </section>

      <section aria-labelledby="claims">
        <h2 id="claims">{t.story.claims}</h2>
        {story.claimCount === 0 && <p>{t.story.noClaims}</p>}
        <ul className="claim-list">
          {story.threads.map((thread) => {
            const [head, ...rest] = thread.claims;
            const threadHref = threadPath(thread.claimant.slug, thread.target.slug, thread.type);
            const sentence = (claim: StoryClaim) => (
              <blockquote key={claim.id}>
                <Stance stance={claim.stance} ui={ui} /> {ui.quote(claim.sentence)}{" "}
                <a href={`/articles/${claim.articleId}#claim-${claim.id}`}>
                  {claim.source || t.claims.article}
                </a>
              </blockquote>
            );
            return (
              <li key={thread.key} className={head!.stance}>
                <span className="who">
                  <PartyPair claimant={thread.claimant} target={thread.target} />
                </span>{" "}
                · <a href={threadHref}>{ui.claimType(thread.type)}</a>{" "}
                <span className="meta-inline">({thread.count})</span>
                {sentence(head!)}
                {rest.length > 0 && (
                  <details>
                    <summary>+{rest.length}</summary>
                    {rest.map(sentence)}
                  </details>
                )}
                {thread.count > thread.claims.length && (
                  <p className="meta">
                    <a href={threadHref}>
                      {t.story.moreInThread(thread.count - thread.claims.length)}
                    </a>
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <div className="two-col">
        <Panel id="sources" title={t.story.sources}>
          <CountTable
            columns={[t.story.sources, t.story.languages]}
            countLabel={t.entity.count}
            rows={story.sources.slice(0, SOURCES_SHOWN).map((s) => ({
              key: s.name,
              cells: [s.name, s.languages.map((l) => ui.language(l)).join(", ")],
              count: s.count,
            }))}
          />
          {story.sources.length > SOURCES_SHOWN && (
            <p className="meta">{t.claims.moreSources(story.sources.length - SOURCES_SHOWN)}</p>
          )}
        </Panel>
        <Panel id="languages" title={t.story.languages}>
          <CountTable
            columns={[t.story.languages]}
            countLabel={t.entity.count}
            rows={story.languageCounts.map(({ language: code, count }) => ({
              key: code,
              cells: [ui.language(code)],
              count,
            }))}
          />
        </Panel>
      </div>
    </>
  );
}
