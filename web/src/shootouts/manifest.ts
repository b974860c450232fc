/**
 * What a render's manifest (its `manifest` output, JSON) adds to the page: which chain plays
 * when in the montage, how much each chain was turned up or down to match, and whether the
 * common level was lowered so that none clips. Anything missing is simply left out.
 */
import { queryOptions } from "@tanstack/react-query";

import type { Output } from "./types";

export interface Segment {
  start: number;
  end: number;
  /** The chain's name at render time, or its blind letter. */
  label: string;
}

export interface ManifestFacts {
  segments: Segment[];
  /** label → dB applied to match loudness */
  gains: Map<string, number>;
  /** The level every chain was matched to, when it is below the one asked for. */
  loweredTo: number | null;
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {});

export function readManifest(raw: unknown): ManifestFacts {
  const manifest = obj(raw);
  const timeline = Array.isArray(obj(manifest.montage).timeline) ? (obj(manifest.montage).timeline as unknown[]) : [];
  const segments: Segment[] = [];
  for (const entry of timeline) {
    const e = obj(entry);
    const start = num(e.start_seconds);
    const end = num(e.end_seconds);
    if (start !== null && end !== null && typeof e.label === "string" && end > start) {
      segments.push({ start, end, label: e.label });
    }
  }
  segments.sort((a, b) => a.start - b.start);
  const gains = new Map<string, number>();
  for (const entry of Array.isArray(manifest.chains) ? manifest.chains : []) {
    const e = obj(entry);
    const gain = num(e.gain_db);
    if (typeof e.label === "string" && gain !== null) gains.set(e.label, gain);
  }
  const loudness = obj(manifest.loudness);
  const target = num(loudness.target_lufs);
  const lowered = loudness.lowered_for_true_peak === true && target !== null ? target : null;
  return { segments, gains, loweredTo: lowered };
}

/** The segment playing at `seconds`, if any. */
export function segmentAt(segments: readonly Segment[], seconds: number): Segment | null {
  return segments.find((s) => seconds >= s.start && seconds < s.end) ?? null;
}

/** The query for a render's manifest, read once (it never changes). */
export function manifestQuery(output: Output | null) {
  return queryOptions({
    queryKey: ["outputs", "manifest", output?.id ?? ""],
    enabled: output !== null,
    staleTime: Infinity,
    retry: false,
    queryFn: async (): Promise<ManifestFacts> => {
      const response = await fetch(output?.url ?? "", { credentials: "same-origin" });
      if (!response.ok) throw new Error(`manifest: HTTP ${response.status}`);
      return readManifest(await response.json());
    },
  });
}
