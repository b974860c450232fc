import { describe, expect, it } from "vitest";

import { channelsLabel, formatBytes, formatDuration, formatSampleRate, kindLabel } from "./format";

describe("gear facts in words", () => {
  it("sizes files like a file manager", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(18544)).toBe("18 kB");
    expect(formatBytes(5000)).toBe("4.9 kB");
    expect(formatBytes(300 * 1024)).toBe("300 kB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5.0 MB");
  });
  it("gives sample rates in kHz", () => {
    expect(formatSampleRate(48000)).toBe("48 kHz");
    expect(formatSampleRate(44100)).toBe("44.1 kHz");
  });
  it("gives IR lengths", () => {
    expect(formatDuration(0.5)).toBe("500 ms");
    expect(formatDuration(1.234)).toBe("1.23 s");
  });
  it("names kinds and channels", () => {
    expect(kindLabel("amp-cab")).toBe("Amp + cab");
    expect(kindLabel("cab-ir")).toBe("Cab IR");
    expect(channelsLabel(1)).toBe("mono");
    expect(channelsLabel(2)).toBe("stereo");
  });
});
