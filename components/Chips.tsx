/** Entity and claim chips: small links used on cards, stories and search results. */
import type { Ui } from "@/lib/i18n";

/** A link to an entity's page. */
export function EntityChip({ slug, name, count }: { slug: string; name: string; count?: number }) {
  return (
    <li className="chip">
      <a href={`/entities/${encodeURIComponent(slug)}`}>
        {name}
        {count !== undefined && count > 1 ? <span className="chip-count"> {count}</span> : null}
      </a>
    </li>
  );
}

/** A claim type chip; `href` says where it leads (the timeline filtered by it, by default). */
export function ClaimChip({
  type,
  count,
  ui,
  href,
}: {
  type: string;
  count?: number;
  ui: Ui;
  href?: string;
}) {
  return (
    <li className="chip claim">
      <a href={href ?? `/?claim=${encodeURIComponent(type)}`}>
        {ui.claimType(type)}
        {count !== undefined && count > 1 ? <span className="chip-count"> {count}</span> : null}
      </a>
    </li>
  );
}

/** The "Sample data" badge on anything loaded from the bundled sample corpus. */
export function SampleBadge({ ui }: { ui: Ui }) {
  return <span className="badge sample">{ui.t.card.sample}</span>;
}
