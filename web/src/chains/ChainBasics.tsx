/**
 * What a chain and a chain group have besides their blocks: a name, an input gain (dB) and the
 * level modes (how its captures' levels are set), each control with its problem. Also how the
 * form holds them and how the API takes them.
 */
import { useState } from "react";

import { Field } from "../components/Field";
import { SelectField } from "../components/SelectField";
import type { ChainView } from "./api";
import { GainControl } from "./GainControl";
import { INPUT_MODES, OUTPUT_MODES, type InputMode, type OutputMode } from "./levels";

export interface Basics {
  name: string;
  gain: number;
  inputMode: InputMode;
  outputMode: OutputMode;
}

/** The API's fields for the basics: their problems show at these controls. */
export const BASICS_FIELDS: readonly string[] = ["name", "input_gain_db", "input_mode", "output_mode"];

function basicsOf(saved: ChainView | null): Basics {
  return {
    name: saved?.name ?? "",
    gain: saved?.input_gain_db ?? 0,
    inputMode: saved?.input_mode ?? "raw",
    outputMode: saved?.output_mode ?? "raw",
  };
}

/** The basics as the form holds them (from `saved`, or a new one's), and a change to some of them. */
export function useBasics(saved: ChainView | null): [Basics, (change: Partial<Basics>) => void] {
  const [basics, setBasics] = useState<Basics>(() => basicsOf(saved));
  return [basics, (change) => setBasics((b) => ({ ...b, ...change }))];
}

/** The basics as the API takes them (the name trimmed). */
export function basicsIn(basics: Basics) {
  return {
    name: basics.name.trim(),
    input_gain_db: basics.gain,
    input_mode: basics.inputMode,
    output_mode: basics.outputMode,
  };
}

export function ChainBasics({
  basics,
  onChange,
  nameHint,
  nameError,
  fieldError,
  children,
}: {
  basics: Basics;
  onChange: (change: Partial<Basics>) => void;
  nameHint: string;
  /** the name's problem, the form's own or the API's */
  nameError: string | undefined;
  /** the API's problem at one of its fields */
  fieldError: (field: string) => string | undefined;
  /** more controls, between the input gain and the level modes */
  children?: React.ReactNode;
}) {
  return (
    <div className="chain-builder__basics panel">
      <Field label="Name" error={nameError} hint={nameHint}>
        {(props) => (
          <input {...props} value={basics.name} required maxLength={200} onChange={(e) => onChange({ name: e.target.value })} />
        )}
      </Field>
      <GainControl value={basics.gain} onChange={(gain) => onChange({ gain })} error={fieldError("input_gain_db")} />
      {children}
      <SelectField label="Input level" value={basics.inputMode} options={INPUT_MODES} error={fieldError("input_mode")} onChange={(inputMode) => onChange({ inputMode })} />
      <SelectField label="Capture output level" value={basics.outputMode} options={OUTPUT_MODES} error={fieldError("output_mode")} onChange={(outputMode) => onChange({ outputMode })} />
    </div>
  );
}
