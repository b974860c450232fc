import { describe, expect, it } from "vitest";

import {
  groupBlocksIn,
  groupCombinations,
  groupSummary,
  skippedWords,
  slotProblems,
  type DraftGroupBlock,
  type DraftSlot,
} from "./groupRules";

const amps: DraftSlot = { key: "s1", type: "slot", name: "Amp", kind: "amp", options: ["a1", "a2"], leaveOut: false };
const cabs: DraftSlot = { key: "s2", type: "slot", name: "Cab", kind: "ir", options: ["i1"], leaveOut: true };
const verb: DraftGroupBlock = { key: "e", type: "effect", effect: "reverb", params: { mix: 0.2 } };

describe("chain groups", () => {
  it("counts combinations, leaving a slot out as one option", () => {
    expect(groupCombinations([amps, cabs, verb])).toBe(4);
    expect(groupCombinations([verb])).toBe(1);
    expect(groupCombinations([{ ...amps, options: [] }])).toBe(0);
  });

  it("sends slots with null for leaving out, and fixed blocks as they are", () => {
    expect(
      groupBlocksIn([amps, cabs, verb, { key: "g", type: "gear", gearId: "x", gearName: "X", gearKind: "amp", usable: true }]),
    ).toEqual([
      { type: "slot", name: "Amp", options: ["a1", "a2"] },
      { type: "slot", name: "Cab", options: ["i1", null] },
      { type: "effect", effect: "reverb", params: { mix: 0.2 } },
      { type: "gear", gear_id: "x" },
    ]);
  });

  it("tells empty or nameless slots before sending", () => {
    const problems = slotProblems([{ ...amps, options: [] }, { ...cabs, name: " " }, verb]);
    expect(problems.get("s1")).toMatch(/at least one option/);
    expect(problems.get("s2")).toMatch(/name/);
    expect(problems.size).toBe(2);
  });

  it("writes a group as a row", () => {
    expect(
      groupSummary([
        { type: "effect", effect: "compressor", usable: true },
        { type: "slot", name: "Amp", options: ["a", "b"], usable: true },
        { type: "slot", name: "Cab", options: [null], usable: true },
      ]),
    ).toBe("Compressor → Amp slot (2 options) → Cab slot (1 option)");
  });

  it("explains a skipped combination in words", () => {
    const explanations = new Map([["IR_REQUIRED", "an `amp` capture (no cabinet) needs one cab IR after it"]]);
    expect(
      skippedWords(
        {
          name: "JCM800",
          code: "IR_REQUIRED",
          reason:
            "chain: the amp capture (block 1) needs a cab IR after it (an `amp` capture (no cabinet) needs one cab IR after it)",
        },
        explanations,
      ),
    ).toBe("the amp capture (block 1) needs a cab IR after it: an `amp` capture (no cabinet) needs one cab IR after it");
    expect(skippedWords({ name: "x", code: "other", reason: "odd" }, explanations)).toBe("odd");
  });
});
