/**
 * Getting one A/B source into memory: the encoded file streamed with its progress, then its
 * sample rate read from the header (FLAC or WAV), so the player can decode at the file's own
 * rate and play without resampling.
 */

/** Fetch `url` whole, reporting the share received (0..1, null without a Content-Length). */
export async function fetchBytes(
  fetcher: typeof fetch,
  url: string,
  signal: AbortSignal,
  onProgress: (fraction: number | null) => void,
): Promise<Uint8Array> {
  const response = await fetcher(url, { credentials: "same-origin", signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const length = Number(response.headers.get("content-length")) || 0;
  if (!response.body) {
    const whole = new Uint8Array(await response.arrayBuffer());
    onProgress(1);
    return whole;
  }
  const reader = response.body.getReader();
  // one buffer of the announced size: the file is held once, not as chunks plus a copy
  let bytes = new Uint8Array(length);
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (received + value.length > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, received + value.length));
      grown.set(bytes.subarray(0, received));
      bytes = grown;
    }
    bytes.set(value, received);
    received += value.length;
    onProgress(length > 0 ? Math.min(1, received / length) : null);
  }
  return received === bytes.length ? bytes : bytes.slice(0, received);
}

/** The sample rate (Hz) a FLAC or WAV file declares in its header; null for anything else. */
export function sniffSampleRate(bytes: Uint8Array): number | null {
  const text = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length >= 21 && text(0) === "fLaC") {
    // STREAMINFO comes first: its 20-bit rate starts 10 bytes into the block (after 4 of header)
    const rate = ((bytes[18] ?? 0) << 12) | ((bytes[19] ?? 0) << 4) | ((bytes[20] ?? 0) >> 4);
    return rate > 0 ? rate : null;
  }
  if (bytes.length >= 12 && text(0) === "RIFF" && text(8) === "WAVE") {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = 12; at + 8 <= bytes.length; ) {
      const size = view.getUint32(at + 4, true);
      if (text(at) === "fmt " && at + 16 <= bytes.length) {
        const rate = view.getUint32(at + 12, true);
        return rate > 0 ? rate : null;
      }
      at += 8 + size + (size % 2);
    }
  }
  return null;
}
