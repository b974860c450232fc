/** The shootout form's number fields and output checks: what each is called, its hint and range. */
import { LIMITS, type FieldMessages } from "./form";

export interface NumberSpec {
  key: "segmentSeconds" | "targetLufs" | "referenceDbu";
  /** the API field its problems name */
  field: keyof FieldMessages;
  range: { min: number; max: number };
  step: number;
  label: string;
  hint: string;
}

export interface OutputSpec {
  key: "video" | "pictures" | "fullRenders";
  field: keyof FieldMessages;
  label: string;
  hint: string;
}

/** The montage's number fields (as typed, number inputs give strings). */
export const NUMBERS: readonly NumberSpec[] = [
  {
    key: "segmentSeconds",
    field: "montage.segment_seconds",
    range: LIMITS.segment,
    step: 0.5,
    label: "Segment length (seconds)",
    hint: "How long each chain plays before the next: 1 to 60 s.",
  },
  {
    key: "targetLufs",
    field: "montage.target_lufs",
    range: LIMITS.lufs,
    step: 0.5,
    label: "Target loudness (LUFS)",
    hint: "-40 to -6 LUFS; -14 is what streaming sites play at.",
  },
  {
    key: "referenceDbu",
    field: "reference_dbu",
    range: LIMITS.referenceDbu,
    step: 0.1,
    label: "Interface reference (dBu)",
    hint: "Your audio interface's level at 0 dBFS, -60 to 60 dBu (12 if unsure): chains with calibrated levels scale each capture's input and output from it.",
  },
];

/** What a render makes besides each chain's audio and the montage. */
export const OUTPUTS: readonly OutputSpec[] = [
  {
    key: "video",
    field: "outputs.video",
    label: "Video",
    hint: "An MP4 of the montage with a card per chain, ready for YouTube.",
  },
  {
    key: "pictures",
    field: "outputs.pictures",
    label: "Pictures",
    hint: "A card per chain and a spectrum plot comparing them.",
  },
  {
    key: "fullRenders",
    field: "outputs.full_renders",
    label: "Keep each chain’s full render",
    hint: "Also render every chain over the whole DI, not just the passage, and keep those files.",
  },
];
