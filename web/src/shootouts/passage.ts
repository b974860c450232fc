/**
 * The passage of each DI a shootout compares, as typed in the form (m:ss or seconds; blank:
 * from the start, to the end), and the montage's length in words from the API's `montage_plan`.
 */
import type { Montage, MontagePlan, PassageIn, PassageView } from "./types";

/** The shortest passage the API accepts (seconds). */
export const MIN_PASSAGE_SECONDS = 1;

/** A DI's passage as typed: blank start is 0:00, blank end is the end of the recording. */
export interface PassageText {
  start: string;
  end: string;
}

export const WHOLE: PassageText = { start: "", end: "" };

/** "75", "75.5", "1:15", "1:15.5" → seconds; blank → null; anything else → NaN. */
export function parseTime(text: string): number | null {
  const typed = text.trim();
  if (typed === "") return null;
  const match = /^(?:(\d+):)?(\d+(?:\.\d*)?|\.\d+)$/.exec(typed);
  if (!match) return Number.NaN;
  const [, minutes, seconds = ""] = match;
  if (minutes !== undefined && Number(seconds) >= 60) return Number.NaN;
  return Number(minutes ?? 0) * 60 + Number(seconds);
}

/** 75 → "1:15", 75.25 → "1:15.25", 4 → "0:04" (to the hundredth). */
export function formatTime(seconds: number): string {
  const hundredths = Math.round(seconds * 100);
  const minutes = Math.floor(hundredths / 6000);
  const rest = (hundredths - minutes * 6000) / 100;
  const [whole = "0", fraction] = String(rest).split(".");
  return `${minutes}:${whole.padStart(2, "0")}${fraction ? `.${fraction}` : ""}`;
}

/** What is wrong with a passage of a DI `duration` seconds long, at its start and its end. */
export function checkPassage(text: PassageText, duration: number): { start?: string; end?: string } {
  const start = parseTime(text.start);
  const end = parseTime(text.end);
  const found: { start?: string; end?: string } = {};
  if (Number.isNaN(start)) found.start = "Enter a time as m:ss or seconds, e.g. 1:05 or 65.";
  else if ((start ?? 0) >= duration) found.start = `Must be before the end of the recording (${formatTime(duration)}).`;
  if (Number.isNaN(end)) found.end = "Enter a time as m:ss or seconds, e.g. 1:05 or 65.";
  else if (end !== null && end > duration) found.end = `The recording is only ${formatTime(duration)} long.`;
  if (found.start || found.end) return found;
  const from = start ?? 0;
  const to = end ?? duration;
  if (end !== null && to <= from) return { end: "Must be after the start." };
  if (to - from < MIN_PASSAGE_SECONDS) {
    const reason = `The passage must be at least ${MIN_PASSAGE_SECONDS} s long.`;
    return end !== null ? { end: reason } : { start: reason };
  }
  return {};
}

/** Whether nothing is typed: the whole recording. */
export function isWhole(text: PassageText | undefined): boolean {
  return text === undefined || (text.start.trim() === "" && text.end.trim() === "");
}

/** The request's passages: one per chosen DI that has one, in the DIs' order. */
export function passagesBody(diIds: readonly string[], passages: Readonly<Record<string, PassageText>>): PassageIn[] {
  return diIds.flatMap((id) => {
    const text = passages[id];
    if (text === undefined || isWhole(text)) return [];
    return [{ di_id: id, start_seconds: parseTime(text.start) ?? 0, end_seconds: parseTime(text.end) }];
  });
}

/** The form's passages from the shootout's: an end at the recording's end stays blank. */
export function passagesText(
  passages: readonly PassageView[],
  durations: ReadonlyMap<string, number> = new Map(),
): Record<string, PassageText> {
  const found: Record<string, PassageText> = {};
  for (const p of passages) {
    const toEnd = Math.abs((durations.get(p.di_id) ?? Number.NaN) - p.end_seconds) < 0.005;
    found[p.di_id] = { start: p.start_seconds > 0 ? formatTime(p.start_seconds) : "", end: toEnd ? "" : formatTime(p.end_seconds) };
  }
  return found;
}

/** 480 → "8 min 0 s", 45.4 → "45 s" (to the second). */
export function formatLength(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(whole / 60);
  return minutes > 0 ? `${minutes} min ${whole % 60} s` : `${whole} s`;
}

/** 60 → "60 s", 9.5 → "9.5 s" (to the tenth). */
function passageLength(seconds: number): string {
  return `${Number(seconds.toFixed(1))} s`;
}

/** "alternate", "sequence" or "sequence, twice round". */
export function modeWords(montage: Pick<Montage, "mode" | "rounds">): string {
  return montage.mode === "sequence" && montage.rounds > 1 ? "sequence, twice round" : montage.mode;
}

/** "Montage: 8 min 0 s (8 chains x 60 s, alternate)". */
export function montageLine(plan: MontagePlan, chains: number, montage: Pick<Montage, "mode" | "rounds">): string {
  return `Montage: ${formatLength(plan.montage_seconds)} (${chains} chains x ${passageLength(plan.passage_seconds)}, ${modeWords(montage)})`;
}

/** "0:30 to 1:30 (60 s)" or "Whole recording (2:20)". */
export function passageLine(plan: MontagePlan, duration: number | undefined): string {
  const whole = plan.start_seconds <= 0 && duration !== undefined && Math.abs(plan.end_seconds - duration) < 0.005;
  if (whole) return `Whole recording (${formatTime(duration)})`;
  return `${formatTime(plan.start_seconds)} to ${formatTime(plan.end_seconds)} (${passageLength(plan.passage_seconds)})`;
}
