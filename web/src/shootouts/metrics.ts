/**
 * The metrics render measures per chain (render's engine/metrics.py), as table columns with
 * their units; a metric the page does not know yet still shows, named from its key.
 */
export interface MetricColumn {
  key: string;
  label: string;
  unit: string;
  /** What it tells a guitarist (the column header's description). */
  hint: string;
  digits: number;
}

const KNOWN: Record<string, Omit<MetricColumn, "key">> = {
  integrated_lufs: { label: "Loudness", unit: "LUFS", digits: 1, hint: "Integrated loudness (ITU-R BS.1770); matched across chains." },
  match_gain_db: { label: "Level change", unit: "dB", digits: 1, hint: "How much the chain was turned up (+) or down (−) to match the others." },
  loudness_range_lu: { label: "Loudness range", unit: "LU", digits: 1, hint: "How much the loudness moves over the take." },
  true_peak_dbtp: { label: "True peak", unit: "dBTP", digits: 1, hint: "Highest peak between samples." },
  sample_peak_dbfs: { label: "Sample peak", unit: "dBFS", digits: 1, hint: "Highest sample." },
  rms_dbfs: { label: "RMS level", unit: "dBFS", digits: 1, hint: "Average level." },
  crest_factor_db: { label: "Crest factor", unit: "dB", digits: 1, hint: "Peak over average: higher is punchier, lower is more compressed." },
  spectral_centroid_hz: { label: "Brightness", unit: "Hz", digits: 0, hint: "Spectral centroid: higher sounds brighter." },
  band_energy_low_db: { label: "Lows", unit: "dB", digits: 1, hint: "Share of energy below 250 Hz." },
  band_energy_mid_db: { label: "Mids", unit: "dB", digits: 1, hint: "Share of energy from 250 Hz to 2 kHz." },
  band_energy_high_db: { label: "Highs", unit: "dB", digits: 1, hint: "Share of energy above 2 kHz." },
};

const ORDER = Object.keys(KNOWN);

const SUFFIX_UNITS: Array<[string, string]> = [
  ["_lufs", "LUFS"],
  ["_dbtp", "dBTP"],
  ["_dbfs", "dBFS"],
  ["_db", "dB"],
  ["_lu", "LU"],
  ["_hz", "Hz"],
  ["_ms", "ms"],
  ["_s", "s"],
];

/** A column for a metric key this page has no words for: "attack_time_ms" → "Attack time", ms. */
export function describeMetric(key: string): MetricColumn {
  const known = KNOWN[key];
  if (known) return { key, ...known };
  const suffix = SUFFIX_UNITS.find(([end]) => key.endsWith(end));
  const stem = suffix ? key.slice(0, -suffix[0].length) : key;
  const words = stem.replace(/_/g, " ").trim();
  return {
    key,
    label: words.charAt(0).toUpperCase() + words.slice(1),
    unit: suffix ? suffix[1] : "",
    hint: "",
    digits: 2,
  };
}

/** The columns for these rows' metrics: single numbers only (lists are the spectrum plot's). */
export function metricColumns(rows: ReadonlyArray<Record<string, unknown> | null | undefined>): MetricColumn[] {
  const keys = new Set<string>();
  for (const metrics of rows) {
    for (const [key, value] of Object.entries(metrics ?? {})) {
      if (typeof value === "number" && Number.isFinite(value)) keys.add(key);
    }
  }
  const rank = (key: string) => (ORDER.includes(key) ? ORDER.indexOf(key) : ORDER.length);
  return [...keys].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map(describeMetric);
}

export function metricValue(metrics: Record<string, unknown> | null | undefined, key: string): number | null {
  const value = metrics?.[key];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** "-14.0 LUFS", "842 Hz", "–" when missing. */
export function formatMetric(value: number | null, column: MetricColumn): string {
  if (value === null) return "–";
  const fixed = value.toFixed(column.digits);
  // -0.0 reads as 0.0
  const shown = Number(fixed) === 0 ? (0).toFixed(column.digits) : column.key === "match_gain_db" && value > 0 ? `+${fixed}` : fixed;
  return column.unit ? `${shown} ${column.unit}` : shown;
}

export type SortDirection = "ascending" | "descending";

export interface SortBy {
  /** "name", or a metric key. */
  column: string;
  direction: SortDirection;
}

/** The next sort after a click on `column`: a new column ascending, the same one flipped. */
export function nextSort(current: SortBy | null, column: string): SortBy {
  if (current?.column === column) {
    return { column, direction: current.direction === "ascending" ? "descending" : "ascending" };
  }
  return { column, direction: "ascending" };
}

/** Rows sorted by a name or a number, missing values last either way; stable. */
export function sortRows<T>(
  rows: readonly T[],
  sort: SortBy | null,
  read: (row: T, column: string) => string | number | null,
): T[] {
  if (!sort) return [...rows];
  const sign = sort.direction === "ascending" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: read(row, sort.column) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value === b.value) return a.index - b.index;
        return a.value === null ? 1 : -1;
      }
      const order =
        typeof a.value === "number" && typeof b.value === "number"
          ? a.value - b.value
          : String(a.value).localeCompare(String(b.value), undefined, { numeric: true });
      return order === 0 ? a.index - b.index : sign * order;
    })
    .map((x) => x.row);
}
