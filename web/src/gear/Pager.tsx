/** Previous / next page links with where we are; pages are in the URL, so they are links. */
import { Link } from "react-router";

import "./Pager.css";

export interface PagerProps {
  page: number;
  pages: number;
  /** The link (search string) for page `n`. */
  hrefFor: (n: number) => string;
  label: string;
}

export function Pager({ page, pages, hrefFor, label }: PagerProps) {
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      {page > 1 ? (
        <Link className="button button--small" to={hrefFor(page - 1)} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className="button button--small pager__off" aria-disabled="true">
          ← Previous
        </span>
      )}
      <span className="pager__where">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link className="button button--small" to={hrefFor(page + 1)} rel="next">
          Next →
        </Link>
      ) : (
        <span className="button button--small pager__off" aria-disabled="true">
          Next →
        </span>
      )}
    </nav>
  );
}
