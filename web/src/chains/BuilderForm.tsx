/**
 * The form of the chain builder and the group builder: named by a heading only screen readers
 * see, then its parts, a live region that announces changes, and the submit button beside
 * Cancel (back to the chains).
 */
import { Link } from "react-router";

export function BuilderForm({
  className,
  title,
  headingId,
  onSubmit,
  announcement,
  submitLabel,
  pending,
  children,
}: {
  className: string;
  /** the form's name, e.g. "Chain" */
  title: string;
  headingId: string;
  onSubmit: (event: React.FormEvent) => void;
  /** what screen readers hear of the last change */
  announcement: string;
  submitLabel: string;
  /** while sent: the submit button is disabled */
  pending: boolean;
  children: React.ReactNode;
}) {
  return (
    <form className={className} onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        {title}
      </h2>
      {children}
      <div className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </div>
      <div className="actions chain-builder__save">
        <button type="submit" className="button button--primary" disabled={pending}>
          {submitLabel}
        </button>
        <Link to="/chains" className="button button--quiet">
          Cancel
        </Link>
      </div>
    </form>
  );
}
