/** What a capture is (amp, amp + cab, pedal, outboard); an IR is always a cab IR. */
import { useId } from "react";

import { errorAt } from "../api/problem";
import { kindLabel } from "./format";
import { CAPTURE_KINDS, type GearItem, type GearKind } from "./types";
import { useUpdateGear } from "./useGear";

export function GearKindSelect({ item }: { item: GearItem }) {
  const update = useUpdateGear(item.id);
  const id = useId();
  if (item.format === "ir") return <span className="tag gear-kind">{kindLabel(item.kind)}</span>;
  const error = errorAt(update.error, "kind");
  const shown = update.isPending && update.variables?.kind ? update.variables.kind : item.kind;
  return (
    <span className="gear-kind">
      <label htmlFor={`${id}-kind`} className="visually-hidden">
        Kind of {item.name}
      </label>
      <select
        id={`${id}-kind`}
        className="gear-kind__select"
        value={shown}
        disabled={update.isPending}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => update.mutate({ kind: e.target.value as GearKind })}
      >
        {CAPTURE_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {kindLabel(kind)}
          </option>
        ))}
      </select>
      {error && (
        <small id={`${id}-error`} className="field__error" role="alert">
          {error}
        </small>
      )}
    </span>
  );
}
