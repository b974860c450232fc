import { describe, expect, it } from "vitest";

import { ApiError } from "../api/problem";
import { isFinished, uploadProblems, uploadReducer, type UploadRow } from "./uploadQueue";
import type { GearItem } from "./types";

const item = { id: "g1", created_at: "2026-01-01T00:00:00Z" } as GearItem;

describe("upload rows", () => {
  it("walks a file from waiting to its outcome", () => {
    let rows: UploadRow[] = uploadReducer([], {
      type: "add",
      files: [
        { id: "a", name: "a.nam", size: 10 },
        { id: "b", name: "b.wav", size: 20 },
      ],
    });
    expect(rows.map((r) => r.status)).toEqual(["waiting", "waiting"]);
    rows = uploadReducer(rows, { type: "start", id: "a" });
    rows = uploadReducer(rows, { type: "progress", id: "a", fraction: 1.4 });
    expect(rows[0]).toMatchObject({ status: "uploading", progress: 1 });
    rows = uploadReducer(rows, { type: "done", id: "a", item, created: false });
    rows = uploadReducer(rows, { type: "fail", id: "b", problems: ["nope"] });
    expect(rows.map((r) => r.status)).toEqual(["existing", "failed"]);
    expect(rows.every(isFinished)).toBe(true);
    expect(uploadReducer(rows, { type: "clear" })).toEqual([]);
  });

  it("keeps unfinished rows when clearing", () => {
    const rows = uploadReducer([], { type: "add", files: [{ id: "a", name: "a.nam", size: 1 }] });
    expect(uploadReducer(rows, { type: "clear" })).toHaveLength(1);
  });
});

describe("upload problems in words", () => {
  it("lists field errors, the file's own without the field name", () => {
    const error = new ApiError({
      type: "x",
      title: "Invalid input",
      status: 422,
      detail: "file: file: not valid JSON",
      errors: [
        { field: "file", reason: "file: not valid JSON" },
        { field: "kind", reason: "'amp' does not fit a ir file" },
      ],
    });
    expect(uploadProblems(error)).toEqual(["file: not valid JSON", "kind: 'amp' does not fit a ir file"]);
  });

  it("falls back to the detail", () => {
    const error = new ApiError({ type: "x", title: "Too large", status: 413, detail: "file: larger than the limit" });
    expect(uploadProblems(error)).toEqual(["file: larger than the limit (the file is too large)"]);
    expect(uploadProblems(new Error("boom"))).toEqual(["boom"]);
  });
});
