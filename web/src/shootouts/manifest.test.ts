import { describe, expect, it } from "vitest";

import { readManifest, segmentAt } from "./manifest";

const manifest = {
  version: 1,
  loudness: { requested_lufs: -16, target_lufs: -19.44, lowered_for_true_peak: true },
  chains: [
    { label: "B", gain_db: -10.8 },
    { label: "A", gain_db: 1.7 },
  ],
  montage: {
    timeline: [
      { label: "A", start_seconds: 1.6655, end_seconds: 3.326 },
      { label: "B", start_seconds: 0, end_seconds: 1.6655 },
      { label: "B", start_seconds: 5.15, end_seconds: 6.98 },
      { label: "A", start_seconds: 3.326, end_seconds: 5.15 },
    ],
  },
};

describe("readManifest", () => {
  it("reads the montage's timeline in time order, the gains and the lowered level", () => {
    const facts = readManifest(manifest);
    expect(facts.segments.map((s) => s.label)).toEqual(["B", "A", "A", "B"]);
    expect(facts.gains.get("B")).toBe(-10.8);
    expect(facts.loweredTo).toBe(-19.44);
  });

  it("leaves out what is missing or malformed", () => {
    expect(readManifest(null)).toEqual({ segments: [], gains: new Map(), loweredTo: null });
    const facts = readManifest({
      loudness: { target_lufs: -14, lowered_for_true_peak: false },
      chains: [{ label: "A" }, "junk"],
      montage: { timeline: [{ label: "A", start_seconds: 2, end_seconds: 1 }, { start_seconds: 0, end_seconds: 1 }] },
    });
    expect(facts).toEqual({ segments: [], gains: new Map(), loweredTo: null });
  });
});

describe("segmentAt", () => {
  it("finds what plays at a time, none past the end", () => {
    const { segments } = readManifest(manifest);
    expect(segmentAt(segments, 0)?.label).toBe("B");
    expect(segmentAt(segments, 1.7)?.label).toBe("A");
    expect(segmentAt(segments, 6.9)?.label).toBe("B");
    expect(segmentAt(segments, 7)).toBeNull();
  });
});
