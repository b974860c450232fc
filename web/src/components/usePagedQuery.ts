/** A list read a page at a time: where the reader is, and that page's query. */
import { keepPreviousData, useQuery, type QueryKey, type UseQueryResult } from "@tanstack/react-query";

import type { Paged } from "../api/pages";
import { usePaging, type Paging } from "./usePaging";

export interface PagedQuery<T> {
  paging: Paging;
  query: UseQueryResult<Paged<T>>;
}

/**
 * The page at the reader's offset, `perPage` items long, cached under `key(limit, offset)`; the
 * last page stays on screen while the next one loads.
 */
export function usePagedQuery<T>(
  perPage: number,
  key: (limit: number, offset: number) => QueryKey,
  fetchPage: (limit: number, offset: number) => Promise<Paged<T>>,
): PagedQuery<T> {
  const paging = usePaging(perPage);
  const query = useQuery({
    queryKey: key(perPage, paging.offset),
    queryFn: () => fetchPage(perPage, paging.offset),
    placeholderData: keepPreviousData,
  });
  return { paging, query };
}
