/**
 * The chain builder's rules, pure: a block's kind in the grammar, what may be added next (the
 * same rules as the API's `next-blocks`, for an answer before it comes), moving blocks, a
 * block's name and a chain as a readable row. The API's field errors per block are in
 * `blockErrors`, effect parameters in `effectParams`, A2 submodels in `slim`.
 *
 * The grammar: effects and pedal captures (pedal or outboard gear, only before the amp) ->
 * exactly one amp capture -> its cab IR (only after an `amp`; an `amp-cab` full rig has its
 * cabinet) -> post effects.
 */
import type { components } from "../api/schema";

export type GearKind = components["schemas"]["GearItem"]["kind"];
export type BlockView = components["schemas"]["BlockView"];
export type BlockIn = components["schemas"]["GearBlockIn"] | components["schemas"]["EffectBlockIn"];
export type FieldError = NonNullable<components["schemas"]["Problem"]["errors"]>[number];
export type EffectInfo = components["schemas"]["EffectInfo"];
export type EffectParam = components["schemas"]["EffectParam"];

/** A block's place in the grammar. */
export type BlockKind = "effect" | "pedal" | "amp" | "amp-cab" | "ir";
export const BLOCK_KINDS: readonly BlockKind[] = ["effect", "pedal", "amp", "amp-cab", "ir"];

/** The input gain's range (dB), as `ChainIn.input_gain_db` in the API declares it. */
export const GAIN_MIN_DB = -60;
export const GAIN_MAX_DB = 60;

/** Gear kinds a chain may hold: every capture kind and cab IRs. */
export const RENDERABLE_GEAR: readonly GearKind[] = ["pedal", "outboard", "amp", "amp-cab", "cab-ir"];

/** A block being edited: `key` keeps its identity (focus, drag) while it moves. */
export type DraftBlock =
  | {
      key: string;
      type: "gear";
      gearId: string;
      gearName: string;
      /** null while unknown: the item was removed from the library */
      gearKind: GearKind | null;
      usable: boolean;
      /** an A2 container capture's slim value 0..1 (null: the largest submodel) */
      slim?: number | null;
      /** an A2 container capture's submodel thresholds, smallest first; null for other gear */
      submodelMaxValues?: readonly number[] | null;
    }
  | { key: string; type: "effect"; effect: string; params: Record<string, number> };

/** The grammar kind of a gear item's kind (`cab-ir` is an `ir`; outboard gear runs as a pedal). */
export function grammarKind(kind: GearKind): BlockKind {
  switch (kind) {
    case "amp":
      return "amp";
    case "amp-cab":
      return "amp-cab";
    case "cab-ir":
      return "ir";
    default:
      return "pedal";
  }
}

/** The gear kinds a block of grammar kind `kind` picks from (none: a built-in effect). */
export function gearKindsFor(kind: BlockKind): GearKind[] {
  if (kind === "ir") return ["cab-ir"];
  if (kind === "pedal") return ["pedal", "outboard"];
  if (kind === "amp" || kind === "amp-cab") return [kind];
  return [];
}

/** The block's grammar kind, or null for gear whose kind is unknown (removed). */
export function kindOf(block: DraftBlock): BlockKind | null {
  if (block.type === "effect") return "effect";
  return block.gearKind ? grammarKind(block.gearKind) : null;
}

/** The kinds of the blocks, in order, leaving out blocks of unknown kind. */
export function kindsOf(blocks: readonly DraftBlock[]): BlockKind[] {
  return blocks.map(kindOf).filter((k): k is BlockKind => k !== null);
}

export interface NextBlocks {
  next: BlockKind[];
  complete: boolean;
  /** Why nothing valid can follow (a broken prefix), in words; null when it can. */
  problem: string | null;
}

/** What may come after `kinds`, and whether they are a complete chain (as the API says). */
export function nextBlocks(kinds: readonly BlockKind[]): NextBlocks {
  const amps = kinds.flatMap((k, i) => (k === "amp" || k === "amp-cab" ? [i] : []));
  const irs = kinds.flatMap((k, i) => (k === "ir" ? [i] : []));
  const broken = (problem: string): NextBlocks => ({ next: [], complete: false, problem });
  const firstIr = irs[0];
  const firstAmp = amps[0];
  if (firstIr !== undefined && (firstAmp === undefined || firstIr < firstAmp)) {
    return broken(`the cab IR (block ${firstIr + 1}) must come after an amp capture`);
  }
  if (amps.length > 1) return broken("the chain has more than one amp capture");
  if (irs.length > 1) return broken("the chain has more than one cab IR");
  if (firstAmp === undefined) return { next: ["effect", "pedal", "amp", "amp-cab"], complete: false, problem: null };
  const latePedal = kinds.findIndex((k, i) => k === "pedal" && i > firstAmp);
  if (latePedal >= 0) {
    return broken(`the pedal or outboard capture (block ${latePedal + 1}) must come before the amp capture`);
  }
  if (kinds[firstAmp] === "amp-cab") {
    if (irs.length > 0) return broken("a full-rig capture already includes the cabinet; remove the cab IR");
    return { next: ["effect"], complete: true, problem: null };
  }
  if (irs.length > 0) return { next: ["effect"], complete: true, problem: null };
  return { next: ["effect", "ir"], complete: false, problem: null };
}

/** The list with the item at `from` moved to `to` (both clamped); the same list if nothing moves. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(items.length - 1, to));
  if (from < 0 || from >= items.length || from === target) return [...items];
  const copy = [...items];
  const [moved] = copy.splice(from, 1) as [T];
  copy.splice(target, 0, moved);
  return copy;
}

/** `noise_gate` -> "Noise gate" when the effect list is not there to say its label. */
export function effectLabel(name: string, effects?: readonly EffectInfo[]): string {
  const known = effects?.find((e) => e.name === name);
  if (known) return known.label;
  const words = name.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const GEAR_KIND_WORDS: Record<GearKind, string> = {
  amp: "amp",
  "amp-cab": "full rig",
  "cab-ir": "cab IR",
  pedal: "pedal",
  outboard: "outboard",
};

/** A gear kind in words ("full rig", "cab IR"). */
export function gearKindWords(kind: GearKind | string | null | undefined): string {
  return kind && kind in GEAR_KIND_WORDS ? GEAR_KIND_WORDS[kind as GearKind] : "gear";
}

/** What a grammar kind is called on a button: "Effect", "Pedal or outboard capture", "Amp", ... */
export function blockKindWords(kind: BlockKind): string {
  return {
    effect: "Effect",
    pedal: "Pedal or outboard capture",
    amp: "Amp",
    "amp-cab": "Full rig (amp + cab)",
    ir: "Cab IR",
  }[kind];
}

/** A block's name as the user reads it: "JCM800 (amp)", "A2 (amp, slim 0.5)", "Reverb",
 * "Removed gear". */
export function blockName(block: DraftBlock, effects?: readonly EffectInfo[]): string {
  if (block.type === "effect") return effectLabel(block.effect, effects);
  if (!block.usable || !block.gearKind) return "Removed gear";
  const slim = block.slim != null ? `, slim ${block.slim}` : "";
  return `${block.gearName} (${gearKindWords(block.gearKind)}${slim})`;
}

/** A stored block (API view) as a draft. */
export function draftOf(view: BlockView, key: string): DraftBlock {
  if (view.type === "effect") {
    return { key, type: "effect", effect: view.effect ?? "", params: { ...(view.params ?? {}) } };
  }
  return {
    key,
    type: "gear",
    gearId: view.gear_id ?? "",
    gearName: view.gear_name ?? "",
    gearKind: (view.gear_kind as GearKind | null | undefined) ?? null,
    usable: view.usable ?? true,
    // only an A2 container capture carries these
    ...(view.slim != null ? { slim: view.slim } : {}),
    ...(view.submodel_max_values ? { submodelMaxValues: view.submodel_max_values } : {}),
  };
}

/** The blocks as the API takes them. */
export function blocksIn(blocks: readonly DraftBlock[]): BlockIn[] {
  return blocks.map((b) =>
    b.type === "gear"
      ? { type: "gear", gear_id: b.gearId, ...(b.slim != null ? { slim: b.slim } : {}) }
      : { type: "effect", effect: b.effect, params: { ...b.params } },
  );
}

/** A chain's blocks as one readable row: "Noise gate → JCM800 (amp) → Mesa 4x12 (cab IR)". */
export function chainSummary(blocks: readonly BlockView[], effects?: readonly EffectInfo[]): string {
  if (blocks.length === 0) return "No blocks";
  return blocks.map((b, i) => blockName(draftOf(b, String(i)), effects)).join(" → ");
}

/** How many chains a group's slots make: the product of their option counts. */
export function combinations(optionCounts: readonly number[]): number {
  return optionCounts.reduce((product, n) => product * n, 1);
}
