import { describe, expect, it } from "vitest";

import { formatDuration, kindLabel, submodelSummary, toneModelCount } from "./format";

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
  it("counts a tone's models as GTS lists them: A2 included", () => {
    expect(toneModelCount({ format: "nam", models_count: 1, a2_models_count: 1 })).toBe("2 models");
    expect(toneModelCount({ format: "nam", models_count: 0, a2_models_count: 1 })).toBe("1 model");
    expect(toneModelCount({ format: null, models_count: 4, a2_models_count: null })).toBe("4 models");
    expect(toneModelCount({ format: "ir", models_count: 2, a2_models_count: 0 })).toBe("2 IRs");
    expect(toneModelCount({ format: "aida-x", models_count: 1, a2_models_count: 3 })).toBe("1 model");
  });
});
