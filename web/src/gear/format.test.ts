import { describe, expect, it } from "vitest";

import { formatDuration, kindLabel, submodelSummary } from "./format";

describe("gear facts in words", () => {
  it("gives IR lengths", () => {
    expect(formatDuration(0.5)).toBe("500 ms");
    expect(formatDuration(1.234)).toBe("1.23 s");
  });
  it("names kinds", () => {
    expect(kindLabel("amp-cab")).toBe("Amp + cab");
    expect(kindLabel("cab-ir")).toBe("Cab IR");
  });
  it("describes an A2 container's submodels", () => {
    const lite = { max_value: 0.5, parameters: 1871, macs_per_second: 83_088_000, loudness: -24.038 };
    const full = { max_value: 1, parameters: 12146, macs_per_second: 565_248_000, loudness: null };
    expect(submodelSummary(lite, 0, 2)).toBe("Slim up to 0.5: 1,871 weights, 83 M MAC/s, -24.0 LUFS");
    expect(submodelSummary(full, 1, 2)).toBe("Largest (default): 12,146 weights, 565 M MAC/s, loudness not recorded");
  });
});
