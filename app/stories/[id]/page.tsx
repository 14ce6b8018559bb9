import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ClaimChip, EntityChip, SampleBadge } from "../../../components/Chips";
import { FeedSlot, feedAlternates } from "../../../components/FeedSlot";
import { getUi } from "../../../lib/i18n/server";
import { getDb } from "../../../lib/store/db";
import { getStory } from "../../../lib/store/pages/get-story";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

function storyId(raw: string): number {
  return /^\d{1,12}$/.test(raw) ? Number(raw) : NaN;
}

// One load per request, shared by the metadata and the page.
const load = cache((id: number) => getStory(getDb(), id));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const story = await load(storyId((await params).id));
  return story ? { title: story.title, alternates: await feedAlternates({ kind: "story", id: story.id }, story.title) } : { title: "404" };
}

/** A story: its articles on a timeline, summary, claims with their sentences, sources and languages. */
export default async function StoryPage({ params }: { params: Params }) {
  const ui = await getUi();
  const { t } = ui;
  const story = await load(storyId((await params).id));
  if (!story) notFound();
  const languages = new Map<string, number>();
  for (const article of story.articles) languages.set(article.language, (languages.get(article.language) ?? 0) + 1);
  const claimTypes = new Map<string, number>();
  for (const claim of story.claims) claimTypes.set(claim.type, (claimTypes.get(claim.type) ?? 0) + 1);
  // Claims grouped into threads (who → whom, what), busiest first, so forty sentences read as a few disputes.
  const byThread = new Map<string, { key: string; claimant: { slug: string; name: string }; target: { slug: string; name: string }; type: string; claims: typeof story.claims }>();
  for (const claim of story.claims) {
    const key = `${claim.claimant.slug}|${claim.target.slug}|${claim.type}`;
    const thread = byThread.get(key) ?? { key, claimant: claim.claimant, target: claim.target, type: claim.type, claims: [] };
    thread.claims.push(claim);
    byThread.set(key, thread);
  }
  const threads = [...byThread.values()].sort((a, b) => b.claims.length - a.claims.length);
  const titles = new Map(story.articles.map((a) => [a.id, { source: a.sourceName ?? new URL(a.url).hostname }]));
  return (
    <>
      <div className="page-head">
        <h1>{story.title}</h1>
        <FeedSlot view={{ kind: "story", id: story.id }} ui={ui} />
      </div>
      <p className="meta">
        {story.isSample && <SampleBadge ui={ui} />}
        <span>{t.card.articles(story.articles.length)}</span>
        <span>{t.card.sources(story.sources.length)}</span>
        <span>{t.story.span(ui.dates.day(story.firstPublishedAt), ui.dates.day(story.lastPublishedAt))}</span>
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
      {claimTypes.size > 0 && (
        <ul className="chips" aria-label={t.card.claims}>
          {[...claimTypes].map(([type, count]) => (
            <ClaimChip key={type} type={type} count={count} ui={ui} />
          ))}
        </ul>
      )}

      <section aria-labelledby="articles">
        <h2 id="articles">{t.story.articles}</h2>
        <ol className="timeline">
          {story.articles.map((article) => (
            <li key={article.id} data-article={article.id}>
              {article.publishedAt ? <time dateTime={article.publishedAt.toISOString()}>{ui.dates.day(article.publishedAt)}</time> : <span>{t.timeline.undated}</span>}
              <a className="title" href={`/articles/${article.id}`} lang={article.language}>
                {article.title}
              </a>
              <span className="meta">
                <span>{article.sourceName ?? new URL(article.url).hostname}</span>
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
      </section>

      <section aria-labelledby="claims">
        <h2 id="claims">{t.story.claims}</h2>
        {story.claims.length === 0 && <p>{t.story.noClaims}</p>}
        <ul className="claim-list">
          {threads.map((thread) => {
            const [head, ...rest] = thread.claims;
            const sentence = (claim: (typeof story.claims)[number]) => (
              <blockquote key={claim.id}>
                <span className={`stance ${claim.stance}`}>{ui.stance(claim.stance)}</span> “{claim.sentence}”{" "}
                <a href={`/articles/${claim.articleId}#claim-${claim.id}`}>
                  {titles.get(claim.articleId)?.source ?? t.claims.article}
                </a>
              </blockquote>
            );
            return (
              <li key={thread.key} className={head!.stance}>
                <span className="who">
                  <a href={`/entities/${encodeURIComponent(thread.claimant.slug)}`}>{thread.claimant.name}</a> →{" "}
                  <a href={`/entities/${encodeURIComponent(thread.target.slug)}`}>{thread.target.name}</a>
                </span>{" "}
                ·{" "}
                <a href={`/claims/${encodeURIComponent(thread.claimant.slug)}/${encodeURIComponent(thread.target.slug)}/${thread.type}`}>
                  {ui.claimType(thread.type)}
                </a>{" "}
                <span className="meta-inline">({thread.claims.length})</span>
                {sentence(head!)}
                {rest.length > 0 && (
                  <details>
                    <summary>+{rest.length}</summary>
                    {rest.map(sentence)}
                  </details>
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
              {story.sources.map((s) => (
                <tr key={s.name}>
                  <td>{s.name}</td>
                  <td>{s.languages.map((l) => ui.language(l)).join(", ")}</td>
                  <td className="num">{s.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
              {[...languages].map(([code, count]) => (
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
