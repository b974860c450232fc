/** How the montage plays the chains: in turn in each segment, or each over the whole passage
 * one after another (once or twice round). */
import { useId } from "react";

import type { MontageMode } from "./types";

const MODES: Record<MontageMode, { label: string; explain: string }> = {
  alternate: { label: "Alternate", explain: "every chain plays each segment in turn, so you hear the same notes back to back." },
  sequence: { label: "Sequence", explain: "each chain plays the whole passage, one after another." },
};

export function MontageModePicker({
  mode,
  twiceRound,
  onMode,
  onTwiceRound,
  error,
}: {
  mode: MontageMode;
  twiceRound: boolean;
  onMode: (mode: MontageMode) => void;
  onTwiceRound: (twice: boolean) => void;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <fieldset className="shootout-form__mode" aria-describedby={error ? `${id}-error` : undefined} data-invalid={error ? "true" : undefined}>
      <legend>How the chains take turns</legend>
      {(Object.keys(MODES) as MontageMode[]).map((m) => (
        <label key={m} className="shootout-form__radio">
          <input type="radio" name="montage-mode" value={m} checked={mode === m} onChange={() => onMode(m)} />
          <span>
            <strong>{MODES[m].label}</strong>
            <span className="muted"> — {MODES[m].explain}</span>
          </span>
        </label>
      ))}
      <label className="shootout-form__radio shootout-form__twice">
        <input
          type="checkbox"
          checked={mode === "sequence" && twiceRound}
          disabled={mode !== "sequence"}
          aria-invalid={error ? true : undefined}
          onChange={(e) => onTwiceRound(e.target.checked)}
        />
        <span>
          <strong>Twice round</strong>
          <span className="muted"> — sequence only: play every chain in turn, then all again.</span>
        </span>
      </label>
      {error && (
        <small id={`${id}-error`} className="field__error" role="alert">
          {error}
        </small>
      )}
    </fieldset>
  );
}
