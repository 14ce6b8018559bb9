/** An article's day as a `<time>`, or the word for an article with no date. */
import type { Ui } from "@/lib/i18n";

export function DayOrUndated({ date, ui }: { date: Date | null; ui: Ui }) {
  return date ? (
    <time dateTime={date.toISOString()}>{ui.dates.day(date)}</time>
  ) : (
    <span>{ui.t.timeline.undated}</span>
  );
}
