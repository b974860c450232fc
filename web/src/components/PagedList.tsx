/**
 * A list read a page at a time, as its query stands: loading, what went wrong, `empty` when it
 * holds nothing, else the page's items with the pager placed by `children`.
 */
import { ErrorNote } from "./ErrorNote";
import { Loading } from "./Loading";
import { Pager, pageOf } from "./Pager";
import type { PagedQuery } from "./usePagedQuery";

export interface PagedListProps<T> {
  /** the page's query and where the reader is, from `usePagedQuery` */
  list: PagedQuery<T>;
  /** what is loading, e.g. "your DI tracks" */
  what: string;
  /** the title of the note when the list could not be loaded; by default "<What> could not be loaded" */
  failed?: string;
  empty: React.ReactNode;
  /** names the pager for screen readers */
  pagerLabel: string;
  children: (items: T[], pager: React.ReactNode) => React.ReactNode;
}

export function PagedList<T>({ list, what, failed, empty, pagerLabel, children }: PagedListProps<T>) {
  const { query, paging } = list;
  if (query.isPending) return <Loading what={what} />;
  if (query.isError) {
    return <ErrorNote error={query.error} title={failed ?? `${what.charAt(0).toUpperCase()}${what.slice(1)} could not be loaded`} />;
  }
  if (query.data.total === 0) return empty;
  const { offset, perPage, setOffset } = paging;
  const pager = <Pager label={pagerLabel} {...pageOf(offset, perPage, query.data.total)} onPage={(n) => setOffset((n - 1) * perPage)} />;
  return children(query.data.items, pager);
}
