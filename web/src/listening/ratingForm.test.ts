import { describe, expect, it } from "vitest";

import { canSubmit, clampRating, emptyForm, missing, rate, ratingForKey, unrated, voteBody } from "./ratingForm";

const letters = ["A", "B", "C"];

describe("the blind vote's form", () => {
  it("waits for every letter's rating and a favourite before it may be submitted", () => {
    let form = emptyForm;
    expect(canSubmit(form, letters)).toBe(false);
    expect(missing(form, letters)).toBe("Rate A, B, C and pick a favourite.");
    form = rate(rate(form, "A", 70), "C", 0);
    expect(unrated(form, letters)).toEqual(["B"]);
    expect(missing(form, letters)).toBe("Rate B and pick a favourite.");
    form = { ...form, favourite: "C" };
    expect(missing(form, letters)).toBe("Rate B.");
    form = rate(form, "B", 50);
    expect(canSubmit(form, letters)).toBe(true);
    expect(voteBody(form, letters)).toEqual({ ratings: { A: 70, B: 50, C: 0 }, favourite: "C" });
  });

  it("counts a rating of zero as rated", () => {
    const form = { ratings: { A: 0, B: 0 }, favourite: "A" };
    expect(canSubmit(form, ["A", "B"])).toBe(true);
  });

  it("refuses a favourite that is not one of the letters", () => {
    const form = { ratings: { A: 1, B: 2 }, favourite: "Z" };
    expect(missing(form, ["A", "B"])).toBe("Pick a favourite.");
    expect(() => voteBody(form, ["A", "B"])).toThrow();
  });

  it("keeps ratings whole and within 0 to 100", () => {
    expect(clampRating(101)).toBe(100);
    expect(clampRating(-3)).toBe(0);
    expect(clampRating(42.6)).toBe(43);
    expect(clampRating(Number.NaN)).toBe(0);
    expect(rate(emptyForm, "A", 250).ratings.A).toBe(100);
  });

  it("moves a rating by the slider keys, an unrated letter from the middle", () => {
    expect(ratingForKey("ArrowUp", undefined)).toBe(51);
    expect(ratingForKey("ArrowLeft", 10)).toBe(9);
    expect(ratingForKey("PageUp", 95)).toBe(100);
    expect(ratingForKey("PageDown", 5)).toBe(0);
    expect(ratingForKey("Home", 60)).toBe(0);
    expect(ratingForKey("End", 60)).toBe(100);
    expect(ratingForKey("1", 60)).toBeNull();
    expect(ratingForKey(" ", 60)).toBeNull();
  });
});
