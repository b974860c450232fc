/** The A/B engine on fake Web Audio, for its tests: contexts, gains and source nodes that
 * record what is scheduled on them, and files of given lengths fetched and decoded at once. */
import { AbEngine } from "./abEngine";
import type { AbPlatform } from "./abPlatform";
import type { EngineSource } from "./abSnapshot";

/** An AudioParam that records what is scheduled on it. */
export class FakeParam {
  value: number;
  events: Array<{ kind: string; value?: number; time: number }> = [];
  constructor(value: number) {
    this.value = value;
  }
  cancelScheduledValues(time: number) {
    this.events.push({ kind: "cancel", time });
  }
  setValueAtTime(value: number, time: number) {
    this.events.push({ kind: "set", value, time });
  }
  linearRampToValueAtTime(value: number, time: number) {
    this.events.push({ kind: "ramp", value, time });
    this.value = value;
  }
}

export class FakeNode {
  connections: unknown[] = [];
  connect(to: unknown) {
    this.connections.push(to);
  }
  disconnect() {
    this.connections = [];
  }
}

export class FakeGain extends FakeNode {
  gain = new FakeParam(1);
}

export class FakeSource extends FakeNode {
  buffer: FakeBuffer | null = null;
  loop = false;
  loopStart = 0;
  loopEnd = 0;
  started: { when: number; offset: number } | null = null;
  stoppedAt: number[] = [];
  onended: (() => void) | null = null;
  start(when: number, offset: number) {
    this.started = { when, offset };
  }
  stop(when?: number) {
    this.stoppedAt.push(when ?? -1);
  }
}

export interface FakeBuffer {
  url: string;
  duration: number;
  /** [from, seconds] when cut to a passage */
  cropped?: [number, number];
}

export class FakeContext {
  currentTime = 10;
  destination = new FakeNode();
  sources: FakeSource[] = [];
  gains: FakeGain[] = [];
  closed = false;
  constructor(readonly sampleRate: number) {}
  createBufferSource() {
    const node = new FakeSource();
    this.sources.push(node);
    return node;
  }
  createGain() {
    const node = new FakeGain();
    this.gains.push(node);
    return node;
  }
  resume() {
    return Promise.resolve();
  }
  close() {
    this.closed = true;
    return Promise.resolve();
  }
}

/** The engine on fakes: files of `lengths` seconds (by url), a log of what was fetched. */
export function rig(lengths: Record<string, number>) {
  const fetched: string[] = [];
  const contexts: FakeContext[] = [];
  const platform: AbPlatform = {
    fetch: (async (url: string) => {
      fetched.push(url);
      return new Response(new TextEncoder().encode(url), { headers: { "content-length": String(url.length) } });
    }) as typeof fetch,
    createContext: (rate) => {
      const context = new FakeContext(rate);
      contexts.push(context);
      return context as unknown as AudioContext;
    },
    decode: async (bytes) => {
      const url = new TextDecoder().decode(bytes);
      return { url, duration: lengths[url] ?? 0, sampleRate: 48_000, numberOfChannels: 1 } as unknown as AudioBuffer;
    },
    crop: (buffer, from, seconds) => {
      const whole = buffer as unknown as FakeBuffer;
      const duration = Math.min(seconds, whole.duration - from);
      return { ...whole, duration, cropped: [from, seconds] } as unknown as AudioBuffer;
    },
  };
  const engine = new AbEngine(platform);
  const ready = () =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (engine.snapshot().loading === null) resolve();
        else setTimeout(check, 1);
      };
      check();
    });
  const context = () => contexts[0] as FakeContext;
  const running = () => context().sources.filter((s) => s.started && !s.stoppedAt.includes(-1));
  return { engine, fetched, ready, context, running };
}

export const THREE: EngineSource[] = [
  { key: "a", url: "/a.flac" },
  { key: "b", url: "/b.flac" },
  { key: "c", url: "/c.flac" },
];

export async function playing(lengths = { "/a.flac": 8, "/b.flac": 8, "/c.flac": 8 }) {
  const r = rig(lengths);
  r.engine.setSources(THREE);
  await r.ready();
  r.engine.play();
  return r;
}
