import { describe, expect, it } from "vitest";

import { allPages } from "./pages";

describe("allPages", () => {
  it("reads every page, from where the last one ended", async () => {
    const all = ["a", "b", "c", "d", "e"];
    const offsets: number[] = [];
    const items = await allPages(async (offset) => {
      offsets.push(offset);
      return { items: all.slice(offset, offset + 2), total: all.length };
    });
    expect(items).toEqual(all);
    expect(offsets).toEqual([0, 2, 4]);
  });

  it("stops on an empty page even if the total says more", async () => {
    let calls = 0;
    const items = await allPages(async () => {
      calls += 1;
      return { items: [], total: 10 };
    });
    expect(items).toEqual([]);
    expect(calls).toBe(1);
  });
});
