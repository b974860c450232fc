/** What the A/B engine needs from the browser, and the browser's own: tests hand in fakes. */

export interface AbPlatform {
  fetch: typeof fetch;
  /** The context that plays, at `sampleRate` Hz where the browser allows it. */
  createContext: (sampleRate: number) => AudioContext;
  /** Decode a file at `sampleRate` Hz (its own rate where known: no resampling). */
  decode: (bytes: ArrayBuffer, sampleRate: number) => Promise<AudioBuffer>;
  /** `seconds` of `buffer` from `from` seconds, as a buffer of its own (the rest is let go). */
  crop: (buffer: AudioBuffer, from: number, seconds: number) => AudioBuffer;
}

/** Decoding in an offline context (no user gesture needed), playing in a realtime one. */
export const browserPlatform: AbPlatform = {
  fetch: (input, init) => fetch(input, init),
  createContext: (sampleRate) => {
    try {
      return new AudioContext({ sampleRate, latencyHint: "interactive" });
    } catch {
      // a rate this browser's context refuses: its own rate (sources are resampled as they play)
      return new AudioContext({ latencyHint: "interactive" });
    }
  },
  decode: (bytes, sampleRate) => new OfflineAudioContext(1, 1, sampleRate).decodeAudioData(bytes),
  crop: (buffer, from, seconds) => {
    const rate = buffer.sampleRate;
    const start = Math.min(buffer.length - 1, Math.max(0, Math.round(from * rate)));
    const length = Math.max(1, Math.min(buffer.length - start, Math.round(seconds * rate)));
    const numberOfChannels = buffer.numberOfChannels;
    const part = new AudioBuffer({ length, numberOfChannels, sampleRate: rate });
    for (let c = 0; c < numberOfChannels; c++) {
      part.copyToChannel(buffer.getChannelData(c).subarray(start, start + length), c);
    }
    return part;
  },
};
