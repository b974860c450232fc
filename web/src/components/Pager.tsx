/**
 * Previous / next through a paged list, saying where the reader is ("Page 2 of 5"). With
 * `hrefFor` the pages are links (the page lives in the URL); with `onPage`, buttons.
 */
import { Link } from "react-router";

import "./Pager.css";

export interface PagerProps {
  /** 1-based */
  page: number;
  pages: number;
  /** names the navigation for screen readers, e.g. "Gear pages" */
  label: string;
  hrefFor?: (page: number) => string;
  onPage?: (page: number) => void;
}

export function Pager({ page, pages, label, hrefFor, onPage }: PagerProps) {
  if (pages <= 1) return null;
  const step = (to: number, text: string, rel: "prev" | "next") => {
    const possible = to >= 1 && to <= pages;
    if (!possible) {
      return (
        <span className="button button--small pager__off" aria-disabled="true">
          {text}
        </span>
      );
    }
    if (hrefFor) {
      return (
        <Link className="button button--small" to={hrefFor(to)} rel={rel}>
          {text}
        </Link>
      );
    }
    return (
      <button type="button" className="button button--small" onClick={() => onPage?.(to)}>
        {text}
      </button>
    );
  };
  return (
    <nav className="pager" aria-label={label}>
      {step(page - 1, "← Previous", "prev")}
      <span className="pager__where">
        Page {page} of {pages}
      </span>
      {step(page + 1, "Next →", "next")}
    </nav>
  );
}

/** The page an `offset` falls on, and the number of pages, for lists paged by offset. */
export function pageOf(offset: number, limit: number, total: number): { page: number; pages: number } {
  return { page: Math.floor(offset / limit) + 1, pages: Math.max(1, Math.ceil(total / limit)) };
}
