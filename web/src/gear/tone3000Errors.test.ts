import { describe, expect, it } from "vitest";

import { ApiError } from "../api/problem";
import { parseRetryAfter, tone3000Advice, Tone3000CallError, unwrapTone3000 } from "./tone3000Errors";

function problem(status: number, code?: string): ApiError {
  return new ApiError({ type: "x", title: "t", status, detail: `detail ${status}`, ...(code ? { code } : {}) });
}

describe("Retry-After", () => {
  it("reads seconds and dates", () => {
    expect(parseRetryAfter("7")).toBe(7);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30);
  });

  it("is kept on the error of a failed call", () => {
    const response = new Response(null, { status: 429, headers: { "Retry-After": "12" } });
    const body = { type: "x", title: "Too many requests", status: 429, detail: "slow down", code: "tone3000_rate_limited" };
    try {
      unwrapTone3000({ error: body, response });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(Tone3000CallError);
      expect((error as Tone3000CallError).retryAfter).toBe(12);
      expect(tone3000Advice(error).next).toBe("Wait 12 seconds, then try again.");
    }
  });
});

describe("TONE3000 advice", () => {
  it("asks to sign in again on a 401", () => {
    expect(tone3000Advice(problem(401, "tone3000_reauth_required"))).toMatchObject({ action: "sign-in" });
  });
  it("offers a retry when TONE3000 is down", () => {
    for (const status of [502, 503, 504]) expect(tone3000Advice(problem(status)).action).toBe("retry");
  });
  it("names a TONE3000 rate limit", () => {
    const advice = tone3000Advice(problem(429, "tone3000_rate_limited"));
    expect(advice.what).toMatch(/TONE3000 is limiting/);
    expect(advice.next).toBe("Wait a moment, then try again.");
  });
  it("passes other problems through in words", () => {
    expect(tone3000Advice(problem(422))).toMatchObject({ what: "detail 422", action: "none" });
  });
});
