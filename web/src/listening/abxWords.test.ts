import { describe, expect, it } from "vitest";

import { binomialP, formatP, pValueWords } from "./abxWords";

describe("an ABX result in words", () => {
  it("says 12 of 16 is unlikely to be guessing (p = 0.038)", () => {
    const p = binomialP(12, 16);
    expect(p).toBeCloseTo(2517 / 65536, 12);
    expect(pValueWords(p)).toBe("p = 0.038: unlikely to be guessing");
  });

  it("says a score near half could be guessing", () => {
    expect(pValueWords(binomialP(9, 16))).toBe("p = 0.402: could be guessing");
    expect(pValueWords(binomialP(0, 16))).toBe("p = 1: could be guessing");
  });

  it("treats exactly 0.05 as could be guessing (p must be below 0.05)", () => {
    expect(pValueWords(0.05)).toBe("p = 0.05: could be guessing");
    expect(pValueWords(0.0499)).toBe("p = 0.05: unlikely to be guessing");
  });

  it("writes tiny p-values as an upper bound", () => {
    expect(formatP(binomialP(16, 16))).toBe("< 0.001");
    expect(pValueWords(1 / 65536)).toBe("p < 0.001: unlikely to be guessing");
    expect(formatP(0.5)).toBe("0.5");
    expect(formatP(0.0061)).toBe("0.006");
  });
});
