import { getDb } from "../lib/store/db";
import { listTimeline } from "../lib/store/timeline";

export const dynamic = "force-dynamic";

function dayKey(date: Date | null): string {
  return date ? date.toISOString().slice(0, 10) : "undated";
}

/** Home: the timeline of stories, newest first, grouped by day. */
export default async function HomePage() {
  const cards = await listTimeline(getDb(), { take: 50 });
  const days = new Map<string, typeof cards>();
  for (const card of cards) {
    const key = dayKey(card.lastPublishedAt);
    days.set(key, [...(days.get(key) ?? []), card]);
  }
  return (
    <>
      <h1>Timeline</h1>
      {cards.length === 0 && <p>No stories yet. Add a source and run an ingest.</p>}
      {[...days].map(([day, dayCards]) => (
        <section key={day} aria-labelledby={`day-${day}`}>
          <h2 className="day" id={`day-${day}`}>{day}</h2>
          {dayCards.map((card) => (
            <article className="card" key={card.id} data-story={card.id}>
              {card.isSample && <span className="sample">Sample data</span>}
              <h3>{card.title}</h3>
              <p className="meta">
                {card.articleCount} article{card.articleCount === 1 ? "" : "s"} · {card.sourceCount} source
                {card.sourceCount === 1 ? "" : "s"} · {card.languages.join(", ")}
              </p>
              {card.summary && <p>{card.summary}</p>}
              <ul className="chips" aria-label="Entities">
                {card.entities.map((entity) => (
                  <li className="chip" key={entity.slug}>{entity.name}</li>
                ))}
                {card.claimTypes.map((claim) => (
                  <li className="chip claim" key={claim.type}>{claim.type.replace(/_/g, " ")}</li>
                ))}
              </ul>
            </article>
          ))}
        </section>
      ))}
    </>
  );
}
