/** The filtered, paged list of the user's gear, with what to do when it is empty. */
import { useRef } from "react";
import { Link } from "react-router";

import { ErrorNote } from "../components/ErrorNote";
import { Loading } from "../components/Loading";
import { isFiltered, listQuery, pageCount, writeFilters, GEAR_PAGE_SIZE, type GearFilters } from "./filters";
import { GearCard } from "./GearCard";
import { Pager } from "../components/Pager";
import type { GearPage } from "./types";
import { useGearList } from "./useGear";
import "./GearLibrary.css";

export interface GearLibraryProps {
  filters: GearFilters;
  onClearFilters: () => void;
}

function range(page: GearPage): string {
  if (page.total === 0) return "No items";
  const first = page.offset + 1;
  const last = page.offset + page.items.length;
  return `${first}–${last} of ${page.total} item${page.total === 1 ? "" : "s"}`;
}

export function GearLibrary({ filters, onClearFilters }: GearLibraryProps) {
  const list = useGearList(listQuery(filters));
  const statusRef = useRef<HTMLParagraphElement>(null);

  if (list.isPending) return <Loading what="your gear" />;
  if (list.isError) {
    return (
      <>
        <ErrorNote title="Your gear could not be loaded" error={list.error} />
        <button type="button" className="button" onClick={() => void list.refetch()}>
          Try again
        </button>
      </>
    );
  }
  const page = list.data;
  const pages = pageCount(page.total, GEAR_PAGE_SIZE);
  if (page.total === 0 && !isFiltered(filters)) {
    return (
      <div className="empty">
        <p>
          <strong>Your library is empty.</strong>
        </p>
        <p>
          Upload your own <code>.nam</code> captures and <code>.wav</code> cabinet IRs above, or{" "}
          <Link to="/gear/tone3000">import tones from TONE3000</Link>.
        </p>
      </div>
    );
  }
  return (
    <>
      <p ref={statusRef} className="gear-library__status muted" role="status" tabIndex={-1}>
        {range(page)}
        {list.isFetching && !list.isPending ? " (updating…)" : ""}
      </p>
      {page.items.length === 0 ? (
        <div className="empty">
          <p>{page.total === 0 ? "No gear matches these filters." : "This page is empty."}</p>
          <button type="button" className="button" onClick={onClearFilters}>
            Clear filters
          </button>
        </div>
      ) : (
        <ul className="gear-library" aria-label="Gear items">
          {page.items.map((item) => (
            <li key={item.id}>
              <GearCard item={item} onDeleted={() => statusRef.current?.focus()} />
            </li>
          ))}
        </ul>
      )}
      <Pager
        label="Gear pages"
        page={filters.page}
        pages={pages}
        hrefFor={(n) => `?${writeFilters({ ...filters, page: n }).toString()}`}
      />
    </>
  );
}
