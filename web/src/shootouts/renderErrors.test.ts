import { describe, expect, it } from "vitest";

import { ApiError } from "../api/problem";
import { renderProblems } from "./renderErrors";

const shootout = { id: "s1", chain_ids: ["c1", "c2"], di_ids: ["d1"] };
const names: Record<string, string> = { c1: "JCM800 into Mesa", c2: "Plexi" };
const problem = (extra: object) => new ApiError({ type: "about:blank", title: "Invalid input", status: 422, detail: "bad", ...extra });

describe("renderProblems", () => {
  it("points an unusable chain's reasons at the chain", () => {
    const found = renderProblems(
      problem({ errors: [{ field: "chain_ids[1].blocks[0].gear_id", reason: "Plexi: gear 01a23ae9-c0e3-70b5-8150-1813a3052656 was removed from your library", code: "UNKNOWN_GEAR" }] }),
      shootout,
      (id) => names[id],
    );
    expect(found).toEqual([{ text: "Plexi: a gear item was removed from your library", fix: { to: "/chains/c2", label: "Fix Plexi" } }]);
  });

  it("says which chain or DI was deleted and sends to the shootout's form", () => {
    const found = renderProblems(
      problem({
        errors: [
          { field: "chain_ids[0]", reason: "c1 no longer exists", code: "not_found" },
          { field: "di_ids[0]", reason: "d1 no longer exists", code: "not_found" },
        ],
      }),
      shootout,
      () => undefined,
    );
    expect(found.map((p) => p.text)).toEqual(["Chain 1 was deleted.", "DI track 1 of this shootout was deleted."]);
    expect(found.every((p) => p.fix?.to === "/shootouts/s1/edit")).toBe(true);
  });

  it("explains a render already in progress, and anything else by its detail", () => {
    expect(renderProblems(problem({ status: 409, code: "render_in_progress" }), shootout, () => undefined)[0]?.text).toMatch(/already rendering/);
    expect(renderProblems(problem({ detail: "The renderer is busy" }), shootout, () => undefined)).toEqual([{ text: "The renderer is busy" }]);
    expect(renderProblems(new Error("offline"), shootout, () => undefined)).toEqual([{ text: "offline" }]);
  });
});
