import { describe, expect, it } from "vitest";

import { abxChoiceProblem, abxChoices } from "./abxChoices";

const ids = ["c1", "c2", "c3", "c4", "c5"];
const names: Record<string, string> = { c1: "Plexi", c2: "JCM", c3: "Recto", c4: "AC30", c5: "Twin" };

describe("the chains an ABX run offers", () => {
  it("names the chains of a shootout that is not blind, in its order", () => {
    expect(abxChoices("s", ids.slice(0, 2), (id) => names[id], false)).toEqual([
      { id: "c1", label: "Plexi" },
      { id: "c2", label: "JCM" },
    ]);
  });

  it("numbers the chains of a hidden blind shootout without any name", () => {
    const choices = abxChoices("s1", ids, (id) => names[id], true);
    expect(choices.map((c) => c.label)).toEqual(["Rig 1", "Rig 2", "Rig 3", "Rig 4", "Rig 5"]);
    expect(new Set(choices.map((c) => c.id))).toEqual(new Set(ids));
    expect(JSON.stringify(choices)).not.toMatch(/Plexi|JCM|Recto|AC30|Twin/);
  });

  it("orders a blind shootout's rigs the same on every visit, not by the listed order", () => {
    const first = abxChoices("s1", ids, () => undefined, true).map((c) => c.id);
    expect(abxChoices("s1", [...ids].reverse(), () => undefined, true).map((c) => c.id)).toEqual(first);
    const orders = new Set(["s1", "s2", "s3", "s4", "s5"].map((s) => abxChoices(s, ids, () => undefined, true).map((c) => c.id).join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it("says what is wrong with a choice", () => {
    expect(abxChoiceProblem("c1", "c1", 16)).toBe("Pick two different chains.");
    expect(abxChoiceProblem("", "c1", 16)).toBe("Pick two chains.");
    expect(abxChoiceProblem("c1", "c2", 0)).toMatch(/Trials/);
    expect(abxChoiceProblem("c1", "c2", 65)).toMatch(/Trials/);
    expect(abxChoiceProblem("c1", "c2", Number.NaN)).toMatch(/Trials/);
    expect(abxChoiceProblem("c1", "c2", 16)).toBeNull();
  });
});
