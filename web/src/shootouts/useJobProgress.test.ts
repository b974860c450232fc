import { describe, expect, it } from "vitest";

import { countDown } from "./useJobProgress";

describe("countDown", () => {
  it("counts the estimate down between events", () => {
    expect(countDown(30, 1_000, 11_000)).toBe(20);
  });
  it("has nothing to say before the first estimate", () => {
    expect(countDown(null, 0, 5_000)).toBeNull();
  });
  it("stops claiming to be finishing once the estimate has run out", () => {
    expect(countDown(5, 0, 9_000)).toBeNull();
  });
  it("keeps a finished job at zero", () => {
    expect(countDown(0, 0, 9_000)).toBe(0);
  });
});
