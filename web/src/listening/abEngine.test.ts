import { describe, expect, it } from "vitest";

import { SWITCH_RAMP } from "./abEngine";
import { playing, rig, THREE } from "./abEngineRig";

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
});
