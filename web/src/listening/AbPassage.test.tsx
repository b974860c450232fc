import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { AbPassage } from "./AbPassage";
import type { Passage } from "./abPassage";
import { clampStart, MEMORY_BUDGET_BYTES, MIN_PASSAGE_SECONDS, passageSeconds } from "./abPassage";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;
let moved: number[];

beforeEach(() => {
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  moved = [];
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function show(passage: Passage, busy = false) {
  act(() => root.render(<AbPassage passage={passage} busy={busy} onMove={(start) => moved.push(start)} />));
}

const button = (name: RegExp) =>
  [...container.querySelectorAll("button")].find((b) => name.test(b.textContent ?? "")) as HTMLButtonElement;

describe("passages", () => {
  it("fit the budget for any number of sources, never shorter than the minimum", () => {
    expect(passageSeconds(2, 48_000, 1)).toBe(Math.floor(MEMORY_BUDGET_BYTES / (2 * 48_000 * 4)));
    expect(16 * passageSeconds(16, 48_000, 1) * 48_000 * 4).toBeLessThanOrEqual(MEMORY_BUDGET_BYTES);
    expect(passageSeconds(1000, 48_000, 2)).toBe(MIN_PASSAGE_SECONDS);
    expect(clampStart(-5, 100, 600)).toBe(0);
    expect(clampStart(590.7, 100, 600)).toBe(500);
    expect(clampStart(42.9, 100, 600)).toBe(42);
  });

  it("say what is held and move earlier, later, or to a chosen start", () => {
    show({ start: 0, length: 120, total: 600 });
    expect(container.textContent).toContain("Playing 0:00–2:00 of 10:00");
    expect(button(/Earlier/).disabled).toBe(true);
    act(() => button(/Later/).click());
    expect(moved).toEqual([120]);

    const slider = container.querySelector<HTMLInputElement>('input[type="range"]') as HTMLInputElement;
    expect(slider.max).toBe("480");
    expect(button(/^Load/).disabled).toBe(true);
    act(() => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
      setValue?.call(slider, "300");
      slider.dispatchEvent(new Event("input", { bubbles: true }));
    });
    expect(button(/^Load/).textContent).toBe("Load 5:00–7:00");
    act(() => button(/^Load/).click());
    expect(moved).toEqual([120, 300]);

    show({ start: 480, length: 120, total: 600 }, true);
    expect(button(/Later/).disabled).toBe(true);
    expect(button(/Earlier/).disabled).toBe(true); // busy loading
  });
});
