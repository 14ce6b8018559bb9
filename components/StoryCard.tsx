/** A story on the timeline: title, summary, counts, entity and claim chips. */
import type { Ui } from "@/lib/i18n";
import type { TimelineCard } from "@/lib/store/timeline";
import { ClaimChips, EntityChips, SampleBadge } from "./Chips";

/** One timeline card; `headingLevel` keeps the outline right where it is used (h3 under a day). */
export function StoryCard({
  card,
  ui,
  headingLevel = 3,
}: {
  card: TimelineCard;
  ui: Ui;
  headingLevel?: 2 | 3;
}) {
  const { t } = ui;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const span = t.story.span(
    ui.dates.short(card.firstPublishedAt),
    ui.dates.short(card.lastPublishedAt),
  );
  return (
    <article className="card" data-story={card.id} aria-labelledby={`story-${card.id}`}>
      <Heading className="card-title" id={`story-${card.id}`}>
        <a href={`/stories/${card.id}`}>{card.title}</a>
      </Heading>
      <p className="meta">
        {card.isSample && <SampleBadge ui={ui} />}
        <span>{t.card.articles(card.articleCount)}</span>
        <span>{t.card.sources(card.sourceCount)}</span>
        {card.languages.length > 0 && (
          <span>{card.languages.map((code) => ui.language(code)).join(", ")}</span>
        )}
        {span && <span>{span}</span>}
      </p>
      {card.summary && <p className="summary">{card.summary}</p>}
      <EntityChips entities={card.entities} ui={ui} />
      <ClaimChips claims={card.claimTypes} ui={ui} />
    </article>
  );
}
