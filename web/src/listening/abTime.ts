/** Where the A/B player is in the audio: the playhead from the audio clock, a loop's wrap, and
 * where a pointer on the waveform points. Times are seconds. */

export interface Loop {
  /** seconds */
  start: number;
  /** seconds, after `start` */
  end: number;
}

/** The shortest loop worth drawing, seconds: a shorter drag is a click (a seek). */
export const MIN_LOOP_SECONDS = 0.05;

/**
 * The playhead at audio-clock time `now` for sources started at clock time `startedAt` from
 * `offset`: it advances with the clock, wraps to the loop's start at the loop's end (as an
 * AudioBufferSourceNode with loopStart/loopEnd does), and never passes `duration`.
 */
export function playheadAt(offset: number, startedAt: number, now: number, loop: Loop | null, duration: number): number {
  let at = offset + Math.max(0, now - startedAt);
  if (loop && loop.end - loop.start > 0 && at >= loop.end) {
    at = loop.start + ((at - loop.start) % (loop.end - loop.start));
  }
  return Math.max(0, Math.min(at, duration));
}

/** A loop from two points (either order) within `duration`; null when shorter than MIN_LOOP_SECONDS. */
export function loopBetween(a: number, b: number, duration: number): Loop | null {
  const start = Math.max(0, Math.min(a, b));
  const end = Math.min(duration, Math.max(a, b));
  return end - start >= MIN_LOOP_SECONDS ? { start, end } : null;
}

/** The time under horizontal position `x` (px) of a waveform `width` px wide showing `duration`. */
export function timeAtX(x: number, width: number, duration: number): number {
  if (width <= 0 || duration <= 0) return 0;
  return Math.max(0, Math.min(duration, (x / width) * duration));
}
