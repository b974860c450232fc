import { describe, expect, it } from "vitest";

import { checkForm, formFieldOf, fromShootout, move, sortErrors, toBody } from "./form";
import type { DiTrack, Shootout } from "./types";

const good = {
  ...fromShootout(),
  name: " Riff test ",
  diIds: ["d1"],
  chainIds: ["c1", "c2"],
};

/** The body `good` makes. */
const goodBody = {
  name: "Riff test",
  description: "",
  di_ids: ["d1"],
  chain_ids: ["c1", "c2"],
  montage: { segment_seconds: 4, target_lufs: -14, blind: false, mode: "alternate", rounds: 1 },
  outputs: { video: true, pictures: true, full_renders: false },
  passages: [],
  visibility: "private",
  reference_dbu: 12,
};

describe("the shootout form", () => {
  it("starts with the API's defaults", () => {
    expect(fromShootout()).toMatchObject({ segmentSeconds: "4", targetLufs: "-14", blind: false, video: true, pictures: true, visibility: "private" });
  });
  it("accepts a good form and builds the body", () => {
    expect(checkForm(good)).toEqual({});
    expect(toBody(good)).toEqual(goodBody);
  });
  it("checks the interface reference level (dBu)", () => {
    expect(checkForm({ ...good, referenceDbu: "70" }).reference_dbu).toMatch(/-60 to 60 dBu/);
    expect(toBody({ ...good, referenceDbu: "4" }).reference_dbu).toBe(4);
  });
  it("names each problem at its field", () => {
    const found = checkForm({ ...good, name: "  ", diIds: [], chainIds: ["c1"], segmentSeconds: "0", targetLufs: "" });
    expect(Object.keys(found).sort()).toEqual(["chain_ids", "di_ids", "montage.segment_seconds", "montage.target_lufs", "name"]);
    expect(checkForm({ ...good, diIds: ["1", "2", "3", "4", "5"] }).di_ids).toMatch(/at most 4/);
    expect(checkForm({ ...good, chainIds: Array.from({ length: 17 }, (_, i) => `${i}`) }).chain_ids).toMatch(/at most 16/);
    expect(checkForm({ ...good, targetLufs: "-5" })["montage.target_lufs"]).toMatch(/-40 to -6/);
  });
});

describe("passages and the montage mode", () => {
  const track = { id: "d1", duration_seconds: 140 } as DiTrack;
  it("sends the mode, twice round only in sequence, full renders and each passage", () => {
    const values = { ...good, montageMode: "sequence" as const, twiceRound: true, fullRenders: true, passages: { d1: { start: "0:30", end: "1:30" } } };
    const body = toBody(values);
    expect(body.montage).toMatchObject({ mode: "sequence", rounds: 2 });
    expect(body.outputs).toMatchObject({ full_renders: true });
    expect(body.passages).toEqual([{ di_id: "d1", start_seconds: 30, end_seconds: 90 }]);
    expect(toBody({ ...values, montageMode: "alternate" }).montage?.rounds).toBe(1);
  });
  it("checks a chosen DI's passage against its length at the field of its end", () => {
    const values = { ...good, passages: { d1: { start: "1:00", end: "2:30" } } };
    expect(checkForm(values, [track])).toEqual({ "passage.d1.end": expect.stringMatching(/only 2:20 long/) });
    expect(checkForm({ ...values, diIds: ["d2"] }, [track])).toEqual({});
  });
  it("reads a shootout's passages and mode back into the form", () => {
    const values = fromShootout(
      {
        ...goodBody,
        montage: { ...goodBody.montage, mode: "sequence", rounds: 2 },
        outputs: { ...goodBody.outputs, full_renders: true },
        passages: [{ di_id: "d1", start_seconds: 30, end_seconds: 140 }],
      } as Shootout,
      [track],
    );
    expect(values).toMatchObject({ montageMode: "sequence", twiceRound: true, fullRenders: true, passages: { d1: { start: "0:30", end: "" } } });
  });
  it("puts the API's passage errors at the DI they name, by the body's order", () => {
    expect(formFieldOf("passages[1].end_seconds", ["d1", "d2"])).toBe("passage.d2.end");
    expect(formFieldOf("passages[0].start_seconds", ["d1"])).toBe("passage.d1.start");
    expect(formFieldOf("passages[3].di_id", ["d1"])).toBeNull();
    expect(formFieldOf("montage.rounds")).toBe("montage.rounds");
  });
});

describe("API errors at their fields", () => {
  it.each([
    ["chain_ids[1]", "chain_ids"],
    ["chain_ids[0].blocks.1", "chain_ids"],
    ["di_ids", "di_ids"],
    ["montage.target_lufs", "montage.target_lufs"],
    ["montage", "montage.segment_seconds"],
    ["owner", null],
  ])("maps the API's field %s to the form's %s", (apiField, formField) => {
    expect(formFieldOf(apiField)).toBe(formField);
  });
  it("keeps the first reason per field and the rest apart", () => {
    const { byField, rest } = sortErrors([
      { field: "chain_ids[1]", reason: "not found" },
      { field: "chain_ids[2]", reason: "listed twice" },
      { field: "owner", reason: "odd" },
    ]);
    expect(byField).toEqual({ chain_ids: "not found" });
    expect(rest).toEqual([{ field: "owner", reason: "odd" }]);
  });
});

describe("move", () => {
  it("moves an item up or down and stays inside the list", () => {
    expect(move(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(move(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(move(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(move(["a", "b", "c"], 2, 5)).toEqual(["a", "b", "c"]);
  });
});
