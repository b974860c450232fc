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

/** 18544 → "18.1 kB"; 1 kB = 1024 bytes, like file managers. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["kB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** 48000 → "48 kHz", 44100 → "44.1 kHz". */
export function formatSampleRate(hz: number): string {
  const khz = hz / 1000;
  return `${Number.isInteger(khz) ? khz : khz.toFixed(1)} kHz`;
}

/** An IR's length: milliseconds under a second, else seconds. */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  return `${seconds.toFixed(2)} s`;
}

export function channelsLabel(channels: number): string {
  return channels === 1 ? "mono" : channels === 2 ? "stereo" : `${channels} channels`;
}
