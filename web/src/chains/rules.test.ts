import { describe, expect, it } from "vitest";

import { errorsByBlock, explainError, placeOf } from "./blockErrors";
import { checkParam, defaultParams, paramStep, paramsSummary, snapToStep } from "./effectParams";
import {
  blockKindWords,
  blockName,
  blocksIn,
  chainSummary,
  combinations,
  draftOf,
  gearKindsFor,
  grammarKind,
  kindOf,
  kindsOf,
  moveItem,
  nextBlocks,
  type DraftBlock,
  type EffectInfo,
} from "./rules";

const reverb: EffectInfo = {
  name: "reverb",
  label: "Reverb",
  description: "a room",
  params: [
    { name: "room_size", label: "Room size", unit: "", low: 0, high: 1, default: 0.5 },
    { name: "wet_level", label: "Wet level", unit: "", low: 0, high: 1, default: 0.25 },
  ],
};
const gate: EffectInfo = {
  name: "noise_gate",
  label: "Noise gate",
  description: "quiet",
  params: [{ name: "threshold_db", label: "Threshold", unit: "dBFS", low: -100, high: 0, default: -60 }],
};

const amp: DraftBlock = { key: "a", type: "gear", gearId: "g1", gearName: "JCM800", gearKind: "amp", usable: true };
const ir: DraftBlock = { key: "i", type: "gear", gearId: "g2", gearName: "Mesa 4x12", gearKind: "cab-ir", usable: true };
const rig: DraftBlock = { key: "r", type: "gear", gearId: "g3", gearName: "Plexi", gearKind: "amp-cab", usable: true };
const verb: DraftBlock = { key: "v", type: "effect", effect: "reverb", params: { room_size: 0.5 } };
const gone: DraftBlock = { key: "x", type: "gear", gearId: "g4", gearName: "", gearKind: null, usable: false };

describe("block kinds", () => {
  it.each([
    ["amp", "amp"],
    ["amp-cab", "amp-cab"],
    ["cab-ir", "ir"],
    ["pedal", "pedal"],
    ["outboard", "pedal"],
  ] as const)("maps the gear kind %s to the grammar's %s", (gearKind, blockKind) => {
    expect(grammarKind(gearKind)).toBe(blockKind);
  });

  it("offers pedal and outboard captures for a pedal block, with a label that says so", () => {
    expect(gearKindsFor("pedal")).toEqual(["pedal", "outboard"]);
    expect(blockKindWords("pedal")).toBe("Pedal or outboard capture");
    expect(gearKindsFor("effect")).toEqual([]);
  });

  it("knows each block's kind and leaves out removed gear", () => {
    expect([amp, ir, rig, verb, gone].map(kindOf)).toEqual(["amp", "ir", "amp-cab", "effect", null]);
    expect(kindsOf([verb, amp, gone, ir])).toEqual(["effect", "amp", "ir"]);
  });
});

describe("what may come next", () => {
  it("offers pedals or an amp at the start", () => {
    expect(nextBlocks([])).toEqual({ next: ["effect", "pedal", "amp", "amp-cab"], complete: false, problem: null });
    expect(nextBlocks(["effect"]).next).toEqual(["effect", "pedal", "amp", "amp-cab"]);
    expect(nextBlocks(["pedal", "effect", "pedal"]).next).toEqual(["effect", "pedal", "amp", "amp-cab"]);
    expect(nextBlocks(["pedal", "amp"]).next).toEqual(["effect", "ir"]);
    expect(nextBlocks(["amp", "pedal"]).problem).toMatch(/before the amp/);
  });

  it("asks for a cab IR after an amp, and is complete with one", () => {
    expect(nextBlocks(["effect", "amp"])).toEqual({ next: ["effect", "ir"], complete: false, problem: null });
    expect(nextBlocks(["amp", "ir"])).toEqual({ next: ["effect"], complete: true, problem: null });
    expect(nextBlocks(["amp", "effect", "ir", "effect"]).complete).toBe(true);
  });

  it("is complete after a full rig, with no IR", () => {
    expect(nextBlocks(["amp-cab"])).toEqual({ next: ["effect"], complete: true, problem: null });
    expect(nextBlocks(["amp-cab", "ir"]).problem).toMatch(/already includes the cabinet/);
  });

  it("says when the blocks so far cannot become a chain", () => {
    expect(nextBlocks(["ir", "amp"]).problem).toMatch(/must come after an amp/);
    expect(nextBlocks(["amp", "amp-cab"]).problem).toMatch(/more than one amp/);
    expect(nextBlocks(["amp", "ir", "ir"]).problem).toMatch(/more than one cab IR/);
    expect(nextBlocks(["amp", "amp"]).next).toEqual([]);
  });
});

describe("moving blocks", () => {
  const list = ["a", "b", "c", "d"];
  it("moves up, down and by drag to any place", () => {
    expect(moveItem(list, 2, 1)).toEqual(["a", "c", "b", "d"]);
    expect(moveItem(list, 0, 1)).toEqual(["b", "a", "c", "d"]);
    expect(moveItem(list, 3, 0)).toEqual(["d", "a", "b", "c"]);
    expect(moveItem(list, 0, 3)).toEqual(["b", "c", "d", "a"]);
  });

  it("clamps at the ends and never loses an item", () => {
    expect(moveItem(list, 0, -1)).toEqual(list);
    expect(moveItem(list, 3, 4)).toEqual(list);
    expect(moveItem(list, 7, 0)).toEqual(list);
    expect(moveItem(list, 1, 1)).not.toBe(list);
  });
});

describe("errors at the blocks they name", () => {
  it("reads both field styles and the part of the block", () => {
    expect(placeOf("blocks[2]")).toEqual({ index: 2, part: "" });
    expect(placeOf("blocks.2")).toEqual({ index: 2, part: "" });
    expect(placeOf("blocks[0].gear_id")).toEqual({ index: 0, part: "gear_id" });
    expect(placeOf("blocks[3].params.room_size")).toEqual({ index: 3, part: "params.room_size" });
    expect(placeOf("blocks[1].options[0]")).toEqual({ index: 1, part: "options[0]" });
    expect(placeOf("blocks")).toEqual({ index: null, part: "" });
    expect(placeOf("name")).toBeNull();
    expect(placeOf("blocksy")).toBeNull();
  });

  it("sorts errors to blocks, the chain and other fields", () => {
    const sorted = errorsByBlock([
      { field: "blocks", reason: "chain: the chain has no amp capture", code: "NO_AMP" },
      { field: "blocks[1]", reason: "two amps", code: "MULTIPLE_AMPS" },
      { field: "blocks[1].gear_id", reason: "gone", code: "UNKNOWN_GEAR" },
      { field: "name", reason: "too long" },
    ]);
    expect(sorted.chain.map((e) => e.code)).toEqual(["NO_AMP"]);
    expect(sorted.blocks.get(1)?.map((e) => e.code)).toEqual(["MULTIPLE_AMPS", "UNKNOWN_GEAR"]);
    expect(sorted.blocks.get(0)).toBeUndefined();
    expect(sorted.fields.get("name")?.[0]?.reason).toBe("too long");
    expect(errorsByBlock(undefined).chain).toEqual([]);
  });

  it("explains a code once, without the reason's own copy", () => {
    const explanations = new Map([["IR_REQUIRED", "an `amp` capture (no cabinet) needs one cab IR after it"]]);
    const error = {
      field: "blocks[0]",
      code: "IR_REQUIRED",
      reason: "chain: the amp capture (block 1) needs a cab IR after it (an `amp` capture (no cabinet) needs one cab IR after it)",
    };
    expect(explainError(error, explanations)).toEqual({
      reason: "the amp capture (block 1) needs a cab IR after it",
      explanation: "an `amp` capture (no cabinet) needs one cab IR after it",
    });
    expect(explainError({ field: "x", reason: "bad" }, explanations)).toEqual({ reason: "bad", explanation: null });
  });
});

describe("names and bodies", () => {
  it("writes a chain as a readable row", () => {
    const views = [
      { type: "effect", effect: "noise_gate", params: {}, usable: true },
      { type: "gear", gear_id: "1", gear_name: "JCM800", gear_kind: "amp", usable: true },
      { type: "gear", gear_id: "2", gear_name: "Mesa 4x12", gear_kind: "cab-ir", usable: true },
      { type: "effect", effect: "reverb", params: {}, usable: true },
    ];
    expect(chainSummary(views, [gate, reverb])).toBe("Noise gate → JCM800 (amp) → Mesa 4x12 (cab IR) → Reverb");
    expect(chainSummary([{ type: "effect", effect: "eq", usable: true }])).toBe("Eq");
    expect(chainSummary([{ type: "gear", gear_id: "9", usable: false }])).toBe("Removed gear");
  });

  it("turns drafts into the API's blocks and back", () => {
    expect(blocksIn([amp, verb])).toEqual([
      { type: "gear", gear_id: "g1" },
      { type: "effect", effect: "reverb", params: { room_size: 0.5 } },
    ]);
    expect(draftOf({ type: "gear", gear_id: "g1", gear_name: "JCM800", gear_kind: "amp", usable: true }, "k")).toEqual({
      ...amp,
      key: "k",
    });
    expect(blockName(rig)).toBe("Plexi (full rig)");
    expect(blockName(verb, [reverb])).toBe("Reverb");
  });

  it("fills parameter defaults and checks typed values", () => {
    expect(defaultParams(reverb)).toEqual({ room_size: 0.5, wet_level: 0.25 });
    const threshold = gate.params[0]!;
    expect(checkParam(threshold, "-40")).toEqual({ value: -40 });
    expect(checkParam(threshold, "5")).toEqual({ error: "Threshold must be from -100 to 0 dBFS" });
    expect(checkParam(threshold, "")).toEqual({ error: "Threshold needs a number" });
    expect(checkParam(threshold, "abc")).toEqual({ error: "Threshold needs a number" });
  });

  it("writes an effect's parameters in words", () => {
    expect(paramsSummary("noise_gate", { threshold_db: -50 }, [gate])).toBe("Threshold -50 dBFS");
    expect(paramsSummary("reverb", { wet_level: 0.3, room_size: 0.8 }, [reverb])).toBe("Room size 0.8, Wet level 0.3");
    expect(paramsSummary("delay", { delay_seconds: 0.35 })).toBe("delay seconds 0.35");
  });

  it("picks slider steps that fit the range", () => {
    expect(paramStep(0, 1)).toBe(0.005);
    expect(paramStep(-100, 0)).toBe(0.5);
    expect(paramStep(0.01, 500)).toBe(5);
    expect(paramStep(-60, 60)).toBe(1);
    expect(paramStep(1, 1)).toBe(1);
  });

  it("snaps slider values to round numbers inside the range", () => {
    expect(snapToStep(5.01, 5, 0.01, 500)).toBe(5);
    expect(snapToStep(0.01, 5, 0.01, 500)).toBe(0.01);
    expect(snapToStep(0.1 + 0.2, 0.005, 0, 1)).toBe(0.3);
    expect(snapToStep(499.99, 5, 0.01, 500)).toBe(500);
    expect(snapToStep(-60.4, 0.5, -100, 0)).toBe(-60.5);
  });

  it("counts a group's combinations", () => {
    expect(combinations([2, 2])).toBe(4);
    expect(combinations([3])).toBe(3);
    expect(combinations([])).toBe(1);
  });
});
