/** One effect parameter: a labelled slider and a number box, with its unit and range. */
import { useId } from "react";

import { checkParam, paramStep, snapToStep } from "./effectParams";
import type { EffectParam } from "./rules";
import { useTypedNumber } from "./useTypedNumber";

export interface EffectParamControlProps {
  param: EffectParam;
  value: number;
  onChange: (value: number) => void;
  /** whose parameter, for the number box's label ("Reverb room size") */
  owner: string;
  /** the API's reason for this parameter, if it refused it */
  error?: string | undefined;
}

export function EffectParamControl({ param, value, onChange, owner, error }: EffectParamControlProps) {
  const id = useId();
  const { text, local, typed, leave } = useTypedNumber(value, (next) => checkParam(param, next), onChange);
  const unit = param.unit ? ` ${param.unit}` : "";
  const shown = local ?? error;
  const step = paramStep(param.low, param.high);
  const hintId = `${id}-range`;
  const errorId = `${id}-error`;
  const describedBy = shown ? `${hintId} ${errorId}` : hintId;

  return (
    <div className={shown ? "param param--invalid" : "param"}>
      <label htmlFor={id} className="param__label">
        {param.label}
      </label>
      <input
        id={id}
        type="range"
        min={param.low}
        max={param.high}
        step={step}
        value={value}
        aria-describedby={describedBy}
        aria-valuetext={`${value}${unit}`}
        onChange={(e) => typed(String(snapToStep(Number(e.target.value), step, param.low, param.high)))}
      />
      <span className="param__number">
        <input
          type="number"
          inputMode="decimal"
          min={param.low}
          max={param.high}
          step="any"
          value={text}
          aria-label={`${owner} ${param.label.toLowerCase()}${param.unit ? ` in ${param.unit}` : ""}`}
          aria-describedby={describedBy}
          aria-invalid={shown ? true : undefined}
          onChange={(e) => typed(e.target.value)}
          onBlur={leave}
        />
        <span className="param__unit" aria-hidden="true">
          {param.unit}
        </span>
      </span>
      <small id={hintId} className="param__range">
        {param.low} to {param.high}
        {unit}, default {param.default}
      </small>
      {shown && (
        <small id={errorId} className="param__error" role="alert">
          {shown}
        </small>
      )}
    </div>
  );
}
