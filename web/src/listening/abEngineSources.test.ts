import { describe, expect, it } from "vitest";

import { AbEngine } from "./abEngine";
import { playing, rig, THREE } from "./abEngineRig";
import { MEMORY_BUDGET_BYTES, passageSeconds } from "./abPassage";

describe("AbEngine", () => {

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
