import type { Metadata } from "next";
import { FlashMessage } from "@/components/admin/flash-message";
import { requireAdminPageWithFlash, type AdminSearchParams } from "@/components/admin/server";
import { SourceCard } from "@/components/admin/source-card";
import { format } from "@/lib/i18n/messages/admin";
import { getDb } from "@/lib/store/db";
import { listSources, recentFetches } from "@/lib/store/sources";
import { countSampleArticles } from "@/lib/store/stories";

export const metadata: Metadata = { title: "Sources" };

/** Recent fetches shown per source. */
const FETCHES_PER_SOURCE = 5;

/** The sources page: add, import, export, and every source with its state and actions. */
export default async function AdminSourcesPage({
  searchParams,
}: {
  searchParams: AdminSearchParams;
}) {
  const { locale, t, query, flash } = await requireAdminPageWithFlash(searchParams);
  const enteredUrl = typeof query.url === "string" && query.error ? query.url : "";
  const db = getDb();
  const sources = await listSources(db);
  const fetches = await Promise.all(
    sources.map((source) => recentFetches(db, source.id, FETCHES_PER_SOURCE)),
  );
  const sampleArticles = await countSampleArticles(db);
  const now = new Date();
  return (
    <>
      <h1>{t.title}</h1>
      {flash && !flash.forAddForm ? <FlashMessage flash={flash} /> : null}
      <div className="admin-tools">
        <section className="admin-panel" id="add-source" aria-labelledby="add-title">
          <h2 id="add-title">{t.addTitle}</h2>
          {/* A refused URL's message sits above the field it is about, where the redirect scrolls to. */}
          {flash?.forAddForm ? <FlashMessage flash={flash} /> : null}
          <form method="post" action="/api/admin/sources" className="admin-form">
            <label htmlFor="add-url">{t.urlLabel}</label>
            <input
              id="add-url"
              name="url"
              type="url"
              inputMode="url"
              required
              defaultValue={enteredUrl}
              placeholder="https://example.org/feed.xml"
              aria-describedby={flash?.forAddForm ? "flash add-help" : "add-help"}
              aria-invalid={flash?.kind === "error" && enteredUrl ? true : undefined}
            />
            <p id="add-help" className="admin-help">
              {t.addHelp}
            </p>
            <label htmlFor="add-title-field">{t.titleLabel}</label>
            <input id="add-title-field" name="title" type="text" maxLength={300} />
            <button type="submit" className="admin-button">
              {t.addButton}
            </button>
          </form>
        </section>
        <section className="admin-panel" id="import-opml" aria-labelledby="import-title">
          <h2 id="import-title">{t.importTitle}</h2>
          <form
            method="post"
            action="/api/admin/opml/import"
            encType="multipart/form-data"
            className="admin-form"
          >
            <label htmlFor="opml-file">{t.fileLabel}</label>
            <input
              id="opml-file"
              name="file"
              type="file"
              accept=".opml,.xml,text/x-opml,application/xml,text/xml"
              required
              aria-describedby="import-help"
            />
            <p id="import-help" className="admin-help">
              {t.importHelp}
            </p>
            <button type="submit" className="admin-button">
              {t.importButton}
            </button>
          </form>
          <h2 id="export-title">{t.exportTitle}</h2>
          <p>
            <a href="/api/admin/opml/export" download>
              {t.exportLink}
            </a>
          </p>
        </section>
        {sampleArticles > 0 && (
          <section className="admin-panel" id="sample-data" aria-labelledby="sample-title">
            <h2 id="sample-title">{t.sampleTitle}</h2>
            <p>{format(t.sampleBody, { n: sampleArticles })}</p>
            <form method="post" action="/api/admin/sample/remove" className="admin-form">
              <button type="submit" className="admin-button">
                {t.sampleButton}
              </button>
            </form>
          </section>
        )}
      </div>
      <section aria-labelledby="sources-title" id="sources">
        <h2 id="sources-title">{format(t.sourcesCount, { n: sources.length })}</h2>
        {sources.length === 0 ? (
          <p>{t.noSources}</p>
        ) : (
          <ul className="admin-sources">
            {sources.map((source, index) => (
              <SourceCard
                key={source.id}
                source={source}
                fetches={fetches[index]}
                locale={locale}
                t={t}
                now={now}
              />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
