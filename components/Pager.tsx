/** Earlier / later links between the numbered pages of a long list (a story's articles, a thread's sentences, the claims table). */
import type { Ui } from "@/lib/i18n";

/** Page N's address: the path itself for the first page, `?page=N` after it. */
export function pageHrefs(path: string): (page: number) => string {
  return (page) => (page === 1 ? path : `${path}?page=${page}`);
}

/**
 * The pager of page `page` of `pages` (1-based); nothing when everything fits on one page. `words`
 * name the pages and the two directions (a page's messages: `t.story`, `t.claims`).
 */
export function Pager({
  page,
  pages,
  href,
  words: { pages: label, earlier, later },
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  words: { pages: string; earlier: string; later: string };
}) {
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      {page > 1 && (
        <a rel="prev" href={href(page - 1)}>
          ← {earlier}
        </a>
      )}
      {page < pages && (
        <a rel="next" href={href(page + 1)}>
          {later} →
        </a>
      )}
    </nav>
  );
}

/** "Page N of M" above a list that has more than one page. */
export function PageCount({ page, pages, ui }: { page: number; pages: number; ui: Ui }) {
  return pages > 1 ? <p className="meta">{ui.t.claims.page(page, pages)}</p> : null;
}
