/** Entity and claim chips: small links used on cards, stories and search results. */
import type { Ui } from "@/lib/i18n";
import { entityPath } from "@/lib/urls";

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
      <a href={entityPath(slug)}>
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

/** A story's or a card's entities as chips; nothing when it has none. */
export function EntityChips({
  entities,
  ui,
}: {
  entities: readonly { slug: string; name: string }[];
  ui: Ui;
}) {
  if (entities.length === 0) return null;
  return (
    <ul className="chips" aria-label={ui.t.card.entities}>
      {entities.map((entity) => (
        <EntityChip key={entity.slug} slug={entity.slug} name={entity.name} />
      ))}
    </ul>
  );
}

/** Claim types with their counts as chips; `href` says where each leads (the timeline filtered by it, by default). */
export function ClaimChips({
  claims,
  ui,
  href,
}: {
  claims: readonly { type: string; count: number }[];
  ui: Ui;
  href?: (type: string) => string;
}) {
  if (claims.length === 0) return null;
  return (
    <ul className="chips" aria-label={ui.t.card.claims}>
      {claims.map(({ type, count }) => (
        <ClaimChip key={type} type={type} count={count} ui={ui} href={href?.(type)} />
      ))}
    </ul>
  );
}

/** The "Sample data" badge on anything loaded from the bundled sample corpus. */
export function SampleBadge({ ui }: { ui: Ui }) {
  return <span className="badge sample">{ui.t.card.sample}</span>;
}
