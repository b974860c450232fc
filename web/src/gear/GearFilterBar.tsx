/** The gear list's filters: every one labelled; their state lives in the URL. */
import { useId } from "react";

import { SearchForm } from "../components/SearchForm";
import { SelectField, type SelectOption } from "../components/SelectField";
import { changeFilters, isFiltered, NO_FILTERS, type GearFilters } from "./filters";
import { kindLabel } from "./format";
import { GEAR_KINDS } from "./types";
import { useDebouncedText } from "./useDebouncedText";
import "./GearFilterBar.css";

interface Choice {
  field: "kind" | "source";
  label: string;
  anyLabel: string;
  options: readonly SelectOption<string>[];
}

/** The filters picked from a list ("" for any). */
const CHOICES: readonly Choice[] = [
  {
    field: "kind",
    label: "Kind",
    anyLabel: "Any kind",
    options: GEAR_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) })),
  },
  {
    field: "source",
    label: "Source",
    anyLabel: "Any source",
    options: [
      { value: "upload", label: "Your uploads" },
      { value: "tone3000", label: "TONE3000 imports" },
    ],
  },
];

export interface GearFilterBarProps {
  filters: GearFilters;
  /** `replace` for typing, so each keystroke is not a history entry. */
  onChange: (next: GearFilters, options?: { replace?: boolean }) => void;
  /** Tags seen in the library, offered while typing a tag. */
  knownTags: readonly string[];
}

export function GearFilterBar({ filters, onChange, knownTags }: GearFilterBarProps) {
  const id = useId();
  const set = (change: Partial<GearFilters>, replace = false) => onChange(changeFilters(filters, change), { replace });
  const search = useDebouncedText(filters.q, (q) => set({ q }, true));
  const tag = useDebouncedText(filters.tag, (t) => set({ tag: t }, true));
  return (
    <SearchForm
      className="gear-filters"
      label="Filter your gear"
      onSearch={() => {
        search.flush();
        tag.flush();
      }}
    >
      <div className="field gear-filters__search">
        <label htmlFor={`${id}-q`}>Search</label>
        <input
          id={`${id}-q`}
          type="search"
          value={search.text}
          placeholder="Name, make or model"
          onChange={(e) => search.change(e.target.value)}
        />
      </div>
      {CHOICES.map((c) => (
        <SelectField
          key={c.field}
          label={c.label}
          anyLabel={c.anyLabel}
          value={filters[c.field] ?? ""}
          options={c.options}
          onChange={(value) => set({ [c.field]: value || null })}
        />
      ))}
      <div className="field">
        <label htmlFor={`${id}-tag`}>Tag</label>
        <input
          id={`${id}-tag`}
          type="text"
          list={`${id}-tags`}
          value={tag.text}
          placeholder="e.g. high-gain"
          autoComplete="off"
          onChange={(e) => tag.change(e.target.value)}
        />
        <datalist id={`${id}-tags`}>
          {knownTags.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </div>
      <div className="gear-filters__check">
        <input
          id={`${id}-fav`}
          type="checkbox"
          checked={filters.favourite}
          onChange={(e) => set({ favourite: e.target.checked })}
        />
        <label htmlFor={`${id}-fav`}>Favourites only</label>
      </div>
      {isFiltered(filters) && (
        <button type="button" className="button button--quiet gear-filters__clear" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </button>
      )}
    </SearchForm>
  );
}
