/** The uploader's rows: one per file, from waiting through its progress to its outcome. */
import { ApiError, describe } from "../api/problem";
import type { GearItem } from "./types";

export type UploadStatus = "waiting" | "uploading" | "created" | "existing" | "failed";

export interface UploadRow {
  id: string;
  name: string;
  size: number;
  status: UploadStatus;
  /** 0..1 of the bytes sent. */
  progress: number;
  item?: GearItem;
  /** What went wrong, in words: one line per problem. */
  problems?: string[];
}

export type UploadAction =
  | { type: "add"; files: Array<{ id: string; name: string; size: number }> }
  | { type: "start"; id: string }
  | { type: "progress"; id: string; fraction: number }
  | { type: "done"; id: string; item: GearItem; created: boolean }
  | { type: "fail"; id: string; problems: string[] }
  | { type: "clear" };

export function isFinished(row: UploadRow): boolean {
  return row.status === "created" || row.status === "existing" || row.status === "failed";
}

function patch(rows: UploadRow[], id: string, change: Partial<UploadRow>): UploadRow[] {
  return rows.map((row) => (row.id === id ? { ...row, ...change } : row));
}

export function uploadReducer(rows: UploadRow[], action: UploadAction): UploadRow[] {
  switch (action.type) {
    case "add":
      return [
        ...rows,
        ...action.files.map((f): UploadRow => ({ ...f, status: "waiting", progress: 0 })),
      ];
    case "start":
      return patch(rows, action.id, { status: "uploading", progress: 0 });
    case "progress":
      return patch(rows, action.id, { progress: Math.min(1, Math.max(0, action.fraction)) });
    case "done":
      return patch(rows, action.id, {
        status: action.created ? "created" : "existing",
        progress: 1,
        item: action.item,
      });
    case "fail":
      return patch(rows, action.id, { status: "failed", problems: action.problems });
    case "clear":
      return rows.filter((row) => !isFinished(row));
  }
}

/** A failed upload's problems in words: each field error (the file's own ones bare), or the detail. */
export function uploadProblems(error: unknown): string[] {
  if (error instanceof ApiError) {
    const errors = error.problem.errors ?? [];
    if (errors.length > 0) {
      return errors.map((e) => (e.field === "file" || e.field === "filename" ? e.reason : `${e.field}: ${e.reason}`));
    }
    if (error.status === 413) return [`${describe(error)} (the file is too large)`];
  }
  return [describe(error)];
}
