/** Why a render was refused, in words, each with where to fix it. */
import { ApiError, describe } from "../api/problem";
import { plainReason } from "./format";

export interface RenderProblem {
  text: string;
  /** A page where it can be fixed. */
  fix?: { to: string; label: string };
}

const INDEXED = /^(chain_ids|di_ids)\[(\d+)\]/;

export function renderProblems(
  error: unknown,
  shootout: { id: string; chain_ids: readonly string[]; di_ids: readonly string[] },
  chainName: (id: string) => string | undefined,
): RenderProblem[] {
  if (!(error instanceof ApiError)) return [{ text: describe(error) }];
  const { problem } = error;
  if (problem.code === "render_in_progress") {
    return [{ text: "This shootout is already rendering; wait for it to finish or cancel it." }];
  }
  const fields = problem.errors ?? [];
  if (fields.length === 0) return [{ text: describe(error) }];
  const edit = { to: `/shootouts/${shootout.id}/edit`, label: "Edit the shootout" };
  return fields.map((field): RenderProblem => {
    const match = INDEXED.exec(field.field);
    if (!match) return { text: plainReason(field.reason) };
    const index = Number(match[2]);
    if (match[1] === "di_ids") {
      return field.code === "not_found"
        ? { text: `DI track ${index + 1} of this shootout was deleted.`, fix: edit }
        : { text: plainReason(field.reason), fix: edit };
    }
    const chainId = shootout.chain_ids[index];
    const name = chainId ? chainName(chainId) : undefined;
    if (field.code === "not_found" && field.field === match[0]) {
      return { text: `Chain ${index + 1}${name ? ` (${name})` : ""} was deleted.`, fix: edit };
    }
    // the reason already starts with the chain's name ("JCM800 into Mesa: capture removed")
    return {
      text: plainReason(field.reason),
      fix: chainId ? { to: `/chains/${chainId}`, label: `Fix ${name ?? `chain ${index + 1}`}` } : edit,
    };
  });
}
