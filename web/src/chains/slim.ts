/** An A2 container capture's submodels: which one a slim value runs, and the slim value that
 * picks one (NAM Core's rule). */

/** The submodel a slim value runs (NAM Core's rule: the first whose max_value is at least
 * `slim`; null runs the largest), as an index into `maxValues` (smallest first). */
export function submodelIndex(maxValues: readonly number[], slim: number | null | undefined): number {
  const last = maxValues.length - 1;
  if (slim == null) return last;
  const found = maxValues.findIndex((max) => slim <= max);
  return found < 0 ? last : found;
}

/** The slim value that picks submodel `index` (its own max_value, clamped to 0..1), or null
 * for the largest (NAM Core's default). */
export function slimFor(maxValues: readonly number[], index: number): number | null {
  if (index >= maxValues.length - 1) return null;
  return Math.min(1, Math.max(0, maxValues[index] ?? 1));
}
