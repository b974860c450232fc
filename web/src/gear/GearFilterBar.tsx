/** The gear list's filters: every one labelled; their state lives in the URL. */
import { useId } from "react";

import { changeFilters, isFiltered, NO_FILTERS, type GearFilters } from "./filters";
import { kindLabel } from "./format";
import { GEAR_KINDS, type GearKind, type GearSource } from "./types";
import { useDebouncedText } from "./useDebouncedText";
import "./GearFilterBar.css";

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
    <form
      className="gear-filters"
      role="search"
      aria-label="Filter your gear"
      onSubmit={(e) => {
        e.preventDefault();
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
      <div className="field">
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select
          id={`${id}-kind`}
          value={filters.kind ?? ""}
          onChange={(e) => set({ kind: (e.target.value || null) as GearKind | null })}
        >
          <option value="">Any kind</option>
          {GEAR_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kindLabel(kind)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-source`}>Source</label>
        <select
          id={`${id}-source`}
          value={filters.source ?? ""}
          onChange={(e) => set({ source: (e.target.value || null) as GearSource | null })}
        >
          <option value="">Any source</option>
          <option value="upload">Your uploads</option>
          <option value="tone3000">TONE3000 imports</option>
        </select>
      </div>
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
    </form>
  );
}
