/**
 * The shootout form: its values from a shootout, what the browser can check before sending,
 * the request body, and which field an API error names (`chain_ids[1]` is the chains field).
 */
import type { FieldError } from "../api/problem";
import { checkPassage, passagesBody, passagesText, type PassageText } from "./passage";
import type { DiTrack, MontageMode, Shootout, ShootoutIn, Visibility } from "./types";

export const LIMITS = {
  name: 200,
  description: 5000,
  dis: { min: 1, max: 4 },
  chains: { min: 2, max: 16 },
  segment: { min: 1, max: 60 },
  lufs: { min: -40, max: -6 },
  referenceDbu: { min: -60, max: 60 },
} as const;

export const DEFAULTS = { segmentSeconds: 4, targetLufs: -14, referenceDbu: 12 } as const;

export interface FormValues {
  name: string;
  description: string;
  diIds: string[];
  chainIds: string[];
  /** As typed (number inputs give strings). */
  segmentSeconds: string;
  targetLufs: string;
  blind: boolean;
  /** `alternate`: every chain in turn per segment; `sequence`: each over the whole passage. */
  montageMode: MontageMode;
  /** Sequence only: go round the chains twice. */
  twiceRound: boolean;
  video: boolean;
  pictures: boolean;
  /** Also render and keep each chain's whole DI, not just the passage. */
  fullRenders: boolean;
  /** Each DI's passage as typed, by DI id; a DI not here (or left blank) plays whole. */
  passages: Record<string, PassageText>;
  visibility: Visibility;
  /** The audio interface's dBu at 0 dBFS (calibrated chains scale from it), as typed. */
  referenceDbu: string;
}

export type FormField =
  | "name"
  | "description"
  | "di_ids"
  | "chain_ids"
  | "montage.segment_seconds"
  | "montage.target_lufs"
  | "montage.blind"
  | "montage.mode"
  | "montage.rounds"
  | "outputs.video"
  | "outputs.pictures"
  | "outputs.full_renders"
  | "visibility"
  | "reference_dbu"
  | PassageField;

/** The start or end of one DI's passage: `passage.<di id>.start`. */
export type PassageField = `passage.${string}.${"start" | "end"}`;

export function passageField(diId: string, end: "start" | "end"): PassageField {
  return `passage.${diId}.${end}`;
}

export type FieldMessages = Partial<Record<FormField, string>>;

const FIELDS: readonly FormField[] = [
  "name",
  "description",
  "di_ids",
  "chain_ids",
  "montage.segment_seconds",
  "montage.target_lufs",
  "montage.blind",
  "montage.mode",
  "montage.rounds",
  "outputs.video",
  "outputs.pictures",
  "outputs.full_renders",
  "visibility",
  "reference_dbu",
];

/** The form's values: a new shootout's defaults, or `shootout`'s (`tracks` tell which
 * passages run to the end of their recording). */
export function fromShootout(shootout?: Shootout, tracks: readonly DiTrack[] = []): FormValues {
  const durations = new Map(tracks.map((t) => [t.id, t.duration_seconds]));
  return {
    name: shootout?.name ?? "",
    description: shootout?.description ?? "",
    diIds: [...(shootout?.di_ids ?? [])],
    chainIds: [...(shootout?.chain_ids ?? [])],
    segmentSeconds: String(shootout?.montage.segment_seconds ?? DEFAULTS.segmentSeconds),
    targetLufs: String(shootout?.montage.target_lufs ?? DEFAULTS.targetLufs),
    blind: shootout?.montage.blind ?? false,
    montageMode: shootout?.montage.mode ?? "alternate",
    twiceRound: (shootout?.montage.rounds ?? 1) > 1,
    video: shootout?.outputs.video ?? true,
    pictures: shootout?.outputs.pictures ?? true,
    fullRenders: shootout?.outputs.full_renders ?? false,
    passages: passagesText(shootout?.passages ?? [], durations),
    visibility: shootout?.visibility ?? "private",
    referenceDbu: String(shootout?.reference_dbu ?? DEFAULTS.referenceDbu),
  };
}

function numberIn(text: string, min: number, max: number, unit: string): string | undefined {
  if (text.trim() === "") return `Enter a number from ${min} to ${max} ${unit}.`;
  const value = Number(text);
  if (!Number.isFinite(value)) return `Enter a number from ${min} to ${max} ${unit}.`;
  if (value < min || value > max) return `Must be from ${min} to ${max} ${unit}.`;
  return undefined;
}

/** What is wrong before asking the API (the API checks again); `tracks` give the chosen DIs'
 * lengths, which their passages must lie inside. */
export function checkForm(values: FormValues, tracks: readonly DiTrack[] = []): FieldMessages {
  const found: FieldMessages = {};
  if (values.name.trim() === "") found.name = "Give the shootout a name.";
  else if (values.name.length > LIMITS.name) found.name = `At most ${LIMITS.name} characters.`;
  if (values.description.length > LIMITS.description) {
    found.description = `At most ${LIMITS.description} characters.`;
  }
  const { dis, chains } = LIMITS;
  if (values.diIds.length < dis.min) found.di_ids = "Pick at least one DI track.";
  else if (values.diIds.length > dis.max) found.di_ids = `Pick at most ${dis.max} DI tracks.`;
  if (values.chainIds.length < chains.min) found.chain_ids = `Pick at least ${chains.min} chains to compare.`;
  else if (values.chainIds.length > chains.max) found.chain_ids = `Pick at most ${chains.max} chains.`;
  const segment = numberIn(values.segmentSeconds, LIMITS.segment.min, LIMITS.segment.max, "seconds");
  if (segment) found["montage.segment_seconds"] = segment;
  const lufs = numberIn(values.targetLufs, LIMITS.lufs.min, LIMITS.lufs.max, "LUFS");
  if (lufs) found["montage.target_lufs"] = lufs;
  const reference = numberIn(values.referenceDbu, LIMITS.referenceDbu.min, LIMITS.referenceDbu.max, "dBu");
  if (reference) found.reference_dbu = reference;
  for (const track of tracks) {
    const text = values.passages[track.id];
    if (!values.diIds.includes(track.id) || text === undefined) continue;
    const { start, end } = checkPassage(text, track.duration_seconds);
    if (start) found[passageField(track.id, "start")] = start;
    if (end) found[passageField(track.id, "end")] = end;
  }
  return found;
}

export function toBody(values: FormValues): ShootoutIn {
  return {
    name: values.name.trim(),
    description: values.description,
    di_ids: values.diIds,
    chain_ids: values.chainIds,
    montage: {
      segment_seconds: Number(values.segmentSeconds),
      target_lufs: Number(values.targetLufs),
      blind: values.blind,
      mode: values.montageMode,
      rounds: values.montageMode === "sequence" && values.twiceRound ? 2 : 1,
    },
    outputs: { video: values.video, pictures: values.pictures, full_renders: values.fullRenders },
    passages: passagesBody(values.diIds, values.passages),
    visibility: values.visibility,
    reference_dbu: Number(values.referenceDbu),
  };
}

/** The form field an API error's `field` belongs to: `chain_ids[1].blocks.0` → `chain_ids`;
 * `passages[1].end_seconds` → the end of the passage of `passageDis[1]` (the body's order). */
export function formFieldOf(field: string, passageDis: readonly string[] = []): FormField | null {
  const passage = /^passages\[(\d+)\]\.?(\w*)/.exec(field);
  if (passage) {
    const diId = passageDis[Number(passage[1])];
    return diId === undefined ? null : passageField(diId, passage[2] === "end_seconds" ? "end" : "start");
  }
  const top = field.replace(/\[\d+\].*$/, "");
  if ((FIELDS as readonly string[]).includes(top)) return top as FormField;
  if (top === "montage") return "montage.segment_seconds";
  if (top === "outputs") return "outputs.video";
  const head = field.split(/[.[]/)[0] ?? "";
  if (head === "di_ids" || head === "chain_ids") return head;
  return null;
}

/** API errors by form field (the first reason wins), and those naming no field of the form. */
export function sortErrors(
  errors: readonly FieldError[],
  passageDis: readonly string[] = [],
): { byField: FieldMessages; rest: FieldError[] } {
  const byField: FieldMessages = {};
  const rest: FieldError[] = [];
  for (const error of errors) {
    const field = formFieldOf(error.field, passageDis);
    if (field === null) rest.push(error);
    else byField[field] ??= error.reason;
  }
  return { byField, rest };
}

/** `list` with the item at `index` moved by `by` places (kept inside the list). */
export function move<T>(list: readonly T[], index: number, by: number): T[] {
  const to = Math.min(list.length - 1, Math.max(0, index + by));
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}
