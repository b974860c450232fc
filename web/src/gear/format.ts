/** Words and numbers for gear facts, as a guitarist reads them. */
import type { GearFormat, GearKind, GearSource } from "./types";

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

