/** Earlier / later links between the numbered pages of a long list (a story's articles, a thread's sentences). */

/** The pager of page `page` of `pages` (1-based); nothing when everything fits on one page. */
export function Pager({
  page,
  pages,
  href,
  label,
  earlier,
  later,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  label: string;
  earlier: string;
  later: string;
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
