/** Boxed sections of a detail page (side by side in `.two-col`), and the count tables inside them. */
import type { ReactNode } from "react";

/** A boxed section headed by `title`; `id` names the heading the section is labelled by. */
export function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** A table of rows, each ending in a count (right-aligned), under the given column headings. */
export function CountTable({
  columns,
  countLabel,
  rows,
  caption,
}: {
  columns: string[];
  countLabel: string;
  rows: { key: string; cells: ReactNode[]; count: number }[];
  caption?: string;
}) {
  return (
    <table>
      {caption !== undefined && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
          <th scope="col" className="num">
            {countLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, index) => (
              <td key={index}>{cell}</td>
            ))}
            <td className="num">{row.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
