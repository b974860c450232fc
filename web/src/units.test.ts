import { describe, expect, it } from "vitest";

import { formatBytes, formatChannels, formatSampleRate } from "./units";

describe("units", () => {
  it("says sizes in decimal units", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(18_544)).toBe("18.5 kB");
    expect(formatBytes(218_121)).toBe("218 kB");
    expect(formatBytes(4_404_019)).toBe("4.4 MB");
    expect(formatBytes(104_857_600)).toBe("105 MB");
  });
  it("says sample rates in kHz", () => {
    expect(formatSampleRate(48_000)).toBe("48 kHz");
    expect(formatSampleRate(44_100)).toBe("44.1 kHz");
  });
  it("says channels in words", () => {
    expect(formatChannels(1)).toBe("Mono");
    expect(formatChannels(2)).toBe("Stereo");
    expect(formatChannels(6)).toBe("6 channels");
  });
});
