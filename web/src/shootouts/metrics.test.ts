import { describe, expect, it } from "vitest";

import { describeMetric, formatMetric, metricColumns, nextSort, sortRows } from "./metrics";

describe("metricColumns", () => {
  it("keeps numbers, in a fixed order, with units; lists are left out", () => {
    const columns = metricColumns([
      { spectral_centroid_hz: 840, integrated_lufs: -14, third_octave_diff_db: [1, 2], crest_factor_db: 10 },
      { integrated_lufs: -14, true_peak_dbtp: -1, attack_time_ms: 12 },
      null,
    ]);
    expect(columns.map((c) => [c.key, c.unit])).toEqual([
      ["integrated_lufs", "LUFS"],
      ["true_peak_dbtp", "dBTP"],
      ["crest_factor_db", "dB"],
      ["spectral_centroid_hz", "Hz"],
      ["attack_time_ms", "ms"],
    ]);
  });
  it("names an unknown metric from its key", () => {
    expect(describeMetric("attack_time_ms")).toMatchObject({ label: "Attack time", unit: "ms" });
    expect(describeMetric("sparkle")).toMatchObject({ label: "Sparkle", unit: "" });
  });
  it("formats with the unit, and a dash when missing", () => {
    const lufs = describeMetric("integrated_lufs");
    expect(formatMetric(-19.4395, lufs)).toBe("-19.4 LUFS");
    expect(formatMetric(-0.01, lufs)).toBe("0.0 LUFS");
    expect(formatMetric(null, lufs)).toBe("–");
    expect(formatMetric(841.95, describeMetric("spectral_centroid_hz"))).toBe("842 Hz");
    expect(formatMetric(1.66, describeMetric("match_gain_db"))).toBe("+1.7 dB");
    expect(formatMetric(-10.84, describeMetric("match_gain_db"))).toBe("-10.8 dB");
  });
});

describe("sorting", () => {
  const rows = [
    { name: "B", v: 2 as number | null },
    { name: "a", v: null },
    { name: "C", v: 1 },
    { name: "d", v: 2 },
  ];
  const read = (row: (typeof rows)[number], column: string) => (column === "name" ? row.name : row.v);

  it("flips the direction on the same column, starts ascending on another", () => {
    const first = nextSort(null, "v");
    expect(first).toEqual({ column: "v", direction: "ascending" });
    expect(nextSort(first, "v")).toEqual({ column: "v", direction: "descending" });
    expect(nextSort(nextSort(first, "v"), "name")).toEqual({ column: "name", direction: "ascending" });
  });
  it("sorts numbers both ways, missing last, ties stable", () => {
    expect(sortRows(rows, { column: "v", direction: "ascending" }, read).map((r) => r.name)).toEqual(["C", "B", "d", "a"]);
    expect(sortRows(rows, { column: "v", direction: "descending" }, read).map((r) => r.name)).toEqual(["B", "d", "C", "a"]);
  });
  it("sorts names without regard to case", () => {
    expect(sortRows(rows, { column: "name", direction: "ascending" }, read).map((r) => r.name)).toEqual(["a", "B", "C", "d"]);
    expect(sortRows(rows, null, read)).toEqual(rows);
  });
});
