import { describe, expect, it } from "vitest";

import { AbEngine, SWITCH_RAMP } from "./abEngine";
import { MEMORY_BUDGET_BYTES, passageSeconds } from "./abPassage";
import type { AbPlatform } from "./abPlatform";
import type { EngineSource } from "./abSnapshot";

/** An AudioParam that records what is scheduled on it. */
class FakeParam {
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

class FakeNode {
  connections: unknown[] = [];
  connect(to: unknown) {
    this.connections.push(to);
  }
  disconnect() {
    this.connections = [];
  }
}

class FakeGain extends FakeNode {
  gain = new FakeParam(1);
}

class FakeSource extends FakeNode {
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

interface FakeBuffer {
  url: string;
  duration: number;
  /** [from, seconds] when cut to a passage */
  cropped?: [number, number];
}

class FakeContext {
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
function rig(lengths: Record<string, number>) {
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

const THREE: EngineSource[] = [
  { key: "a", url: "/a.flac" },
  { key: "b", url: "/b.flac" },
  { key: "c", url: "/c.flac" },
];

async function playing(lengths = { "/a.flac": 8, "/b.flac": 8, "/c.flac": 8 }) {
  const r = rig(lengths);
  r.engine.setSources(THREE);
  await r.ready();
  r.engine.play();
  return r;
}

describe("AbEngine", () => {
  it("loads every source once, then is ready on the first key", async () => {
    const { engine, fetched, ready } = rig({ "/a.flac": 8, "/b.flac": 8, "/c.flac": 8 });
    engine.setSources(THREE);
    expect(engine.snapshot().state).toBe("loading");
    expect(engine.snapshot().loading).toMatchObject({ index: 1, total: 3 });
    await ready();
    expect(fetched).toEqual(["/a.flac", "/b.flac", "/c.flac"]);
    expect(engine.snapshot()).toMatchObject({ state: "ready", current: "a", duration: 8, loading: null });
  });

  it("reports which file of how many is loading, and how much of it has arrived", async () => {
    const { engine, ready } = rig({ "/a.flac": 8, "/b.flac": 8, "/c.flac": 8 });
    const seen = new Set<string>();
    engine.subscribe(() => {
      const loading = engine.snapshot().loading;
      if (loading) seen.add(`${loading.index}/${loading.total} ${loading.percent}`);
    });
    engine.setSources(THREE);
    await ready();
    expect([...seen]).toEqual(expect.arrayContaining(["1/3 0", "1/3 100", "2/3 100", "3/3 100"]));
  });

  it("starts every source with one when and one offset, only the heard one at gain 1", async () => {
    const { engine, context } = await playing();
    const starts = context().sources.map((s) => s.started);
    expect(starts).toHaveLength(3);
    expect(new Set(starts.map((s) => `${s?.when}/${s?.offset}`)).size).toBe(1);
    expect(starts[0]?.offset).toBe(0);
    expect(context().gains.map((g) => g.gain.value)).toEqual([1, 0, 0]);
    expect(engine.snapshot().state).toBe("playing");
  });

  it("switches by ramping gains within 10 ms, starting and stopping nothing", async () => {
    const { engine, context } = await playing();
    context().currentTime = 11.5;
    const before = context().sources.map((s) => [s.started, [...s.stoppedAt]]);
    engine.select("b");
    expect(context().sources.map((s) => [s.started, s.stoppedAt])).toEqual(before);
    expect(context().sources).toHaveLength(3);
    const ramps = context().gains.map((g) => g.gain.events.filter((e) => e.kind === "ramp"));
    expect(ramps.map((r) => r[0]?.value)).toEqual([0, 1, 0]);
    for (const [ramp] of ramps) {
      expect(ramp?.time).toBeGreaterThan(11.5);
      expect(ramp?.time).toBeLessThanOrEqual(11.5 + 0.01);
    }
    expect(SWITCH_RAMP).toBeLessThanOrEqual(0.01);
    expect(engine.snapshot().current).toBe("b");
  });

  it("seeks by restarting every source with one when at the new offset", async () => {
    const { engine, context } = await playing();
    context().currentTime = 12;
    engine.seek(5);
    const [first, second, third, ...again] = context().sources;
    for (const old of [first, second, third]) expect(old?.stoppedAt).toContain(-1);
    expect(again).toHaveLength(3);
    expect(new Set(again.map((s) => `${s.started?.when}/${s.started?.offset}`))).toEqual(new Set([`${12.03}/5`]));
    expect(engine.playhead()).toBe(5);
  });

  it("loops every source over the same region, and the playhead wraps in it", async () => {
    const { engine, context } = await playing();
    engine.setLoop(4, 2);
    const looping = context().sources.slice(3);
    expect(looping).toHaveLength(3);
    for (const s of looping) {
      expect([s.loop, s.loopStart, s.loopEnd, s.started?.offset]).toEqual([true, 2, 4, 2]);
      expect(s.stoppedAt).toEqual([]); // a loop plays on until paused
    }
    const startedAt = looping[0]?.started?.when ?? 0;
    context().currentTime = startedAt + 2.5; // 0.5 s past the loop's end
    expect(engine.playhead()).toBeCloseTo(2.5, 6);
    engine.clearLoop();
    expect(engine.snapshot().loop).toBeNull();
    expect(context().sources.slice(6).every((s) => !s.loop && s.started?.offset === 2.5)).toBe(true);
  });

  it("advances the playhead with the audio clock and keeps it across a switch", async () => {
    const { engine, context } = await playing();
    const startedAt = context().sources[0]?.started?.when ?? 0;
    expect(engine.playhead()).toBe(0); // not started yet
    context().currentTime = startedAt + 1.25;
    expect(engine.playhead()).toBeCloseTo(1.25, 6);
    engine.select("c");
    expect(engine.playhead()).toBeCloseTo(1.25, 6);
    engine.pause();
    context().currentTime += 3;
    expect(engine.playhead()).toBeCloseTo(1.25, 6);
    expect(engine.snapshot().state).toBe("paused");
  });

  it("stops every source at the shortest one's end", async () => {
    const { engine, context } = await playing({ "/a.flac": 8, "/b.flac": 6, "/c.flac": 9 });
    expect(engine.snapshot().duration).toBe(6);
    const sources = context().sources;
    const when = sources[0]?.started?.when ?? 0;
    for (const s of sources) expect(s.stoppedAt).toEqual([when + 6]);
    sources[1]?.onended?.();
    expect(engine.snapshot().state).toBe("paused");
    expect(engine.playhead()).toBe(6);
  });

  it("refetches only a source whose url changed, and starts it at the playhead on the same clock", async () => {
    const r = rig({ "/a.flac": 8, "/b.flac": 8, "/c.flac": 8, "/x2.flac": 8 });
    r.engine.setSources(THREE);
    await r.ready();
    r.engine.play();
    const startedAt = r.context().sources[0]?.started?.when ?? 0;
    r.context().currentTime = startedAt + 2;
    r.engine.setSources([THREE[0]!, THREE[1]!, { key: "c", url: "/x2.flac" }]);
    expect(r.context().sources[2]?.stoppedAt).toContain(-1);
    await r.ready();
    expect(r.fetched).toEqual(["/a.flac", "/b.flac", "/c.flac", "/x2.flac"]);
    const joined = r.context().sources[3];
    expect(joined?.buffer?.url).toBe("/x2.flac");
    // started LEAD after now, at the playhead the others will have reached by then
    expect(joined?.started?.offset).toBeCloseTo(2 + ((joined?.started?.when ?? 0) - (startedAt + 2)), 6);
    expect(r.context().sources.slice(0, 2).every((s) => s.stoppedAt.length === 1)).toBe(true);
    expect(r.engine.snapshot()).toMatchObject({ state: "playing", current: "a" });
  });

  it("says which source failed to load", async () => {
    const r = rig({});
    const failing = new AbEngine({
      fetch: (async () => new Response("gone", { status: 404 })) as typeof fetch,
      createContext: () => r.context() as unknown as AudioContext,
      decode: async () => ({}) as AudioBuffer,
      crop: (buffer) => buffer,
    });
    failing.setSources(THREE.slice(0, 2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(failing.snapshot()).toMatchObject({ state: "error", error: { key: "a", message: "HTTP 404" } });
  });

  it("closes its context on close", async () => {
    const { engine, context } = await playing();
    engine.close();
    expect(context().closed).toBe(true);
  });

  it("holds a passage of each source when the whole would pass the memory budget", async () => {
    const sixteen = Array.from({ length: 16 }, (_, n) => ({ key: `k${n}`, url: `/${n}.flac` }));
    const lengths = Object.fromEntries(sixteen.map((s) => [s.url, 600]));
    const { engine, ready, fetched } = rig(lengths);
    engine.setSources(sixteen);
    await ready();
    const length = passageSeconds(16, 48_000, 1);
    expect(length).toBeLessThan(600);
    expect(16 * length * 48_000 * 4).toBeLessThanOrEqual(MEMORY_BUDGET_BYTES);
    const snap = engine.snapshot();
    expect(snap.passage).toEqual({ start: 0, length, total: 600 });
    expect(snap.duration).toBe(length);
    const held = sixteen.map((s) => engine.buffer(s.key) as unknown as { cropped: [number, number] });
    expect(held.every((b) => b.cropped[0] === 0 && b.cropped[1] === length)).toBe(true);

    engine.play();
    engine.setPassage(590); // past the end: the last whole passage
    expect(engine.snapshot().state).toBe("loading");
    await ready();
    const moved = engine.snapshot();
    expect(moved.passage).toEqual({ start: 600 - length, length, total: 600 });
    expect(moved.state).toBe("paused");
    expect(engine.playhead()).toBe(0);
    expect(fetched).toHaveLength(32);
    expect((engine.buffer("k3") as unknown as { cropped: [number, number] }).cropped).toEqual([600 - length, length]);
  });

  it("holds short recordings whole, with no passage", async () => {
    const { engine } = await playing();
    expect(engine.snapshot().passage).toBeNull();
    expect((engine.buffer("a") as unknown as { cropped?: unknown }).cropped).toBeUndefined();
    engine.setPassage(3);
    expect(engine.snapshot().state).toBe("playing");
  });
});
