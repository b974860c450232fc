import { describe, expect, it } from "vitest";

import { submodelOptionLabel } from "./SlimControl";
import { blockName, blocksIn, draftOf } from "./rules";
import { slimFor, submodelIndex } from "./slim";

describe("an A2 container's slim value", () => {
  const two = [0.5, 1];
  it("picks the submodel as NAM Core does: the first whose max_value is at least slim", () => {
    expect(submodelIndex(two, 0)).toBe(0);
    expect(submodelIndex(two, 0.5)).toBe(0);
    expect(submodelIndex(two, 0.51)).toBe(1);
    expect(submodelIndex(two, null)).toBe(1); // the largest by default
    expect(submodelIndex([0.25, 0.75, 1], 0.6)).toBe(1);
  });
  it("sends a submodel's own max_value, and nothing for the largest", () => {
    expect(slimFor(two, 0)).toBe(0.5);
    expect(slimFor(two, 1)).toBeNull();
    expect(submodelIndex(two, slimFor(two, 0))).toBe(0);
  });
  it("labels the choices", () => {
    expect([0, 1, 2].map((i) => submodelOptionLabel([0.25, 0.75, 1], i))).toEqual([
      "Smallest (slim up to 0.25)",
      "Submodel 2 of 3 (slim up to 0.75)",
      "Largest (default)",
    ]);
  });
  it("goes to the API with the gear block, and only when set", () => {
    const view = { type: "gear", gear_id: "g1", gear_name: "A2", gear_kind: "amp", usable: true, slim: 0, submodel_max_values: two };
    const draft = draftOf(view, "k");
    expect(draft).toMatchObject({ slim: 0, submodelMaxValues: two });
    expect(blocksIn([draft])).toEqual([{ type: "gear", gear_id: "g1", slim: 0 }]);
    expect(blockName(draft)).toBe("A2 (amp, slim 0)");
    const plain = draftOf({ type: "gear", gear_id: "g2", gear_name: "JCM", gear_kind: "amp", usable: true }, "p");
    expect(blocksIn([plain])).toEqual([{ type: "gear", gear_id: "g2" }]);
    expect(blockName(plain)).toBe("JCM (amp)");
  });
});
