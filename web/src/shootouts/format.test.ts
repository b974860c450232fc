import { describe, expect, it } from "vitest";

import { formatClock, plainReason, slug, stageLabel, statusOf, timeAgo } from "./format";

describe("statusOf", () => {
  it("is a draft without a job", () => {
    expect(statusOf(null)).toEqual({ label: "Draft", tone: "draft", percent: null });
  });
  it("shows the percent while rendering, rounded down", () => {
    expect(statusOf({ status: "running", percent: 42.9 })).toEqual({ label: "Rendering 42 %", tone: "busy", percent: 42 });
  });
  it("names the other states", () => {
    expect(statusOf({ status: "queued", percent: 0 }).label).toBe("Queued");
    expect(statusOf({ status: "completed", percent: 100 }).tone).toBe("done");
    expect(statusOf({ status: "failed", percent: 10 }).label).toBe("Failed");
    expect(statusOf({ status: "cancelled", percent: 10 }).label).toBe("Cancelled");
  });
});

describe("words and numbers", () => {
  it("names the render stages", () => {
    expect(stageLabel("loudness")).toBe("Matching loudness");
    expect(stageLabel(null)).toBe("Starting");
    expect(stageLabel("polishing")).toBe("Polishing");
  });
  it("formats clocks and slugs", () => {
    expect(formatClock(3.5)).toBe("0:04");
    expect(formatClock(75)).toBe("1:15");
    expect(slug("JCM800 into Mesa 4x12!")).toBe("jcm800-into-mesa-4x12");
    expect(slug("Crème brûlée")).toBe("creme-brulee");
    expect(slug("***")).toBe("shootout");
  });
  it("says how long ago", () => {
    const now = Date.parse("2026-03-12T12:00:00Z");
    expect(timeAgo("2026-03-12T11:59:50Z", now)).toBe("just now");
    expect(timeAgo("2026-03-12T11:55:00Z", now)).toBe("5 minutes ago");
    expect(timeAgo("2026-03-11T12:00:00Z", now)).toBe("yesterday");
    expect(timeAgo("not a date", now)).toBe("");
  });
});

describe("plainReason", () => {
  it("drops ids people cannot read", () => {
    expect(plainReason("JCM: gear 01a23ae9-c0e3-70b5-8150-1813a3052656 was removed from your library")).toBe(
      "JCM: a gear item was removed from your library",
    );
    expect(plainReason("chain 01a23ae9-c0e3-70b5-8150-1813a3052656 no longer exists")).toBe("chain no longer exists");
  });
});
