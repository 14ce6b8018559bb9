/** The timeline's filter form: a plain GET form, so the URL holds the whole view. */
import { CLAIM_TYPES } from "@/lib/types";
import type { Filters } from "@/lib/filters";
import type { Ui } from "@/lib/i18n";
import type { FilterOptions } from "@/lib/store/pages/list-filter-options";

/** Filters for entity, claim type, source, language and date range; submits to `/`. */
export function FilterForm({
  filters,
  options,
  ui,
}: {
  filters: Filters;
  options: FilterOptions;
  ui: Ui;
}) {
  const { t } = ui;
  const entity = filters.entity[0] ?? "";
  const claim = filters.claim[0] ?? "";
  // An entity in the URL that the list does not offer (a rare one) must still show as selected.
  const entities =
    entity && !options.entities.some((e) => e.slug === entity)
      ? [...options.entities, { slug: entity, name: entity, count: 0 }]
      : options.entities;
  const active =
    filters.entity.length + filters.claim.length > 0 ||
    Boolean(filters.source || filters.lang || filters.from || filters.to);
  // A native disclosure keeps the form out of the way on a phone; it opens by itself when filters are on.
  return (
    <details className="filters-box" open={active}>
      <summary>{t.filters.legend}</summary>
      <form className="filters" method="get" action="/" role="search" aria-label={t.filters.legend}>
        <fieldset>
          <legend className="visually-hidden">{t.filters.legend}</legend>
          {filters.entity.slice(1).map((slug) => (
            <input key={slug} type="hidden" name="entity" value={slug} />
          ))}
          {filters.claim.slice(1).map((type) => (
            <input key={type} type="hidden" name="claim" value={type} />
          ))}
          <div className="field">
            <label htmlFor="f-entity">{t.filters.entity}</label>
            <select id="f-entity" name="entity" defaultValue={entity}>
              <option value="">{t.filters.any}</option>
              {entities.map((e) => (
                <option key={e.slug} value={e.slug}>
                  {e.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-claim">{t.filters.claim}</label>
            <select id="f-claim" name="claim" defaultValue={claim}>
              <option value="">{t.filters.any}</option>
              {CLAIM_TYPES.map((type) => (
                <option key={type} value={type}>
                  {ui.claimType(type)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-source">{t.filters.source}</label>
            <select id="f-source" name="source" defaultValue={filters.source ?? ""}>
              <option value="">{t.filters.any}</option>
              {options.sources.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
              {filters.source && !options.sources.some((s) => s.name === filters.source) && (
                <option value={filters.source}>{filters.source}</option>
              )}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-lang">{t.filters.language}</label>
            <select id="f-lang" name="lang" defaultValue={filters.lang ?? ""}>
              <option value="">{t.filters.any}</option>
              {options.languages.map((l) => (
                <option key={l.code} value={l.code}>
                  {ui.language(l.code)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-from">{t.filters.from}</label>
            <input id="f-from" type="date" name="from" defaultValue={filters.from ?? ""} />
          </div>
          <div className="field">
            <label htmlFor="f-to">{t.filters.to}</label>
            <input id="f-to" type="date" name="to" defaultValue={filters.to ?? ""} />
          </div>
          <div className="actions">
            <button type="submit">{t.filters.apply}</button>
            <a href="/">{t.filters.clear}</a>
          </div>
        </fieldset>
      </form>
    </details>
  );
}
