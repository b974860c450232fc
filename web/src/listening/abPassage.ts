/**
 * Long recordings in passages: the A/B player keeps every source's decoded audio in memory,
 * and 16 chains of a 10-minute DI would hold 1.8 GB (float32, mono, 48 kHz). Past a budget it
 * holds one passage of each source at a time (each file is decoded, cut to the passage and
 * let go, one file at a time), as long as the budget allows for that many sources; the
 * listener moves the passage along the recording.
 */

/** Bytes of decoded audio the player may hold for all its sources together. */
export const MEMORY_BUDGET_BYTES = 384 * 2 ** 20;
/** The shortest passage, seconds, however many sources. */
export const MIN_PASSAGE_SECONDS = 20;

export interface Passage {
  /** seconds into the recording */
  start: number;
  /** seconds held (the last passage may be shorter) */
  length: number;
  /** seconds: the recording's whole length (the shortest source's) */
  total: number;
}

/** Seconds of every one of `sources` sources the budget holds, in whole seconds. */
export function passageSeconds(sources: number, sampleRate: number, channels: number, budget = MEMORY_BUDGET_BYTES): number {
  const bytesPerSecond = Math.max(1, sources) * sampleRate * Math.max(1, channels) * 4;
  return Math.max(MIN_PASSAGE_SECONDS, Math.floor(budget / bytesPerSecond));
}

/** Where a passage of `length` seconds may start in `total` seconds: within the recording. */
export function clampStart(start: number, length: number, total: number): number {
  return Math.max(0, Math.min(Math.floor(start), Math.max(0, Math.floor(total - length))));
}

/** The passage held from `start` when `length` seconds of a `total`-second recording are held
 * at a time; null while unknown or when the whole recording is held. */
export function passageHeld(start: number, length: number | null, total: number): Passage | null {
  if (length === null || !Number.isFinite(total) || total <= length) return null;
  return { start, length: Math.min(length, total - start), total };
}
