/**
 * One chain or chain group in its list: the name (a link to it), the blocks in a row, a line of
 * facts and anything more, then a button to open it and Delete (asked once more in place).
 */
import { useId } from "react";
import { Link } from "react-router";

import { ConfirmDelete } from "../components/ConfirmDelete";

export function Card({
  to,
  name,
  blocks,
  meta,
  open,
  deleting,
  onDelete,
  children,
}: {
  /** where the name and the open button lead */
  to: string;
  name: string;
  blocks: string;
  meta: React.ReactNode;
  /** the open button's word: "Edit", "Open" */
  open: string;
  deleting: { isPending: boolean; error: unknown };
  onDelete: () => void;
  /** below the facts, e.g. a warning */
  children?: React.ReactNode;
}) {
  const headingId = useId();
  return (
    <li className="card" aria-labelledby={headingId}>
      <div className="card__main">
        <h3 id={headingId} className="card__title">
          <Link to={to}>{name}</Link>
        </h3>
        <p className="card__blocks">{blocks}</p>
        <p className="card__meta muted">{meta}</p>
        {children}
      </div>
      <div className="card__actions actions">
        <Link to={to} className="button button--small" aria-label={`${open} ${name}`}>
          {open}
        </Link>
        <ConfirmDelete what={name} pending={deleting.isPending} error={deleting.error} onConfirm={onDelete} />
      </div>
    </li>
  );
}
