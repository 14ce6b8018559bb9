import type { AdminLocale, AdminMessages } from "@/lib/i18n/messages/admin";
import { format } from "@/lib/i18n/messages/admin";
import type { SourceRow } from "@/lib/store/sources";
import { formatWhen } from "./server";

/** One fetch record as the admin page shows it. */
export interface FetchView {
  id: number;
  startedAt: Date;
  outcome: string;
  status: number | null;
  itemsFound: number;
  itemsNew: number;
  error: string | null;
  durationMs: number | null;
}

function When({
  locale,
  date,
  fallback,
}: {
  locale: AdminLocale;
  date: Date | null;
  fallback: string;
}) {
  const text = formatWhen(locale, date);
  return text && date ? <time dateTime={date.toISOString()}>{text}</time> : <>{fallback}</>;
}

/** A source with its fetch state, its actions and its latest fetches. */
export function SourceCard({
  source,
  fetches,
  locale,
  t,
  now,
}: {
  source: SourceRow;
  fetches: FetchView[];
  locale: AdminLocale;
  t: AdminMessages;
  now: Date;
}) {
  const title = source.title ?? source.url;
  const headingId = `source-${source.id}-title`;
  const due = source.nextFetchAt && source.nextFetchAt.getTime() <= now.getTime();
  return (
    <li
      className={`admin-source${source.paused ? " is-paused" : ""}${source.errorCount > 0 ? " is-failing" : ""}`}
      id={`source-${source.id}`}
      aria-labelledby={headingId}
    >
      <div className="admin-source-head">
        <h3 id={headingId}>{title}</h3>
        <ul className="admin-tags" aria-label="state">
          <li className="admin-tag">{source.kind === "page" ? t.kindPage : t.kindFeed}</li>
          {source.isSample ? <li className="admin-tag sample">{t.sample}</li> : null}
          {source.paused ? <li className="admin-tag paused">{t.paused}</li> : null}
          {source.errorCount > 0 ? <li className="admin-tag failing">{t.failing}</li> : null}
        </ul>
      </div>
      <p className="admin-url">
        <a href={source.url} rel="noopener noreferrer nofollow">
          {source.url}
        </a>
      </p>
      <dl className="admin-state">
        <div>
          <dt>{t.lastFetch}</dt>
          <dd>
            <When locale={locale} date={source.lastFetchedAt} fallback={t.never} />
            {source.lastStatus !== null ? ` · ${t.status} ${source.lastStatus}` : null}
          </dd>
        </div>
        <div>
          <dt>{t.lastSuccess}</dt>
          <dd>
            <When locale={locale} date={source.lastSuccessAt} fallback={t.never} />
          </dd>
        </div>
        <div>
          <dt>{t.nextFetch}</dt>
          <dd>
            {source.paused ? (
              "—"
            ) : due ? (
              t.now
            ) : (
              <When locale={locale} date={source.nextFetchAt} fallback="—" />
            )}
          </dd>
        </div>
        <div>
          <dt>{t.errorCount}</dt>
          <dd>{source.errorCount}</dd>
        </div>
        {source.lastError ? (
          <div className="wide">
            <dt>{t.lastError}</dt>
            <dd className="admin-error-text">{source.lastError}</dd>
          </div>
        ) : null}
        {source.paused && source.pausedReason ? (
          <div className="wide">
            <dt>{t.pausedReason}</dt>
            <dd>{source.pausedReason}</dd>
          </div>
        ) : null}
      </dl>
      <div className="admin-actions" role="group" aria-label={format(t.actionsFor, { title })}>
        {source.paused ? (
          <form method="post" action={`/api/admin/sources/${source.id}/resume`}>
            <button type="submit" className="admin-button secondary">
              {t.resume}
            </button>
          </form>
        ) : (
          <form method="post" action={`/api/admin/sources/${source.id}/pause`}>
            <button type="submit" className="admin-button secondary">
              {t.pause}
            </button>
          </form>
        )}
        {/* Sample sources have invented URLs served from disk at start-up; fetching them would only fail. */}
        {source.isSample ? null : (
          <form method="post" action={`/api/admin/sources/${source.id}/refresh`}>
            <button type="submit" className="admin-button secondary">
              {t.refresh}
            </button>
          </form>
        )}
        <a className="admin-button danger" href={`/admin/sources/${source.id}/remove`}>
          {t.remove}
        </a>
      </div>
      <details className="admin-fetches">
        <summary>{format(t.recentFetches, { n: fetches.length })}</summary>
        {fetches.length === 0 ? (
          <p>{t.noFetches}</p>
        ) : (
          <div className="admin-table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t.fetchWhen}</th>
                  <th scope="col">{t.fetchOutcome}</th>
                  <th scope="col">{t.fetchItems}</th>
                  <th scope="col">{t.fetchDuration}</th>
                  <th scope="col">{t.fetchError}</th>
                </tr>
              </thead>
              <tbody>
                {fetches.map((fetch) => (
                  <tr key={fetch.id}>
                    <td>
                      <When locale={locale} date={fetch.startedAt} fallback="—" />
                    </td>
                    <td>
                      {fetch.outcome}
                      {fetch.status !== null ? ` (${fetch.status})` : ""}
                    </td>
                    <td>
                      {fetch.itemsFound} ({fetch.itemsNew})
                    </td>
                    <td>{fetch.durationMs !== null ? `${fetch.durationMs} ms` : "—"}</td>
                    <td className="admin-error-text">{fetch.error ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>
    </li>
  );
}
