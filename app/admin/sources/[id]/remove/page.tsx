import type { Metadata } from "next";
import { requireAdminPage } from "@/components/admin/server";
import { parseRowId } from "@/lib/http/input";
import { getDb } from "@/lib/store/db";
import { findSource } from "@/lib/store/sources";

export const metadata: Metadata = { title: "Remove a source" };

/** The confirmation step of removing a source: a second form, so it works without JavaScript. */
export default async function RemoveSourcePage({ params }: { params: Promise<{ id: string }> }) {
  const { t } = await requireAdminPage();
  const { id } = await params;
  const sourceId = parseRowId(id);
  const source = sourceId !== null ? await findSource(getDb(), sourceId) : null;
  if (!source) {
    return (
      <section className="admin-panel">
        <h1>{t.notFound}</h1>
        <p>
          <a href="/admin">{t.cancel}</a>
        </p>
      </section>
    );
  }
  return (
    <section className="admin-panel admin-confirm" aria-labelledby="remove-title">
      <h1 id="remove-title">{t.removeTitle}</h1>
      <p>
        <strong>{source.title ?? source.url}</strong>
        <br />
        <span className="admin-url">{source.url}</span>
      </p>
      <p>{t.removeBody}</p>
      <div className="admin-actions">
        <form method="post" action={`/api/admin/sources/${source.id}/remove`}>
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit" className="admin-button danger">
            {t.removeConfirm}
          </button>
        </form>
        <a className="admin-button secondary" href={`/admin#source-${source.id}`}>
          {t.cancel}
        </a>
      </div>
    </section>
  );
}
