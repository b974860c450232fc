import { describe, expect, it } from "vitest";

import { chainUsesGear, collectChainsUsing } from "./chainsUsing";
import type { ChainPage, ChainView } from "./types";

const GEAR = "11111111-1111-1111-1111-111111111111";
const OTHER = "22222222-2222-2222-2222-222222222222";

type BlockSketch = Omit<ChainView["blocks"][number], "usable">;

function chain(id: string, blocks: BlockSketch[]): ChainView {
  return {
    id,
    name: `chain ${id}`,
    blocks: blocks.map((b) => ({ usable: true, ...b })),
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    group_id: null,
    input_gain_db: 0,
    unusable: [],
    usable: true,
  };
}

describe("chains that use a gear item", () => {
  it("sees gear blocks and group slots offering the item", () => {
    expect(chainUsesGear(chain("a", [{ type: "gear", gear_id: GEAR }]), GEAR)).toBe(true);
    expect(chainUsesGear(chain("b", [{ type: "slot", options: [OTHER, GEAR, null] }]), GEAR)).toBe(true);
    expect(chainUsesGear(chain("c", [{ type: "effect", effect: "eq" }, { type: "gear", gear_id: OTHER }]), GEAR)).toBe(false);
  });

  it("reads every page", async () => {
    const all = [
      chain("1", [{ type: "gear", gear_id: GEAR }]),
      chain("2", [{ type: "gear", gear_id: OTHER }]),
      chain("3", [{ type: "gear", gear_id: GEAR }]),
    ];
    const offsets: number[] = [];
    const found = await collectChainsUsing(GEAR, async (offset): Promise<ChainPage> => {
      offsets.push(offset);
      return { items: all.slice(offset, offset + 2), total: all.length, limit: 2, offset };
    });
    expect(offsets).toEqual([0, 2]);
    expect(found.map((c) => c.id)).toEqual(["1", "3"]);
  });

  it("stops on an empty page even if the total says more", async () => {
    let calls = 0;
    const found = await collectChainsUsing(GEAR, async (offset) => {
      calls += 1;
      return { items: [], total: 10, limit: 100, offset };
    });
    expect(found).toEqual([]);
    expect(calls).toBe(1);
  });
});
