import { describe, expect, it } from "vitest";

import { ApiError, errorAt } from "./problem";

const errors = [
  { field: "tags[0]", reason: "A tag is at most 40 characters" },
  { field: "tags[2]", reason: "Tags are unique" },
  { field: "kind", reason: "An IR's kind is always cab" },
];
const refused = new ApiError({ type: "about:blank", title: "Invalid input", status: 422, detail: "3 problems", errors });

describe("errorAt", () => {
  it("is nothing when nothing failed", () => {
    expect(errorAt(null, "name")).toBeUndefined();
  });

  it("gives the API's reasons for the field and its children, joined", () => {
    expect(errorAt(refused, "kind")).toBe("An IR's kind is always cab");
    expect(errorAt(refused, "tags")).toBe("A tag is at most 40 characters; Tags are unique");
  });

  it("gives the problem's detail when it names other fields", () => {
    expect(errorAt(refused, "name")).toBe("3 problems");
  });

  it("gives the message of an error that is not the API's", () => {
    expect(errorAt(new Error("offline"), "name")).toBe("offline");
  });
});
