/**
 * Chain groups, pure: a group is a base chain whose slots each hold several options (gear
 * items; `null` leaves the slot out); generating makes one chain per combination the grammar
 * accepts and reports the others as skipped.
 */
import type { components } from "../api/schema";
import { blockName, draftOf, effectLabel, type BlockView, type DraftBlock, type EffectInfo } from "./rules";

export type GroupBlockIn = components["schemas"]["GroupIn"]["blocks"][number];
export type Skipped = components["schemas"]["SkippedCombination"];

/** What a slot offers: pedal captures (pedals and outboard gear, before the amp), amp captures
 * (amps and full rigs) or cab IRs. */
export type SlotKind = "pedal" | "amp" | "ir";

export interface DraftSlot {
  key: string;
  type: "slot";
  name: string;
  kind: SlotKind;
  /** gear ids, in the order picked */
  options: string[];
  /** also try the chain without this slot */
  leaveOut: boolean;
}

export type DraftGroupBlock = DraftBlock | DraftSlot;

/** How many options a slot has (leaving it out counts as one). */
export function optionCount(slot: DraftSlot): number {
  return slot.options.length + (slot.leaveOut ? 1 : 0);
}

/** How many chains the group makes before the grammar skips any: the product of its slots. */
export function groupCombinations(blocks: readonly DraftGroupBlock[]): number {
  return blocks.reduce((product, b) => (b.type === "slot" ? product * optionCount(b) : product), 1);
}

/** Problems the form can tell before sending, by block key. */
export function slotProblems(blocks: readonly DraftGroupBlock[]): Map<string, string> {
  const problems = new Map<string, string>();
  for (const block of blocks) {
    if (block.type !== "slot") continue;
    if (!block.name.trim()) problems.set(block.key, "Give the slot a name");
    else if (optionCount(block) === 0) problems.set(block.key, "Pick at least one option for this slot");
  }
  return problems;
}

/** The group's blocks as the API takes them. */
export function groupBlocksIn(blocks: readonly DraftGroupBlock[]): GroupBlockIn[] {
  return blocks.map((b): GroupBlockIn => {
    if (b.type === "slot") {
      return { type: "slot", name: b.name.trim(), options: [...b.options, ...(b.leaveOut ? [null] : [])] };
    }
    if (b.type === "gear") return { type: "gear", gear_id: b.gearId };
    return { type: "effect", effect: b.effect, params: { ...b.params } };
  });
}

/** A group's blocks as one row: "Compressor → Amp slot (2 options) → Reverb". */
export function groupSummary(blocks: readonly BlockView[], effects?: readonly EffectInfo[]): string {
  if (blocks.length === 0) return "No blocks";
  return blocks
    .map((b, i) => {
      if (b.type === "slot") {
        const n = b.options?.length ?? 0;
        return `${b.name ?? "Slot"} slot (${n === 1 ? "1 option" : `${n} options`})`;
      }
      if (b.type === "effect") return effectLabel(b.effect ?? "", effects);
      return blockName(draftOf(b, String(i)), effects);
    })
    .join(" → ");
}

/** A skipped combination in words: what it was and why the grammar refused it. */
export function skippedWords(skipped: Skipped, explanations: ReadonlyMap<string, string>): string {
  const why = explanations.get(skipped.code);
  const reason = skipped.reason.replace(/^chain: /, "").replace(why ? ` (${why})` : "", "");
  return why ? `${reason}: ${why}` : reason;
}
