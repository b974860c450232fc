/**
 * The waveform's outline, measured in the browser: the file is fetched once and decoded to
 * draw it, while playback streams from the URL through the <audio> element, so seeking asks
 * the API for a byte range instead of waiting for the whole file.
 */

/** The loudest sample (absolute, every channel) in each of `points` equal slices, 0..1. */
export function peaksOf(channels: readonly Float32Array[], points: number): number[] {
  const length = channels[0]?.length ?? 0;
  if (length === 0 || points <= 0) return [];
  const count = Math.min(points, length);
  const peaks = new Array<number>(count).fill(0);
  for (const samples of channels) {
    for (let p = 0; p < count; p += 1) {
      const start = Math.floor((p * length) / count);
      const end = Math.floor(((p + 1) * length) / count);
      let loudest = peaks[p] ?? 0;
      for (let i = start; i < end; i += 1) {
        const value = Math.abs(samples[i] ?? 0);
        if (value > loudest) loudest = value;
      }
      peaks[p] = Math.min(1, loudest);
    }
  }
  return peaks;
}

export interface Outline {
  peaks: number[];
  /** seconds */
  duration: number;
}

/** Fetch and decode `url`, and measure its outline in `points` slices. */
export async function measureOutline(url: string, points: number, signal: AbortSignal): Promise<Outline> {
  const response = await fetch(url, { credentials: "same-origin", signal });
  if (!response.ok) throw new Error(`audio: HTTP ${response.status}`);
  const encoded = await response.arrayBuffer();
  // the decoder resamples to the context's rate; the rate does not matter for an outline
  const decoder = new OfflineAudioContext(1, 1, 44_100);
  const audio = await decoder.decodeAudioData(encoded);
  const channels = Array.from({ length: audio.numberOfChannels }, (_, c) => audio.getChannelData(c));
  return { peaks: peaksOf(channels, points), duration: audio.duration };
}
