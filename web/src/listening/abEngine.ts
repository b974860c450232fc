/**
 * The A/B player's sound, without any UI: every source decoded into memory and played by one
 * AudioContext, all started together on one clock with the same offset, each through its own
 * gain; switching only moves the gains (an 8 ms crossfade), so every source stays at the same
 * playhead. Sources load one at a time (the encoded bytes are let go once decoded), and when a
 * source's url changes only that source loads again and joins the others where they are. A
 * recording too long to hold whole is held one passage at a time (abPassage); times are then
 * the passage's. The sources and their clock are `AbSources`; this is the player's state.
 */
import { HeldPassage } from "./abHeld";
import { DEFAULT_RATE, SourceLoader } from "./abLoader";
import type { AbPlatform } from "./abPlatform";
import type { AbSnapshot, AbState, EngineSource } from "./abSnapshot";
import { AbSources } from "./abSources";
import { loopBetween, type Loop } from "./abTime";

/** Seconds a switch's crossfade takes. */
export const SWITCH_RAMP = 0.008;

export class AbEngine {
  private readonly sources: AbSources;
  private readonly slots: AbSources["slots"];
  private order: string[] = [];
  private playing = false;
  private played = false;
  /** Seconds into the audio where the running sources started (or where a pause left it). */
  private offset = 0;
  private loop: Loop | null = null;
  private readonly hold: HeldPassage;
  private readonly loader: SourceLoader;
  private error: AbSnapshot["error"] = null;
  private current = "";
  private closed = false;
  private snap: AbSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(platform: AbPlatform) {
    this.sources = new AbSources(platform, {
      rate: () => this.loader.rate ?? DEFAULT_RATE,
      current: () => this.current,
      loop: () => this.loop,
      ended: () => {
        if (this.playing) this.finish();
      },
    });
    this.slots = this.sources.slots;
    this.hold = new HeldPassage(platform);
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
    if (!this.playing || !this.sources.open) return Math.min(this.offset, this.sources.duration());
    return this.sources.playhead(this.offset);
  }

  /** Load what is new or changed, drop what is gone; the heard key stays when it is still there. */
  setSources(sources: readonly EngineSource[]): void {
    if (this.closed) return;
    const wanted = new Map(sources.map((s) => [s.key, s.url]));
    for (const [key, slot] of this.slots) {
      if (wanted.get(key) === slot.url) continue;
      if (this.error?.key === key) this.error = null;
      this.sources.stopNode(slot);
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
    if (this.closed || this.playing || !this.sources.allLoaded()) return;
    const context = this.sources.ensureContext();
    void context.resume().catch(() => undefined);
    if (!this.loop && this.offset >= this.sources.duration() - 1e-3) this.offset = 0;
    this.playing = true;
    this.played = true;
    this.sources.startAll(this.offset);
    this.emit();
  }

  pause(): void {
    if (!this.playing) return;
    this.offset = this.playhead();
    this.playing = false;
    this.sources.stopAll();
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
    this.sources.hear(key, SWITCH_RAMP);
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
    const to = Math.max(0, Math.min(seconds, this.sources.duration()));
    if (this.loop && (to < this.loop.start || to >= this.loop.end)) this.loop = null;
    this.restartAt(to);
  }

  /** Loop between two points (either order) and play from the loop's start. */
  setLoop(a: number, b: number): void {
    const loop = loopBetween(a, b, this.sources.duration());
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
    if (!this.closed) void this.sources.ensureContext().resume().catch(() => undefined);
  }

  /** Stop, let go of every buffer and close the context. */
  close(): void {
    this.closed = true;
    this.sources.stopAll();
    this.loader.close();
    this.slots.clear();
    this.listeners.clear();
    this.sources.close();
  }

  private restartAt(seconds: number): void {
    this.offset = seconds;
    if (this.playing) {
      this.sources.stopAll();
      this.sources.startAll(this.offset);
    }
    this.emit();
  }

  private finish(): void {
    this.playing = false;
    this.offset = this.sources.duration();
    this.sources.stopAll();
    this.emit();
  }

  /** A source's audio arrived: while playing, it joins the others where they are, on the same clock. */
  private join(key: string, decoded: AudioBuffer): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    const buffer = this.hold.held(decoded, this.order.length);
    slot.buffer = buffer;
    if (this.playing) this.sources.join(slot, this.offset);
  }

  /** Hold the passage from `seconds` instead (stops playing; every source loads again). */
  setPassage(seconds: number): void {
    const start = this.hold.startFor(seconds);
    if (start === null) return;
    this.pause();
    this.sources.stopAll();
    this.hold.holdFrom(start);
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
    if (!this.sources.allLoaded()) return "loading";
    return this.played ? "paused" : "ready";
  }

  private makeSnapshot(): AbSnapshot {
    return {
      state: this.state(),
      current: this.current,
      duration: this.sources.duration(),
      passage: this.hold.passage(),
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
