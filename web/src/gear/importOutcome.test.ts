import { describe, expect, it } from "vitest";

import { importOutcome, importSummary } from "./importOutcome";
import type { GearItem } from "./types";

const item = { id: "g", name: "Plexi standard" } as GearItem;

describe("import results in words", () => {
  it("says what became of each model", () => {
    expect(importOutcome({ model_id: 1, status: "imported", item }).text).toBe("imported as “Plexi standard”");
    expect(importOutcome({ model_id: 1, status: "existing", item }).text).toBe(
      "already in your library as “Plexi standard”",
    );
    expect(
      importOutcome({
        model_id: 5,
        status: "failed",
        error: "model_ids: 5 has architecture '2'; GTS runs 1, custom",
        code: "unsupported_architecture",
      }).text,
    ).toBe("refused: 5 has architecture '2'; GTS runs 1, custom");
    expect(importOutcome({ model_id: 5, status: "failed", code: "boom" }).text).toBe("refused: boom");
  });

  it("sums them up", () => {
    expect(
      importSummary([
        { model_id: 1, status: "imported" },
        { model_id: 2, status: "imported" },
        { model_id: 3, status: "failed" },
      ]),
    ).toBe("2 imported, 1 refused");
  });
});
