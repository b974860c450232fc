import { describe, expect, it } from "vitest";

import { changeFilters, isFiltered, listQuery, NO_FILTERS, pageCount, readFilters, writeFilters } from "./filters";

describe("gear filters in the URL", () => {
  it("reads known values and ignores the rest", () => {
    const f = readFilters(new URLSearchParams("kind=cab-ir&source=bogus&tag=metal&favourite=1&page=3&q=mesa"));
    expect(f).toEqual({ kind: "cab-ir", format: null, source: null, tag: "metal", q: "mesa", favourite: true, page: 3 });
    expect(readFilters(new URLSearchParams("page=-2")).page).toBe(1);
    expect(readFilters(new URLSearchParams("page=abc")).page).toBe(1);
  });

  it("writes only what is set, and reads back the same", () => {
    expect(writeFilters(NO_FILTERS).toString()).toBe("");
    const f = { ...NO_FILTERS, kind: "amp" as const, tag: "clean", page: 2 };
    expect(writeFilters(f).toString()).toBe("kind=amp&tag=clean&page=2");
    expect(readFilters(writeFilters(f))).toEqual(f);
  });

  it("goes back to page 1 when a filter changes, not when the page does", () => {
    const on3 = { ...NO_FILTERS, page: 3 };
    expect(changeFilters(on3, { kind: "pedal" }).page).toBe(1);
    expect(changeFilters(on3, { page: 4 }).page).toBe(4);
  });

  it("knows when anything is filtered", () => {
    expect(isFiltered({ ...NO_FILTERS, page: 5 })).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, favourite: true })).toBe(true);
    expect(isFiltered({ ...NO_FILTERS, q: "   " })).toBe(false);
  });

  it("makes the API query", () => {
    expect(listQuery({ ...NO_FILTERS, q: " mesa ", favourite: true, page: 3 }, 20)).toEqual({
      q: "mesa",
      favourite: true,
      limit: 20,
      offset: 40,
    });
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(41, 20)).toBe(3);
  });
});
