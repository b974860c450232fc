/** One file being uploaded: its progress, then the item it became or why it was refused. */
import { Link } from "react-router";

import { formatBytes } from "../units";
import { kindLabel } from "./format";
import type { UploadRow } from "./uploadQueue";

function libraryLink(name: string): string {
  return `/gear?${new URLSearchParams({ q: name }).toString()}`;
}

export function UploadRowView({ row }: { row: UploadRow }) {
  const percent = Math.round(row.progress * 100);
  return (
    <li className={`upload-row upload-row--${row.status}`}>
      <div className="upload-row__head">
        <span className="upload-row__name">{row.name}</span>
        <span className="muted">{formatBytes(row.size)}</span>
      </div>
      {(row.status === "waiting" || row.status === "uploading") && (
        <div className="upload-row__progress">
          <progress max={1} value={row.progress} aria-label={`Uploading ${row.name}`} />
          <span className="muted">{row.status === "waiting" ? "Waiting…" : percent < 100 ? `${percent}%` : "Checking…"}</span>
        </div>
      )}
      <>
        {row.status === "created" && row.item && (
          <p className="upload-row__outcome ok-note" role="status">
            {row.name}: added as <Link to={libraryLink(row.item.name)}>{row.item.name}</Link> ({kindLabel(row.item.kind)})
          </p>
        )}
        {row.status === "existing" && row.item && (
          <p className="upload-row__outcome upload-row__existing" role="status">
            {row.name}: already in your library as <Link to={libraryLink(row.item.name)}>{row.item.name}</Link> — nothing
            was added.
          </p>
        )}
        {row.status === "failed" && (
          <div className="upload-row__outcome error-note" role="alert">
            {(row.problems ?? []).map((problem) => (
              <p key={problem}>
                {row.name}: {problem}
              </p>
            ))}
          </div>
        )}
      </>
    </li>
  );
}
