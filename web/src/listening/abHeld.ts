/**
 * The passage of a recording that the A/B player holds in memory: the whole recording when
 * the budget allows, else one passage of it (abPassage), the same for every source.
 */
import { DEFAULT_RATE } from "./abLoader";
import { clampStart, passageHeld, passageSeconds, type Passage } from "./abPassage";
import type { AbPlatform } from "./abPlatform";

export class HeldPassage {
  /** Seconds into the recording where the passage held starts. */
  private start = 0;
  /** Seconds held of each source (null: not yet known, Infinity: the whole recording). */
  private length: number | null = null;
  /** Seconds: the shortest whole source decoded so far. */
  private total = Infinity;

  constructor(private readonly platform: AbPlatform) {}

  /** What to keep of a decoded source, one of `sources`: all of it, or the passage when the
   * budget says so. */
  held(decoded: AudioBuffer, sources: number): AudioBuffer {
    this.total = Math.min(this.total, decoded.duration);
    this.length ??= passageSeconds(sources, decoded.sampleRate ?? DEFAULT_RATE, decoded.numberOfChannels ?? 1);
    if (this.start === 0 && decoded.duration <= this.length) return decoded;
    return this.platform.crop(decoded, this.start, this.length);
  }

  /** The passage held, or null while the whole recording is (or nothing is known yet). */
  passage(): Passage | null {
    return passageHeld(this.start, this.length, this.total);
  }

  /** Where a passage from `seconds` would start, or null when it is the one held now. */
  startFor(seconds: number): number | null {
    const passage = this.passage();
    if (!passage) return null;
    const start = clampStart(seconds, passage.length, passage.total);
    return start === this.start ? null : start;
  }

  /** Hold the passage from `start` (seconds) of the sources loaded from now on. */
  holdFrom(start: number): void {
    this.start = start;
  }
}
