/**
 * The A/B player's keys: 1-9 pick a source, Left/Right step through them round the ends,
 * Space plays and pauses. They work while the player has focus, and anywhere on the page
 * where nothing takes typing (a form field) or the key itself (a slider's arrows, a button's
 * Space). With several players on a page, keys outside them go to the one used last.
 */

export type AbAction = { type: "select"; index: number } | { type: "step"; by: 1 | -1 } | { type: "toggle" };

/** What `key` does to a player of `count` sources; null for keys it leaves alone. */
export function actionFor(key: string, count: number): AbAction | null {
  if (/^[1-9]$/.test(key)) {
    const index = Number(key) - 1;
    return index < count ? { type: "select", index } : null;
  }
  if (key === "ArrowRight") return { type: "step", by: 1 };
  if (key === "ArrowLeft") return { type: "step", by: -1 };
  if (key === " ") return { type: "toggle" };
  return null;
}

/** Where typing goes: inputs, text areas, selects and editable content. */
export function isFormField(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])") !== null;
}

/** A control that has its own use for arrows or Space (a button, link, slider, summary). */
function hasOwnKeys(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return target.closest("button, a[href], summary, [role='slider'], [role='radio'], [role='tab'], audio, video") !== null;
}

/** The player that answers keys pressed outside every player: the one used last, else the first. */
export function pagePlayer(doc: Document): Element | null {
  let chosen: Element | null = null;
  let latest = -1;
  for (const player of doc.querySelectorAll("[data-ab-player]")) {
    const used = Number(player.getAttribute("data-ab-used") ?? 0);
    if (used > latest) {
      chosen = player;
      latest = used;
    }
  }
  return chosen;
}

/** Whether the player `root` should act on this key press. */
export function answersKey(root: Element, event: KeyboardEvent, action: AbAction): boolean {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return false;
  const target = event.target;
  if (isFormField(target)) return false;
  if (target instanceof Node && root.contains(target)) return true;
  if (target instanceof Element && target.closest("[data-ab-player]")) return false;
  if (action.type !== "select" && hasOwnKeys(target)) return false;
  return pagePlayer(root.ownerDocument) === root;
}
