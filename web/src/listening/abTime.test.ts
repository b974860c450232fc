import { describe, expect, it } from "vitest";

import { loopBetween, playheadAt, timeAtX } from "./abTime";

describe("playheadAt", () => {
  it("advances with the clock from the offset, not before the start", () => {
    expect(playheadAt(2, 10, 9.9, null, 8)).toBe(2);
    expect(playheadAt(2, 10, 11.5, null, 8)).toBeCloseTo(3.5, 9);
  });
  it("wraps to the loop's start at its end", () => {
    const loop = { start: 1, end: 3 };
    expect(playheadAt(1, 0, 1.99, loop, 8)).toBeCloseTo(2.99, 9);
    expect(playheadAt(1, 0, 2.5, loop, 8)).toBeCloseTo(1.5, 9);
    expect(playheadAt(1, 0, 6.25, loop, 8)).toBeCloseTo(1.25, 9);
    // started before the loop: plays into it, then wraps
    expect(playheadAt(0, 0, 3.5, loop, 8)).toBeCloseTo(1.5, 9);
  });
  it("stops at the shortest source's end", () => {
    expect(playheadAt(7, 0, 5, null, 8)).toBe(8);
  });
});

describe("loopBetween and timeAtX", () => {
  it("orders the ends, keeps them in the audio and refuses a sliver", () => {
    expect(loopBetween(5, 2, 4)).toEqual({ start: 2, end: 4 });
    expect(loopBetween(1, 1.01, 4)).toBeNull();
  });
  it("maps a pixel to seconds within the audio", () => {
    expect(timeAtX(50, 200, 8)).toBe(2);
    expect(timeAtX(-5, 200, 8)).toBe(0);
    expect(timeAtX(500, 200, 8)).toBe(8);
  });
});
