/** Words and numbers of shootouts as a guitarist reads them: status, stage, sizes, times. */
import type { Job, Visibility } from "./types";

/** What each render stage is doing, in words. */
const STAGES: Record<string, string> = {
  fetching: "Fetching your DI and gear",
  amp: "Running the amp captures",
  cab: "Applying the cab IRs",
  effects: "Applying the effects",
  loudness: "Matching loudness",
  montage: "Cutting the A/B montage",
  video: "Making the video and pictures",
  upload: "Saving the results",
};

export function stageLabel(stage: string | null | undefined): string {
  if (!stage) return "Starting";
  return STAGES[stage] ?? stage.charAt(0).toUpperCase() + stage.slice(1);
}

export type StatusTone = "draft" | "busy" | "done" | "failed" | "cancelled";

export interface StatusSummary {
  label: string;
  tone: StatusTone;
  /** 0..100 while rendering, else null. */
  percent: number | null;
}

/** A shootout's state from its latest job: draft, queued, rendering (with percent), done... */
export function statusOf(job: Pick<Job, "status" | "percent"> | null | undefined): StatusSummary {
  if (!job) return { label: "Draft", tone: "draft", percent: null };
  switch (job.status) {
    case "queued":
      return { label: "Queued", tone: "busy", percent: null };
    case "running": {
      const percent = Math.floor(job.percent);
      return { label: `Rendering ${percent} %`, tone: "busy", percent };
    }
    case "completed":
      return { label: "Done", tone: "done", percent: null };
    case "failed":
      return { label: "Failed", tone: "failed", percent: null };
    case "cancelled":
      return { label: "Cancelled", tone: "cancelled", percent: null };
    default:
      return { label: job.status, tone: "draft", percent: null };
  }
}

export const VISIBILITY: Record<Visibility, { label: string; explain: string }> = {
  private: { label: "Private", explain: "Only you can see it." },
  unlisted: {
    label: "Unlisted",
    explain: "Anyone with the link can listen; it is not listed anywhere.",
  },
  public: {
    label: "Public",
    explain: "Anyone can listen, and it is listed on the GTS front page.",
  },
};

/** 3.5 → "0:04", 75 → "1:15". */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "5 minutes ago", "yesterday", "just now". */
export function timeAgo(iso: string, now: number = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  if (!Number.isFinite(seconds)) return "";
  if (Math.abs(seconds) < 45) return "just now";
  const words = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return words.format(Math.round(seconds / size), unit);
  }
  return words.format(Math.round(seconds / 60), "minute");
}

/** "12 Mar 2026, 14:05" in the reader's locale. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** A file-name-safe version of a name: "JCM800 into Mesa 4x12" → "jcm800-into-mesa-4x12". */
export function slug(text: string): string {
  const s = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return s || "shootout";
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** A reason from the API without the ids people cannot read: "gear 01a2… was removed" → "a gear item was removed". */
export function plainReason(reason: string): string {
  return reason
    .replace(new RegExp(`\\bgear ${UUID}`, "gi"), "a gear item")
    .replace(new RegExp(`\\s*${UUID}\\s*`, "gi"), " ")
    .replace(/\s{2,}/g, " ")
    .trim();
}
