/**
 * The blind vote's form rules: a rating from 0 to 100 for every letter and one favourite;
 * Submit waits for both. Keys move a rating as a slider does (arrows by 1, Page keys by 10,
 * Home/End to the ends).
 */
export const MIN_RATING = 0;
export const MAX_RATING = 100;

export interface RatingForm {
  /** letter → rating; a letter not yet rated is absent */
  ratings: Record<string, number>;
  favourite: string | null;
}

export const emptyForm: RatingForm = { ratings: {}, favourite: null };

/** A rating as the API takes it: a whole number within 0..100. */
export function clampRating(value: number): number {
  if (!Number.isFinite(value)) return MIN_RATING;
  return Math.min(MAX_RATING, Math.max(MIN_RATING, Math.round(value)));
}

export function rate(form: RatingForm, letter: string, value: number): RatingForm {
  return { ...form, ratings: { ...form.ratings, [letter]: clampRating(value) } };
}

/** The letters still to rate, in order. */
export function unrated(form: RatingForm, letters: readonly string[]): string[] {
  return letters.filter((letter) => form.ratings[letter] === undefined);
}

/** What still stands between the form and Submit, in words, or null when it may be sent. */
export function missing(form: RatingForm, letters: readonly string[]): string | null {
  const left = unrated(form, letters);
  const parts: string[] = [];
  if (left.length > 0) parts.push(`rate ${left.join(", ")}`);
  if (form.favourite === null || !letters.includes(form.favourite)) parts.push("pick a favourite");
  if (parts.length === 0) return null;
  const text = parts.join(" and ");
  return text.charAt(0).toUpperCase() + text.slice(1) + ".";
}

export function canSubmit(form: RatingForm, letters: readonly string[]): boolean {
  return missing(form, letters) === null;
}

/** The rating a key leads to from `current` (null: not a rating key). An unrated letter
 * starts from the middle. */
export function ratingForKey(key: string, current: number | undefined): number | null {
  const from = current ?? 50;
  const steps: Record<string, number> = {
    ArrowUp: 1,
    ArrowRight: 1,
    ArrowDown: -1,
    ArrowLeft: -1,
    PageUp: 10,
    PageDown: -10,
  };
  if (key in steps) return clampRating(from + (steps[key] ?? 0));
  if (key === "Home") return MIN_RATING;
  if (key === "End") return MAX_RATING;
  return null;
}

/** The vote as the API takes it (call only when `canSubmit`). */
export function voteBody(form: RatingForm, letters: readonly string[]): { ratings: Record<string, number>; favourite: string } {
  if (!canSubmit(form, letters) || form.favourite === null) throw new Error("the vote is not complete");
  return { ratings: Object.fromEntries(letters.map((l) => [l, form.ratings[l] ?? 0])), favourite: form.favourite };
}
