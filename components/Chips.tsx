/** Entity and claim chips: small links used on cards, stories and search results. */
import type { Ui } from "@/lib/i18n";

/** A link to an entity's page; `countText` says what a count counts ("12 articles"), never a bare number. */
export function EntityChip({
  slug,
  name,
  countText,
}: {
  slug: string;
  name: string;
  countText?: string;
}) {
  return (
    <li className="chip">
      <a href={`/entities/${encodeURIComponent(slug)}`}>
        {name}
        {countText ? <span className="chip-count"> · {countText}</span> : null}
      </a>
    </li>
  );
}

/** A claim type chip, with how many claims it stands for in words; `href` says where it leads (the timeline filtered by it, by default). */
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
        {count !== undefined && count > 1 ? (
          <span className="chip-count"> · {ui.t.card.claimCount(count)}</span>
        ) : null}
      </a>
    </li>
  );
}

/** The "Sample data" badge on anything loaded from the bundled sample corpus. */
export function SampleBadge({ ui }: { ui: Ui }) {
  return <span className="badge sample">{ui.t.card.sample}</span>;
}
