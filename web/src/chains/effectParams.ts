/** A built-in effect's parameters: their defaults, a slider's step and snapping, a typed value
 * checked against its range, and the values in words. */
import type { EffectInfo, EffectParam } from "./rules";

/** An effect's parameters at their defaults. */
export function defaultParams(effect: EffectInfo): Record<string, number> {
  return Object.fromEntries(effect.params.map((p) => [p.name, p.default]));
}

/** A slider step for a range: about 1/200 of it, rounded to 1, 2 or 5 times a power of ten. */
export function paramStep(low: number, high: number): number {
  const span = high - low;
  if (!(span > 0)) return 1;
  const raw = span / 200;
  const power = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 5, 10].find((m) => m * power >= raw) ?? 10;
  return Number((nice * power).toPrecision(1));
}

/** A parameter value as typed, checked against its range: the number, or why not. */
export function checkParam(param: EffectParam, text: string): { value: number } | { error: string } {
  const trimmed = text.trim();
  const value = Number(trimmed);
  const unit = param.unit ? ` ${param.unit}` : "";
  if (trimmed === "" || !Number.isFinite(value)) return { error: `${param.label} needs a number` };
  if (value < param.low || value > param.high) {
    return { error: `${param.label} must be from ${param.low} to ${param.high}${unit}` };
  }
  return { value };
}

/** An effect's parameters in words, in the effect's order: "Time 0.35 s, Feedback 0.3". */
export function paramsSummary(
  effect: string,
  params: Readonly<Record<string, number>>,
  effects?: readonly EffectInfo[],
): string {
  const specs = effects?.find((e) => e.name === effect)?.params;
  if (!specs) return Object.entries(params).map(([k, v]) => `${k.replace(/_/g, " ")} ${v}`).join(", ");
  return specs
    .filter((p) => p.name in params)
    .map((p) => `${p.label} ${params[p.name]}${p.unit ? ` ${p.unit}` : ""}`)
    .join(", ");
}

/** A slider's value rounded to its step (from zero, so 5.01 reads 5) within the range, without
 * float noise (0.30000000000000004 reads 0.3). */
export function snapToStep(value: number, step: number, low: number, high: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const snapped = Number((Math.round(value / step) * step).toFixed(decimals));
  return Math.min(high, Math.max(low, snapped));
}
