import type { Metadata } from "next";
import { parseClaimTableParams, type ClaimTableSort } from "@/lib/filters";
import { getUi } from "@/lib/i18n/server";
import type { Ui } from "@/lib/i18n";
import { getDb } from "@/lib/store/db";
import { claimTablePage, claimTableView } from "@/lib/store/pages/list-claim-table";
import { Pager } from "@/components/Pager";
import { EntityLink } from "@/components/Parties";
import { threadPath } from "@/lib/urls";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata(): Promise<Metadata> {
  const ui = await getUi();
  return { title: ui.t.claims.title };
}

/** The table's columns in order, each sortable (the claim type's heading names the column). */
function columnLabel(ui: Ui, column: ClaimTableSort): string {
  const { t } = ui;
  return {
    accuser: t.claims.accuser,
    accused: t.claims.accused,
    type: t.claims.type,
    accusations: t.claims.accusations,
    denials: t.claims.denials,
    reports: t.claims.reports,
    latest: t.claims.latest,
  }[column];
}

const COLUMNS: ClaimTableSort[] = [
  "accuser",
  "accused",
  "type",
  "accusations",
  "denials",
  "reports",
  "latest",
];
const NUMERIC = new Set<ClaimTableSort>(["accusations", "denials", "reports"]);

/**
 * Who accuses whom of what: one row per accusation (accuser → accused, type), with the accused's
 * denials and the reports counted in their own columns, CLAIM_TABLE_PAGE rows a page. Sorting and the type filter are links and
 * a GET form, so they work without script; the table keeps its header row and first column in
 * view while it scrolls inside its own box.
 */
export default async function ClaimsPage({ searchParams }: { searchParams: SearchParams }) {
  const ui = await getUi();
  const { t } = ui;
  // The proxy answered 400 for an unknown claim type or sort.
  const { claim, sort, page } = parseClaimTableParams(await searchParams);
  const view = claimTableView(await claimTablePage(getDb()), { type: claim, sort, page });
  // A sort link starts again at the first page; a page link keeps the filter and the sort.
  const hrefFor = (column: ClaimTableSort, pageNumber = 1) => {
    const params = new URLSearchParams();
    if (claim) params.set("claim", claim);
    if (column !== "accusations") params.set("sort", column);
    if (pageNumber > 1) params.set("page", String(pageNumber));
    const query = params.toString();
    return query ? `/claims?${query}` : "/claims";
  };
  return (
    <>
      <h1>{t.claims.title}</h1>
      <p className="lead">{t.claims.intro}</p>
      {view.total === 0 ? (
        <p className="empty">{t.claims.empty}</p>
      ) : (
        <>
          <form method="get" action="/claims" className="claim-table-filter">
            <label htmlFor="claim-type">{t.claims.filterType}</label>{" "}
            <select id="claim-type" name="claim" defaultValue={claim ?? ""}>
              <option value="">{t.claims.anyType}</option>
              {view.types.map((type) => (
                <option key={type} value={type}>
                  {ui.claimType(type)}
                </option>
              ))}
            </select>
            {sort !== "accusations" && <input type="hidden" name="sort" value={sort} />}{" "}
            <button type="submit">{t.claims.show}</button>{" "}
            <span className="meta-inline" role="status">
              {t.claims.shown(view.offset + 1, view.offset + view.rows.length, view.matching)}
            </span>
          </form>
          <p className="scroll-hint meta-inline">{t.claims.scrollHint}</p>
          <div
            className="claim-table-wrap"
            tabIndex={0}
            role="region"
            aria-labelledby="claim-table-caption"
          >
            <table className="claim-table">
              <caption id="claim-table-caption" className="visually-hidden">
                {t.claims.tableCaption}
              </caption>
              <thead>
                <tr>
                  {COLUMNS.map((column) => (
                    <th
                      key={column}
                      scope="col"
                      className={NUMERIC.has(column) ? "num" : undefined}
                      aria-sort={
                        sort === column
                          ? NUMERIC.has(column) || column === "latest"
                            ? "descending"
                            : "ascending"
                          : undefined
                      }
                    >
                      <a href={hrefFor(column)} title={t.claims.sortBy(columnLabel(ui, column))}>
                        {columnLabel(ui, column)}
                        {sort === column
                          ? NUMERIC.has(column) || column === "latest"
                            ? " ↓"
                            : " ↑"
                          : ""}
                      </a>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.rows.map((row) => {
                  const thread = threadPath(row.accuser.slug, row.accused.slug, row.type);
                  return (
                    <tr
                      key={`${row.accuser.slug}|${row.accused.slug}|${row.type}`}
                      data-accuser={row.accuser.slug}
                      data-accused={row.accused.slug}
                      data-type={row.type}
                    >
                      <th scope="row">
                        <EntityLink {...row.accuser} />
                      </th>
                      <td>
                        <EntityLink {...row.accused} />
                      </td>
                      <td>
                        <a
                          href={thread}
                          aria-label={`${t.claims.threadTitle(row.accuser.name, ui.claimType(row.type), row.accused.name)}: ${t.claims.counts(row.accusations, row.denials, row.reports)}`}
                        >
                          {ui.claimType(row.type)}
                        </a>
                      </td>
                      <td className="num" data-column="accusations">
                        {row.accusations}
                      </td>
                      <td className="num" data-column="denials">
                        {row.denials}
                      </td>
                      <td className="num" data-column="reports">
                        {row.reports}
                      </td>
                      <td data-column="latest">
                        {row.latest ? (
                          <time dateTime={row.latest.toISOString()}>
                            {ui.dates.short(row.latest)}
                          </time>
                        ) : (
                          ""
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pager
            page={view.page}
            pages={view.pages}
            href={(pageNumber) => hrefFor(sort, pageNumber)}
            words={{
              pages: t.claims.tablePages,
              earlier: t.claims.previousRows,
              later: t.claims.nextRows,
            }}
          />
        </>
      )}
    </>
  );
}
