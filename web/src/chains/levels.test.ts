import { describe, expect, it } from "vitest";

import { captureGains, levelsSummary, parseGainSweep } from "./levels";

describe("a capture's level gains, as the NAM plugin", () => {
  const plexi = { input_level_dbu: 18.3, output_level_dbu: 9.8, loudness: -22.5 };
  it("are nothing when raw", () => {
    expect(captureGains(plexi, "raw", "raw")).toEqual({ input: 0, output: 0 });
  });
  it("calibrate the input from the reference to the capture's input level", () => {
    expect(captureGains(plexi, "calibrated", "raw", 12).input).toBeCloseTo(-6.3);
  });
  it("normalize the output to -18 dB, or calibrate it back to the reference", () => {
    expect(captureGains(plexi, "raw", "normalized").output).toBeCloseTo(4.5);
    expect(captureGains(plexi, "raw", "calibrated", 12).output).toBeCloseTo(-2.2);
  });
  it("say when the metadata is missing", () => {
    expect(captureGains({}, "calibrated", "normalized")).toEqual({ input: null, output: null });
  });
});

describe("a group's gain sweep", () => {
  it("reads a list of dB values", () => {
    expect(parseGainSweep("-6, 0, 6")).toEqual({ gains: [-6, 0, 6] });
    expect(parseGainSweep("  ")).toEqual({ gains: null });
  });
  it("refuses what the API would", () => {
    expect(parseGainSweep("-6, loud").error).toBeTruthy();
    expect(parseGainSweep("70").error).toBeTruthy();
  });
  it("summarizes the modes", () => {
    expect(levelsSummary("raw", "raw")).toBe("");
    expect(levelsSummary("calibrated", "normalized")).toBe("input calibrated, output normalized (−18 dB)");
  });
});
