/** A chain's (or group's) input mode and output mode: how its captures' levels are set. */
import { Field } from "../components/Field";
import { INPUT_MODES, OUTPUT_MODES, type InputMode, type OutputMode } from "./levels";

export function LevelModes({
  inputMode,
  outputMode,
  onInputMode,
  onOutputMode,
  errors,
}: {
  inputMode: InputMode;
  outputMode: OutputMode;
  onInputMode: (mode: InputMode) => void;
  onOutputMode: (mode: OutputMode) => void;
  errors?: { input?: string | undefined; output?: string | undefined };
}) {
  const inputHint = INPUT_MODES.find((m) => m.value === inputMode)?.hint;
  const outputHint = OUTPUT_MODES.find((m) => m.value === outputMode)?.hint;
  return (
    <>
      <Field label="Input level" hint={inputHint} error={errors?.input}>
        {(props) => (
          <select {...props} value={inputMode} onChange={(e) => onInputMode(e.target.value as InputMode)}>
            {INPUT_MODES.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Capture output level" hint={outputHint} error={errors?.output}>
        {(props) => (
          <select {...props} value={outputMode} onChange={(e) => onOutputMode(e.target.value as OutputMode)}>
            {OUTPUT_MODES.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
