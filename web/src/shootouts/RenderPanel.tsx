/**
 * Render the shootout and watch it live: the stage, a progress bar and the time left, pushed
 * by `/ws`; Cancel while it runs; the reason when it fails; "Render again" when it is over.
 */
import { useState } from "react";
import { Link } from "react-router";

import { describe } from "../api/problem";
import { isFinished } from "../live/progress";
import { useCancelJob, useJobEnded, useRender } from "./api";
import { formatWhen, timeAgo } from "./format";
import { JobProgress } from "./JobProgress";
import { renderProblems } from "./renderErrors";
import type { Shootout } from "./types";
import { useJobProgress } from "./useJobProgress";
import "./RenderPanel.css";

export function RenderPanel({ shootout, chainName }: { shootout: Shootout; chainName: (id: string) => string | undefined }) {
  const [submitted, setSubmitted] = useState<{ id: string; status: string; percent: number } | null>(null);
  const ended = useJobEnded();
  const render = useRender(shootout.id);
  const cancel = useCancelJob(shootout.id);
  const latest = shootout.latest_job;
  // the job just asked for, until the shootout's own view names it
  const snapshot = submitted && latest?.id !== submitted.id ? submitted : latest;
  const job = useJobProgress(snapshot, () => ended(shootout.id));
  const state = job.state;
  const active = state !== null && !isFinished(state.status);

  const start = () => {
    cancel.reset();
    render.mutate(undefined, {
      onSuccess: (answer) => setSubmitted({ id: answer.job_id, status: answer.status, percent: 0 }),
    });
  };
  const stop = () => {
    if (state) cancel.mutate(state.jobId, { onSuccess: (answer) => job.fold(answer) });
  };

  return (
    <section className="panel render-panel" aria-labelledby="render-title">
      <h2 id="render-title">Render</h2>
      {state === null && (
        <p className="muted">
          Not rendered yet. Rendering plays every chain over the DI, matches their loudness and cuts the montage{shootout.outputs.video ? ", the video" : ""}
          {shootout.outputs.pictures ? " and the pictures" : ""}.
        </p>
      )}
      {state && (active || job.live) && <JobProgress state={state} />}
      {state && !active && !job.live && latest && (
        <p className="muted">
          Last render {state.status === "completed" ? "finished" : state.status}{" "}
          <time dateTime={latest.finished_at ?? latest.updated_at} title={formatWhen(latest.finished_at ?? latest.updated_at)}>
            {timeAgo(latest.finished_at ?? latest.updated_at)}
          </time>
          .
        </p>
      )}
      {state?.status === "failed" && (
        <div className="error-note">
          <strong>The render failed.</strong> {state.reason ?? "No reason was given."}
        </div>
      )}
      {state?.status === "cancelled" && job.live && <p className="muted">Cancelled: nothing was kept from this render.</p>}
      {render.isError && (
        <div className="error-note" role="alert">
          <strong>This shootout can’t be rendered yet.</strong>
          <ul>
            {renderProblems(render.error, shootout, chainName).map((p) => (
              <li key={p.text}>
                {p.text} {p.fix && <Link to={p.fix.to}>{p.fix.label}</Link>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {cancel.isError && (
        <p className="error-note" role="alert">
          Could not cancel: {describe(cancel.error)}
        </p>
      )}
      <div className="actions">
        {active ? (
          <button type="button" className="button button--danger" onClick={stop} disabled={cancel.isPending || cancel.isSuccess}>
            {cancel.isPending || cancel.isSuccess ? "Cancelling…" : "Cancel render"}
          </button>
        ) : (
          <button type="button" className="button button--primary" onClick={start} disabled={render.isPending}>
            {render.isPending ? "Starting…" : state === null ? "Render" : "Render again"}
          </button>
        )}
      </div>
    </section>
  );
}
