/** TONE3000 search: text and every filter the API takes, each labelled; errors at their field. */
import { useEffect, useId, useState } from "react";

import { ApiError } from "../api/problem";
import { Field } from "../components/Field";
import { SearchForm } from "../components/SearchForm";
import { SelectField } from "../components/SelectField";
import {
  ARCHITECTURES,
  EMPTY_SEARCH,
  FORMATS,
  GEAR_TYPES,
  SIZES,
  SORTS,
  splitNames,
  type ToneArchitecture,
  type ToneFormat,
  type ToneSearch,
  type ToneSort,
} from "./toneSearch";
import "./ToneSearchForm.css";

interface Draft extends Omit<ToneSearch, "tag" | "make" | "creator"> {
  tag: string;
  make: string;
  creator: string;
}

const toDraft = (s: ToneSearch): Draft => ({ ...s, tag: s.tag.join(", "), make: s.make.join(", "), creator: s.creator.join(", ") });
const fromDraft = (d: Draft): ToneSearch => ({
  ...d,
  tag: splitNames(d.tag),
  make: splitNames(d.make),
  creator: splitNames(d.creator),
});

function toggled<T>(values: readonly T[], value: T, on: boolean): T[] {
  return on ? [...values.filter((v) => v !== value), value] : values.filter((v) => v !== value);
}

export interface ToneSearchFormProps {
  search: ToneSearch;
  onSearch: (search: ToneSearch) => void;
  /** The last search's error: its field errors show at their fields. */
  error: unknown;
}

export function ToneSearchForm({ search, onSearch, error }: ToneSearchFormProps) {
  const [draft, setDraft] = useState(() => toDraft(search));
  const id = useId();
  const key = JSON.stringify(search);
  useEffect(() => setDraft(toDraft(JSON.parse(key) as ToneSearch)), [key]);

  const fieldError = (field: string) =>
    error instanceof ApiError
      ? error
          .fieldErrors(field)
          .map((e) => e.reason)
          .join("; ") || undefined
      : undefined;
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  const text = (field: "query" | "tag" | "make" | "creator", label: string, hint?: string) => (
    <Field label={label} hint={hint} error={fieldError(field)}>
      {(props) => (
        <input {...props} type={field === "query" ? "search" : "text"} value={draft[field]} onChange={(e) => set({ [field]: e.target.value })} />
      )}
    </Field>
  );

  const select = <T extends string>(
    field: "format" | "architecture" | "sort",
    label: string,
    anyLabel: string,
    options: ReadonlyArray<readonly [T, string]>,
  ) => (
    <SelectField<string>
      label={label}
      anyLabel={anyLabel}
      error={fieldError(field)}
      value={draft[field] ?? ""}
      options={options.map(([value, words]) => ({ value, label: words }))}
      onChange={(value) => set({ [field]: value || null })}
    />
  );

  const checks = <T extends string>(field: "gear" | "size", legend: string, options: ReadonlyArray<readonly [T, string]>) => {
    const problem = fieldError(field);
    const chosen = draft[field] as readonly string[];
    return (
      <fieldset className="tone-search__checks" aria-describedby={problem ? `${id}-${field}-error` : undefined}>
        <legend>{legend}</legend>
        {options.map(([value, text]) => (
          <label key={value} className="tone-search__check">
            <input
              type="checkbox"
              checked={chosen.includes(value)}
              onChange={(e) => set({ [field]: toggled(chosen, value, e.target.checked) } as Partial<Draft>)}
            />
            {text}
          </label>
        ))}
        {problem && (
          <small id={`${id}-${field}-error`} className="field__error" role="alert">
            {problem}
          </small>
        )}
      </fieldset>
    );
  };

  return (
    <SearchForm className="tone-search" label="Search TONE3000" onSearch={() => onSearch(fromDraft(draft))}>
      <div className="tone-search__main">
        {text("query", "Search tones")}
        <button type="submit" className="button button--primary">
          Search
        </button>
      </div>
      <details className="tone-search__more" open={!sameAsEmpty(search)}>
        <summary>Filters</summary>
        <div className="tone-search__grid">
          {checks("gear", "Gear type", GEAR_TYPES)}
          {checks("size", "Model size", SIZES)}
          <div>
            {select<ToneFormat>("format", "Format", "Any format", FORMATS)}
            {select<ToneArchitecture>("architecture", "Architecture", "Any GTS can run", ARCHITECTURES)}
            {select<ToneSort>("sort", "Sort by", "TONE3000’s default", SORTS)}
          </div>
          <div>
            {text("tag", "Tags", "Comma separated, exact names (e.g. metal, clean)")}
            {text("make", "Makes", "Comma separated (e.g. Marshall, Mesa/Boogie)")}
            {text("creator", "Creators", "Comma separated TONE3000 usernames")}
          </div>
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary">
            Search with filters
          </button>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              setDraft(toDraft(EMPTY_SEARCH));
              onSearch(EMPTY_SEARCH);
            }}
          >
            Reset
          </button>
        </div>
      </details>
    </SearchForm>
  );
}

function sameAsEmpty(search: ToneSearch): boolean {
  const { query: _query, ...filters } = search;
  const { query: _none, ...empty } = EMPTY_SEARCH;
  return JSON.stringify(filters) === JSON.stringify(empty);
}
