import { getUi } from "@/lib/i18n/server";

/** 404 for unknown stories, entities, claim threads and articles, in the reader's language. */
export default async function NotFound() {
  const { t } = await getUi();
  return (
    <>
      <h1>404 · {t.errors.notFound}</h1>
      <p>{t.errors.notFoundText}</p>
      <p>
        <a href="/">{t.errors.home}</a> · <a href="/search">{t.nav.search}</a>
      </p>
    </>
  );
}
