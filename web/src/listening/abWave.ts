/** The A/B waveform's outline: measured once per decoded buffer, drawn to fit a canvas. */
import { peaksOf } from "../components/waveformPeaks";

/** Points measured per buffer: finer than any waveform's width in pixels. */
const POINTS = 2000;
const measured = new WeakMap<AudioBuffer, number[]>();

/** The loudest sample in each of POINTS slices of `buffer` (0..1), measured on first ask. */
export function peaksFor(buffer: AudioBuffer): number[] {
  let peaks = measured.get(buffer);
  if (!peaks) {
    const channels = Array.from({ length: buffer.numberOfChannels }, (_, c) => buffer.getChannelData(c));
    peaks = peaksOf(channels, POINTS);
    measured.set(buffer, peaks);
  }
  return peaks;
}

/** `peaks` folded into `columns` (each the loudest of its share), scaled so the loudest is 1. */
export function columnsOf(peaks: readonly number[], columns: number): number[] {
  if (peaks.length === 0 || columns <= 0) return [];
  const out = new Array<number>(columns).fill(0);
  for (let c = 0; c < columns; c += 1) {
    const start = Math.floor((c * peaks.length) / columns);
    const end = Math.max(start + 1, Math.floor(((c + 1) * peaks.length) / columns));
    for (let i = start; i < end && i < peaks.length; i += 1) out[c] = Math.max(out[c] ?? 0, peaks[i] ?? 0);
  }
  const loudest = Math.max(...out);
  return loudest > 0 ? out.map((v) => v / loudest) : out;
}

/** Draw `peaks` mirrored about the middle of `canvas`, at the device's pixel ratio. */
export function drawPeaks(canvas: HTMLCanvasElement, peaks: readonly number[], colour: string): void {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.round(canvas.clientWidth * ratio);
  const height = Math.round(canvas.clientHeight * ratio);
  if (width === 0 || height === 0) return;
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext("2d");
  if (!g) return;
  g.clearRect(0, 0, width, height);
  g.fillStyle = colour;
  const bar = Math.max(1, Math.round(2 * ratio));
  const gap = Math.max(1, Math.round(ratio));
  const columns = columnsOf(peaks, Math.floor(width / (bar + gap)));
  const middle = height / 2;
  columns.forEach((value, c) => {
    const h = Math.max(ratio, value * (height - 2 * ratio));
    g.fillRect(c * (bar + gap), middle - h / 2, bar, h);
  });
}
