/**
 * A render's files arranged as the page shows them: per DI, the montage, video and pictures,
 * and one "take" per chain (its audio, card and metrics) named by the chain — or, in a blind
 * shootout, by its letter until the owner reveals which is which.
 */
import { slug } from "./format";
import type { Output } from "./types";

export interface Take {
  /** The chain's audio. */
  audio: Output;
  chainId: string | null;
  /** What the page calls it: the chain's name, "Chain A" while blind, "Take 2" without either. */
  name: string;
  /** The blind letter, when the render was blind and the owner has the key. */
  letter: string | null;
  /** Blind and not revealed: the chain's name must not show (nor in file names). */
  hidden: boolean;
  card: Output | null;
}

export interface DiResults {
  diId: string | null;
  /** "DI 2" or the DI's name. */
  diName: string;
  /** The montage, lossless (FLAC). */
  montage: Output | null;
  /** The montage, small: AAC in M4A (an MP3 in renders made before). */
  montageCompressed: Output | null;
  video: Output | null;
  spectrum: Output | null;
  manifest: Output | null;
  takes: Take[];
  /** Cards that belong to no take (a public blind shootout names no chain). */
  looseCards: Output[];
  /** Files of kinds this page does not show otherwise (still downloadable). */
  others: Output[];
}

const SHOWN = new Set(["chain_audio", "card", "montage_audio", "montage_mp3", "video", "spectrum_plot", "manifest"]);

export interface Naming {
  /** The shootout's chains in order (for the order of takes). */
  chainIds: readonly string[];
  /** A chain's name, when known. */
  chainName: (chainId: string) => string | undefined;
  /** The shootout's DIs in order. */
  diIds?: readonly string[];
  diName?: (diId: string) => string | undefined;
  /** label → chain id, from a blind render (the owner's only). */
  blindKey?: Record<string, string> | null;
  /** Whether the owner has asked to see which letter is which chain. */
  revealed?: boolean;
}

/** How a render reads to someone: named (not blind), blind with the key to peek at (the owner),
 * blind and hidden (a visitor, until the reveal), or revealed to everyone by the owner. */
export type Blindness = "named" | "peek" | "hidden" | "revealed";

export function blindness(
  shootout: { montage: { blind: boolean }; blind_key: Record<string, string> | null; revealed_at: string | null },
  owner: boolean,
): Blindness {
  const keyed = shootout.blind_key !== null && Object.keys(shootout.blind_key).length > 0;
  if (shootout.revealed_at !== null && (keyed || shootout.montage.blind)) return "revealed";
  if (owner) return keyed ? "peek" : "named";
  return shootout.montage.blind ? "hidden" : "named";
}

function byDi(results: readonly Output[], order: readonly string[]): Array<[string | null, Output[]]> {
  const groups = new Map<string | null, Output[]>();
  for (const output of results) {
    const list = groups.get(output.di_id) ?? [];
    list.push(output);
    groups.set(output.di_id, list);
  }
  const rank = (id: string | null) => (id === null ? Infinity : order.indexOf(id) === -1 ? order.length : order.indexOf(id));
  return [...groups.entries()].sort(([a], [b]) => rank(a) - rank(b));
}

export function arrangeResults(results: readonly Output[], naming: Naming): DiResults[] {
  const letterOf = new Map<string, string>();
  for (const [letter, chainId] of Object.entries(naming.blindKey ?? {})) letterOf.set(chainId, letter);
  const blind = letterOf.size > 0;
  const groups = byDi(results, naming.diIds ?? []);
  return groups.map(([diId, outputs], index) => {
    const first = (kind: string) => outputs.find((o) => o.kind === kind) ?? null;
    const cards = outputs.filter((o) => o.kind === "card");
    const audio = outputs.filter((o) => o.kind === "chain_audio");
    const position = (o: Output) => {
      if (o.chain_id === null) return Infinity;
      if (blind) return (letterOf.get(o.chain_id) ?? "~").charCodeAt(0);
      const at = naming.chainIds.indexOf(o.chain_id);
      return at === -1 ? naming.chainIds.length : at;
    };
    const ordered = [...audio].sort((a, b) => position(a) - position(b));
    const takes = ordered.map((o, n): Take => {
      const letter = o.chain_id ? (letterOf.get(o.chain_id) ?? null) : null;
      const known = o.chain_id ? naming.chainName(o.chain_id) : undefined;
      let name: string;
      if (letter && !naming.revealed) name = `Chain ${letter}`;
      else if (letter) name = `${letter}: ${known ?? "a deleted chain"}`;
      else name = known ?? (o.chain_id ? "A deleted chain" : `Take ${n + 1}`);
      const card = o.chain_id ? (cards.find((c) => c.chain_id === o.chain_id) ?? null) : null;
      return { audio: o, chainId: o.chain_id, name, letter, hidden: letter !== null && !naming.revealed, card };
    });
    const used = new Set(takes.map((t) => t.card?.id));
    const diName =
      (diId && naming.diName?.(diId)) || (groups.length > 1 ? `DI ${index + 1}` : "DI");
    return {
      diId,
      diName,
      montage: outputs.find((o) => o.kind === "montage_audio" && !isCompressed(o)) ?? null,
      montageCompressed: outputs.find((o) => o.kind === "montage_audio" && isCompressed(o)) ?? first("montage_mp3"),
      video: first("video"),
      spectrum: first("spectrum_plot"),
      manifest: first("manifest"),
      takes,
      looseCards: cards.filter((c) => !used.has(c.id)),
      others: outputs.filter((o) => !SHOWN.has(o.kind)),
    };
  });
}

/** The montage's small copy is `montage_audio` too, told apart by its media type. */
function isCompressed(output: Output): boolean {
  return output.content_type === "audio/mp4";
}

const EXTENSIONS: Record<string, string> = {
  "audio/flac": "flac",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "video/mp4": "mp4",
  "image/png": "png",
  "image/jpeg": "jpg",
  "text/plain; charset=utf-8": "txt",
  "application/json": "json",
};

const KIND_WORDS: Record<string, string> = {
  chain_audio: "Chain audio",
  chain_full_audio: "Chain audio, whole DI",
  thumbnail: "Video thumbnail (YouTube)",
  youtube_text: "YouTube title, description and chapters",
  montage_audio: "A/B montage",
  montage_mp3: "A/B montage (MP3)",
  video: "Video",
  card: "Chain card",
  spectrum_plot: "Spectrum plot",
  manifest: "Manifest (settings, loudness, timeline)",
};

export function kindLabel(kind: string): string {
  return KIND_WORDS[kind] ?? kind.replace(/_/g, " ");
}

export interface Download {
  output: Output;
  fileName: string;
  what: string;
}

/** Every file of the render with a file name to save it as (never a hidden chain's name). */
export function downloads(groups: readonly DiResults[], shootoutName: string): Download[] {
  const base = slug(shootoutName);
  const list: Download[] = [];
  const seen = new Set<string>();
  groups.forEach((group, g) => {
    const di = groups.length > 1 ? `-di${g + 1}` : "";
    const takeOf = new Map<string, Take>();
    group.takes.forEach((t) => {
      takeOf.set(t.audio.id, t);
      if (t.card) takeOf.set(t.card.id, t);
    });
    const all = [
      group.montage,
      group.montageCompressed,
      group.video,
      ...group.takes.map((t) => t.audio),
      ...group.takes.map((t) => t.card),
      ...group.looseCards,
      group.spectrum,
      group.manifest,
      ...group.others,
    ].filter((o): o is Output => o !== null);
    for (const output of all) {
      const ext = EXTENSIONS[output.content_type] ?? "bin";
      const take = takeOf.get(output.id);
      const who = take ? `-${take.hidden && take.letter ? take.letter.toLowerCase() : slug(take.name)}` : "";
      const stem = output.kind.startsWith("montage_") ? "montage" : output.kind === "chain_audio" ? "chain" : output.kind.replace(/_/g, "-");
      let fileName = `${base}${di}-${stem}${who}.${ext}`;
      for (let n = 2; seen.has(fileName); n++) fileName = `${base}${di}-${stem}${who}-${n}.${ext}`;
      seen.add(fileName);
      const label = isCompressed(output) ? "A/B montage (AAC, M4A)" : kindLabel(output.kind);
      const what = take ? `${label}: ${take.name}` : label;
      list.push({ output, fileName, what: groups.length > 1 ? `${what} (${group.diName})` : what });
    }
  });
  return list;
}
