/**
 * A render job's progress as the page shows it, folded from the job as read from the API
 * and the events `/ws` pushes (`subscribed`, `queued`, `started`, `progress`, `completed`,
 * `failed`, `cancelled`). Events can arrive late or twice: percent never goes back, and a
 * finished job stays finished.
 */
export type JobStatus = "queued" | "running" | "completed" | "failed" | "cancelled";

export interface JobState {
  jobId: string;
  status: JobStatus;
  stage: string | null;
  percent: number;
  message: string | null;
  reason: string | null;
  /** When the first progress above 0 % was seen (ms), for the time-left estimate. */
  startedAt: number | null;
  startPercent: number;
  /** Estimated seconds left, or null until there is enough to go on. */
  secondsLeft: number | null;
}

/** The job fields that both the API and the socket's events carry. */
export interface JobSnapshot {
  id?: string;
  job_id?: string;
  status: string;
  stage?: string | null;
  percent?: number;
  message?: string | null;
  reason?: string | null;
}

export type LiveEvent = JobSnapshot & { event: string; job?: JobSnapshot };

const FINISHED: ReadonlySet<JobStatus> = new Set(["completed", "failed", "cancelled"]);
const STATUSES: ReadonlySet<string> = new Set(["queued", "running", ...FINISHED]);

export function isFinished(status: JobStatus): boolean {
  return FINISHED.has(status);
}

export function initialState(job: JobSnapshot): JobState {
  const status = STATUSES.has(job.status) ? (job.status as JobStatus) : "queued";
  return {
    jobId: job.id ?? job.job_id ?? "",
    status,
    stage: job.stage ?? null,
    percent: status === "completed" ? 100 : (job.percent ?? 0),
    message: job.message ?? null,
    reason: job.reason ?? null,
    startedAt: null,
    startPercent: 0,
    secondsLeft: null,
  };
}

/** Fold one socket event (or a fresh read of the job) into the state; `now` in ms. */
export function reduceProgress(state: JobState, event: LiveEvent, now: number): JobState {
  const job: JobSnapshot = event.event === "subscribed" && event.job ? event.job : event;
  if (!STATUSES.has(job.status)) return state;
  const said = job.status as JobStatus;
  if (isFinished(state.status) && said !== state.status) {
    // a new render of the same job id never happens; a late event after the end is stale
    return state;
  }
  // a snapshot read before the latest events: a running job is never queued again, and
  // the stage and message of a lower percent are older than the ones shown
  const status = said === "queued" && state.status === "running" ? state.status : said;
  const stale = said !== "completed" && (job.percent ?? state.percent) < state.percent;
  const percent = status === "completed" ? 100 : Math.max(state.percent, job.percent ?? 0);
  const started = state.startedAt ?? (percent > 0 && status === "running" ? now : null);
  const startPercent = state.startedAt === null ? percent : state.startPercent;
  return {
    ...state,
    status,
    stage: stale ? state.stage : (job.stage ?? state.stage),
    percent,
    message: stale ? state.message : (job.message ?? state.message),
    reason: job.reason ?? (status === "failed" ? state.reason : null),
    startedAt: started,
    startPercent,
    secondsLeft: isFinished(status) ? 0 : estimate(started, startPercent, percent, now),
  };
}

/** Seconds left at the rate seen since `startedAt`, or null before 2 % of progress. */
export function estimate(
  startedAt: number | null,
  startPercent: number,
  percent: number,
  now: number,
): number | null {
  if (startedAt === null) return null;
  const done = percent - startPercent;
  const elapsed = (now - startedAt) / 1000;
  if (done < 2 || elapsed <= 0) return null;
  return Math.max(0, Math.round((elapsed / done) * (100 - percent)));
}

/** "about 12 s left", "about 2 min left" */
export function formatTimeLeft(seconds: number | null): string {
  if (seconds === null) return "estimating time left…";
  if (seconds < 1) return "finishing…";
  if (seconds < 60) return `about ${seconds} s left`;
  return `about ${Math.round(seconds / 60)} min left`;
}
