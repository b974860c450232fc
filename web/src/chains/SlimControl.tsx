/**
 * The submodel an A2 container capture runs: NAM's "slim" value picks one of the file's
 * submodels (smaller ones are lighter and sound different); the largest is the default, as NAM
 * Core's render. Shown only for a capture with more than one submodel.
 */
import { useId } from "react";

import { slimFor, submodelIndex } from "./slim";

export interface SlimControlProps {
  /** the submodels' max_value, smallest first */
  maxValues: readonly number[];
  slim: number | null | undefined;
  /** whose control, for its label ("A2 Slimmable") */
  owner: string;
  onChange: (slim: number | null) => void;
  /** the API's reason for this block's slim, if it refused it */
  error?: string | undefined;
}

/** "Smallest (slim up to 0.5)", "Submodel 2 of 3 (slim up to 0.75)", "Largest (default)". */
export function submodelOptionLabel(maxValues: readonly number[], index: number): string {
  const last = maxValues.length - 1;
  if (index === last) return "Largest (default)";
  const upTo = `slim up to ${maxValues[index]}`;
  if (index === 0) return `Smallest (${upTo})`;
  return `Submodel ${index + 1} of ${maxValues.length} (${upTo})`;
}

export function SlimControl({ maxValues, slim, owner, onChange, error }: SlimControlProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const selected = submodelIndex(maxValues, slim);
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>Submodel (slim)</label>
      <select
        id={id}
        aria-label={`${owner} submodel (slim)`}
        aria-describedby={error ? errorId : undefined}
        value={String(selected)}
        onChange={(e) => onChange(slimFor(maxValues, Number(e.target.value)))}
      >
        {maxValues.map((_, index) => (
          <option key={index} value={String(index)}>
            {submodelOptionLabel(maxValues, index)}
          </option>
        ))}
      </select>
      {error && (
        <p id={errorId} className="error-note">
          {error}
        </p>
      )}
    </div>
  );
}
