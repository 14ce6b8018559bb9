import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BarChart } from "@/components/BarChart";
import { Chips, claimChips, entityChip } from "@/components/Chips";
import { FeedSlot, feedAlternates } from "@/components/FeedSlot";
import { CountTable, Panel } from "@/components/Panel";
import { entityLink } from "@/components/Parties";
import { StoryCard } from "@/components/StoryCard";
import { decodePathSegment } from "@/lib/http/input";
import { entityDescription } from "@/lib/i18n/entity-descriptions";
import { getUi } from "@/lib/i18n/server";
import type { Ui } from "@/lib/i18n";
import { getDb } from "@/lib/store/db";
import { entityPage, type ClaimGroup } from "@/lib/store/pages/get-entity";
import { inner, markup } from "@/lib/text/markup";
import { threadPath } from "@/lib/urls";

export const dynamic = "force-dynamic";

type Params = Promise<{ slug: string }>;

function slugOf(raw: string): string {
  // A segment that does not decode names no entity (an empty slug finds none: a 404).
  return (decodePathSegment(raw) ?? "").trim().toLowerCase();
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const entity = await entityPage(getDb(), slugOf((await params).slug));
  return entity
    ? {
        title: entity.name,
        alternates: await feedAlternates(
          { kind: "entity", slug: entity.slug },
          `DisputeWatch: ${entity.name}`,
        ),
      }
    : { title: "404" };
}

/** Parties shown with every claim type; the rest are listed by name (their own page has the detail). */
const PARTIES_IN_FULL = 12;

/** Claims by or against the entity, one line per other party (busiest first), each claim type linking to its thread. */
function ClaimTable({
  rows,
  ui,
  direction,
  name,
  slug,
}: {
  rows: ClaimGroup[];
  ui: Ui;
  direction: "made" | "against";
  name: string;
  slug: string;
}) {
  if (rows.length === 0) return <p>{ui.t.entity.none}</p>;
  const parties = new Map<
    string,
    { other: ClaimGroup["other"]; total: number; types: ClaimGroup[] }
  >();
  for (const row of rows) {
    const party = parties.get(row.other.slug) ?? { other: row.other, total: 0, types: [] };
    party.total += row.count;
    party.types.push(row);
    parties.set(row.other.slug, party);
  }
  const ordered = [...parties.values()].sort(
    (a, b) => b.total - a.total || a.other.name.localeCompare(b.other.name),
  );
  const rest = ordered.slice(PARTIES_IN_FULL);
  const lines = ordered.slice(0, PARTIES_IN_FULL).map(({ other, types }) => {
    const [claimant, target] =
      direction === "made" ? [{ slug, name }, other] : [other, { slug, name }];
    const who =
      direction === "made"
        ? markup`<span class="who">→ ${entityLink(other)}</span>`
        : markup`<span class="who">${entityLink(other)} →</span>`;
    const claims = types.map(
      (row, index) =>
        markup`<span>${index > 0 ? " · " : ""}<a href="${threadPath(claimant.slug, target.slug, row.type)}">${ui.claimType(row.type)}</a> <span class="meta-inline" data-accusations="${row.count}" data-denials="${row.denials}" data-reports="${row.reports}">(${ui.t.claims.counts(row.count, row.denials, row.reports)})</span></span>`,
    );
    return markup`<li>${who} ${claims}</li>`;
  });
  const others =
    rest.length > 0 &&
    markup`<li><span class="who">${ui.t.entity.otherParties(rest.length)}</span> ${rest.map(
      ({ other, total }, index) =>
        markup`<span>${index > 0 ? " · " : ""}${entityLink(other)} <span class="meta-inline">(${total})</span></span>`,
    )}</li>`;
  // Written as markup (lib/text/markup.ts): a busy entity lists a hundred claims and more here.
  return <ul className="claim-list" dangerouslySetInnerHTML={inner(markup`${lines}${others}`)} />;
}

/** An entity: kind, aliases, coverage chart, claims by and against it, who it appears with, its stories. */
export default async function EntityPage({ params }: { params: Params }) {
  const ui = await getUi();
  const { t } = ui;
  const entity = await entityPage(getDb(), slugOf((await params).slug));
  if (!entity) notFound();
  const description = entityDescription(entity.slug, entity.description, ui.locale);
  const unit = entity.coverage.unit === "week" ? t.entity.week : t.entity.month;
  const bars = entity.coverage.buckets.map((b) => ({
    label: entity.coverage.unit === "week" ? ui.dates.short(b.start) : ui.dates.month(b.start),
    tick:
      entity.coverage.unit === "week"
        ? ui.dates.short(b.start).replace(/\s?\d{4}$/, "")
        : ui.dates.month(b.start),
    value: b.count,
  }));
  const claimTypes = new Map<string, number>();
  for (const row of [...entity.claimsMade, ...entity.claimsAgainst])
    if (row.count > 0) claimTypes.set(row.type, (claimTypes.get(row.type) ?? 0) + row.count);
  return (
    <>
      <div className="page-head">
        <h1>{entity.name}</h1>
        <FeedSlot view={{ kind: "entity", slug: entity.slug }} ui={ui} />
      </div>
      <dl className="dl">
        <dt>{t.entity.kind}</dt>
        <dd>{ui.kind(entity.kind)}</dd>
        {entity.aliases.length > 0 && (
          <>
            <dt>{t.entity.aliases}</dt>
            <dd>{entity.aliases.join(", ")}</dd>
          </>
        )}
        <dt>{t.entity.count}</dt>
        <dd>
          <a href={`/?entity=${encodeURIComponent(entity.slug)}`}>{entity.articleCount}</a>
        </dd>
      </dl>
      {description && (
        <p className="entity-description" lang={description.language}>
          {description.text}
        </p>
      )}

      <section aria-labelledby="coverage">
        <h2 id="coverage">{t.entity.coverage}</h2>
        {bars.length === 0 ? (
          <p>{t.entity.none}</p>
        ) : (
          <>
            <BarChart bars={bars} label={t.entity.coverageLabel(entity.name, unit)} />
            <details>
              <summary>{t.entity.showTable}</summary>
              <CountTable
                caption={t.entity.coverageLabel(entity.name, unit)}
                columns={[t.entity.period]}
                countLabel={t.entity.count}
                rows={bars.map((bar) => ({ key: bar.label, cells: [bar.label], count: bar.value }))}
              />
            </details>
          </>
        )}
      </section>

      <div className="two-col">
        {(["made", "against"] as const).map((direction) => (
          <Panel
            key={direction}
            id={direction}
            title={direction === "made" ? t.entity.claimsMade : t.entity.claimsAgainst}
          >
            <ClaimTable
              rows={direction === "made" ? entity.claimsMade : entity.claimsAgainst}
              ui={ui}
              direction={direction}
              name={entity.name}
              slug={entity.slug}
            />
          </Panel>
        ))}
      </div>
      <Chips
        label={t.card.claims}
        chips={claimChips(
          [...claimTypes].map(([type, count]) => ({ type, count })),
          ui,
          (type) => `/?entity=${encodeURIComponent(entity.slug)}&claim=${type}`,
        )}
      />

      <section aria-labelledby="together">
        <h2 id="together">{t.entity.together}</h2>
        {entity.together.length === 0 ? (
          <p>{t.entity.none}</p>
        ) : (
          <Chips
            chips={entity.together.map((other) =>
              entityChip(other, other.count > 1 ? t.card.articles(other.count) : undefined),
            )}
          />
        )}
      </section>

      <section aria-labelledby="stories">
        <h2 id="stories">{t.entity.stories}</h2>
        {entity.stories.length === 0 && <p>{t.entity.noStories}</p>}
        {entity.stories.map((card) => (
          <StoryCard key={card.id} card={card} ui={ui} />
        ))}
      </section>
    </>
  );
}
