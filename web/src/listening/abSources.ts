/**
 * The A/B player's sources on one AudioContext: each source's decoded audio, its gain and the
 * node that plays it. Every loaded source starts at one clock time from the same offset; a
 * source that arrives while the others play joins them where they are. Starts and stops are
 * counted, so a stale `ended` is ignored.
 */
import type { AbPlatform } from "./abPlatform";
import { playheadAt, type Loop } from "./abTime";
import { makeGain, rampGain, startVoice, stopVoice } from "./abVoice";

/** Seconds between scheduling a start and the start: every source gets the same `when`. */
const START_LEAD = 0.03;

export interface Slot {
  key: string;
  url: string;
  buffer: AudioBuffer | null;
  gain: GainNode | null;
  node: AudioBufferSourceNode | null;
}

/** What the sources ask of the player that owns them. */
export interface SourceHooks {
  /** The sample rate to open the context at. */
  rate: () => number;
  /** The key heard now: a new gain starts open for it and shut for the others. */
  current: () => string;
  /** The loop every source repeats, if any. */
  loop: () => Loop | null;
  /** The sources ran to their end (the latest start's, not a stale one's). */
  ended: () => void;
}

export class AbSources {
  /** Every source by key, loaded or not. */
  readonly slots = new Map<string, Slot>();
  private context: AudioContext | null = null;
  /** Clock time the running sources started at. */
  private startedAt = 0;
  /** Counts starts and stops, so a stale `ended` is ignored. */
  private generation = 0;

  constructor(
    private readonly platform: AbPlatform,
    private readonly hooks: SourceHooks,
  ) {}

  /** Whether the audio context is open (it opens on the first play or prime). */
  get open(): boolean {
    return this.context !== null;
  }

  /** Seconds into the audio now, for sources started at `offset` (the context is open). */
  playhead(offset: number): number {
    return playheadAt(offset, this.startedAt, this.context?.currentTime ?? 0, this.hooks.loop(), this.duration());
  }

  allLoaded(): boolean {
    return this.slots.size > 0 && [...this.slots.values()].every((s) => s.buffer !== null);
  }

  /** Seconds: the shortest source loaded (0 before any). */
  duration(): number {
    const lengths = [...this.slots.values()].flatMap((s) => (s.buffer ? [s.buffer.duration] : []));
    return lengths.length > 0 ? Math.min(...lengths) : 0;
  }

  ensureContext(): AudioContext {
    if (!this.context) {
      this.context = this.platform.createContext(this.hooks.rate());
    }
    return this.context;
  }

  /** Ramp every gain to hear only `key`, over `seconds`. */
  hear(key: string, seconds: number): void {
    const now = this.context?.currentTime ?? 0;
    for (const slot of this.slots.values()) {
      if (slot.gain) rampGain(slot.gain, slot.key === key ? 1 : 0, now, seconds);
    }
  }

  /** Every loaded source from `offset` at one clock time. */
  startAll(offset: number): void {
    const context = this.ensureContext();
    const when = context.currentTime + START_LEAD;
    this.startedAt = when;
    this.generation += 1;
    for (const slot of this.slots.values()) this.startSlot(slot, context, when, offset);
  }

  /** A source's audio arrived while the others play from `offset`: it joins them where they
   * are, on the same clock. */
  join(slot: Slot, offset: number): void {
    if (!this.context) return;
    const when = this.context.currentTime + START_LEAD;
    const at = playheadAt(offset, this.startedAt, when, this.hooks.loop(), this.duration());
    this.startSlot(slot, this.context, when, at);
  }

  stopAll(): void {
    this.generation += 1;
    for (const slot of this.slots.values()) this.stopNode(slot);
  }

  stopNode(slot: Slot): void {
    if (slot.node) stopVoice(slot.node);
    slot.node = null;
  }

  /** Close the audio context. */
  close(): void {
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }

  private startSlot(slot: Slot, context: AudioContext, when: number, offset: number): void {
    if (!slot.buffer) return;
    slot.gain ??= makeGain(context, slot.key === this.hooks.current() ? 1 : 0);
    // without a loop every source stops with the shortest, on the audio clock
    const stopAt = when + Math.max(0, this.duration() - offset);
    const node = startVoice(context, slot.buffer, slot.gain, when, offset, this.hooks.loop(), stopAt);
    const generation = this.generation;
    node.onended = () => {
      if (generation === this.generation && slot.node === node) this.hooks.ended();
    };
    slot.node = node;
  }
}
