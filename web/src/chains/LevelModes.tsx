/** A chain's (or group's) input mode and output mode: how its captures' levels are set. */
import { SelectField } from "../components/SelectField";
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
  return (
    <>
      <SelectField label="Input level" value={inputMode} options={INPUT_MODES} error={errors?.input} onChange={onInputMode} />
      <SelectField label="Capture output level" value={outputMode} options={OUTPUT_MODES} error={errors?.output} onChange={onOutputMode} />
    </>
  );
}
