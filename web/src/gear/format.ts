/** Words and numbers for gear facts, as a guitarist reads them. */
import type { GearFormat, GearKind, GearSource, Tone } from "./types";

const KIND_LABELS: Record<GearKind, string> = {
  amp: "Amp",
  "amp-cab": "Amp + cab",
  pedal: "Pedal",
  outboard: "Outboard",
  "cab-ir": "Cab IR",
};

export function kindLabel(kind: GearKind): string {
  return KIND_LABELS[kind];
}

export function formatLabel(format: GearFormat): string {
  return format === "nam" ? "NAM capture" : "Impulse response";
}

export function sourceLabel(source: GearSource): string {
  return source === "upload" ? "Upload" : "TONE3000";
}

/** An IR's length: milliseconds under a second, else seconds. */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  return `${seconds.toFixed(2)} s`;
}


type Submodel = NonNullable<import("./types").GearItem["submodels"]>[number];

/** One submodel of an A2 container in words: "Slim up to 0.5: 1,871 weights, 83 M MAC/s,
 * -24.0 LUFS" (the last: "Largest (default)"). */
export function submodelSummary(sub: Submodel, index: number, count: number): string {
  const which = index === count - 1 ? "Largest (default)" : `Slim up to ${sub.max_value}`;
  const size = `${sub.parameters.toLocaleString("en-US")} weights`;
  const macs = `${Math.round(sub.macs_per_second / 1e6).toLocaleString("en-US")} M MAC/s`;
  const loudness = sub.loudness == null ? "loudness not recorded" : `${sub.loudness.toFixed(1)} LUFS`;
  return `${which}: ${size}, ${macs}, ${loudness}`;
}

/**
 * How many models GTS lists for a tone, in words. TONE3000's `models_count` leaves A2 models
 * out (it lists them only when asked for by architecture, as GTS does), so a NAM tone adds
 * its A2 count.
 */
export function toneModelCount(tone: Pick<Tone, "format" | "models_count" | "a2_models_count">): string {
  const format = (tone.format ?? "nam").toLowerCase();
  const n = (tone.models_count ?? 0) + (format === "nam" ? (tone.a2_models_count ?? 0) : 0);
  const what = format === "ir" ? "IR" : "model";
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}
