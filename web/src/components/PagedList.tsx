/**
 * A list read a page at a time, as its query stands: loading, what went wrong, `empty` when it
 * holds nothing, else the page's items with the pager placed by `children`.
 */
import type { UseQueryResult } from "@tanstack/react-query";

import { ErrorNote } from "./ErrorNote";
import { Loading } from "./Loading";
import { Pager, pageOf } from "./Pager";
import type { Paging } from "./usePaging";

export interface PagedListProps<T> {
  query: UseQueryResult<{ items: T[]; total: number }>;
  /** what is loading, e.g. "your DI tracks" */
  what: string;
  /** the title of the note when the list could not be loaded */
  failed: string;
  empty: React.ReactNode;
  paging: Paging;
  /** names the pager for screen readers */
  pagerLabel: string;
  children: (items: T[], pager: React.ReactNode) => React.ReactNode;
}

export function PagedList<T>({ query, what, failed, empty, paging, pagerLabel, children }: PagedListProps<T>) {
  if (query.isPending) return <Loading what={what} />;
  if (query.isError) return <ErrorNote error={query.error} title={failed} />;
  if (query.data.total === 0) return empty;
  const { offset, perPage, setOffset } = paging;
  const pager = <Pager label={pagerLabel} {...pageOf(offset, perPage, query.data.total)} onPage={(n) => setOffset((n - 1) * perPage)} />;
  return children(query.data.items, pager);
}
