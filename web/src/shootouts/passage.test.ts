import { describe, expect, it } from "vitest";

import {
  checkPassage,
  formatLength,
  formatTime,
  montageLine,
  parseTime,
  passageLine,
  passagesBody,
  passagesText,
} from "./passage";

describe("times as typed", () => {
  it("reads m:ss and seconds, blank as none, anything else as NaN", () => {
    expect(parseTime("1:15")).toBe(75);
    expect(parseTime(" 75 ")).toBe(75);
    expect(parseTime("0:02.5")).toBe(2.5);
    expect(parseTime("2:30.25")).toBe(150.25);
    expect(parseTime(".5")).toBe(0.5);
    expect(parseTime("")).toBeNull();
    for (const bad of ["1:75", "abc", "-3", "1:2:3", "1,5"]) expect(parseTime(bad)).toBeNaN();
  });
  it("writes m:ss with the fraction only when there is one", () => {
    expect(formatTime(75)).toBe("1:15");
    expect(formatTime(4)).toBe("0:04");
    expect(formatTime(150.25)).toBe("2:30.25");
    expect(formatTime(599.999)).toBe("10:00");
    expect(parseTime(formatTime(83.5))).toBe(83.5);
  });
});

describe("a passage checked against its recording", () => {
  const check = (start: string, end: string) => checkPassage({ start, end }, 140);
  it("accepts a passage inside the recording, blank ends meaning start and end", () => {
    expect(check("", "")).toEqual({});
    expect(check("0:30", "1:30")).toEqual({});
    expect(check("2:19", "")).toEqual({});
  });
  it("names the end that is wrong and why", () => {
    expect(check("x", "")).toEqual({ start: expect.stringMatching(/m:ss or seconds/) });
    expect(check("2:20", "")).toEqual({ start: expect.stringMatching(/before the end .*2:20/) });
    expect(check("", "2:21")).toEqual({ end: expect.stringMatching(/only 2:20 long/) });
    expect(check("1:00", "0:50")).toEqual({ end: "Must be after the start." });
    expect(check("1:00", "1:00.5")).toEqual({ end: expect.stringMatching(/at least 1 s/) });
    expect(check("2:19.5", "")).toEqual({ start: expect.stringMatching(/at least 1 s/) });
  });
});

describe("passages in the request and back", () => {
  it("sends one per chosen DI with a passage, in the DIs' order, open ends as null", () => {
    const typed = { b: { start: "0:30", end: "" }, a: { start: "", end: "10" }, c: { start: "", end: "" }, gone: { start: "1", end: "5" } };
    expect(passagesBody(["a", "b", "c"], typed)).toEqual([
      { di_id: "a", start_seconds: 0, end_seconds: 10 },
      { di_id: "b", start_seconds: 30, end_seconds: null },
    ]);
  });
  it("shows a stored passage as typed, an end at the recording's end blank", () => {
    const views = [
      { di_id: "a", start_seconds: 30, end_seconds: 140 },
      { di_id: "b", start_seconds: 0, end_seconds: 62.5 },
    ];
    expect(passagesText(views, new Map([["a", 140], ["b", 90]]))).toEqual({
      a: { start: "0:30", end: "" },
      b: { start: "", end: "1:02.5" },
    });
  });
});

describe("the montage's length in words", () => {
  const plan = { di_id: "a", start_seconds: 30, end_seconds: 90, passage_seconds: 60, montage_seconds: 479.93, pieces: 120 };
  it("says how long, of how many chains over how long a passage, how they take turns", () => {
    expect(montageLine(plan, 8, { mode: "alternate", rounds: 1 })).toBe("Montage: 8 min 0 s (8 chains x 60 s, alternate)");
    expect(montageLine({ ...plan, passage_seconds: 9.5, montage_seconds: 37.99 }, 2, { mode: "sequence", rounds: 2 })).toBe(
      "Montage: 38 s (2 chains x 9.5 s, sequence, twice round)",
    );
  });
  it("names the passage, or the whole recording", () => {
    expect(passageLine(plan, 140)).toBe("0:30 to 1:30 (60 s)");
    expect(passageLine({ ...plan, start_seconds: 0, end_seconds: 140, passage_seconds: 140 }, 140)).toBe("Whole recording (2:20)");
    expect(formatLength(3599.6)).toBe("60 min 0 s");
  });
});
