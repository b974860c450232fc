/**
 * A labelled drop-down with a hint (by default the chosen option's) and the API's error for its
 * field; `anyLabel` adds a first choice of "" (no choice).
 */
import { Field } from "./Field";

export interface SelectOption<V extends string> {
  value: V;
  label: string;
  hint?: string;
}

export interface SelectFieldProps<V extends string> {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: V;
  options: readonly SelectOption<V>[];
  anyLabel?: string;
  onChange: (value: V) => void;
}

export function SelectField<V extends string>({ label, hint, error, value, options, anyLabel, onChange }: SelectFieldProps<V>) {
  return (
    <Field label={label} hint={hint ?? options.find((o) => o.value === value)?.hint} error={error}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value as V)}>
          {anyLabel !== undefined && <option value="">{anyLabel}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
