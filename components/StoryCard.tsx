/** A story on the timeline: title, summary, counts, entity and claim chips. */
import type { Ui } from "@/lib/i18n";
import type { TimelineCard } from "@/lib/store/timeline";
import { inner, markup } from "@/lib/text/markup";
import { chipList, claimChips, entityChips, sampleBadge } from "./Chips";

/**
 * One timeline card; `headingLevel` keeps the outline right where it is used (h3 under a day).
 * Its content is written as markup (lib/text/markup.ts): a page holds twenty cards or more.
 */
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
  const span = t.story.span(
    ui.dates.short(card.firstPublishedAt),
    ui.dates.short(card.lastPublishedAt),
  );
  const languages = card.languages.map((code) => ui.language(code)).join(", ");
  const title = markup`<a href="/stories/${card.id}">${card.title}</a>`;
  const meta = [
    card.isSample && sampleBadge(ui),
    markup`<span>${t.card.articles(card.articleCount)}</span>`,
    markup`<span>${t.card.sources(card.sourceCount)}</span>`,
    languages && markup`<span>${languages}</span>`,
    span && markup`<span>${span}</span>`,
  ];
  const content = [
    headingLevel === 2
      ? markup`<h2 class="card-title" id="story-${card.id}">${title}</h2>`
      : markup`<h3 class="card-title" id="story-${card.id}">${title}</h3>`,
    markup`<p class="meta">${meta}</p>`,
    card.summary && markup`<p class="summary">${card.summary}</p>`,
    chipList(t.card.entities, entityChips(card.entities)),
    chipList(t.card.claims, claimChips(card.claimTypes, ui)),
  ];
  return (
    <article
      className="card"
      data-story={card.id}
      aria-labelledby={`story-${card.id}`}
      dangerouslySetInnerHTML={inner(markup`${content}`)}
    />
  );
}
