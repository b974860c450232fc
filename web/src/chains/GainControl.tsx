/** The chain's input gain in dB: a slider and a number box over the API's range (-60 to 60). */
import { useId } from "react";

import { GAIN_MAX_DB, GAIN_MIN_DB } from "./rules";
import { useTypedNumber, type Checked } from "./useTypedNumber";

/** An input gain as typed, checked against the API's range. */
function checkGain(text: string): Checked {
  const number = Number(text);
  if (text.trim() === "" || !Number.isFinite(number)) return { error: "The input gain needs a number of dB" };
  if (number < GAIN_MIN_DB || number > GAIN_MAX_DB) return { error: `The input gain must be from ${GAIN_MIN_DB} to ${GAIN_MAX_DB} dB` };
  return { value: number };
}

export function GainControl({
  value,
  onChange,
  error,
}: {
  value: number;
  onChange: (value: number) => void;
  error?: string | undefined;
}) {
  const id = useId();
  const { text, local, typed, leave } = useTypedNumber(value, checkGain, onChange);
  const shown = local ?? error;
  const describedBy = shown ? `${id}-hint ${id}-error` : `${id}-hint`;
  return (
    <div className={shown ? "field field--invalid gain-control" : "field gain-control"}>
      <label htmlFor={id}>Input gain</label>
      <div className="gain-control__inputs">
        <input
          id={id}
          type="range"
          min={GAIN_MIN_DB}
          max={GAIN_MAX_DB}
          step={0.5}
          value={value}
          aria-valuetext={`${value} dB`}
          aria-describedby={describedBy}
          onChange={(e) => typed(e.target.value)}
        />
        <span className="param__number">
          <input
            type="number"
            inputMode="decimal"
            min={GAIN_MIN_DB}
            max={GAIN_MAX_DB}
            step="any"
            value={text}
            aria-label="Input gain in dB"
            aria-describedby={describedBy}
            aria-invalid={shown ? true : undefined}
            onChange={(e) => typed(e.target.value)}
            onBlur={leave}
          />
          <span className="param__unit">dB</span>
        </span>
      </div>
      <small id={`${id}-hint`} className="field__hint">
        Applied to the DI before the first block, {GAIN_MIN_DB} to {GAIN_MAX_DB} dB; 0 leaves it as recorded.
      </small>
      {shown && (
        <small id={`${id}-error`} className="field__error" role="alert">
          {shown}
        </small>
      )}
    </div>
  );
}
