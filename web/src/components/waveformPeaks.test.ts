import { describe, expect, it } from "vitest";

import { peaksOf } from "./waveformPeaks";

describe("peaksOf", () => {
  it("keeps the loudest absolute sample of each slice", () => {
    const samples = Float32Array.from([0.1, -0.5, 0.2, 0.3, -0.05, 0.04, 0.9, -0.2]);
    expect(peaksOf([samples], 4)).toEqual([0.5, 0.3, 0.05, 0.9].map(Math.fround));
  });
  it("takes every channel into account", () => {
    const left = Float32Array.from([0.1, 0.1]);
    const right = Float32Array.from([-0.7, 0.0]);
    expect(peaksOf([left, right], 2)).toEqual([0.7, 0.1].map(Math.fround));
  });
  it("never gives more points than samples, nor any for silence of no length", () => {
    expect(peaksOf([Float32Array.from([0.2, 0.4])], 10)).toHaveLength(2);
    expect(peaksOf([new Float32Array(0)], 10)).toEqual([]);
    expect(peaksOf([], 10)).toEqual([]);
  });
  it("clips overs to 1", () => {
    expect(peaksOf([Float32Array.from([1.5, -2])], 1)).toEqual([1]);
  });
});
