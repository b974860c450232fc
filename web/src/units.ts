/** Quantities in words, the same on every page: file sizes, sample rates, channels. */

/** 4_404_019 -> "4.4 MB" (decimal units, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

/** 48000 -> "48 kHz", 44100 -> "44.1 kHz". */
export function formatSampleRate(hz: number): string {
  return `${Number((hz / 1000).toFixed(1))} kHz`;
}

/** 1 -> "Mono", 2 -> "Stereo", else "N channels". */
export function formatChannels(channels: number): string {
  return channels === 1 ? "Mono" : channels === 2 ? "Stereo" : `${channels} channels`;
}
