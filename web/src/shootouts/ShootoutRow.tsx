/** One shootout in the list; while it renders, its row follows the job live over `/ws`. */
import { Link } from "react-router";

import { isFinished } from "../live/progress";
import { useJobEnded } from "./api";
import { formatWhen, statusOf, timeAgo, VISIBILITY } from "./format";
import { JobProgress } from "./JobProgress";
import { StatusBadge } from "./StatusBadge";
import type { Shootout } from "./types";
import { useJobProgress } from "./useJobProgress";

export function ShootoutRow({ shootout }: { shootout: Shootout }) {
  const ended = useJobEnded();
  const job = shootout.latest_job;
  const active = job !== null && (job.status === "queued" || job.status === "running");
  const live = useJobProgress(active ? job : null, () => ended(shootout.id)).state;
  const status = live ? statusOf({ status: live.status, percent: live.percent }) : statusOf(job);
  return (
    <tr>
      <th scope="row">
        <Link to={`/shootouts/${shootout.id}`}>{shootout.name}</Link>
        <span className="shootout-row__count muted">
          {shootout.chain_ids.length} chains · {shootout.di_ids.length} DI{shootout.di_ids.length > 1 ? "s" : ""}
        </span>
      </th>
      <td>
        <div className="shootout-row__status">
          <StatusBadge status={status} />
          {live && !isFinished(live.status) && <JobProgress state={live} compact />}
        </div>
      </td>
      <td>{VISIBILITY[shootout.visibility].label}</td>
      <td>
        <time dateTime={shootout.updated_at} title={formatWhen(shootout.updated_at)}>
          {timeAgo(shootout.updated_at)}
        </time>
      </td>
    </tr>
  );
}
