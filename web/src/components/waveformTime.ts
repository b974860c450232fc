/** Time for the waveform player: m:ss, where a key moves the playhead, and the seek slider's ARIA. */

/** `75.4` -> "1:15"; an hour or more -> "1:02:03"; with `tenths`, `3.46` -> "0:03.4". */
export function formatTime(seconds: number, tenths = false): string {
  const safe = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  if (tenths && safe < 3600) {
    const t = Math.floor(safe * 10);
    return `${Math.floor(t / 600)}:${String(Math.floor((t % 600) / 10)).padStart(2, "0")}.${t % 10}`;
  }
  const total = Math.floor(safe);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** How far an arrow key moves: a tenth of the audio, 0.5 to 5 s; with Shift, a fifth of that. */
export function seekStep(duration: number, shift: boolean): number {
  const step = Math.min(5, Math.max(0.5, duration / 10));
  return shift ? step / 5 : step;
}

/** Where `key` seeks to from `now` (seconds) in audio of `duration`; null for other keys.
 * Arrows move by `seekStep`, Page Up/Down by 30 s, Home and End to the ends. */
export function seekTarget(key: string, shift: boolean, now: number, duration: number): number | null {
  const step = seekStep(duration, shift);
  let target: number;
  switch (key) {
    case "ArrowRight":
    case "ArrowUp":
      target = now + step;
      break;
    case "ArrowLeft":
    case "ArrowDown":
      target = now - step;
      break;
    case "PageUp":
      target = now + 30;
      break;
    case "PageDown":
      target = now - 30;
      break;
    case "Home":
      target = 0;
      break;
    case "End":
      target = duration;
      break;
    default:
      return null;
  }
  return Math.max(0, Math.min(duration, target));
}

/** What a seek slider tells a screen reader: what it seeks in, and its range and position (seconds). */
export function seekSlider(label: string, max: number, now: number) {
  return {
    role: "slider",
    tabIndex: 0,
    "aria-label": `Seek in ${label}`,
    "aria-valuemin": 0,
    "aria-valuemax": max,
    "aria-valuenow": now,
  } as const;
}
