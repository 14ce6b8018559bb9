/**
 * Entity descriptions in the interface language. The knowledge base describes every entity in
 * English (knowledge/entities/*.json); knowledge/entity-descriptions.<lang>.json gives other
 * languages' descriptions by slug, for as many entities as someone has written one for. An entity
 * with none keeps its English description (marked lang="en" on the page).
 */
import vi from "@/knowledge/entity-descriptions.vi.json";
import type { Locale } from "./index";

const DESCRIPTIONS: Partial<Record<Locale, Record<string, string>>> = { vi };

/** The description of an entity in `locale`, with the language it is written in; null when it has none. */
export function entityDescription(
  slug: string,
  english: string | null,
  locale: Locale,
): { text: string; language: string } | null {
  const local = DESCRIPTIONS[locale]?.[slug];
  if (local) return { text: local, language: locale };
  return english ? { text: english, language: "en" } : null;
}
