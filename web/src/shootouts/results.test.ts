import { describe, expect, it } from "vitest";

import { arrangeResults, blindness, downloads } from "./results";
import type { Output } from "./types";

let n = 0;
function out(kind: string, extra: Partial<Output> = {}): Output {
  n += 1;
  const type = kind.includes("audio") ? "audio/flac" : kind === "video" ? "video/mp4" : kind === "manifest" ? "application/json" : kind === "montage_mp3" ? "audio/mpeg" : "image/png";
  return { id: `o${n}`, kind, di_id: "d1", chain_id: null, content_type: type, size_bytes: 1000, duration_seconds: null, metrics: null, url: `/api/v1/outputs/o${n}`, ...extra };
}

const names: Record<string, string> = { c1: "JCM800 into Mesa", c2: "Plexi into V30" };
const naming = { chainIds: ["c1", "c2"], chainName: (id: string) => names[id] };

function render() {
  return [
    out("card", { chain_id: "c2" }),
    out("card", { chain_id: "c1" }),
    out("chain_audio", { chain_id: "c2", metrics: { integrated_lufs: -14 } }),
    out("chain_audio", { chain_id: "c1", metrics: { integrated_lufs: -14 } }),
    out("manifest"),
    out("montage_audio"),
    out("montage_mp3"),
    out("spectrum_plot"),
    out("video"),
  ];
}

describe("arrangeResults", () => {
  it("puts takes in the shootout's chain order, each with its card", () => {
    const [group] = arrangeResults(render(), naming);
    expect(group?.takes.map((t) => t.name)).toEqual(["JCM800 into Mesa", "Plexi into V30"]);
    expect(group?.takes.every((t) => t.card?.chain_id === t.chainId)).toBe(true);
    expect(group?.montage?.kind).toBe("montage_audio");
    expect(group?.video?.kind).toBe("video");
    expect(group?.looseCards).toEqual([]);
  });

  it("hides the names of a blind render until revealed, in letter order", () => {
    const blindKey = { A: "c2", B: "c1" };
    const [hidden] = arrangeResults(render(), { ...naming, blindKey });
    expect(hidden?.takes.map((t) => t.name)).toEqual(["Chain A", "Chain B"]);
    expect(hidden?.takes.map((t) => t.hidden)).toEqual([true, true]);
    const [shown] = arrangeResults(render(), { ...naming, blindKey, revealed: true });
    expect(shown?.takes.map((t) => t.name)).toEqual(["A: Plexi into V30", "B: JCM800 into Mesa"]);
  });

  it("numbers the takes of a shared blind render (no chain ids), cards apart", () => {
    const outputs = render().map((o) => ({ ...o, chain_id: null }));
    const [group] = arrangeResults(outputs, naming);
    expect(group?.takes.map((t) => t.name)).toEqual(["Take 1", "Take 2"]);
    expect(group?.looseCards).toHaveLength(2);
  });

  it("groups by DI in the shootout's order and names them", () => {
    const second = render().map((o) => ({ ...o, id: `${o.id}x`, di_id: "d2" }));
    const groups = arrangeResults([...second, ...render()], { ...naming, diIds: ["d1", "d2"], diName: (id) => (id === "d1" ? "Riff" : undefined) });
    expect(groups.map((g) => [g.diId, g.diName])).toEqual([["d1", "Riff"], ["d2", "DI 2"]]);
  });

  it("calls a chain deleted since the render so", () => {
    const [group] = arrangeResults(render(), { chainIds: ["c1"], chainName: (id) => (id === "c1" ? "JCM" : undefined) });
    expect(group?.takes.map((t) => t.name)).toEqual(["JCM", "A deleted chain"]);
  });
});

describe("downloads", () => {
  it("lists every file once with a distinct file name", () => {
    const outputs = [...render(), out("waveform_json", { content_type: "application/json" })];
    const groups = arrangeResults(outputs, naming);
    const list = downloads(groups, "Amp night");
    expect(list).toHaveLength(outputs.length);
    expect(new Set(list.map((d) => d.output.id)).size).toBe(outputs.length);
    expect(new Set(list.map((d) => d.fileName)).size).toBe(outputs.length);
    expect(list.map((d) => d.fileName)).toContain("amp-night-chain-jcm800-into-mesa.flac");
    expect(list.map((d) => d.fileName)).toContain("amp-night-montage.mp3");
  });

  it("offers the montage as FLAC and as M4A, the M4A as the small copy", () => {
    const m4a = out("montage_audio", { content_type: "audio/mp4" });
    const outputs = [...render().filter((o) => o.kind !== "montage_mp3"), m4a];
    const [group] = arrangeResults(outputs, naming);
    expect(group?.montage?.content_type).toBe("audio/flac");
    expect(group?.montageCompressed).toBe(m4a);
    const list = downloads(group ? [group] : [], "Amp night");
    const montages = list.filter((d) => d.output.kind === "montage_audio");
    expect(montages.map((d) => [d.fileName, d.what])).toEqual([
      ["amp-night-montage.flac", "A/B montage"],
      ["amp-night-montage.m4a", "A/B montage (AAC, M4A)"],
    ]);
  });

  it("never puts a hidden chain's name in a file name", () => {
    const groups = arrangeResults(render(), { ...naming, blindKey: { A: "c2", B: "c1" } });
    const list = downloads(groups, "Blind");
    expect(list.map((d) => d.fileName).join(" ")).not.toMatch(/jcm|plexi/);
    expect(list.map((d) => d.fileName)).toContain("blind-chain-a.flac");
  });
});

describe("blindness", () => {
  const at = "2026-12-03T12:00:00Z";
  const key = { A: "c2", B: "c1" };
  const shootout = (blind: boolean, blind_key: Record<string, string> | null, revealed_at: string | null) => ({
    montage: { blind },
    blind_key,
    revealed_at,
  });

  it("keeps a shared blind test hidden from visitors until the owner reveals it", () => {
    expect(blindness(shootout(true, null, null), false)).toBe("hidden");
    expect(blindness(shootout(true, key, at), false)).toBe("revealed");
    expect(blindness(shootout(false, null, null), false)).toBe("named");
  });

  it("lets the owner peek with the key, and shows the reveal once made", () => {
    expect(blindness(shootout(true, key, null), true)).toBe("peek");
    expect(blindness(shootout(true, key, at), true)).toBe("revealed");
    expect(blindness(shootout(false, null, null), true)).toBe("named");
  });
});

describe("a revealed blind render on the shared page", () => {
  it("names each chain with its letter and pairs each with its card", () => {
    const [group] = arrangeResults(render(), { ...naming, blindKey: { A: "c2", B: "c1" }, revealed: true });
    expect(group?.takes.map((t) => t.name)).toEqual(["A: Plexi into V30", "B: JCM800 into Mesa"]);
    expect(group?.takes.every((t) => t.card?.chain_id === t.chainId && !t.hidden)).toBe(true);
    expect(group?.looseCards).toEqual([]);
  });

  it("has no take before the reveal, when each chain's files are left out", () => {
    const montageOnly = render().filter((o) => !["chain_audio", "card", "manifest"].includes(o.kind));
    const [group] = arrangeResults(montageOnly, naming);
    expect(group?.takes).toEqual([]);
    expect(group?.looseCards).toEqual([]);
    expect(group?.montageCompressed?.kind).toBe("montage_mp3");
  });
});
