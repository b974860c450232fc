/** Each model's import result in words. */
import type { GearItem, ImportResult } from "./types";

export interface ImportOutcome {
  modelId: number;
  status: ImportResult["status"];
  /** The sentence after the model's name. */
  text: string;
  item: GearItem | null;
}

/** The reason without the request's field name ("model_ids: 5 is not…" → "5 is not…"). */
function reason(result: ImportResult): string {
  const text = result.error?.trim() || result.code || "no reason given";
  return text.replace(/^model_ids:\s*/, "");
}

export function importOutcome(result: ImportResult): ImportOutcome {
  const item = result.item ?? null;
  switch (result.status) {
    case "imported":
      return { modelId: result.model_id, status: result.status, item, text: `imported as “${item?.name ?? "new item"}”` };
    case "existing":
      return {
        modelId: result.model_id,
        status: result.status,
        item,
        text: `already in your library as “${item?.name ?? "an item"}”`,
      };
    case "failed":
      return { modelId: result.model_id, status: result.status, item, text: `refused: ${reason(result)}` };
  }
}

/** "2 imported, 1 already in your library, 1 refused". */
export function importSummary(results: readonly ImportResult[]): string {
  const count = (status: ImportResult["status"]) => results.filter((r) => r.status === status).length;
  const parts = [
    [count("imported"), "imported"],
    [count("existing"), "already in your library"],
    [count("failed"), "refused"],
  ] as const;
  return parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(", ");
}
