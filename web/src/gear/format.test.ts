import { describe, expect, it } from "vitest";

import { formatDuration, kindLabel } from "./format";

describe("gear facts in words", () => {
  it("gives IR lengths", () => {
    expect(formatDuration(0.5)).toBe("500 ms");
    expect(formatDuration(1.234)).toBe("1.23 s");
  });
  it("names kinds", () => {
    expect(kindLabel("amp-cab")).toBe("Amp + cab");
    expect(kindLabel("cab-ir")).toBe("Cab IR");
  });
});
