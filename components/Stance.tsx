/** A claim's stance (accuses, denies, reports…) as a word styled by its kind. */
import type { Ui } from "@/lib/i18n";

export function Stance({ stance, ui }: { stance: string; ui: Ui }) {
  return <span className={`stance ${stance}`}>{ui.stance(stance)}</span>;
}
