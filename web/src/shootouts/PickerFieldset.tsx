/**
 * The frame of a picker in the shootout form: a fieldset with its legend, a hint, the list to
 * pick from (or what to do first when there is nothing to pick) and the API's error for it.
 * `name` prefixes the hint's and the error's ids.
 */

/** What a picker is given: the ids picked (in order), where a change goes, and the API's error for them. */
export interface Choice {
  chosen: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}

export function PickerFieldset({
  name,
  legend,
  hint,
  error,
  empty,
  children,
}: {
  name: string;
  legend: string;
  hint: React.ReactNode;
  error?: string | undefined;
  /** Shown in place of the list when there is nothing to pick; null when there is. */
  empty: React.ReactNode | null;
  children: React.ReactNode;
}) {
  return (
    <fieldset
      className={error ? "picker picker--invalid" : "picker"}
      aria-describedby={`${name}-hint${error ? ` ${name}-error` : ""}`}
      data-invalid={error ? "true" : undefined}
    >
      <legend>{legend}</legend>
      <p id={`${name}-hint`} className="field__hint">
        {hint}
      </p>
      {empty ?? children}
      {error && (
        <small id={`${name}-error`} className="field__error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}
