/**
 * The chains a listener may pick for an ABX run, labelled as the shootout's page shows them:
 * by name, or, while a blind shootout is not revealed to them, as "Rig 1", "Rig 2"... in an
 * order of their own (not the listed chains' order), so no name is tied to the sound.
 */
export interface ChainChoice {
  id: string;
  label: string;
}

/** A stable 32-bit FNV-1a hash, to order chains the same way on every visit. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function abxChoices(
  shootoutId: string,
  chainIds: readonly string[],
  name: (chainId: string) => string | undefined,
  hidden: boolean,
): ChainChoice[] {
  if (!hidden) return chainIds.map((id, i) => ({ id, label: name(id) ?? `Chain ${i + 1}` }));
  return [...chainIds]
    .sort((a, b) => fnv1a(`${shootoutId}:${a}`) - fnv1a(`${shootoutId}:${b}`) || a.localeCompare(b))
    .map((id, i) => ({ id, label: `Rig ${i + 1}` }));
}

/** The number of trials a run may have (the API's bounds). */
export const MIN_TRIALS = 1;
export const MAX_TRIALS = 64;
export const DEFAULT_TRIALS = 16;

/** What is wrong with the choice, in words, or null when a run can start. */
export function abxChoiceProblem(chainA: string, chainB: string, trials: number): string | null {
  if (!chainA || !chainB) return "Pick two chains.";
  if (chainA === chainB) return "Pick two different chains.";
  if (!Number.isInteger(trials) || trials < MIN_TRIALS || trials > MAX_TRIALS) {
    return `Trials: a whole number from ${MIN_TRIALS} to ${MAX_TRIALS}.`;
  }
  return null;
}
