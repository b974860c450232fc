/** What the A/B engine tells its player: which source is heard, what state it is in, the
 * length, the loop, and how loading goes. */
import type { LoadProgress } from "./abLoader";
import type { Passage } from "./abPassage";
import type { Loop } from "./abTime";

export interface EngineSource {
  key: string;
  url: string;
}

export type AbState = "loading" | "ready" | "playing" | "paused" | "error";

export interface AbSnapshot {
  state: AbState;
  /** The key heard. */
  current: string;
  /** Seconds: the shortest source's length held (the passage's; 0 until one is decoded). */
  duration: number;
  /** The passage held, for a recording too long to hold whole (times are then the passage's). */
  passage: Passage | null;
  loop: Loop | null;
  /** While sources load: the one loading (1-based) of how many, and its percent received. */
  loading: LoadProgress | null;
  /** The source that failed to load and why. */
  error: { key: string; message: string } | null;
}
