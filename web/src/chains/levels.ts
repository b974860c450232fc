/**
 * Levels as the NAM plugin sets them: a chain's input mode and output mode, and a group's
 * input-gain sweep. The API resolves the gains (dB) around each capture from the shootout's
 * reference level (dBu at 0 dBFS):
 * input calibrated: reference - input_level_dbu; output normalized: -18 - loudness;
 * output calibrated: output_level_dbu - reference.
 */

export type InputMode = "raw" | "calibrated";
export type OutputMode = "raw" | "normalized" | "calibrated";

export const INPUT_MODES: readonly { value: InputMode; label: string; hint: string }[] = [
  { value: "raw", label: "Raw", hint: "The DI as recorded, with the input gain only." },
  {
    value: "calibrated",
    label: "Calibrated (dBu)",
    hint: "Each capture hears the DI at the analog level it was captured at: reference dBu − its input_level_dbu, in dB.",
  },
];

export const OUTPUT_MODES: readonly { value: OutputMode; label: string; hint: string }[] = [
  { value: "raw", label: "Raw", hint: "Each capture's output as it plays." },
  { value: "normalized", label: "Normalized (−18 dB)", hint: "After each capture: −18 − its loudness, in dB." },
  {
    value: "calibrated",
    label: "Calibrated (dBu)",
    hint: "After each capture: its output_level_dbu − reference dBu, in dB (the gear's own level).",
  },
];

/** The gains (dB) a capture gets: the same arithmetic the API uses (null: metadata missing). */
export function captureGains(
  levels: { input_level_dbu?: number | null; output_level_dbu?: number | null; loudness?: number | null },
  inputMode: InputMode,
  outputMode: OutputMode,
  referenceDbu = 12,
): { input: number | null; output: number | null } {
  const input = inputMode === "raw" ? 0 : levels.input_level_dbu == null ? null : referenceDbu - levels.input_level_dbu;
  let output: number | null = 0;
  if (outputMode === "normalized") output = levels.loudness == null ? null : -18 - levels.loudness;
  if (outputMode === "calibrated") output = levels.output_level_dbu == null ? null : levels.output_level_dbu - referenceDbu;
  return { input, output };
}

/** A sweep typed as "-6, 0, 6" (dB): the values, or why it cannot be used. */
export function parseGainSweep(text: string): { gains: number[] | null; error?: string } {
  if (!text.trim()) return { gains: null };
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  const gains = parts.map(Number);
  if (gains.some((g) => !Number.isFinite(g))) return { gains: null, error: "List gains as numbers of dB, e.g. −6, 0, 6" };
  if (gains.some((g) => g < -60 || g > 60)) return { gains: null, error: "Each gain must be from −60 to 60 dB" };
  if (gains.length > 16) return { gains: null, error: "At most 16 gains" };
  return { gains };
}

/** How a chain's levels were set, in words ("" when both are raw). */
export function levelsSummary(inputMode: InputMode, outputMode: OutputMode): string {
  const parts: string[] = [];
  if (inputMode === "calibrated") parts.push("input calibrated");
  if (outputMode === "normalized") parts.push("output normalized (−18 dB)");
  if (outputMode === "calibrated") parts.push("output calibrated");
  return parts.join(", ");
}
