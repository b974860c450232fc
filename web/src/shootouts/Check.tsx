/** A labelled checkbox of the shootout form, with its hint and the API's error for its field. */
export function Check({
  label,
  hint,
  checked,
  onChange,
  error,
}: {
  label: string;
  hint: string;
  checked: boolean;
  onChange: (value: boolean) => void;
  error?: string | undefined;
}) {
  const id = `check-${label.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <div className={error ? "shootout-form__check field--invalid" : "shootout-form__check"}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        <small id={`${id}-hint`} className="field__hint">
          {hint}
        </small>
        {error && (
          <small id={`${id}-error`} className="field__error" role="alert">
            {error}
          </small>
        )}
      </div>
    </div>
  );
}
