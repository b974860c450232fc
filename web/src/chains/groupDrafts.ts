/** New blocks of a chain group being built, each with a key unique on the page. */
import type { DraftSlot } from "./groupRules";

let keys = 0;

/** A key for a new block of a group being built. */
export const newKey = () => `g${++keys}`;

/** An empty slot (no options yet, not left out). */
export function slot(name: string, kind: DraftSlot["kind"]): DraftSlot {
  return { key: newKey(), type: "slot", name, kind, options: [], leaveOut: false };
}
