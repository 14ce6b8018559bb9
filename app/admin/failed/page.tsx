import type { Metadata } from "next";
import { FlashMessage } from "@/components/admin/flash-message";
import { requireAdminPageWithFlash, type AdminSearchParams } from "@/components/admin/server";
import { format } from "@/lib/i18n/messages/admin";
import { getDb } from "@/lib/store/db";
import { countFailedItems, listFailedItems } from "@/lib/store/source-items";

export const metadata: Metadata = { title: "Failed items" };

/** Failed items listed at most; the count above says how many there are in all. */
const SHOWN = 200;

/**
 * Items that failed for good (ingest jobs out of tries, or refused at once), each with its error
 * and a Retry button; Retry all puts every one back. Forms post, so it works without JavaScript.
 */
export default async function AdminFailedItemsPage({
  searchParams,
}: {
  searchParams: AdminSearchParams;
}) {
  const { t, flash } = await requireAdminPageWithFlash(searchParams);
  const db = getDb();
  const [items, total] = await Promise.all([listFailedItems(db, SHOWN), countFailedItems(db)]);
  return (
    <>
      <h1>{t.failedTitle}</h1>
      {flash ? <FlashMessage flash={flash} /> : null}
      <p className="admin-help">{t.failedIntro}</p>
      {total === 0 ? (
        <p>{t.failedNone}</p>
      ) : (
        <section className="admin-panel" aria-labelledby="failed-count">
          <h2 id="failed-count">{format(t.failedCount, { n: total })}</h2>
          <form method="post" action="/api/admin/failed/retry">
            <button type="submit" className="admin-button">
              {t.retryAll}
            </button>
          </form>
          <div className="admin-table-wrap">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t.failedItem}</th>
                  <th scope="col">{t.failedSource}</th>
                  <th scope="col">{t.failedAttempts}</th>
                  <th scope="col">{t.failedError}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t.retry}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id} id={`item-${item.id}`}>
                    <td>
                      <span className="admin-url">{item.item.title ?? item.url}</span>
                      <br />
                      <a className="admin-url" href={item.url} rel="noopener noreferrer">
                        {item.url}
                      </a>
                    </td>
                    <td>{item.sourceTitle ?? item.sourceUrl}</td>
                    <td>{item.attempts}</td>
                    <td className="admin-error-text">{item.lastError}</td>
                    <td>
                      <form method="post" action="/api/admin/failed/retry">
                        <input type="hidden" name="id" value={item.id} />
                        <button
                          type="submit"
                          className="admin-button secondary"
                          aria-label={`${t.retry}: ${item.url}`}
                        >
                          {t.retry}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
