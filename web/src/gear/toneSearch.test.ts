import { describe, expect, it } from "vitest";

import { EMPTY_SEARCH, readToneView, searchQuery, splitNames, writeToneView } from "./toneSearch";

describe("the TONE3000 page in the URL", () => {
  it("starts on the created tab", () => {
    expect(readToneView(new URLSearchParams(""))).toEqual({ tab: "created", page: 1, search: EMPTY_SEARCH });
    expect(readToneView(new URLSearchParams("tab=nope")).tab).toBe("created");
  });

  it("round-trips a search, dropping unknown values", () => {
    const params = new URLSearchParams(
      "tab=search&query=plexi&gear=amp&gear=bogus&gear=pedal&size=nano&architecture=3&sort=newest&tag=metal&tag=clean&page=2",
    );
    const view = readToneView(params);
    expect(view.search).toEqual({
      ...EMPTY_SEARCH,
      query: "plexi",
      gear: ["amp", "pedal"],
      size: ["nano"],
      sort: "newest",
      tag: ["metal", "clean"],
    });
    expect(view.page).toBe(2);
    expect(readToneView(new URLSearchParams("tab=search&architecture=2")).search.architecture).toBe("2");
    expect(readToneView(writeToneView(view))).toEqual(view);
  });

  it("keeps the search out of the URL on other tabs", () => {
    const view = { tab: "favorited" as const, page: 1, search: { ...EMPTY_SEARCH, query: "x" } };
    expect(writeToneView(view).toString()).toBe("tab=favorited");
  });

  it("splits comma separated names", () => {
    expect(splitNames(" metal, high gain ,,metal")).toEqual(["metal", "high gain"]);
  });

  it("sends only the filters given", () => {
    expect(searchQuery({ ...EMPTY_SEARCH, query: " ", gear: ["amp"], format: "ir" }, 3, 25)).toEqual({
      gear: ["amp"],
      format: "ir",
      page: 3,
      page_size: 25,
    });
  });
});
