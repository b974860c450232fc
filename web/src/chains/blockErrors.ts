/** The API's field errors of a chain or group sorted to the blocks they name, and an error's
 * reason apart from its code's explanation. */
import type { FieldError } from "./rules";

/** Where a field error points: a block (with the part of it, e.g. `params.ratio`), or the chain. */
export interface ErrorPlace {
  index: number | null;
  /** what in the block (`gear_id`, `effect`, `params.room_size`), or "" for the block itself */
  part: string;
}

const BLOCK_FIELD = /^blocks?(?:\[(\d+)\]|\.(\d+))(?:\.(.+))?$/;

/** The block a field such as `blocks[2].params.ratio` or `blocks.2` names; null if not a block's. */
export function placeOf(field: string, prefix = "blocks"): ErrorPlace | null {
  if (field === prefix) return { index: null, part: "" };
  if (!field.startsWith(prefix)) return null;
  const match = BLOCK_FIELD.exec(`blocks${field.slice(prefix.length)}`);
  if (!match) return null;
  const index = Number(match[1] ?? match[2]);
  return { index, part: match[3] ?? "" };
}

export interface BlockErrors {
  /** errors about the chain as a whole (`blocks`) */
  chain: FieldError[];
  /** errors per block index */
  blocks: Map<number, FieldError[]>;
  /** errors about other fields (name, input_gain_db), by field */
  fields: Map<string, FieldError[]>;
}

/** The API's field errors sorted to the blocks they name, the chain, and the other fields. */
export function errorsByBlock(errors: readonly FieldError[] | undefined, prefix = "blocks"): BlockErrors {
  const result: BlockErrors = { chain: [], blocks: new Map(), fields: new Map() };
  for (const error of errors ?? []) {
    const place = placeOf(error.field, prefix);
    if (place === null) {
      result.fields.set(error.field, [...(result.fields.get(error.field) ?? []), error]);
    } else if (place.index === null) {
      result.chain.push(error);
    } else {
      result.blocks.set(place.index, [...(result.blocks.get(place.index) ?? []), error]);
    }
  }
  return result;
}

/** The reason without the grammar's "chain: " prefix, the code's explanation apart when the
 * reason does not already carry it. */
export function explainError(
  error: FieldError,
  explanations: ReadonlyMap<string, string>,
): { reason: string; explanation: string | null } {
  const reason = error.reason.replace(/^chain: /, "");
  const explanation = error.code ? (explanations.get(error.code) ?? null) : null;
  if (explanation && reason.includes(explanation)) {
    return { reason: reason.replace(` (${explanation})`, "").trim(), explanation };
  }
  return { reason, explanation };
}
