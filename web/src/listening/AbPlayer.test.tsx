import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { AbPlayer } from "./AbPlayer";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Just enough of Web Audio for the player to load and play (the engine's own tests pin the sound). */
class QuietContext {
  currentTime = 0;
  destination = {};
  resume = async () => undefined;
  close = async () => undefined;
  createGain() {
    return { gain: { value: 1, cancelScheduledValues() {}, setValueAtTime() {}, linearRampToValueAtTime() {} }, connect() {}, disconnect() {} };
  }
  createBufferSource() {
    return { connect() {}, disconnect() {}, start() {}, stop() {}, onended: null };
  }
}

class QuietDecoder {
  decodeAudioData = async () => ({ duration: 4, numberOfChannels: 1, getChannelData: () => new Float32Array(64) });
}

const SOURCES = [
  { key: "a", label: "Plexi", url: "/a.flac" },
  { key: "b", label: "Recto", url: "/b.flac" },
  { key: "c", label: "AC30", url: "/c.flac" },
];

let container: HTMLDivElement;
let root: Root;
let heard: string[];

beforeEach(async () => {
  vi.stubGlobal("AudioContext", QuietContext);
  vi.stubGlobal("OfflineAudioContext", QuietDecoder);
  vi.stubGlobal("fetch", async () => new Response(new Uint8Array(16)));
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  heard = [];
  await act(async () => root.render(<AbPlayer sources={SOURCES} title="Compare" onCurrentChange={(key) => heard.push(key)} />));
  await vi.waitFor(() => expect(player().dataset.state).toBe("ready"));
});

afterEach(() => {
  act(() => root.unmount());
  document.body.replaceChildren();
  vi.unstubAllGlobals();
});

const player = () => container.querySelector<HTMLElement>("[data-ab-player]")!;

async function press(key: string, target: Element = document.body) {
  await act(async () => {
    target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
  });
}

describe("AbPlayer keys", () => {
  it("picks a source with its number, anywhere on the page", async () => {
    expect(player().dataset.current).toBe("a");
    await press("2");
    expect(player().dataset.current).toBe("b");
    await press("3");
    expect(player().dataset.current).toBe("c");
    await press("4"); // there is no fourth
    expect(player().dataset.current).toBe("c");
    expect(container.querySelector('[role="radio"][aria-checked="true"]')?.textContent).toBe("3 AC30");
    expect(container.querySelector("[aria-live]")?.textContent).toBe("Now playing AC30");
    expect(heard).toEqual(["b", "c"]);
  });

  it("steps with the arrows, round the ends", async () => {
    await press("ArrowLeft");
    expect(player().dataset.current).toBe("c");
    await press("ArrowRight");
    expect(player().dataset.current).toBe("a");
    const first = container.querySelector<HTMLElement>('[role="radio"]')!;
    first.focus();
    await press("ArrowRight", first);
    expect(player().dataset.current).toBe("b");
    expect(document.activeElement?.textContent).toBe("2 Recto");
  });

  it("leaves keys typed into a form field alone", async () => {
    const input = document.createElement("input");
    document.body.append(input);
    input.focus();
    await press("2", input);
    await press("ArrowRight", input);
    await press(" ", input);
    expect(player().dataset.current).toBe("a");
    expect(player().dataset.state).toBe("ready");
  });

  it("plays and pauses with Space", async () => {
    await press(" ");
    expect(player().dataset.state).toBe("playing");
    await press(" ", container.querySelector("button")!);
    expect(player().dataset.state).toBe("paused");
  });

  it("leaves a slider's arrows elsewhere on the page alone", async () => {
    const slider = document.createElement("div");
    slider.setAttribute("role", "slider");
    slider.tabIndex = 0;
    document.body.append(slider);
    await press("ArrowRight", slider);
    expect(player().dataset.current).toBe("a");
    await press("2", slider);
    expect(player().dataset.current).toBe("b");
  });
});
