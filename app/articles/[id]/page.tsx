import type { Metadata } from "next";
import { getConfig } from "@/lib/config";
import { tagEntities } from "@/lib/enrich/entities";
import { notFound } from "next/navigation";
import { cache } from "react";
import { AnnotatedText, type TextClaim, type TextMention } from "@/components/AnnotatedText";
import { SampleBadge } from "@/components/Chips";
import { parseRowId } from "@/lib/http/input";
import { getUi } from "@/lib/i18n/server";
import { getDb } from "@/lib/store/db";
import { getArticle } from "@/lib/store/pages/get-article";
import { hostOf, threadPath } from "@/lib/urls";
import { PartyPair } from "@/components/Parties";
import { Stance } from "@/components/Stance";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

function articleId(raw: string): number {
  // An id the id column cannot hold is no article (PostgreSQL would fail the query on it).
  return parseRowId(raw) ?? NaN;
}

// One load per request, shared by the metadata and the page.
const load = cache((id: number) => getArticle(getDb(), id));

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const article = await load(articleId((await params).id));
  return { title: article?.title ?? "404" };
}

/** An article: clean text with entity mentions and claim sentences marked, metadata, copies elsewhere. */
export default async function ArticlePage({ params }: { params: Params }) {
  const ui = await getUi();
  const { t } = ui;
  const article = await load(articleId((await params).id));
  if (!article) notFound();

  // Spans stored at ingest; an article stored before spans were kept has none, and is tagged again
  // here (only entities it is stored as mentioning become links).
  const known = new Map(
    article.mentions.filter((m) => m.entity.verified).map((m) => [m.entity.slug, m.entity]),
  );
  const spans =
    article.mentionSpans.length > 0 || known.size === 0
      ? article.mentionSpans
      : tagEntities(article.text, { language: article.language, title: article.title })
          .filter((m) => m.verified && known.has(m.slug))
          .map((m) => ({
            start: m.start,
            end: m.end,
            slug: m.slug,
            name: known.get(m.slug)!.name,
          }));
  const mentions: TextMention[] = spans.map((m) => ({
    start: m.start,
    end: m.end,
    href: `/entities/${encodeURIComponent(m.slug)}`,
    title: m.name,
  }));
  const claims: TextClaim[] = article.claims.map((c) => {
    let { start, end } = c;
    // Offsets refer to the analysed text; fall back to finding the sentence should they not line up.
    if (article.text.slice(start, end) !== c.sentence) {
      const at = article.text.indexOf(c.sentence);
      if (at >= 0) [start, end] = [at, at + c.sentence.length];
    }
    return {
      id: c.id,
      start,
      end,
      label: `${c.claimant.name} → ${c.target.name}: ${ui.claimType(c.type)} (${ui.stance(c.stance)})`,
    };
  });
  const story = article.story?.story ?? null;
  return (
    <>
      <h1 lang={article.language}>{article.title}</h1>
      <dl className="dl">
        {article.byline && (
          <>
            <dt>{t.article.byline}</dt>
            <dd>{article.byline}</dd>
          </>
        )}
        <dt>{t.article.published}</dt>
        <dd>
          {article.publishedAt ? (
            <time dateTime={article.publishedAt.toISOString()}>
              {ui.dates.dateTime(article.publishedAt)}
            </time>
          ) : (
            t.timeline.undated
          )}
        </dd>
        <dt>{t.article.source}</dt>
        <dd>{article.sourceName ?? article.source?.title ?? hostOf(article.url)}</dd>
        <dt>{t.article.language}</dt>
        <dd>{ui.language(article.language)}</dd>
        <dt>{t.article.relevance}</dt>
        <dd>{t.article.topic(topicLevel(article.relevance))}</dd>
        {story && (
          <>
            <dt>{t.article.story}</dt>
            <dd>
              <a href={`/stories/${story.id}`}>{story.title}</a>
            </dd>
          </>
        )}
      </dl>
      <p className="meta">
        {article.isSample && <SampleBadge ui={ui} />}
        <a href={article.url} rel="noopener noreferrer">
          {t.article.original} ↗
        </a>
      </p>
      {article.duplicateOf && (
        <p>
          {t.article.duplicateOf}{" "}
          <a href={`/articles/${article.duplicateOf.id}`}>{article.duplicateOf.title}</a> (
          {article.duplicateOf.sourceName ?? hostOf(article.duplicateOf.url)})
        </p>
      )}
      <p className="legend">
        {t.article.legend} <mark className="claim">…</mark>
      </p>
      <AnnotatedText
        text={article.text}
        mentions={mentions}
        claims={claims}
        lang={article.language}
      />

      {article.claims.length > 0 && (
        <section aria-labelledby="article-claims">
          <h2 id="article-claims">{t.article.claims}</h2>
          <ul className="claim-list">
            {article.claims.map((c) => (
              <li key={c.id} className={c.stance}>
                <span className="who">
                  <PartyPair claimant={c.claimant} target={c.target} />
                </span>{" "}
                · <Stance stance={c.stance} ui={ui} /> ·{" "}
                <a href={threadPath(c.claimant.slug, c.target.slug, c.type)}>
                  {ui.claimType(c.type)}
                </a>{" "}
                <a href={`#claim-${c.id}`} className="meta-inline">
                  ¶<span className="visually-hidden">{c.sentence.slice(0, 60)}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {article.duplicates.length > 0 && (
        <section aria-labelledby="duplicates">
          <h2 id="duplicates">{t.article.duplicates}</h2>
          <ul>
            {article.duplicates.map((d) => (
              <li key={d.id}>
                <a href={d.url} rel="noopener noreferrer">
                  {d.sourceName ?? hostOf(d.url)}
                </a>{" "}
                — <a href={`/articles/${d.id}`}>{d.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/**
 * The relevance score in words a reader can use: below the threshold an article stays out of the
 * timeline; well above it, it is plainly about a dispute.
 */
function topicLevel(relevance: number): "clear" | "partly" | "off" {
  const threshold = getConfig().RELEVANCE_THRESHOLD;
  if (relevance < threshold) return "off";
  return relevance >= Math.max(0.7, threshold) ? "clear" : "partly";
}
