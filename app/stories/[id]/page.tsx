import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ClaimChip, EntityChip, SampleBadge } from "@/components/Chips";
import { FeedSlot, feedAlternates } from "@/components/FeedSlot";
import { Pager } from "@/components/Pager";
import { parseRowId } from "@/lib/http/input";
import { getUi } from "@/lib/i18n/server";
import { getDb } from "@/lib/store/db";
import { getStory, type StoryClaim } from "@/lib/store/pages/get-story";
import { storyTextIn } from "@/lib/enrich/story-text";
import { hostOf } from "@/lib/urls";

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
  const path = `/stories/${story.id}`;
  const pageHref = (page: number) => (page === 1 ? path : `${path}?page=${page}`);
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
      {story.entities.length > 0 && (
        <ul className="chips" aria-label={t.card.entities}>
          {story.entities.slice(0, 12).map((e) => (
            <EntityChip key={e.slug} slug={e.slug} name={e.name} />
          ))}
        </ul>
      )}
      {story.claimTypes.length > 0 && (
        <ul className="chips" aria-label={t.card.claims}>
          {story.claimTypes.map(({ type, count }) => (
            <ClaimChip key={type} type={type} count={count} ui={ui} />
          ))}
        </ul>
      )}

      <section aria-labelledby="articles">
        <h2 id="articles">{t.story.articles}</h2>
        {story.pages > 1 && <p className="meta">{t.claims.page(story.page, story.pages)}</p>}
        <ol className="timeline">
          {story.articles.map((article) => (
            <li key={article.id} data-article={article.id}>
              {article.publishedAt ? (
                <time dateTime={article.publishedAt.toISOString()}>
                  {ui.dates.day(article.publishedAt)}
                </time>
              ) : (
                <span>{t.timeline.undated}</span>
              )}
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
          href={pageHref}
          label={t.story.pages}
          earlier={t.story.earlier}
          later={t.story.later}
        />
      </section>

      <section aria-labelledby="claims">
        <h2 id="claims">{t.story.claims}</h2>
        {story.claimCount === 0 && <p>{t.story.noClaims}</p>}
        <ul className="claim-list">
          {story.threads.map((thread) => {
            const [head, ...rest] = thread.claims;
            const threadHref = `/claims/${encodeURIComponent(thread.claimant.slug)}/${encodeURIComponent(thread.target.slug)}/${thread.type}`;
            const sentence = (claim: StoryClaim) => (
              <blockquote key={claim.id}>
                <span className={`stance ${claim.stance}`}>{ui.stance(claim.stance)}</span>{" "}
                {ui.quote(claim.sentence)}{" "}
                <a href={`/articles/${claim.articleId}#claim-${claim.id}`}>
                  {claim.source || t.claims.article}
                </a>
              </blockquote>
            );
            return (
              <li key={thread.key} className={head!.stance}>
                <span className="who">
                  <a href={`/entities/${encodeURIComponent(thread.claimant.slug)}`}>
                    {thread.claimant.name}
                  </a>{" "}
                  →{" "}
                  <a href={`/entities/${encodeURIComponent(thread.target.slug)}`}>
                    {thread.target.name}
                  </a>
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
        <section className="panel" aria-labelledby="sources">
          <h2 id="sources">{t.story.sources}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.story.sources}</th>
                <th scope="col">{t.story.languages}</th>
                <th scope="col" className="num">
                  {t.entity.count}
                </th>
              </tr>
            </thead>
            <tbody>
              {story.sources.slice(0, SOURCES_SHOWN).map((s) => (
                <tr key={s.name}>
                  <td>{s.name}</td>
                  <td>{s.languages.map((l) => ui.language(l)).join(", ")}</td>
                  <td className="num">{s.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {story.sources.length > SOURCES_SHOWN && (
            <p className="meta">{t.claims.moreSources(story.sources.length - SOURCES_SHOWN)}</p>
          )}
        </section>
        <section className="panel" aria-labelledby="languages">
          <h2 id="languages">{t.story.languages}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.story.languages}</th>
                <th scope="col" className="num">
                  {t.entity.count}
                </th>
              </tr>
            </thead>
            <tbody>
              {story.languageCounts.map(({ language: code, count }) => (
                <tr key={code}>
                  <td>{ui.language(code)}</td>
                  <td className="num">{count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </>
  );
}
