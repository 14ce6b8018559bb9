import type { Metadata } from "next";
import { getUi } from "../../lib/i18n/server";
import { getDb } from "../../lib/store/db";
import { claimMatrixPage } from "../../lib/store/pages/list-claim-matrix";

export const dynamic = "force-dynamic";

/** Claim types named in one cell; the rest are counted and left to the claimant's page. */
const TYPES_PER_CELL = 2;

export async function generateMetadata(): Promise<Metadata> {
  const ui = await getUi();
  return { title: ui.t.claims.title };
}

/** Who accuses whom of what: claimants × targets, each cell listing claim types that link to their thread. */
export default async function ClaimsPage() {
  const ui = await getUi();
  const { t } = ui;
  const matrix = await claimMatrixPage(getDb());
  return (
    <>
      <h1>{t.claims.title}</h1>
      <p className="lead">{t.claims.intro}</p>
      {matrix.total > 0 && (
        // The same cells as a list: what a narrow screen shows instead of the wide table.
        <ul className="claim-list matrix-list">
          {matrix.claimants.flatMap((claimant) =>
            matrix.targets.flatMap((target) => {
              const cell = matrix.cells.get(`${claimant.slug}|${target.slug}`);
              if (!cell) return [];
              return [
                <li key={`${claimant.slug}|${target.slug}`}>
                  <span className="who">
                    {claimant.name} → {target.name}
                  </span>{" "}
                  {cell.types.slice(0, TYPES_PER_CELL).map(({ type, count }) => (
                    <span key={type}>
                      · <a href={`/claims/${encodeURIComponent(claimant.slug)}/${encodeURIComponent(target.slug)}/${type}`}>{ui.claimType(type)}</a>{" "}
                      <span className="meta-inline">({count})</span>{" "}
                    </span>
                  ))}
                  {cell.types.length > TYPES_PER_CELL && (
                    <a href={`/entities/${encodeURIComponent(claimant.slug)}#made`} className="meta-inline">
                      {t.claims.moreTypes(cell.types.length - TYPES_PER_CELL)}
                    </a>
                  )}
                </li>,
              ];
            }),
          )}
        </ul>
      )}
      {matrix.total === 0 ? (
        <p className="empty">{t.claims.empty}</p>
      ) : (
        <div className="scroll matrix-wrap" tabIndex={0} role="region" aria-labelledby="matrix-caption">
          <table className="matrix">
            <caption id="matrix-caption" className="visually-hidden">
              {t.claims.matrixCaption}
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  {t.claims.claimant} ↓ / {t.claims.target} →
                </th>
                {matrix.targets.map((target) => (
                  <th scope="col" key={target.slug}>
                    <a href={`/entities/${encodeURIComponent(target.slug)}`}>{target.name}</a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.claimants.map((claimant) => (
                <tr key={claimant.slug}>
                  <th scope="row">
                    <a href={`/entities/${encodeURIComponent(claimant.slug)}`}>{claimant.name}</a>
                  </th>
                  {matrix.targets.map((target) => {
                    const cell = matrix.cells.get(`${claimant.slug}|${target.slug}`);
                    return (
                      <td key={target.slug}>
                        {cell && (
                          <ul>
                            {cell.types.slice(0, TYPES_PER_CELL).map(({ type, count }) => (
                              <li key={type}>
                                <a
                                  href={`/claims/${encodeURIComponent(claimant.slug)}/${encodeURIComponent(target.slug)}/${type}`}
                                  aria-label={t.claims.threadTitle(claimant.name, ui.claimType(type), target.name) + ` (${count})`}
                                >
                                  {ui.claimType(type)}
                                </a>{" "}
                                <span className="meta-inline">{count}</span>
                              </li>
                            ))}
                            {cell.types.length > TYPES_PER_CELL && (
                              <li>
                                <a href={`/entities/${encodeURIComponent(claimant.slug)}#made`} className="meta-inline">
                                  {t.claims.moreTypes(cell.types.length - TYPES_PER_CELL)}
                                </a>
                              </li>
                            )}
                          </ul>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
