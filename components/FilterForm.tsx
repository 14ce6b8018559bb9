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
  // Likewise a source in the URL that the list does not offer.
  const sources = options.sources.map((source) => source.name);
  if (filters.source && !sources.includes(filters.source)) sources.push(filters.source);
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
          <SelectField
            name="entity"
            label={t.filters.entity}
            value={entity}
            any={t.filters.any}
            options={entities.map((e) => ({ value: e.slug, label: e.name }))}
          />
          <SelectField
            name="claim"
            label={t.filters.claim}
            value={claim}
            any={t.filters.any}
            options={CLAIM_TYPES.map((type) => ({ value: type, label: ui.claimType(type) }))}
          />
          <SelectField
            name="source"
            label={t.filters.source}
            value={filters.source ?? ""}
            any={t.filters.any}
            options={sources.map((name) => ({ value: name, label: name }))}
          />
          <SelectField
            name="lang"
            label={t.filters.language}
            value={filters.lang ?? ""}
            any={t.filters.any}
            options={options.languages.map((l) => ({ value: l.code, label: ui.language(l.code) }))}
          />
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

/** One labelled drop-down of the form (id `f-NAME`), "any" first. */
function SelectField({
  name,
  label,
  value,
  any,
  options,
}: {
  name: string;
  label: string;
  value: string;
  any: string;
  options: { value: string; label: string }[];
}) {
  const fieldId = `f-${name}`;
  return (
    <div className="field">
      <label htmlFor={fieldId}>{label}</label>
      <select id={fieldId} name={name} defaultValue={value}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
