/** Every render of the shootout, newest first (read when opened). */
import { useState } from "react";

import { DataTable } from "../components/DataTable";
import { ErrorNote } from "../components/ErrorNote";
import { Loading } from "../components/Loading";
import { useShootoutJobs } from "./api";
import { formatWhen, statusOf } from "./format";
import { StatusBadge } from "./StatusBadge";
import type { Job } from "./types";

function took(job: Job): string {
  if (!job.finished_at) return "–";
  const seconds = (Date.parse(job.finished_at) - Date.parse(job.created_at)) / 1000;
  if (!Number.isFinite(seconds) || seconds < 0) return "–";
  return seconds < 90 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;
}

export function JobHistory({ shootoutId }: { shootoutId: string }) {
  const [open, setOpen] = useState(false);
  const jobs = useShootoutJobs(shootoutId, open);
  return (
    <details className="panel job-history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h2>Render history</h2>
      </summary>
      {!open ? null : jobs.isPending ? (
        <Loading what="the renders" />
      ) : jobs.isError ? (
        <ErrorNote error={jobs.error} />
      ) : jobs.data.items.length === 0 ? (
        <p className="muted">Not rendered yet.</p>
      ) : (
        <DataTable caption="Renders of this shootout" columns={["Started", "Outcome", "Took", "Tries"]}>
          {jobs.data.items.map((job) => (
            <tr key={job.id}>
              <td>{formatWhen(job.created_at)}</td>
              <td>
                <StatusBadge status={statusOf(job)} />
                {job.reason && <span className="muted"> {job.reason}</span>}
              </td>
              <td>{took(job)}</td>
              <td>{job.attempts}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </details>
  );
}
