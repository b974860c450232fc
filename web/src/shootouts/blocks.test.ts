import { describe, expect, it } from "vitest";

import { blockText } from "./blocks";

describe("blockText", () => {
  it("names gear with its kind, and a removed item plainly", () => {
    expect(blockText({ type: "gear", gear_name: "JCM800 capture 3", gear_kind: "amp" })).toBe("JCM800 capture 3 (amp)");
    expect(blockText({ type: "gear", gear_name: "Mesa 57", gear_kind: "cab-ir" })).toBe("Mesa 57 (cab IR)");
    expect(blockText({ type: "gear", gear_name: null, gear_kind: null })).toBe("a removed item");
  });
  it("lists an effect's settings with units", () => {
    expect(blockText({ type: "effect", effect: "noise_gate", params: { threshold_db: -60, attack_ms: 1.5 } })).toBe(
      "Noise gate: threshold -60 dB, attack 1.5 ms",
    );
    expect(blockText({ type: "effect", effect: "reverb", params: {} })).toBe("Reverb");
  });
});
