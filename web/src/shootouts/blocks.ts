/** A chain's blocks in words for anyone: "JCM800 capture (amp)", "Noise gate: threshold -60 dB". */
import { describeMetric } from "./metrics";
import type { PublicBlock } from "./types";

const EFFECT_NAMES: Record<string, string> = {
  noise_gate: "Noise gate",
  compressor: "Compressor",
  eq: "EQ",
  delay: "Delay",
  reverb: "Reverb",
  gain: "Gain",
};

const KIND_NAMES: Record<string, string> = {
  amp: "amp",
  "amp-cab": "amp + cab",
  pedal: "pedal",
  outboard: "outboard",
  "cab-ir": "cab IR",
};

export function blockText(block: PublicBlock): string {
  if (block.type === "gear") {
    if (!block.gear_name) return "a removed item";
    const kind = block.gear_kind ? (KIND_NAMES[block.gear_kind] ?? block.gear_kind) : null;
    return kind ? `${block.gear_name} (${kind})` : block.gear_name;
  }
  const name = block.effect ? (EFFECT_NAMES[block.effect] ?? block.effect) : "Effect";
  const params = Object.entries(block.params ?? {}).map(([key, value]) => {
    const p = describeMetric(key);
    const shown = Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/\.?0+$/, "");
    return `${p.label.toLowerCase()} ${shown}${p.unit ? ` ${p.unit}` : ""}`;
  });
  return params.length ? `${name}: ${params.join(", ")}` : name;
}
