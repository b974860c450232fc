import { describe, expect, it } from "vitest";

import {
  estimate,
  formatTimeLeft,
  initialState,
  isFinished,
  reduceProgress,
  type JobState,
  type LiveEvent,
} from "./progress";

const JOB = "01a23ae9-f52c-77f4-b079-a935de966b95";

function progress(percent: number, stage = "amp"): LiveEvent {
  return { event: "progress", job_id: JOB, status: "running", stage, percent };
}

function fold(state: JobState, events: Array<[LiveEvent, number]>): JobState {
  return events.reduce((s, [event, at]) => reduceProgress(s, event, at), state);
}

const queued = () => initialState({ id: JOB, status: "queued", percent: 0 });

describe("initialState", () => {
  it("takes the job id from id or job_id", () => {
    expect(initialState({ id: JOB, status: "queued" }).jobId).toBe(JOB);
    expect(initialState({ job_id: JOB, status: "queued" }).jobId).toBe(JOB);
  });

  it("reads an unknown status as queued and a completed job as 100 %", () => {
    expect(initialState({ id: JOB, status: "weird" }).status).toBe("queued");
    expect(initialState({ id: JOB, status: "completed", percent: 40 }).percent).toBe(100);
  });

  it("starts with no estimate", () => {
    const state = initialState({ id: JOB, status: "running", stage: "amp", percent: 30 });
    expect(state).toMatchObject({ status: "running", stage: "amp", percent: 30, secondsLeft: null });
  });
});

describe("reduceProgress", () => {
  it("follows a whole render in order", () => {
    const end = fold(queued(), [
      [{ event: "subscribed", job_id: JOB, status: "", job: { id: JOB, status: "queued", percent: 0 } }, 0],
      [{ event: "started", job_id: JOB, status: "running", percent: 0 }, 100],
      [progress(10, "amp"), 1_000],
      [progress(70, "cab"), 7_000],
      [progress(90, "video"), 9_000],
      [{ event: "completed", job_id: JOB, status: "completed", percent: 100 }, 10_000],
    ]);
    expect(end).toMatchObject({ status: "completed", percent: 100, secondsLeft: 0 });
  });

  it("reads the job inside a subscribed event", () => {
    const state = reduceProgress(
      queued(),
      { event: "subscribed", job_id: JOB, status: "", job: { id: JOB, status: "running", stage: "cab", percent: 71 } },
      1_000,
    );
    expect(state).toMatchObject({ status: "running", stage: "cab", percent: 71 });
  });

  it("ignores events whose status it does not know", () => {
    const state = queued();
    expect(reduceProgress(state, { event: "mystery", job_id: JOB, status: "exploded" }, 0)).toBe(state);
    expect(reduceProgress(state, { event: "subscribed", job_id: JOB, status: "" }, 0)).toBe(state);
  });

  it("never lets the percent go down (late or out-of-order events)", () => {
    const seen: number[] = [];
    let state = queued();
    for (const [percent, at] of [[10, 1_000], [40, 2_000], [25, 2_100], [40, 2_200], [55, 3_000], [0, 3_100]] as const) {
      state = reduceProgress(state, progress(percent), at);
      seen.push(state.percent);
    }
    expect(seen).toEqual([10, 40, 40, 40, 55, 55]);
  });

  it("a progress event without a percent keeps the percent", () => {
    const state = fold(queued(), [[progress(30), 1_000]]);
    const next = reduceProgress(state, { event: "started", job_id: JOB, status: "running" }, 2_000);
    expect(next.percent).toBe(30);
  });

  it("is unchanged in substance by a duplicate event", () => {
    const once = fold(queued(), [[progress(10), 1_000], [progress(30, "cab"), 3_000]]);
    const twice = reduceProgress(once, progress(30, "cab"), 3_000);
    expect(twice).toEqual(once);
  });

  it("a finished job stays finished", () => {
    const done = fold(queued(), [
      [progress(50), 1_000],
      [{ event: "completed", job_id: JOB, status: "completed", percent: 100 }, 2_000],
    ]);
    for (const late of [
      progress(60),
      { event: "started", job_id: JOB, status: "running" },
      { event: "queued", job_id: JOB, status: "queued" },
      { event: "failed", job_id: JOB, status: "failed", reason: "late" },
      { event: "subscribed", job_id: JOB, status: "", job: { id: JOB, status: "running", percent: 80 } },
    ] satisfies LiveEvent[]) {
      expect(reduceProgress(done, late, 3_000)).toBe(done);
    }
    expect(isFinished(done.status)).toBe(true);
  });

  it("a completed job reads 100 % even when the event says less", () => {
    const state = reduceProgress(queued(), { event: "completed", job_id: JOB, status: "completed", percent: 97 }, 0);
    expect(state.percent).toBe(100);
    expect(state.secondsLeft).toBe(0);
  });

  it("keeps the failure reason, also through a duplicate failed event without one", () => {
    const failed = fold(queued(), [
      [progress(20), 1_000],
      [{ event: "failed", job_id: JOB, status: "failed", reason: "capture could not be read" }, 2_000],
    ]);
    expect(failed).toMatchObject({ status: "failed", percent: 20, reason: "capture could not be read" });
    const again = reduceProgress(failed, { event: "failed", job_id: JOB, status: "failed" }, 2_500);
    expect(again.reason).toBe("capture could not be read");
  });

  it("a cancelled job stays cancelled and keeps its percent", () => {
    const cancelled = fold(queued(), [
      [progress(35), 1_000],
      [{ event: "cancelled", job_id: JOB, status: "cancelled" }, 2_000],
    ]);
    expect(cancelled).toMatchObject({ status: "cancelled", percent: 35, secondsLeft: 0 });
    expect(reduceProgress(cancelled, progress(50), 3_000)).toBe(cancelled);
  });

  it("keeps the last stage and message when an event carries none", () => {
    const state = fold(queued(), [
      [{ ...progress(20, "amp"), message: "chain 1 of 2" }, 1_000],
      [{ event: "started", job_id: JOB, status: "running", stage: null, message: null }, 1_500],
    ]);
    expect(state).toMatchObject({ stage: "amp", message: "chain 1 of 2" });
  });

  // A subscription's snapshot is read over HTTP after the socket started listening, so an
  // event can arrive before it (seen on the running stack: `queued` came before `subscribed`),
  // and a snapshot read before a `started` can be delivered after it. Once running, a job is
  // never queued again, and a stage from a lower percent is older than the one shown.
  // Marked `fails` until progress.ts takes the fix in the helper's report; then drop `.fails`.
  it("does not go back from running to queued, nor to an older stage, on a stale snapshot", () => {
    const running = fold(queued(), [[progress(40, "amp"), 1_000], [progress(71, "cab"), 2_000]]);
    const stale = reduceProgress(
      running,
      { event: "subscribed", job_id: JOB, status: "", job: { id: JOB, status: "queued", stage: "amp", percent: 40 } },
      2_100,
    );
    expect(stale).toMatchObject({ status: "running", stage: "cab", percent: 71 });
  });
});

describe("time left", () => {
  it("waits for 2 % of progress before estimating", () => {
    const first = reduceProgress(queued(), progress(10), 1_000);
    expect(first.startedAt).toBe(1_000);
    expect(first.startPercent).toBe(10);
    expect(first.secondsLeft).toBeNull();
    expect(reduceProgress(first, progress(11), 2_000).secondsLeft).toBeNull();
  });

  it("estimates from the rate since the first progress", () => {
    // 10 % → 30 % in 4 s: 0.2 s per percent, 70 % left → 14 s
    const state = fold(queued(), [[progress(10), 1_000], [progress(30), 5_000]]);
    expect(state.secondsLeft).toBe(14);
  });

  it("does not start the clock while queued or at 0 %", () => {
    const state = fold(queued(), [
      [{ event: "queued", job_id: JOB, status: "queued", percent: 0 }, 500],
      [progress(0, "fetching"), 800],
    ]);
    expect(state.startedAt).toBeNull();
    const moving = reduceProgress(state, progress(5), 2_000);
    expect(moving.startedAt).toBe(2_000);
    expect(moving.startPercent).toBe(5);
  });

  it("keeps the clock's start through later events", () => {
    const state = fold(queued(), [[progress(10), 1_000], [progress(20), 3_000], [progress(60), 9_000]]);
    expect(state.startedAt).toBe(1_000);
    expect(state.startPercent).toBe(10);
    // 50 % in 8 s → 0.16 s per percent, 40 % left → 6.4 s
    expect(state.secondsLeft).toBe(6);
  });

  it("estimate() needs a start, progress and elapsed time", () => {
    expect(estimate(null, 0, 50, 10_000)).toBeNull();
    expect(estimate(1_000, 10, 11, 10_000)).toBeNull();
    expect(estimate(1_000, 10, 50, 1_000)).toBeNull();
    expect(estimate(0, 0, 50, 10_000)).toBe(10);
    expect(estimate(0, 0, 100, 10_000)).toBe(0);
  });

  it("formatTimeLeft() says it in words", () => {
    expect(formatTimeLeft(null)).toBe("estimating time left…");
    expect(formatTimeLeft(0)).toBe("finishing…");
    expect(formatTimeLeft(12)).toBe("about 12 s left");
    expect(formatTimeLeft(59)).toBe("about 59 s left");
    expect(formatTimeLeft(150)).toBe("about 3 min left");
  });
});
