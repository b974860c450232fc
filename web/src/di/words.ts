/** DI tracks in words: sizes, rates, channels, and why an upload was refused. */
import { ApiError } from "../api/problem";
import { formatBytes } from "../units";

/** The largest DI the service takes (its `max_di_bytes` default). */
export const MAX_DI_BYTES = 100 * 1024 * 1024;
export const DI_EXTENSIONS = ["wav", "flac", "aif", "aiff", "ogg", "mp3"] as const;
export const DI_ACCEPT = ".wav,.flac,.aif,.aiff,.ogg,.mp3,audio/wav,audio/x-wav,audio/flac,audio/aiff,audio/ogg,audio/mpeg";

export type DiChannel = "left" | "right" | "mix";

/** 83.2 -> "1:23.2" (tenths: DIs are often short). */
export function formatDuration(seconds: number): string {
  const tenths = Math.round(seconds * 10);
  const m = Math.floor(tenths / 600);
  const s = ((tenths % 600) / 10).toFixed(1).padStart(4, "0");
  return `${m}:${s}`;
}

export function channelWords(channel: DiChannel, channels: number): string {
  if (channels === 1) return "The only channel";
  return { left: "Left channel", right: "Right channel", mix: "Both channels mixed" }[channel];
}

/** Why a file cannot be a DI before sending it (type by name, size), or null. */
export function checkDiFile(file: { name: string; size: number }): string | null {
  const extension = file.name.includes(".") ? (file.name.split(".").pop() ?? "").toLowerCase() : "";
  if (!(DI_EXTENSIONS as readonly string[]).includes(extension)) {
    return `“${file.name}” is not a WAV, FLAC, AIFF, OGG or MP3 file. Export the DI as a WAV and upload that.`;
  }
  if (file.size === 0) return `“${file.name}” is empty.`;
  if (file.size > MAX_DI_BYTES) {
    return `“${file.name}” is ${formatBytes(file.size)}; a DI may be at most ${formatBytes(MAX_DI_BYTES)}. Trim it or export it as FLAC.`;
  }
  return null;
}

const UPLOAD_CODES: Record<string, string> = {
  not_audio: "is not an audio file GTS can read. Upload a WAV, FLAC, AIFF, OGG or MP3 recording",
  unsupported_format: "is in a format GTS does not read",
  corrupt: "is damaged and cannot be read to the end",
  too_short: "is too short",
  too_long: "is too long",
  too_large: "is too large",
  empty_file: "is empty",
  unsupported_channels: "has too many channels: a DI is mono or stereo",
  unsupported_sample_rate: "has a sample rate GTS cannot render",
};

/** An upload's refusal in words: what is wrong with the file, and the service's details. */
export function uploadErrorWords(fileName: string, error: unknown): string {
  if (!(error instanceof ApiError)) return `“${fileName}” was not uploaded: ${error instanceof Error ? error.message : "something went wrong"}.`;
  const first = error.problem.errors?.[0];
  const code = first?.code ?? error.problem.code ?? "";
  const reason = first?.reason ?? error.problem.detail;
  const what = UPLOAD_CODES[code];
  if (error.status === 413 && !what) return `“${fileName}” is too large: ${reason}.`;
  if (what) return `“${fileName}” ${what}${reason && !what.includes(reason) ? ` (${reason})` : ""}.`;
  return `“${fileName}” was not uploaded: ${reason}.`;
}
