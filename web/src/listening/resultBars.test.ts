import { describe, expect, it } from "vitest";

import { barGeometry, ratingText, shareText } from "./resultBars";

describe("a results bar's geometry", () => {
  it("draws a share from 0 to its estimate with the whisker over its interval", () => {
    const g = barGeometry({ estimate: 0.5, low: 0.2366, high: 0.7634 }, 1);
    expect(g.fill).toBe(50);
    expect(g.whiskerLeft).toBeCloseTo(23.66, 10);
    expect(g.whiskerWidth).toBeCloseTo(52.68, 10);
  });

  it("draws a rating on a scale of 100", () => {
    const g = barGeometry({ estimate: 62, low: 55, high: 69 }, 100);
    expect(g.fill).toBe(62);
    expect(g.whiskerLeft).toBeCloseTo(55, 10);
    expect(g.whiskerWidth).toBeCloseTo(14, 10);
  });

  it("keeps bars and whiskers inside the track", () => {
    expect(barGeometry({ estimate: 1.2, low: -0.1, high: 1.5 }, 1)).toEqual({ fill: 100, whiskerLeft: 0, whiskerWidth: 100 });
    expect(barGeometry({ estimate: 0, low: 0, high: 0 }, 1)).toEqual({ fill: 0, whiskerLeft: 0, whiskerWidth: 0 });
    expect(barGeometry({ estimate: Number.NaN, low: 0.1, high: 0.3 }, 1).fill).toBe(0);
  });

  it("puts a whisker given high before low the right way round", () => {
    const g = barGeometry({ estimate: 0.4, low: 0.6, high: 0.2 }, 1);
    expect(g.whiskerLeft).toBeCloseTo(20, 10);
    expect(g.whiskerWidth).toBeCloseTo(40, 10);
  });

  it("writes the figures with their intervals", () => {
    expect(shareText({ estimate: 0.4166, low: 0.1933, high: 0.6805 })).toBe("42 % (19–68 %)");
    expect(ratingText({ estimate: 61.6, low: 54.5, high: 69.2 })).toBe("62 (55–69)");
    expect(ratingText({ estimate: 45, low: -19.2, high: 109 })).toBe("45 (0–100)");
  });
});
