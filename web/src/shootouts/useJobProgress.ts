/**
 * A render job followed live: the first state from what the page already knows, then every
 * event `/ws` pushes, folded by the progress reducer. Nothing is polled. `onEnd` runs once
 * when the job is seen to finish here (not for a job that was already over).
 */
import { useEffect, useRef, useState } from "react";

import { initialState, isFinished, reduceProgress, type JobSnapshot, type JobState, type LiveEvent } from "../live/progress";
import { liveSocket } from "../live/socket";

export interface FollowedJob {
  state: JobState | null;
  /** Fold a fresher read of the job (the answer to a cancel) into the state. */
  fold: (snapshot: JobSnapshot) => void;
  /** Whether the job was still going when this page first saw it (so its end happened here). */
  live: boolean;
}

export function useJobProgress(job: JobSnapshot | null, onEnd?: (state: JobState) => void): FollowedJob {
  const jobId = job ? (job.id ?? job.job_id ?? null) : null;
  const [state, setState] = useState<JobState | null>(() => (job ? initialState(job) : null));
  const first = useRef(job);
  first.current = job;
  const ended = useRef(onEnd);
  ended.current = onEnd;
  const [live, setLive] = useState(false);
  const over = useRef(false);

  const step = (event: LiveEvent) =>
    setState((current) => {
      if (!current) return current;
      const next = reduceProgress(current, event, Date.now());
      if (!over.current && isFinished(next.status)) {
        over.current = true;
        // after React has the new state, not inside the updater
        queueMicrotask(() => ended.current?.(next));
      }
      return next;
    });

  useEffect(() => {
    const snapshot = first.current;
    if (!jobId || !snapshot) {
      setState(null);
      return;
    }
    const start = initialState(snapshot);
    setState(start);
    over.current = isFinished(start.status);
    setLive(!over.current);
    if (over.current) return;
    return liveSocket.follow(jobId, step);
  }, [jobId]); // `step` uses only refs and the state setter

  return { state, live, fold: (snapshot) => step({ ...snapshot, event: "read" }) };
}

/** Seconds left, counting down every second between events from the last estimate. */
export function useSecondsLeft(state: JobState | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  const [at, setAt] = useState(() => Date.now());
  const running = state?.status === "running";
  const estimateNow = state?.secondsLeft ?? null;
  useEffect(() => setAt(Date.now()), [estimateNow]);
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  return countDown(estimateNow, at, running ? now : at);
}

/** `seconds` (estimated at `at`, ms) as it stands at `now`; null once the estimate has run
 * out without the job ending (the next event brings a new one). */
export function countDown(seconds: number | null, at: number, now: number): number | null {
  if (seconds === null) return null;
  if (seconds === 0) return 0;
  const left = Math.round(seconds - Math.max(0, now - at) / 1000);
  return left > 0 ? left : null;
}
