/**
 * A render in progress: the stage in words, a progress bar with its number and the time left.
 * Screen readers hear each new stage (and the end), not every percent.
 */
import type { JobState } from "../live/progress";
import { formatTimeLeft } from "../live/progress";
import { stageLabel } from "./format";
import { useSecondsLeft } from "./useJobProgress";
import "./JobProgress.css";

/** The sentence announced when the stage or the status changes. */
export function announcement(state: JobState): string {
  switch (state.status) {
    case "queued":
      return "Render queued: waiting for a free renderer.";
    case "running":
      return `Rendering: ${stageLabel(state.stage)}.`;
    case "completed":
      return "Render finished. The results are below.";
    case "failed":
      return `Render failed${state.reason ? `: ${state.reason}` : "."}`;
    case "cancelled":
      return "Render cancelled.";
  }
}

function headline(state: JobState): string {
  switch (state.status) {
    case "queued":
      return "Waiting for a free renderer";
    case "running":
      return stageLabel(state.stage);
    case "completed":
      return "Rendered";
    case "failed":
      return state.stage ? `Failed while ${stageLabel(state.stage).toLowerCase()}` : "Failed";
    case "cancelled":
      return "Cancelled";
  }
}

export function JobProgress({ state, compact = false }: { state: JobState; compact?: boolean }) {
  const secondsLeft = useSecondsLeft(state);
  const percent = Math.floor(state.percent);
  const stage = headline(state);
  // the estimate ran out before the job did: say nothing rather than "finishing" at 60 %
  const left = secondsLeft === 0 && state.percent < 95 ? null : secondsLeft;
  return (
    <div className={compact ? "job-progress job-progress--compact" : "job-progress"}>
      {!compact && (
        <p className="job-progress__stage">
          <strong>{stage}</strong>
          {state.message && <span className="muted"> · {state.message}</span>}
        </p>
      )}
      <div className="job-progress__bar">
        <progress max={100} value={percent} aria-label={compact ? `Render progress, ${stage}` : "Render progress"}>
          {percent} %
        </progress>
        {!compact && (
          <span className="job-progress__percent" aria-hidden="true">
            {percent} %
          </span>
        )}
      </div>
      {!compact && state.status === "running" && <p className="job-progress__left muted">{formatTimeLeft(left)}</p>}
      {!compact && (
        <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
          {announcement(state)}
        </p>
      )}
    </div>
  );
}
