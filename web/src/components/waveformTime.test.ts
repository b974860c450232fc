import { describe, expect, it } from "vitest";

import { formatTime, seekStep, seekTarget } from "./waveformTime";

describe("formatTime", () => {
  it("writes m:ss and h:mm:ss", () => {
    expect(formatTime(0)).toBe("0:00");
    expect(formatTime(75.9)).toBe("1:15");
    expect(formatTime(3723)).toBe("1:02:03");
    expect(formatTime(Number.NaN)).toBe("0:00");
    expect(formatTime(-3)).toBe("0:00");
    expect(formatTime(3.46, true)).toBe("0:03.4");
    expect(formatTime(75.25, true)).toBe("1:15.2");
  });
});

describe("seekTarget", () => {
  it("moves a tenth of the audio (0.5 to 5 s), a fifth of that with Shift", () => {
    expect(seekStep(120, false)).toBe(5);
    expect(seekStep(3.5, false)).toBe(0.5);
    expect(seekStep(20, false)).toBe(2);
    expect(seekStep(120, true)).toBe(1);
  });

  it("moves by arrows, 30 s by page, to the ends with Home/End", () => {
    expect(seekTarget("ArrowRight", false, 10, 60)).toBe(15);
    expect(seekTarget("ArrowLeft", true, 10, 60)).toBe(9);
    expect(seekTarget("PageUp", false, 10, 60)).toBe(40);
    expect(seekTarget("Home", false, 10, 60)).toBe(0);
    expect(seekTarget("End", false, 10, 60)).toBe(60);
  });

  it("stays inside the audio and ignores other keys", () => {
    expect(seekTarget("ArrowLeft", false, 2, 60)).toBe(0);
    expect(seekTarget("ArrowRight", false, 58, 60)).toBe(60);
    expect(seekTarget("a", false, 10, 60)).toBeNull();
  });
});
