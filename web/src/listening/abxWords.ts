/**
 * An ABX result in words: the one-sided binomial p-value (the chance of doing at least this
 * well by guessing) and what it suggests, at the usual 5 % threshold.
 */
export const SIGNIFICANCE = 0.05;

/** p with as many digits as it needs: "0.038", "0.5", "< 0.001". */
export function formatP(p: number): string {
  if (p < 0.001) return "< 0.001";
  if (p >= 0.995) return "1";
  const text = p < 0.01 ? p.toFixed(3) : p.toFixed(3).replace(/0+$/, "").replace(/\.$/, "");
  return text;
}

/** "p = 0.038: unlikely to be guessing" or "p = 0.4: could be guessing". */
export function pValueWords(p: number): string {
  const shown = formatP(p);
  const prefix = shown.startsWith("<") ? `p ${shown}` : `p = ${shown}`;
  return `${prefix}: ${p < SIGNIFICANCE ? "unlikely to be guessing" : "could be guessing"}`;
}

/** The one-sided binomial p-value of `correct` or more right of `trials` at chance 1/2 (as
 * the server computes it; used for the running tally only). */
export function binomialP(correct: number, trials: number): number {
  let total = 0;
  let term = Math.pow(0.5, trials); // C(trials, 0) / 2^trials
  for (let k = 0; k <= trials; k++) {
    if (k >= correct) total += term;
    term = (term * (trials - k)) / (k + 1);
  }
  return Math.min(1, total);
}
