/**
 * Entity and claim chips: small links used on cards, stories, entities and search results. They
 * are written as markup strings (lib/text/markup.ts): a timeline page holds hundreds of them.
 */
import type { Ui } from "@/lib/i18n";
import { inner, markup, type Markup } from "@/lib/text/markup";
import { entityPath } from "@/lib/urls";

/** A link to an entity's page; `countText` says what a count counts ("12 articles"), never a bare number. */
export function entityChip(entity: { slug: string; name: string }, countText?: string): Markup {
  const count = countText ? markup`<span class="chip-count"> · ${countText}</span>` : null;
  return markup`<li class="chip"><a href="${entityPath(entity.slug)}">${entity.name}${count}</a></li>`;
}

/** A claim type chip, with how many claims it stands for in words; `href`: where it leads (the timeline filtered by it, by default). */
export function claimChip(
  claim: { type: string; count?: number },
  ui: Ui,
  href = `/?claim=${encodeURIComponent(claim.type)}`,
): Markup {
  const count =
    claim.count !== undefined && claim.count > 1
      ? markup`<span class="chip-count"> · ${ui.t.card.claimCount(claim.count)}</span>`
      : null;
  return markup`<li class="chip claim"><a href="${href}">${ui.claimType(claim.type)}${count}</a></li>`;
}

/** A list of chips with its label, as markup (inside a card written as markup). */
export function chipList(label: string, chips: Markup[]): Markup | null {
  return chips.length === 0 ? null : markup`<ul class="chips" aria-label="${label}">${chips}</ul>`;
}

/** A list of chips with its label, as an element of a page; nothing when there are none. */
export function Chips({ label, chips }: { label?: string; chips: Markup[] }) {
  if (chips.length === 0) return null;
  return (
    <ul className="chips" aria-label={label} dangerouslySetInnerHTML={inner(markup`${chips}`)} />
  );
}

/** A story's or a card's entities as chips. */
export function entityChips(entities: readonly { slug: string; name: string }[]): Markup[] {
  return entities.map((entity) => entityChip(entity));
}

/** Claim types with their counts as chips; `href` says where each leads (the timeline filtered by it, by default). */
export function claimChips(
  claims: readonly { type: string; count: number }[],
  ui: Ui,
  href?: (type: string) => string,
): Markup[] {
  return claims.map((claim) => claimChip(claim, ui, href?.(claim.type)));
}

/** The "Sample data" badge on anything loaded from the bundled sample corpus. */
export function sampleBadge(ui: Ui): Markup {
  return markup`<span class="badge sample">${ui.t.card.sample}</span>`;
}

/** The same badge as an element of a page. */
export function SampleBadge({ ui }: { ui: Ui }) {
  return <span className="badge sample">{ui.t.card.sample}</span>;
}
