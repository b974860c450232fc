import { describe, expect, it } from "vitest";

import { ApiError } from "../api/problem";
import { channelWords, checkDiFile, formatDuration, uploadErrorWords } from "./words";

const problem = (status: number, code: string, field: string, reason: string) =>
  new ApiError({ type: "about:blank", title: "Invalid input", status, detail: `${field}: ${reason}`, code, errors: [{ field, reason, code }] });

describe("DI words", () => {
  it("formats durations and channels", () => {
    expect(formatDuration(83.24)).toBe("1:23.2");
    expect(formatDuration(9.96)).toBe("0:10.0");
    expect(channelWords("mix", 2)).toBe("Both channels mixed");
    expect(channelWords("right", 1)).toBe("The only channel");
  });

  it("refuses what cannot be a DI before sending it", () => {
    expect(checkDiFile({ name: "riff.WAV", size: 10 })).toBeNull();
    expect(checkDiFile({ name: "take.flac", size: 10 })).toBeNull();
    expect(checkDiFile({ name: "phone take.MP3", size: 10 })).toBeNull();
    expect(checkDiFile({ name: "notes.txt", size: 10 })).toMatch(/not a WAV, FLAC, AIFF, OGG or MP3/);
    expect(checkDiFile({ name: "noext", size: 10 })).toMatch(/not a WAV/);
    expect(checkDiFile({ name: "a.wav", size: 0 })).toMatch(/empty/);
    expect(checkDiFile({ name: "a.wav", size: 200_000_000 })).toMatch(/at most 105 MB/);
  });

  it("says why the service refused an upload", () => {
    expect(uploadErrorWords("a.wav", problem(422, "too_short", "duration", "0.500 s is shorter than the minimum of 1 s"))).toBe(
      "“a.wav” is too short (0.500 s is shorter than the minimum of 1 s).",
    );
    expect(uploadErrorWords("n.wav", problem(422, "not_audio", "file", "not a readable WAV, FLAC, AIFF, OGG or MP3 audio file"))).toMatch(
      /^“n.wav” is not an audio file GTS can read/,
    );
    expect(uploadErrorWords("x.wav", problem(422, "odd", "file", "strange"))).toBe("“x.wav” was not uploaded: strange.");
    expect(uploadErrorWords("x.wav", new Error("offline"))).toBe("“x.wav” was not uploaded: offline.");
  });
});
