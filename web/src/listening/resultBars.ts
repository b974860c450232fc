/**
 * Where a results bar and its interval whisker go, in percent of the track's width: the bar
 * from 0 to the estimate, the whisker from the interval's low to its high end. Shares are
 * 0..1, ratings 0..100.
 */
import type { Estimate } from "./types";

export interface BarGeometry {
  /** the bar's width */
  fill: number;
  /** the whisker's left edge and width */
  whiskerLeft: number;
  whiskerWidth: number;
}

const clampPct = (value: number) => Math.min(100, Math.max(0, Number.isFinite(value) ? value : 0));

/** `estimate` on a scale from 0 to `max` (1 for shares, 100 for ratings). */
export function barGeometry(estimate: Estimate, max: number): BarGeometry {
  const pct = (value: number) => clampPct((value / max) * 100);
  const low = pct(Math.min(estimate.low, estimate.high));
  const high = pct(Math.max(estimate.low, estimate.high));
  return { fill: pct(estimate.estimate), whiskerLeft: low, whiskerWidth: high - low };
}

/** "42 % (19–68 %)" */
export function shareText(share: Estimate): string {
  const p = (v: number) => Math.round(v * 100);
  return `${p(share.estimate)} % (${p(share.low)}–${p(share.high)} %)`;
}

/** "62 (55–69)"; an interval reaching past the scale (few votes) is cut at 0 and 100. */
export function ratingText(rating: Estimate): string {
  const r = (v: number) => Math.min(100, Math.max(0, Math.round(v)));
  return `${r(rating.estimate)} (${r(rating.low)}–${r(rating.high)})`;
}
