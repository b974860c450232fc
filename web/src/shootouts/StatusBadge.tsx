/** A shootout's state at a glance: Draft, Queued, Rendering 42 %, Done, Failed, Cancelled. */
import type { StatusSummary } from "./format";
import "./StatusBadge.css";

export function StatusBadge({ status }: { status: StatusSummary }) {
  return <span className={`status-badge status-badge--${status.tone}`}>{status.label}</span>;
}
