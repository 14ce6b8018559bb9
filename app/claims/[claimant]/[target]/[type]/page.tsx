import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { DayOrUndated } from "@/components/Day";
import { FeedSlot, feedAlternates } from "@/components/FeedSlot";
import { PageCount, Pager, pageHrefs } from "@/components/Pager";
import { PartyPair } from "@/components/Parties";
import { Stance } from "@/components/Stance";
import type { ClaimType } from "@/lib/types";
import { decodePathSegment } from "@/lib/http/input";
import { getUi } from "@/lib/i18n/server";
import { getDb } from "@/lib/store/db";
import { getClaimThread } from "@/lib/store/pages/get-claim-thread";
import { CLAIM_TYPES } from "@/lib/types";
import { threadPath } from "@/lib/urls";

export const dynamic = "force-dynamic";

type Params = Promise<{ claimant: string; target: string; type: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Stance changes and sources shown before the rest is summed up. */
const SHOWN_CHANGES = 20;
const SHOWN_SOURCES = 24;

// One load per request, shared by the metadata and the page.
const loadThread = cache(async (claimant: string, target: string, type: string, page: number) => {
  const claimantSlug = decodePathSegment(claimant);
  const targetSlug = decodePathSegment(target);
  // A segment that does not decode names no party: no thread, a 404.
  if (
    !(CLAIM_TYPES as readonly string[]).includes(type) ||
    claimantSlug === null ||
    targetSlug === null
  )
    return null;
  return getClaimThread(getDb(), claimantSlug.toLowerCase(), targetSlug.toLowerCase(), type, {
    page,
    shared: true,
  });
});

async function load(params: Params, searchParams: SearchParams) {
  const { claimant, target, type } = await params;
  const page = (await searchParams).page;
  // The proxy answered 400 for a page that is not a number from 1.
  return loadThread(claimant, target, type, typeof page === "string" ? Number(page) : 1);
}

function threadView(detail: {
  claimant: { slug: string };
  target: { slug: string };
  type: string;
}) {
  return {
    kind: "thread" as const,
    claimant: detail.claimant.slug,
    target: detail.target.slug,
    type: detail.type as ClaimType,
  };
}

export async function generateMetadata({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}): Promise<Metadata> {
  const [ui, detail] = await Promise.all([getUi(), load(params, searchParams)]);
  if (!detail) return { title: "404" };
  const title = ui.t.claims.threadTitle(
    detail.claimant.name,
    ui.claimType(detail.type),
    detail.target.name,
  );
  return { title, alternates: await feedAlternates(threadView(detail), title) };
}

/** A claim thread: how the stances ran, then every sentence carrying it, by source and date. */
export default async function ClaimThreadPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const ui = await getUi();
  const { t } = ui;
  const detail = await load(params, searchParams);
  if (!detail) notFound();
  const { thread } = detail;
  const hidden = Math.max(0, thread.stances.length - SHOWN_CHANGES);
  return (
    <>
      <p className="meta">
        <a href="/claims">← {t.claims.allClaims}</a>
      </p>
      <div className="page-head">
        <h1>
          <PartyPair claimant={detail.claimant} target={detail.target} />:{" "}
          {ui.claimType(detail.type)}
        </h1>
        <FeedSlot view={threadView(detail)} ui={ui} />
      </div>
      <dl className="dl">
        <dt>{t.claims.firstSeen}</dt>
        <dd>{ui.dates.day(thread.firstSeen)}</dd>
        <dt>{t.claims.lastSeen}</dt>
        <dd>{ui.dates.day(thread.lastSeen)}</dd>
        <dt>{t.claims.sources}</dt>
        <dd>
          {thread.sources.slice(0, SHOWN_SOURCES).join(", ")}
          {thread.sources.length > SHOWN_SOURCES &&
            ` ${t.claims.moreSources(thread.sources.length - SHOWN_SOURCES)}`}
        </dd>
        <dt>{t.claims.stanceCounts}</dt>
        <dd>
          {detail.stanceCounts.map((s, index) => (
            <span key={s.stance}>
              {index > 0 && " · "}
              <Stance stance={s.stance} ui={ui} /> {s.count}
            </span>
          ))}
        </dd>
      </dl>

      <section aria-labelledby="stances">
        <h2 id="stances">{t.claims.stances}</h2>
        {hidden > 0 && <p className="meta">{t.claims.earlierChanges(hidden)}</p>}
        <ol className="stance-run" start={hidden + 1}>
          {thread.stances.slice(hidden).map((step, index) => (
            <li key={`${step.stance}-${index}`}>
              <Stance stance={step.stance} ui={ui} />{" "}
              {step.firstSeen && (
                <time dateTime={step.firstSeen}>{ui.dates.short(step.firstSeen)}</time>
              )}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="sentences">
        <h2 id="sentences">
          {t.claims.sentences} ({detail.total})
        </h2>
        <PageCount page={detail.page} pages={detail.pages} ui={ui} />
        <ol className="timeline">
          {detail.sentences.map((s) => (
            <li key={s.claimId} className={s.stance}>
              <DayOrUndated date={s.article.publishedAt} ui={ui} />
              <span className="meta">
                <span>{s.article.source}</span>
                <span>{ui.language(s.article.language)}</span>
                <Stance stance={s.stance} ui={ui} />
              </span>
              <blockquote lang={s.article.language}>{ui.quote(s.sentence)}</blockquote>
              <span className="meta">
                <a href={`/articles/${s.article.id}#claim-${s.claimId}`} lang={s.article.language}>
                  {s.article.title}
                </a>
                {s.article.storyId !== null && (
                  <a href={`/stories/${s.article.storyId}`}>{t.search.story}</a>
                )}
              </span>
            </li>
          ))}
        </ol>
        <Pager
          page={detail.page}
          pages={detail.pages}
          href={pageHrefs(threadPath(detail.claimant.slug, detail.target.slug, detail.type))}
          words={t.claims}
        />
      </section>
    </>
  );
}
