/**
 * The A/B player's sound, without any UI: every source decoded into memory and played by one
 * AudioContext, all started together on one clock with the same offset, each through its own
 * gain; switching only moves the gains (an 8 ms crossfade), so every source stays at the same
 * playhead. Sources load one at a time (the encoded bytes are let go once decoded), and when a
 * source's url changes only that source loads again and joins the others where they are. A
 * recording too long to hold whole is held one passage at a time (abPassage); times are then
 * the passage's.
 */
import { DEFAULT_RATE, SourceLoader } from "./abLoader";
import { clampStart, passageHeld, passageSeconds, type Passage } from "./abPassage";
import type { AbPlatform } from "./abPlatform";
import type { AbSnapshot, AbState, EngineSource } from "./abSnapshot";
import { loopBetween, playheadAt, type Loop } from "./abTime";
import { makeGain, rampGain, startVoice, stopVoice } from "./abVoice";

/** Seconds between scheduling a start and the start: every source gets the same `when`. */
const START_LEAD = 0.03;
/** Seconds a switch's crossfade takes. */
export const SWITCH_RAMP = 0.008;

interface Slot {
  key: string;
  url: string;
  buffer: AudioBuffer | null;
  gain: GainNode | null;
  node: AudioBufferSourceNode | null;
}

export class AbEngine {
  private readonly slots = new Map<string, Slot>();
  private order: string[] = [];
  private context: AudioContext | null = null;
  private playing = false;
  private played = false;
  /** Seconds into the audio where the running sources started (or where a pause left it). */
  private offset = 0;
  /** Clock time the running sources started at. */
  private startedAt = 0;
  /** Counts starts and stops, so a stale `ended` is ignored. */
  private generation = 0;
  private loop: Loop | null = null;
  /** Seconds into the recording where the passage held starts. */
  private passageStart = 0;
  /** Seconds held of each source (null: not yet known, Infinity: the whole recording). */
  private passageLength: number | null = null;
  /** Seconds: the shortest whole source decoded so far. */
  private total = Infinity;
  private readonly loader: SourceLoader;
  private error: AbSnapshot["error"] = null;
  private current = "";
  private closed = false;
  private snap: AbSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly platform: AbPlatform) {
    this.loader = new SourceLoader(platform, {
      wanted: (key, url) => !this.closed && this.slots.get(key)?.url === url,
      loaded: (key, _url, buffer) => this.join(key, buffer),
      failed: (key, message) => {
        this.error ??= { key, message };
      },
      changed: () => this.emit(),
    });
    this.snap = this.makeSnapshot();
  }

  /** Follow changes of the snapshot (not of the playhead: read that each frame). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): AbSnapshot => this.snap;

  /** The decoded audio of `key`, once loaded. */
  buffer(key: string): AudioBuffer | null {
    return this.slots.get(key)?.buffer ?? null;
  }

  /** Seconds into the audio, now. */
  playhead(): number {
    if (!this.playing || !this.context) return Math.min(this.offset, this.duration());
    return playheadAt(this.offset, this.startedAt, this.context.currentTime, this.loop, this.duration());
  }

  /** Load what is new or changed, drop what is gone; the heard key stays when it is still there. */
  setSources(sources: readonly EngineSource[]): void {
    if (this.closed) return;
    const wanted = new Map(sources.map((s) => [s.key, s.url]));
    for (const [key, slot] of this.slots) {
      if (wanted.get(key) === slot.url) continue;
      if (this.error?.key === key) this.error = null;
      this.stopNode(slot);
      this.loader.abort(key);
      if (!wanted.has(key)) {
        slot.gain?.disconnect();
        this.slots.delete(key);
      }
    }
    this.order = sources.map((s) => s.key);
    if (!this.slots.has(this.current) && !wanted.has(this.current)) this.current = this.order[0] ?? "";
    for (const { key, url } of sources) {
      const slot = this.slots.get(key);
      if (slot && slot.url === url) continue;
      if (slot) {
        slot.url = url;
        slot.buffer = null;
      } else {
        this.slots.set(key, { key, url, buffer: null, gain: null, node: null });
      }
      this.loader.load(key, url);
    }
    this.emit();
  }

  play(): void {
    if (this.closed || this.playing || !this.allLoaded()) return;
    const context = this.ensureContext();
    void context.resume().catch(() => undefined);
    if (!this.loop && this.offset >= this.duration() - 1e-3) this.offset = 0;
    this.playing = true;
    this.played = true;
    this.startAll();
    this.emit();
  }

  pause(): void {
    if (!this.playing) return;
    this.offset = this.playhead();
    this.playing = false;
    this.stopAll();
    this.emit();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** Hear `key` from where the others are: an 8 ms crossfade, nothing restarts. */
  select(key: string): void {
    if (!this.slots.has(key) || key === this.current) return;
    this.current = key;
    const now = this.context?.currentTime ?? 0;
    for (const slot of this.slots.values()) {
      if (slot.gain) rampGain(slot.gain, slot.key === key ? 1 : 0, now, SWITCH_RAMP);
    }
    this.emit();
  }

  /** The next (+1) or previous (-1) key, round the ends. */
  step(by: 1 | -1): void {
    const count = this.order.length;
    if (count === 0) return;
    const at = this.order.indexOf(this.current);
    this.select(this.order[(at + by + count) % count] ?? this.current);
  }

  /** Move every source to `seconds`; outside the loop, the loop goes. */
  seek(seconds: number): void {
    const to = Math.max(0, Math.min(seconds, this.duration()));
    if (this.loop && (to < this.loop.start || to >= this.loop.end)) this.loop = null;
    this.restartAt(to);
  }

  /** Loop between two points (either order) and play from the loop's start. */
  setLoop(a: number, b: number): void {
    const loop = loopBetween(a, b, this.duration());
    if (!loop) return;
    this.loop = loop;
    this.restartAt(loop.start);
  }

  clearLoop(): void {
    if (!this.loop) return;
    const at = this.playhead();
    this.loop = null;
    this.restartAt(at);
  }

  /** Start the audio device ahead of Play (call on a user gesture). */
  prime(): void {
    if (!this.closed) void this.ensureContext().resume().catch(() => undefined);
  }

  /** Stop, let go of every buffer and close the context. */
  close(): void {
    this.closed = true;
    this.stopAll();
    this.loader.close();
    this.slots.clear();
    this.listeners.clear();
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }

  private restartAt(seconds: number): void {
    this.offset = seconds;
    if (this.playing) {
      this.stopAll();
      this.startAll();
    }
    this.emit();
  }

  private allLoaded(): boolean {
    return this.slots.size > 0 && [...this.slots.values()].every((s) => s.buffer !== null);
  }

  private duration(): number {
    const lengths = [...this.slots.values()].flatMap((s) => (s.buffer ? [s.buffer.duration] : []));
    return lengths.length > 0 ? Math.min(...lengths) : 0;
  }

  private ensureContext(): AudioContext {
    if (!this.context) {
      this.context = this.platform.createContext(this.loader.rate ?? DEFAULT_RATE);
    }
    return this.context;
  }

  /** Every loaded source from `offset` at one clock time. */
  private startAll(): void {
    const context = this.ensureContext();
    const when = context.currentTime + START_LEAD;
    this.startedAt = when;
    this.generation += 1;
    for (const slot of this.slots.values()) this.startSlot(slot, context, when, this.offset);
  }

  private startSlot(slot: Slot, context: AudioContext, when: number, offset: number): void {
    if (!slot.buffer) return;
    slot.gain ??= makeGain(context, slot.key === this.current ? 1 : 0);
    // without a loop every source stops with the shortest, on the audio clock
    const stopAt = when + Math.max(0, this.duration() - offset);
    const node = startVoice(context, slot.buffer, slot.gain, when, offset, this.loop, stopAt);
    const generation = this.generation;
    node.onended = () => {
      if (generation === this.generation && slot.node === node && this.playing) this.finish();
    };
    slot.node = node;
  }

  private finish(): void {
    this.playing = false;
    this.offset = this.duration();
    this.stopAll();
    this.emit();
  }

  private stopAll(): void {
    this.generation += 1;
    for (const slot of this.slots.values()) this.stopNode(slot);
  }

  private stopNode(slot: Slot): void {
    if (slot.node) stopVoice(slot.node);
    slot.node = null;
  }

  /** A source's audio arrived: while playing, it joins the others where they are, on the same clock. */
  private join(key: string, decoded: AudioBuffer): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    const buffer = this.held(decoded);
    slot.buffer = buffer;
    if (this.playing && this.context) {
      const when = this.context.currentTime + START_LEAD;
      const at = playheadAt(this.offset, this.startedAt, when, this.loop, this.duration());
      this.startSlot(slot, this.context, when, at);
    }
  }

  /** What to keep of a decoded source: all of it, or the passage when the budget says so. */
  private held(decoded: AudioBuffer): AudioBuffer {
    this.total = Math.min(this.total, decoded.duration);
    this.passageLength ??= passageSeconds(this.order.length, decoded.sampleRate ?? DEFAULT_RATE, decoded.numberOfChannels ?? 1);
    if (this.passageStart === 0 && decoded.duration <= this.passageLength) return decoded;
    return this.platform.crop(decoded, this.passageStart, this.passageLength);
  }

  private passage(): Passage | null {
    return passageHeld(this.passageStart, this.passageLength, this.total);
  }

  /** Hold the passage from `seconds` instead (stops playing; every source loads again). */
  setPassage(seconds: number): void {
    const passage = this.passage();
    if (!passage) return;
    const start = clampStart(seconds, passage.length, passage.total);
    if (start === this.passageStart) return;
    this.pause();
    this.stopAll();
    this.passageStart = start;
    this.offset = 0;
    this.loop = null;
    for (const slot of this.slots.values()) {
      slot.buffer = null;
      this.loader.load(slot.key, slot.url);
    }
    this.emit();
  }

  private state(): AbState {
    if (this.error) return "error";
    if (this.playing) return "playing";
    if (!this.allLoaded()) return "loading";
    return this.played ? "paused" : "ready";
  }

  private makeSnapshot(): AbSnapshot {
    return {
      state: this.state(),
      current: this.current,
      duration: this.duration(),
      passage: this.passage(),
      loop: this.loop,
      loading: this.loader.progress(),
      error: this.error,
    };
  }

  private emit(): void {
    if (this.closed) return;
    this.snap = this.makeSnapshot();
    for (const listener of this.listeners) listener();
  }
}
